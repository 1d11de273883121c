import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { lastAuditId, type AuditRow } from '../support/audit.ts';
import { startClusterPortal, TEMPLATE_VMID, type ClusterPortal } from '../support/cluster-portal.ts';
import { query } from '../support/db.ts';
import type { Deployment } from '../support/deployments.ts';
import { httpMode, mockMode, type SnapshotMode } from '../support/snapshot-modes.ts';
import { createUser, type TestUser } from '../support/users.ts';

// Snapshots and "reset to clean" (docs/decisions/snapshots.md), in mock mode and in HTTP mode
// against the simulator, whose snapshots follow qemu-server's PVE/API2/Qemu.pm and
// pve-guest-common's PVE/AbstractConfig.pm. Every change runs as a background step; reads of
// the deployment advance it, as the portal's own UI does.

const SECRET = 'snap-sim-secret-5d1c7e42-93b0-4f6a-8c2e-0a7b9d3f1e64';

interface Snapshot {
  name: string;
  description: string;
  takenAt: string | null;
  withRam: boolean;
  baseline: boolean;
}

interface SnapshotList {
  deployment: Deployment;
  limit: number;
  snapshots: Snapshot[];
}

let portal: ClusterPortal;
let colleague: TestUser;
let manager: TestUser;

before(async () => {
  portal = await startClusterPortal('snap', SECRET);
  colleague = createUser({ login: 'snap_colleague', rights: ['portal_access', 'snapshot'] });
  manager = createUser({ login: 'snap_lead', rights: ['portal_access', 'manage_all', 'snapshot', 'delete'] });
});

after(async () => {
  // No user of this file keeps a right.
  for (const login of ['snap_colleague', 'snap_lead', 'snap_noright']) createUser({ login, rights: [] });
  await portal.close();
});

const list = (id: number, user: TestUser = portal.owner) => api<SnapshotList>(user, 'GET', `/deployments/${id}/snapshots`);
const take = (id: number, body: Record<string, unknown>, user: TestUser = portal.owner) => api<SnapshotList>(user, 'POST', `/deployments/${id}/snapshots`, body);
const rollback = (id: number, name: string, user: TestUser = portal.owner) => api<SnapshotList>(user, 'POST', `/deployments/${id}/snapshots/${name}/rollback`);
const remove = (id: number, name: string, user: TestUser = portal.owner) => api<SnapshotList>(user, 'DELETE', `/deployments/${id}/snapshots/${name}`);

async function names(id: number): Promise<string[]> {
  const response = await list(id);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.snapshots.map((s) => s.name);
}

async function audits(id: number, since: number): Promise<AuditRow[]> {
  return query<AuditRow>('SELECT * FROM wp_spp_audit_logs WHERE deployment_id = ? AND id > ? ORDER BY id', [id, since]);
}

