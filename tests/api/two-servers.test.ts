import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { query } from '../support/db.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, type TestUser } from '../support/users.ts';
import type { PhpServer } from '../../tools/wp-stack/server.ts';
import { counters, send, type RawResponse } from '../soak/http.ts';
import { PhpLogWatch } from '../soak/php-log.ts';
import { cronTickAsync, startSecondServer, wpCron } from '../soak/second-server.ts';

// `npm run soak` repeats the whole race (SPP_SOAK_ROUNDS) with more requests per round.
const rounds = Number(process.env.SPP_SOAK_ROUNDS ?? 1);
const creates = Number(process.env.SPP_SOAK_CREATES ?? 10);
const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const limitMb = 3 * 2048; // room for three Linux deployments

let second: { url: string; server: PhpServer };
let servers: string[];
let racer: TestUser;
let logs: PhpLogWatch;

before(async () => {
  second = await startSecondServer();
  servers = [testSite().url, second.url];
  racer = createUser({ login: 'ts_racer', rights: lifecycle, ramLimitMb: limitMb });
  logs = new PhpLogWatch();
});

after(async () => {
  await second.server.stop();
  createUser({ login: 'ts_racer', rights: [] });
});

/** Alternates the requests between the two servers and fires cron ticks from both meanwhile. */
async function race(calls: ((baseUrl: string) => Promise<RawResponse>)[]): Promise<RawResponse[]> {
  const ticks = [cronTickAsync(), cronTickAsync(), wpCron(servers[0] ?? ''), wpCron(servers[1] ?? '')];
  const responses = await Promise.all(calls.map((call, i) => call(servers[i % 2] ?? '')));
  await Promise.all(ticks);
  return responses;
}

