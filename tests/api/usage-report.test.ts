import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, templates } from '../support/deployments.ts';
import { createUser, fixtureAdmin, type TestUser } from '../support/users.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';
import { cronTick, privacyRequest } from '../support/wordpress.ts';
import type { UsageReport } from '../../ui/api/types.ts';

// RAM-hours and VM-hours counted from a hand-made usage history with known timestamps
// (docs/decisions/usage-report.md), and the history the real status changes write.

let allManager: TestUser;
let settingsManager: TestUser;
let rightsManager: TestUser;
let plain: TestUser;
let ownerA: TestUser;
let ownerB: TestUser;
const goneOwner = { id: 987651, login: 'usage_gone' };
const names: Record<number, string> = {};

/** Fake deployment ids, far from the real ones. */
const d1 = 990001;
const d2 = 990002;
const d3 = 990003;
const d4 = 990004;

interface Stretch {
  deployment: number;
  owner: number;
  login: string;
  template: number;
  status: string;
  ramMb: number;
  holdsVm: 0 | 1;
  startedAt: string;
  endedAt: string | null;
}

async function insertStretch(s: Stretch): Promise<void> {
  await query(
    'INSERT INTO wp_spp_usage_history (deployment_id, owner_id, owner_login, template_id, status, ram_mb, holds_vm, started_at, ended_at, open_deployment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [s.deployment, s.owner, s.login, s.template, s.status, s.ramMb, s.holdsVm, s.startedAt, s.endedAt, s.endedAt === null ? s.deployment : null],
  );
}