async function settings(body: Record<string, unknown>): Promise<void> {
  const response = await api(portal.manager, 'PATCH', '/settings', body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/** Accepted (202), then settled: no step pending. */
async function done(response: Awaited<ReturnType<typeof take>>, id: number): Promise<Deployment> {
  assert.equal(response.status, 202, JSON.stringify(response.body));
  const settled = await portal.settle(id);
  assert.ok(settled);
  return settled;
}

for (const makeMode of [mockMode, (p: ClusterPortal) => httpMode(p, TEMPLATE_VMID)]) {
  describe(`snapshots (${makeMode === mockMode ? 'mock' : 'http'} mode)`, () => {
    let mode: SnapshotMode;

    beforeEach(async () => {
      mode ??= makeMode(portal);
      await portal.sim.control('POST', '/reset');
      await mode.use();
      await mode.clearFaults();
      await settings({ snapshotLimit: 3 });
    });

    test('provisioning takes the baseline once, without RAM, and reads never take another', async () => {
      const since = await lastAuditId();
      const d = await portal.provisioned(`snap ${mode.name} baseline`);
      assert.equal(d.lastError, null);
      await portal.read(d.id);
      const listed = await list(d.id);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.snapshots.map((s) => [s.name, s.baseline, s.withRam]), [['spp_baseline', true, false]]);
      assert.match(String(listed.body.snapshots[0]?.takenAt), /^\d{4}-\d\d-\d\dT/);
      assert.equal(listed.body.limit, 3);
      // The provisioning's own audit row tells the baseline's outcome.
      const provisionedRows = (await audits(d.id, since)).filter((row) => row.action === 'deployment.provisioned');
      assert.equal(provisionedRows.length, 1);
      assert.equal(JSON.parse(provisionedRows[0]?.details ?? '{}').baseline, 'spp_baseline');
      assert.equal((await audits(d.id, since)).some((row) => row.action.startsWith('deployment.snapshot')), false);
      await portal.remove(d.id);
    });

    test('reset to clean restores the baseline and keeps VMID, name, shares and expiry; a running VM runs again', async () => {
      const d = await portal.provisioned(`snap ${mode.name} reset`);
      assert.equal((await api(portal.owner, 'POST', `/deployments/${d.id}/shares`, { user: colleague.login })).status, 200);
      assert.equal((await api(portal.owner, 'POST', `/deployments/${d.id}/start`)).status, 200);
      const vmid = d.vmid as number;
      await mode.setCores(vmid, 7);
      const since = await lastAuditId();

      // The colleague it is shared with, holding the snapshot right, resets it.
      const accepted = await rollback(d.id, 'spp_baseline', colleague);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      assert.equal(accepted.body.deployment.vmid, vmid);
      assert.ok(accepted.body.snapshots.some((s) => s.baseline), 'the answer lists the snapshots');
      const reset = await done(accepted, d.id);
      assert.deepEqual([reset.status, reset.vmid, reset.name, reset.expiresAt, reset.lastError], ['RUNNING', vmid, d.name, d.expiresAt, null]);
      assert.equal(await mode.cores(vmid), 2);
      assert.equal(await mode.power(vmid), 'running');
      const shares = await api<{ userId: number }[]>(portal.owner, 'GET', `/deployments/${d.id}/shares`);
      assert.deepEqual(shares.body.map((s) => s.userId), [colleague.id]);
      // The request's row is written when it answers, so the worker's may come first.
      const rows = await audits(d.id, since);
      assert.deepEqual(rows.map((r) => [r.action, r.result]).sort(), [['deployment.rollback', 'success'], ['deployment.rolled_back', 'success']]);
      assert.equal(rows.find((r) => r.action === 'deployment.rollback')?.actor_id, colleague.id);

      // A stopped VM stays stopped.
      assert.equal((await api(portal.owner, 'POST', `/deployments/${d.id}/stop`)).status, 200);
      assert.equal((await done(await rollback(d.id, 'spp_baseline'), d.id)).status, 'STOPPED');
      await portal.remove(d.id);
    });

    test('user snapshots: take with description and RAM, list, roll back to, delete; names the portal or Proxmox reserve are refused', async () => {
      const d = await portal.provisioned(`snap ${mode.name} user`);
      assert.equal((await api(portal.owner, 'POST', `/deployments/${d.id}/start`)).status, 200);
      await done(await take(d.id, { name: 'before_update', description: 'Customer config loaded', vmstate: true }), d.id);
      const listed = (await list(d.id)).body.snapshots.find((s) => s.name === 'before_update');
      assert.deepEqual([listed?.description, listed?.withRam, listed?.baseline], ['Customer config loaded', true, false]);

      await mode.setCores(d.vmid as number, 5);
      assert.equal((await done(await rollback(d.id, 'before_update'), d.id)).status, 'RUNNING');
      assert.equal(await mode.cores(d.vmid as number), 2);

      await done(await remove(d.id, 'before_update'), d.id);
      assert.deepEqual(await names(d.id), ['spp_baseline']);

      for (const name of ['spp_mine', 'current', 'Pending']) {
        const reserved = await take(d.id, { name });
        assert.deepEqual([reserved.status, errorOf(reserved).code], [400, 'rest_invalid_param'], name);
      }
      for (const name of ['1starts_with_a_digit', 'with-hyphen']) assert.equal((await take(d.id, { name })).status, 400, name);
      const missing = await rollback(d.id, 'never_taken');
      assert.deepEqual([missing.status, errorOf(missing).code], [404, 'spp_snapshot_not_found']);
      await done(await take(d.id, { name: 'twice' }), d.id);
      const twice = await take(d.id, { name: 'twice' });
      assert.deepEqual([twice.status, errorOf(twice).code], [409, 'spp_snapshot_exists']);
      await portal.remove(d.id);
    });

    test('the per-deployment limit holds under concurrent requests; the baseline does not count', async () => {
      await settings({ snapshotLimit: 2 });
      const d = await portal.provisioned(`snap ${mode.name} limit`);
      const answers = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((name) => take(d.id, { name })));
      const statuses = answers.map((a) => a.status);
      assert.ok(statuses.includes(202), JSON.stringify(statuses));
      for (const refused of answers.filter((a) => a.status !== 202)) {
        assert.ok(['spp_deployment_busy', 'spp_snapshot_limit'].includes(errorOf(refused).code), JSON.stringify(refused.body));
      }
      await portal.settle(d.id);
      for (const name of ['r6', 'r7', 'r8']) {
        const answer = await take(d.id, { name });
        if (answer.status === 202) await portal.settle(d.id);
      }
      const kept = await names(d.id);
      assert.equal(kept.filter((n) => n !== 'spp_baseline').length, 2, JSON.stringify(kept));
      assert.ok(kept.includes('spp_baseline'));
      const over = await take(d.id, { name: 'r9' });
      assert.deepEqual([over.status, errorOf(over).code], [409, 'spp_snapshot_limit']);
      await portal.remove(d.id);
    });

    test('only managers delete the baseline; the snapshot right is needed for every change', async () => {
      const d = await portal.provisioned(`snap ${mode.name} baseline delete`);
      const byOwner = await remove(d.id, 'spp_baseline');
      assert.deepEqual([byOwner.status, errorOf(byOwner).code], [403, 'rest_forbidden']);
      const noRight = createUser({ login: 'snap_noright', rights: ['portal_access', 'start', 'stop'] });
      assert.equal((await api(portal.owner, 'POST', `/deployments/${d.id}/shares`, { user: noRight.login })).status, 200);
      assert.equal((await list(d.id, noRight)).status, 200, 'listing is viewing');
      assert.equal((await rollback(d.id, 'spp_baseline', noRight)).status, 403);
      assert.equal((await take(d.id, { name: 'x1' }, noRight)).status, 403);
      await done(await remove(d.id, 'spp_baseline', manager), d.id);
      assert.deepEqual(await names(d.id), []);
      await portal.remove(d.id);
    });

    test('an expired deployment is neither snapshotted nor reset until prolonged', async () => {
      const d = await portal.provisioned(`snap ${mode.name} expired`);
      await portal.expireNow(d.id);
      assert.equal((await portal.settle(d.id))?.status, 'EXPIRED');
      for (const answer of [await take(d.id, { name: 'late' }), await rollback(d.id, 'spp_baseline'), await remove(d.id, 'spp_baseline', manager)]) {
        assert.deepEqual([answer.status, errorOf(answer).code], [409, 'spp_deployment_expired']);
      }
      assert.deepEqual(await names(d.id), ['spp_baseline'], 'an expired deployment still lists its snapshots');
      assert.equal((await api(portal.owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 2 })).status, 200);
      assert.equal((await done(await rollback(d.id, 'spp_baseline'), d.id)).status, 'STOPPED');
      await portal.remove(d.id);
    });

    test('a storage without snapshots: provisioning ends without a baseline and says why; reset is refused', async () => {
      await mode.snapshotlessStorage();
      try {
        const since = await lastAuditId();
        const d = await portal.provisioned(`snap ${mode.name} nfs`);
        assert.match(String(d.lastError), /No baseline snapshot was taken.*storage that cannot take snapshots \(Proxmox: snapshot feature is not available\)/);
        const [provisionedRow] = (await audits(d.id, since)).filter((row) => row.action === 'deployment.provisioned');
        assert.deepEqual(JSON.parse(provisionedRow?.details ?? '{}').baselineProblem, d.lastError);
        assert.deepEqual(await names(d.id), []);
        const reset = await rollback(d.id, 'spp_baseline');
        assert.deepEqual([reset.status, errorOf(reset).code], [404, 'spp_snapshot_not_found']);
        await portal.remove(d.id);
      } finally {
        await mode.restoreTemplate();
        await mode.clearFaults();
      }
    });

    test('faults at each step end the work with the reason and the deployment usable', async () => {
      const d = await portal.provisioned(`snap ${mode.name} faults`);
      const fails = async (start: () => Promise<Awaited<ReturnType<typeof take>>>, reason: RegExp) => {
        const ended = await done(await start(), d.id);
        assert.match(String(ended.lastError), reason);
        assert.ok(['STOPPED', 'RUNNING'].includes(ended.status), ended.status);
        assert.ok(ended.allowedActions.includes('snapshot'), 'the next snapshot action is offered again');
        await mode.clearFaults();
      };
      await mode.failCall('snapshot', 'storage offline');
      await fails(() => take(d.id, { name: 'f1' }), /storage offline/);
      await mode.failTask('snapshot', 'snapshot feature is not available');
      await fails(() => take(d.id, { name: 'f2' }), /cannot take snapshots/);
      assert.deepEqual(await names(d.id), ['spp_baseline']);
      await mode.failCall('rollback', 'rollback refused');
      await fails(() => rollback(d.id, 'spp_baseline'), /rollback refused/);
      await mode.failTask('rollback', 'unable to rollback vm: disk error');
      await fails(() => rollback(d.id, 'spp_baseline'), /disk error/);
      await mode.failTask('delsnapshot', 'delete failed: volume busy');
      await fails(() => remove(d.id, 'spp_baseline', manager), /volume busy/);
      assert.deepEqual(await names(d.id), ['spp_baseline']);
      const rows = await query<{ n: number }>("SELECT COUNT(*) AS n FROM wp_spp_audit_logs WHERE deployment_id = ? AND action = 'deployment.snapshot_failed'", [d.id]);
      assert.equal(rows[0]?.n, 5);
      await portal.remove(d.id);
    });

    test('a locked VM makes the snapshot wait, then it goes on', async () => {
      const d = await portal.provisioned(`snap ${mode.name} lock`);
      await mode.lock(d.vmid as number, 'backup');
      const accepted = await take(d.id, { name: 'after_backup' });
      assert.equal(accepted.status, 202);
      const waiting = (await portal.read(d.id)).body;
      assert.equal(waiting.step, 'snapshot');
      assert.match(String(waiting.lastError), /^waiting: VM is locked by a (backup|clone)/);
      assert.ok(!waiting.allowedActions.includes('start'), 'nothing else runs meanwhile');
      await mode.lock(d.vmid as number, null);
      await query('UPDATE wp_spp_deployments SET retry_at = NULL WHERE id = ?', [d.id]);
      const settled = await portal.settle(d.id);
      assert.deepEqual([settled?.lastError, (await names(d.id)).sort()], [null, ['after_backup', 'spp_baseline']]);
      await portal.remove(d.id);
    });
  });
}