/** Ticks from both nodes at once until no deployment of the racer has work in flight. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const [row] = await query<{ n: number }>("SELECT COUNT(*) AS n FROM wp_spp_deployments WHERE owner_id = ? AND step <> ''", [racer.id]);
    if (Number(row?.n) === 0) return;
    await Promise.all([cronTickAsync(), cronTickAsync()]);
  }
  assert.fail('deployments still have work in flight after 20 double ticks');
}

async function allocatedMb(): Promise<number> {
  const [row] = await query<{ mb: string | null }>(
    "SELECT SUM(memory_mb) AS mb FROM wp_spp_deployments WHERE owner_id = ? AND status IN ('PROVISIONING', 'STOPPED', 'RUNNING', 'DELETING')",
    [racer.id],
  );
  return Number(row?.mb ?? 0);
}

async function auditCount(action: string, deploymentId: number): Promise<number> {
  const [row] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM wp_spp_audit_logs WHERE action = ? AND deployment_id = ?', [action, deploymentId]);
  return Number(row?.n);
}

async function mockVms(deploymentId: number): Promise<number> {
  const [row] = await query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM wp_spp_mock_vms WHERE name = ? OR name LIKE ?',
    [`spp-${deploymentId}`, `spp-${deploymentId}-%`],
  );
  return Number(row?.n);
}

test('the second server answers REST calls with an application password on its own port', async () => {
  const me = await send(racer, { method: 'GET', path: '/me', baseUrl: second.url });
  assert.equal(me.status, 200, me.text);
  assert.equal((me.json as { login: string }).login, 'ts_racer');
});

for (let round = 1; round <= rounds; round++) {
  test(`round ${round}: creates, prolongs and deletes race on two servers with cron ticks from both`, async (t) => {
    // Creates: the quota holds three; never more succeed, whichever server takes them.
    const created = await race(Array.from({ length: creates }, (_, i) => (baseUrl: string) => send(racer, {
      method: 'POST', path: '/deployments', baseUrl, params: { templateId: templates.linux, name: `two servers ${round}.${i}`, ttlHours: 24 },
    })));
    const ok = created.filter((r) => r.status === 201).map((r) => r.json as Deployment);
    assert.equal(ok.length, 3, created.map((r) => r.status).join(','));
    for (const refused of created.filter((r) => r.status !== 201)) {
      assert.equal(refused.status, 409, refused.text);
      assert.equal((refused.json as { code: string }).code, 'spp_quota_exceeded');
    }
    assert.equal(await allocatedMb(), limitMb);

    // Provisioning: every step once — one VM, one "provisioned" row — and nothing stuck.
    await settle();
    for (const { id } of ok) {
      const [row] = await query<{ status: string; step: string; claimed_until: string | null }>('SELECT status, step, claimed_until FROM wp_spp_deployments WHERE id = ?', [id]);
      assert.deepEqual([row?.status, row?.step], ['STOPPED', ''], `deployment ${id}`);
      assert.equal(await mockVms(id), 1, `deployment ${id} was cloned once`);
      assert.equal(await auditCount('deployment.provisioned', id), 1);
    }

    // Prolongs: each succeeds or is refused cleanly, none is lost, none goes past the maximum TTL.
    const expiry = async (id: number): Promise<number> => {
      const [row] = await query<{ t: number }>('SELECT UNIX_TIMESTAMP(expires_at) AS t FROM wp_spp_deployments WHERE id = ?', [id]);
      return Number(row?.t);
    };
    const before = await Promise.all(ok.map(({ id }) => expiry(id)));
    const prolongs = await race(ok.flatMap(({ id }) => [1, 2, 3, 4].map(() => (baseUrl: string) => send(racer, {
      method: 'POST', path: `/deployments/${id}/prolong`, baseUrl, params: { hours: 1 },
    }))));
    for (const response of prolongs) assert.ok([200, 409].includes(response.status), response.text);
    for (const [i, { id }] of ok.entries()) {
      const granted = prolongs.slice(4 * i, 4 * i + 4).filter((r) => r.status === 200).length;
      // The compare-and-set refuses a prolong only because another one won: one of four always does.
      assert.ok(granted >= 1, `deployment ${id}: none of 4 racing prolongs was granted`);
      assert.equal((await expiry(id)) - (before[i] ?? 0), granted * 3600, `deployment ${id}: ${granted} prolongs of one hour granted`);
    }
    const maxTtl = await query<{ id: number; too_late: number }>(
      `SELECT d.id, d.expires_at > DATE_ADD(UTC_TIMESTAMP(), INTERVAL t.max_ttl_hours HOUR) AS too_late
       FROM wp_spp_deployments d JOIN wp_spp_templates t ON t.id = d.template_id WHERE d.owner_id = ? AND d.status = 'STOPPED'`,
      [racer.id],
    );
    assert.ok(maxTtl.every((row) => Number(row.too_late) === 0));
    assert.equal(await allocatedMb(), limitMb);

    // Deletes: each deployment deleted from both servers at once — one 202, the other refused.
    const destroyTasks = async (): Promise<string[]> =>
      (await query<{ upid: string }>("SELECT upid FROM wp_spp_mock_tasks WHERE upid LIKE '%:qmdestroy:%'")).map((row) => row.upid);
    const earlierDestroys = new Set(await destroyTasks());
    const deletes = await race(ok.flatMap(({ id }) => [1, 2].map(() => (baseUrl: string) => send(racer, {
      method: 'DELETE', path: `/deployments/${id}`, baseUrl,
    }))));
    for (let i = 0; i < ok.length; i++) {
      const pair = [deletes[2 * i]?.status, deletes[2 * i + 1]?.status].sort();
      assert.ok(pair[0] === 202 && [404, 409].includes(pair[1] ?? 0), `delete statuses ${pair.join(',')}`);
    }
    await settle();
    for (const { id } of ok) {
      const [row] = await query<{ status: string; vmid: number }>('SELECT status, vmid FROM wp_spp_deployments WHERE id = ?', [id]);
      assert.equal(row?.status, 'DELETED');
      assert.equal(await mockVms(id), 0, `deployment ${id} left a VM`);
      assert.equal(await auditCount('deployment.deleted', id), 1, `deployment ${id} deleted once`);
      // VMIDs are reused, so only this round's destroy tasks count.
      const destroys = (await destroyTasks()).filter((upid) => !earlierDestroys.has(upid) && upid.includes(`:qmdestroy:${row?.vmid}:`));
      assert.equal(destroys.length, 1, `VM ${row?.vmid} destroyed once`);
    }
    assert.equal(await allocatedMb(), 0);
    assert.deepEqual(logs.problems(), []);
    const statuses = (list: RawResponse[]): string => list.map((r) => r.status).join(' ');
    t.diagnostic(`creates ${statuses(created)} | prolongs ${statuses(prolongs)} | deletes ${statuses(deletes)} | ${counters.requests} requests so far`);
  });
}