async function report(qs: string, user: TestUser = allManager): Promise<UsageReport> {
  const response = await api<UsageReport>(user, 'GET', `/reports/usage?${qs}`);
  assert.equal(response.status, 200, `${qs}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const twoDays = 'from=2001-03-01T00:00:00Z&to=2001-03-03T00:00:00Z';

before(async () => {
  allManager = createUser({ login: 'usage_all', rights: ['portal_access', 'manage_all'] });
  settingsManager = createUser({ login: 'usage_settings', rights: ['portal_access', 'manage_settings'] });
  rightsManager = createUser({ login: 'usage_rights', rights: ['portal_access', 'manage_rights'] });
  plain = createUser({ login: 'usage_plain', rights: ['portal_access', 'create', 'start', 'stop', 'delete'] });
  ownerA = createUser({ login: 'usage_a', rights: ['portal_access'] });
  ownerB = createUser({ login: 'usage_b', rights: ['portal_access'] });
  for (const row of await query<{ id: number; name: string }>('SELECT id, name FROM wp_spp_templates WHERE id IN (?, ?)', [templates.linux, templates.windows])) {
    names[row.id] = row.name;
  }
  await query('DELETE FROM wp_spp_usage_history WHERE deployment_id BETWEEN 990001 AND 990009');
  const stretches: Stretch[] = [
    // Running from before the period: 3 h of it with 2 GB, then expired (a VM, no RAM) for 2.5 h.
    { deployment: d1, owner: ownerA.id, login: 'usage_a', template: templates.linux, status: 'RUNNING', ramMb: 2048, holdsVm: 1, startedAt: '2001-02-28 22:00:00', endedAt: '2001-03-01 03:00:00' },
    { deployment: d1, owner: ownerA.id, login: 'usage_a', template: templates.linux, status: 'EXPIRED', ramMb: 0, holdsVm: 1, startedAt: '2001-03-01 03:00:00', endedAt: '2001-03-01 05:30:00' },
    // 1.5 h with 4 GB.
    { deployment: d2, owner: ownerB.id, login: 'usage_b', template: templates.windows, status: 'STOPPED', ramMb: 4096, holdsVm: 1, startedAt: '2001-03-01 10:00:00', endedAt: '2001-03-01 11:30:00' },
    // Still open: its owner was deleted since; the history keeps the login.
    { deployment: d3, owner: goneOwner.id, login: goneOwner.login, template: templates.linux, status: 'STOPPED', ramMb: 1024, holdsVm: 1, startedAt: '2001-03-02 23:00:00', endedAt: null },
    // After the two-day period.
    { deployment: d4, owner: ownerB.id, login: 'usage_b', template: templates.windows, status: 'RUNNING', ramMb: 8192, holdsVm: 1, startedAt: '2001-03-05 00:00:00', endedAt: '2001-03-05 01:00:00' },
  ];
  for (const stretch of stretches) await insertStretch(stretch);
});

after(async () => {
  await query('DELETE FROM wp_spp_usage_history WHERE deployment_id BETWEEN 990001 AND 990009');
  // usage_rights ended the bootstrap; give the later test files the site as it was.
  await query("UPDATE wp_usermeta SET meta_value = '' WHERE meta_key = 'wp__spp_rights' AND user_id = ?", [rightsManager.id]);
});

describe('permissions', () => {
  it('answers 401 when anonymous', async () => {
    const response = await api(null, 'GET', `/reports/usage?${twoDays}`);
    assert.equal(response.status, 401);
    assert.equal(errorOf(response).code, 'rest_not_logged_in');
  });

  it('answers 403 without manage_all or manage_settings, whatever else the caller holds', async () => {
    for (const user of [plain, rightsManager, ownerA]) {
      const response = await api(user, 'GET', `/reports/usage?${twoDays}`);
      assert.equal(response.status, 403, user.login);
      assert.equal(errorOf(response).code, 'rest_forbidden', user.login);
    }
  });

  it('answers holders of manage_settings the same report as holders of manage_all', async () => {
    const bySettings = await report(`${twoDays}&groupBy=user`, settingsManager);
    const byAll = await report(`${twoDays}&groupBy=user`, allManager);
    assert.deepEqual(bySettings.rows, byAll.rows);
  });
});

describe('figures from the hand-made history', () => {
  it('counts RAM-hours and VM-hours per user, clipped to the period, a deleted owner under the login recorded', async () => {
    const body = await report(`${twoDays}&groupBy=user`);
    assert.equal(body.from, '2001-03-01T00:00:00Z');
    assert.equal(body.to, '2001-03-03T00:00:00Z');
    assert.deepEqual(body.totals, { ramGbHours: 13, vmHours: 8 });
    assert.deepEqual(body.rows, [
      { key: `user:${ownerA.id}`, label: 'usage_a', ramGbHours: 6, vmHours: 5.5, deployments: 1 },
      { key: `user:${ownerB.id}`, label: 'usage_b', ramGbHours: 6, vmHours: 1.5, deployments: 1 },
      { key: `user:${goneOwner.id}`, label: 'usage_gone', ramGbHours: 1, vmHours: 1, deployments: 1 },
    ]);
  });

  it('counts per template', async () => {
    const body = await report(`${twoDays}&groupBy=template`);
    assert.deepEqual(body.rows, [
      { key: `template:${templates.linux}`, label: names[templates.linux], ramGbHours: 7, vmHours: 6.5, deployments: 2 },
      { key: `template:${templates.windows}`, label: names[templates.windows], ramGbHours: 6, vmHours: 1.5, deployments: 1 },
    ]);
  });

  it('counts the site per hour for a period of two days, each bucket clipped', async () => {
    const body = await report(`${twoDays}&groupBy=site`);
    assert.equal(body.bucketSeconds, 3600);
    assert.equal(body.series.length, 48);
    const hour = (index: number) => body.series[index];
    assert.deepEqual(hour(0), { start: '2001-03-01T00:00:00Z', ramGbHours: 2, vmHours: 1, averageRamMb: 2048 });
    assert.deepEqual(hour(3), { start: '2001-03-01T03:00:00Z', ramGbHours: 0, vmHours: 1, averageRamMb: 0 });
    assert.deepEqual(hour(5), { start: '2001-03-01T05:00:00Z', ramGbHours: 0, vmHours: 0.5, averageRamMb: 0 });
    assert.deepEqual(hour(10), { start: '2001-03-01T10:00:00Z', ramGbHours: 4, vmHours: 1, averageRamMb: 4096 });
    assert.deepEqual(hour(11), { start: '2001-03-01T11:00:00Z', ramGbHours: 2, vmHours: 0.5, averageRamMb: 2048 });
    assert.deepEqual(hour(47), { start: '2001-03-02T23:00:00Z', ramGbHours: 1, vmHours: 1, averageRamMb: 1024 });
    const sum = (key: 'ramGbHours' | 'vmHours') => body.series.reduce((total, point) => total + point[key], 0);
    assert.equal(sum('ramGbHours'), 13);
    assert.equal(sum('vmHours'), 8);
    // The site's rows are its buckets.
    assert.deepEqual(body.rows.map((row) => [row.key, row.ramGbHours, row.deployments]).slice(10, 12), [
      ['2001-03-01T10:00:00Z', 4, null],
      ['2001-03-01T11:00:00Z', 2, null],
    ]);
  });

  it('counts per day for longer periods; an open stretch runs to the period\'s end', async () => {
    const body = await report('from=2001-03-01T00:00:00Z&to=2001-03-04T00:00:00Z&groupBy=site');
    assert.equal(body.bucketSeconds, 86400);
    assert.deepEqual(body.series.map((point) => [point.ramGbHours, point.vmHours]), [[12, 7], [1, 1], [24, 24]]);
    assert.deepEqual(body.series.map((point) => point.averageRamMb), [512, Math.round(1024 / 24), 1024]);
  });

  it('clips a last bucket shorter than the others, and takes offsets in the period\'s bounds', async () => {
    const body = await report('from=2001-03-01T01:00:00%2B01:00&to=2001-03-01T02:30:00Z&groupBy=site');
    assert.equal(body.from, '2001-03-01T00:00:00Z');
    assert.deepEqual(body.series.map((point) => [point.start, point.ramGbHours, point.averageRamMb]), [
      ['2001-03-01T00:00:00Z', 2, 2048],
      ['2001-03-01T01:00:00Z', 2, 2048],
      ['2001-03-01T02:00:00Z', 1, 2048],
    ]);
    assert.deepEqual(body.totals, { ramGbHours: 5, vmHours: 2.5 });
  });

  it('carries the global limit as set (null when unlimited) and the RAM the deployments hold now', async () => {
    const settings = await snapshotSettings(settingsManager);
    try {
      const held = async (): Promise<number> => Number((await query<{ used: string }>(
        "SELECT COALESCE(SUM(memory_mb), 0) AS used FROM wp_spp_deployments WHERE status IN ('PROVISIONING','STOPPED','RUNNING','DELETING') AND ram_released = 0",
      ))[0]?.used);
      assert.equal((await api(settingsManager, 'PATCH', '/settings', { globalRamLimitMb: 0 })).status, 200);
      const unlimited = await report(`${twoDays}&groupBy=site`);
      assert.deepEqual([unlimited.globalLimitMb, unlimited.currentRamMb], [null, await held()]);
      const limit = (await held()) + 123456;
      assert.equal((await api(settingsManager, 'PATCH', '/settings', { globalRamLimitMb: limit })).status, 200);
      const limited = await report(`${twoDays}&groupBy=user`);
      assert.deepEqual([limited.globalLimitMb, limited.currentRamMb], [limit, await held()]);
    } finally {
      await settings.restore();
    }
  });

  it('counts nothing in a period without usage, and no future', async () => {
    const empty = await report('from=2001-02-01T00:00:00Z&to=2001-02-02T00:00:00Z&groupBy=user');
    assert.deepEqual(empty.rows, []);
    assert.deepEqual(empty.totals, { ramGbHours: 0, vmHours: 0 });
    const future = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
    const ahead = await report(`from=${future}T00:00:00Z&to=${future}T12:00:00Z&groupBy=site`);
    assert.ok(ahead.series.every((point) => point.averageRamMb === null && point.ramGbHours === 0), JSON.stringify(ahead.series));
  });
});

describe('validation', () => {
  const refused = async (qs: string, param: string, code = 'rest_invalid_param') => {
    const response = await api(allManager, 'GET', `/reports/usage?${qs}`);
    assert.equal(response.status, 400, `${qs}: ${JSON.stringify(response.body)}`);
    const error = errorOf(response);
    assert.equal(error.code, code, qs);
    // WordPress names a missing parameter in a list, an invalid one as a key.
    const params = (error.data as { params?: Record<string, string> | string[] }).params ?? {};
    assert.ok((Array.isArray(params) ? params : Object.keys(params)).includes(param), `${qs}: names ${param}`);
    return error.message;
  };

  it('refuses a missing or malformed bound and an unknown grouping', async () => {
    await refused('to=2001-03-02T00:00:00Z', 'from', 'rest_missing_callback_param');
    await refused('from=yesterday&to=2001-03-02T00:00:00Z', 'from');
    await refused(`${twoDays}&groupBy=node`, 'groupBy');
  });

  it('refuses an empty or reversed period, and one longer than 366 days, saying why', async () => {
    assert.match(await refused('from=2001-03-02T00:00:00Z&to=2001-03-02T00:00:00Z', 'to'), /after its start/);
    assert.match(await refused('from=2001-03-02T00:00:00Z&to=2001-03-01T00:00:00Z', 'to'), /after its start/);
    assert.match(await refused('from=2001-01-01T00:00:00Z&to=2002-01-02T00:00:01Z', 'to'), /366 days/);
    await report('from=2001-01-01T00:00:00Z&to=2002-01-02T00:00:00Z&groupBy=site');
  });
});

describe('the history the real status changes write', () => {
  it('opens a stretch at each change of what a deployment holds and ends the last one when it is deleted', async () => {
    const created = await createDeployment(plain, { name: 'Usage history check' });
    const stopped = await provisioned(plain, created.id);
    assert.equal(stopped.status, 'STOPPED', JSON.stringify(stopped));
    const started = await api<{ status: string }>(plain, 'POST', `/deployments/${created.id}/start`);
    assert.equal(started.body.status, 'RUNNING');
    // Running for 20 days: ended, the stretch is stored as pieces of at most 7 days, end to end.
    await query('UPDATE wp_spp_usage_history SET started_at = DATE_SUB(started_at, INTERVAL 20 DAY) WHERE open_deployment = ?', [created.id]);
    const stoppedAgain = await api<{ status: string }>(plain, 'POST', `/deployments/${created.id}/stop`);
    assert.equal(stoppedAgain.body.status, 'STOPPED');
    const pieces = await query<{ started: number; ended: number }>(
      "SELECT UNIX_TIMESTAMP(started_at) AS started, UNIX_TIMESTAMP(ended_at) AS ended FROM wp_spp_usage_history WHERE deployment_id = ? AND status = 'RUNNING' ORDER BY started_at",
      [created.id],
    );
    assert.equal(pieces.length, 3, JSON.stringify(pieces));
    pieces.forEach((piece, index) => {
      assert.ok(Number(piece.ended) - Number(piece.started) <= 7 * 86400, `piece ${index} at most 7 days`);
      if (index > 0) assert.equal(Number(piece.started), Number(pieces[index - 1]?.ended), 'end to end');
    });
    const runningSeconds = Number(pieces[2]?.ended) - Number(pieces[0]?.started);
    assert.ok(runningSeconds >= 20 * 86400 && runningSeconds < 20 * 86400 + 600, String(runningSeconds));
    const deleting = await api<{ status: string }>(plain, 'DELETE', `/deployments/${created.id}`);
    assert.equal(deleting.status, 202);
    for (let tick = 0; tick < 10; tick++) {
      const [row] = await query<{ status: string }>('SELECT status FROM wp_spp_deployments WHERE id = ?', [created.id]);
      if (row?.status === 'DELETED') break;
      cronTick();
    }
    const stretches = await query<{ status: string; ram_mb: number; holds_vm: number; owner_id: number; owner_login: string; template_id: number; ended_at: Date | null; open_deployment: number | null }>(
      'SELECT status, ram_mb, holds_vm, owner_id, owner_login, template_id, ended_at, open_deployment FROM wp_spp_usage_history WHERE deployment_id = ? ORDER BY id',
      [created.id],
    );
    const statuses = stretches.map((s) => s.status);
    // Provisioning may pass through more steps, each a stretch of its own.
    assert.deepEqual([...new Set(statuses)], ['PROVISIONING', 'STOPPED', 'RUNNING', 'DELETING'], JSON.stringify(statuses));
    for (const stretch of stretches) {
      assert.equal(stretch.ram_mb, created.memoryMb);
      assert.equal(stretch.holds_vm, 1);
      assert.equal(stretch.owner_id, plain.id);
      assert.equal(stretch.owner_login, plain.login);
      assert.equal(stretch.template_id, templates.linux);
      assert.notEqual(stretch.ended_at, null, 'every stretch ended: a deleted deployment holds nothing');
      assert.equal(stretch.open_deployment, null);
    }
    const now = new Date();
    const from = new Date(now.getTime() - 3600_000).toISOString();
    const body = await report(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(now.toISOString())}&groupBy=user`);
    const row = body.rows.find((r) => r.key === `user:${plain.id}`);
    assert.equal(row?.deployments, 1, JSON.stringify(body.rows));
  });
});

describe('privacy', () => {
  it('the personal-data eraser blanks the login the history recorded; the report then names the user by the account', async () => {
    const subject = createUser({ login: 'usage_erased', email: 'usage_erased@privacy.example.test', rights: ['portal_access'] });
    await insertStretch({ deployment: 990009, owner: subject.id, login: subject.login, template: templates.linux, status: 'STOPPED', ramMb: 512, holdsVm: 1, startedAt: '2001-03-01 00:00:00', endedAt: '2001-03-01 02:00:00' });
    const { pages } = privacyRequest('usage_erased@privacy.example.test', 'remove_personal_data', fixtureAdmin().id);
    assert.ok(pages.some((page) => typeof page.data !== 'string' && page.data.items_removed), JSON.stringify(pages));
    const [row] = await query<{ owner_login: string }>('SELECT owner_login FROM wp_spp_usage_history WHERE deployment_id = 990009');
    assert.equal(row?.owner_login, '');
    const body = await report(`${twoDays}&groupBy=user`);
    assert.equal(body.rows.find((r) => r.key === `user:${subject.id}`)?.label, 'usage_erased', 'the account still exists');
  });
});
