import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { DriftDeployment, DriftDestroyed, DriftReport } from '../../ui/api/types.ts';
import { api, errorOf, type ApiResponse } from '../support/api.ts';
import { audited } from '../support/audit.ts';
import { startClusterPortal, type ClusterPortal } from '../support/cluster-portal.ts';
import { query } from '../support/db.ts';
import type { Deployment } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { cronTick, deleteOption } from '../support/wordpress.ts';
import { startSecondServer } from '../soak/second-server.ts';
import { send } from '../soak/http.ts';

// The drift check against the three-node simulator in HTTP mode (docs/decisions/drift.md): each
// kind of drift is made the way it happens on a real cluster, found by the check, and repaired by
// its one action; every action proves its case again and refuses what is not drift.
//
// Out-of-band changes use the simulator's control API, which edits a guest's config the way
// qemu-server's PVE/API2/Qemu.pm update_vm leaves it (tools/pve-sim/handlers/vm-update.ts);
// the portal's re-apply goes through that handler (PUT …/config, with the digest). Hand-made VMs
// (`POST /_sim/vms`) stand for a VM restored from a backup (qmrestore keeps name, description and
// tags: qemu-server PVE/QemuServer.pm restore_vma_archive copies the config as stored).

const SECRET = 'drift-sim-secret-5c1d7e20-3b8a-4f6e-a9d2-7e41c0b9f583';
const FOREIGN_NONCE = 'zzzzzzzzzzzz';

let portal: ClusterPortal;
let admin: TestUser;
let viewer: TestUser;
let receiver: TestUser;
let small: TestUser;
let outsider: TestUser;
const adopted: number[] = [];
/** Deployments of the bounded check, taken out with their VMs when the simulator stops. */
const bounded: number[] = [];

before(async () => {
  portal = await startClusterPortal('drift', SECRET);
  admin = createUser({ login: 'drift_admin', rights: ['portal_access', 'manage_all', 'delete'] });
  viewer = createUser({ login: 'drift_viewer', rights: ['portal_access', 'manage_all'] });
  receiver = createUser({ login: 'drift_receiver', rights: ['portal_access', 'delete'] });
  small = createUser({ login: 'drift_small', rights: ['portal_access'], ramLimitMb: 1024 });
  outsider = createUser({ login: 'drift_outsider', rights: [] });
});

after(async () => {
  for (const id of [...adopted, ...bounded]) {
    await query("UPDATE wp_spp_deployments SET status = 'DELETED', step = '' WHERE id = ?", [id]);
  }
  for (const login of ['drift_admin', 'drift_viewer', 'drift_receiver', 'drift_small', 'drift_outsider']) createUser({ login, rights: [] });
  deleteOption('spp_drift_report');
  await portal.close();
});

beforeEach(async () => {
  await portal.sim.control('POST', '/reset');
  await portal.useHttp();
});

async function check(user: TestUser = admin): Promise<DriftReport> {
  const response = await api<DriftReport>(user, 'POST', '/drift/check');
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.complete, true);
  return response.body;
}

function expectError(response: ApiResponse<unknown>, status: number, code: string): void {
  assert.deepEqual([response.status, errorOf(response).code], [status, code], JSON.stringify(response.body));
}

function findingOf(report: DriftReport, id: number): DriftDeployment | undefined {
  return report.deployments.find((d) => d.id === id);
}

/** A deployment made and deleted through the portal; its marker then reappears on a VM restored by hand. */
async function restoredOrphan(name: string, vmid: number, extra: Record<string, string | number> = {}): Promise<{ id: number; marker: string }> {
  const d = await portal.provisioned(name);
  const marker = `spp-${d.id}-${(await portal.row(d.id)).vm_marker}`;
  await portal.remove(d.id);
  await portal.sim.createVm({
    vmid, name: `${marker}-restored`, status: 'running',
    config: { description: `Restored by hand\nmarker: ${marker}`, tags: `spp;${marker}`, memory: 2048, cores: 2, ...extra },
  });
  return { id: d.id, marker };
}

test('only manage_all holders see and run the check; destroying and marking gone also need delete', async () => {
  for (const user of [receiver, outsider]) {
    expectError(await api(user, 'GET', '/drift'), 403, 'rest_forbidden');
    expectError(await api(user, 'POST', '/drift/check'), 403, 'rest_forbidden');
  }
  const seen = await api<DriftReport>(viewer, 'GET', '/drift');
  assert.equal(seen.status, 200);
  expectError(await api(viewer, 'POST', '/drift/orphans/4300/destroy', { marker: 'spp-1-aaaaaaaaaaaa' }), 403, 'rest_forbidden');
  expectError(await api(viewer, 'POST', '/drift/deployments/1/gone'), 403, 'rest_forbidden');
});

test('an orphan of a deleted deployment is listed and adopted for a chosen owner, within their quota; another site\'s marker is not ours', async () => {
  const { id, marker } = await restoredOrphan('drift adopt', 4301);
  // Another portal site on the cluster issued the same deployment id with its own nonce.
  await portal.sim.createVm({ vmid: 4302, name: `spp-${id}-${FOREIGN_NONCE}-theirs`, config: { tags: `spp;spp-${id}-${FOREIGN_NONCE}` } });

  const report = await check();
  assert.deepEqual(report.orphans.map((o) => [o.vmid, o.marker, o.deploymentId, o.reason, o.adoptable, o.running]), [[4301, marker, id, 'deleted', true, true]]);
  assert.equal(report.foreignMarkers, 1);
  assert.deepEqual((await api<DriftReport>(viewer, 'GET', '/drift')).body.orphans.map((o) => o.vmid), [4301]);

  const foreign = await api(admin, 'POST', '/drift/orphans/4302/adopt', { marker: `spp-${id}-${FOREIGN_NONCE}`, owner: receiver.login });
  expectError(foreign, 409, 'spp_no_drift');
  expectError(await api(admin, 'POST', '/drift/orphans/4302/adopt', { marker, owner: receiver.login }), 409, 'spp_no_drift');
  expectError(await api(admin, 'POST', '/drift/orphans/4301/adopt', { marker, owner: outsider.login }), 422, 'spp_transfer_target_without_access');
  expectError(await api(admin, 'POST', '/drift/orphans/4301/adopt', { marker, owner: small.login }), 409, 'spp_quota_exceeded');
  assert.equal((await portal.row(id)).status, 'DELETED');

  const { response, rows } = await audited(() => api<Deployment>(viewer, 'POST', '/drift/orphans/4301/adopt', { marker, owner: receiver.login }));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  adopted.push(id);
  assert.deepEqual([response.body.id, response.body.status, response.body.vmid, response.body.ownerLogin], [id, 'RUNNING', 4301, receiver.login]);
  const row = rows.find((r) => r.action === 'drift.adopt');
  assert.equal(row?.result, 'success');
  assert.equal(row?.actor_id, viewer.id);
  assert.equal(row?.deployment_id, id);
  assert.deepEqual(
    JSON.parse(row?.details ?? '{}'),
    { vmid: 4301, marker, toId: receiver.id, toLogin: receiver.login, node: 'pve-sim', reason: 'deleted' },
  );
  assert.deepEqual((await api<DriftReport>(admin, 'GET', '/drift')).body.orphans, [], 'the adopted orphan left the report');

  // The receiver has it, the VM was not touched, and the next check finds nothing to say about it.
  const mine = await api<Deployment>(receiver, 'GET', `/deployments/${id}`);
  assert.equal(mine.status, 200);
  assert.equal((await portal.sim.guest(4301))?.status, 'running');
  const again = await check();
  assert.deepEqual([again.orphans, findingOf(again, id)], [[], undefined]);
  expectError(await api(admin, 'POST', '/drift/orphans/4301/adopt', { marker, owner: receiver.login }), 409, 'spp_no_drift');
  assert.equal((await api(receiver, 'DELETE', `/deployments/${id}`)).status, 202);
  for (let read = 0; read < 40 && (await api(receiver, 'GET', `/deployments/${id}`)).status === 200; read++);
  assert.equal((await portal.row(id)).status, 'DELETED');
  assert.equal(await portal.sim.guest(4301), undefined);
});

test('an orphan is destroyed only with its own marker, protection lifted and stopped first; a live deployment\'s VM never is', async () => {
  const { id, marker } = await restoredOrphan('drift destroy', 4311, { protection: 1 });
  const live = await portal.provisioned('drift live');
  const liveMarker = `spp-${live.id}-${(await portal.row(live.id)).vm_marker}`;
  await portal.sim.createVm({ vmid: 4312, name: `spp-${id}-${FOREIGN_NONCE}`, config: { tags: `spp-${id}-${FOREIGN_NONCE}` } });

  expectError(await api(admin, 'POST', '/drift/orphans/4312/destroy', { marker: `spp-${id}-${FOREIGN_NONCE}` }), 409, 'spp_no_drift');
  expectError(await api(admin, 'POST', `/drift/orphans/${live.vmid}/destroy`, { marker: liveMarker }), 409, 'spp_no_drift');
  expectError(await api(admin, 'POST', '/drift/orphans/4312/destroy', { marker }), 409, 'spp_no_drift');
  assert.ok(await portal.sim.guest(4312));
  assert.ok(await portal.sim.guest(live.vmid!));

  const { response, rows } = await audited(() => api<DriftDestroyed>(admin, 'POST', '/drift/orphans/4311/destroy', { marker }));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(response.body, { vmid: 4311, node: 'pve-sim', marker, destroyed: true });
  assert.equal(await portal.sim.guest(4311), undefined);
  const row = rows.find((r) => r.action === 'drift.destroy');
  assert.deepEqual([row?.result, row?.object_type, row?.object_id], ['success', 'vm', '4311']);
  assert.deepEqual(JSON.parse(row?.details ?? '{}'), { vmid: 4311, marker, node: 'pve-sim', reason: 'deleted', destroyed: true });
  assert.equal((await portal.row(id)).status, 'DELETED');
  await portal.remove(live.id);
});

test('a vanished or replaced VM is found and its deployment marked as gone, without a call to Proxmox', async () => {
  const vanished = await portal.provisioned('drift vanished');
  const replaced = await portal.provisioned('drift replaced');
  await portal.sim.control('POST', `/vms/${vanished.vmid}/delete`);
  await portal.sim.control('POST', `/vms/${replaced.vmid}/delete`);
  await portal.sim.createVm({ vmid: replaced.vmid!, name: 'someone-elses-db' });

  const report = await check();
  assert.deepEqual(findingOf(report, vanished.id)?.kind, 'vm_gone');
  assert.deepEqual(findingOf(report, replaced.id)?.kind, 'vm_replaced');

  const since = await portal.taskCount();
  for (const d of [vanished, replaced]) {
    const { response, rows } = await audited(() => api<Deployment>(admin, 'POST', `/drift/deployments/${d.id}/gone`));
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.status, 'DELETED');
    assert.deepEqual(rows.map((r) => [r.action, r.result, r.deployment_id]), [['drift.mark_gone', 'success', d.id]]);
    expectError(await api(admin, 'POST', `/drift/deployments/${d.id}/gone`), 404, 'spp_deployment_not_found');
  }
  assert.deepEqual(await portal.mutationsOf(replaced.vmid!, since), [], 'someone else\'s VM was not touched');
  assert.equal((await portal.sim.guest(replaced.vmid!))?.name, 'someone-elses-db');
  assert.equal((await check()).deployments.length, 0);
});

test('memory, cores and name changed by hand are found and the deployment\'s size and name put back', async () => {
  const d = await portal.provisioned('drift resized');
  const { vm_marker: nonce } = await portal.row(d.id);
  const before = await portal.sim.guest(d.vmid!);
  expectError(await api(admin, 'POST', `/drift/deployments/${d.id}/reapply`), 409, 'spp_no_drift');
  await portal.sim.control('PATCH', `/vms/${d.vmid}`, { config: { memory: 8192, cores: 6, name: 'renamed-by-hand' } });

  const finding = findingOf(await check(), d.id);
  assert.equal(finding?.kind, 'changed');
  assert.deepEqual(finding?.changes, [
    { field: 'memory', expected: String(before?.config.memory), actual: '8192' },
    { field: 'cores', expected: String(before?.config.cores), actual: '6' },
    { field: 'name', expected: before?.name, actual: 'renamed-by-hand' },
  ]);
  expectError(await api(admin, 'POST', `/drift/deployments/${d.id}/gone`), 409, 'spp_no_drift');
  expectError(await api(admin, 'POST', `/drift/deployments/${d.id}/stop`), 409, 'spp_no_drift');

  const { response, rows } = await audited(() => api<Deployment>(viewer, 'POST', `/drift/deployments/${d.id}/reapply`));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(rows.find((r) => r.action === 'drift.reapply')?.result, 'success');
  const after = await portal.sim.guest(d.vmid!);
  assert.deepEqual([after?.name, after?.config.memory, after?.config.cores], [before?.name, before?.config.memory, before?.config.cores]);
  assert.ok(after?.name.startsWith(`spp-${d.id}-${nonce}`));
  assert.equal(findingOf(await check(), d.id), undefined);
  await portal.remove(d.id);
});

test('a VM started by hand after its deployment expired is found and stopped (and protected) again', async () => {
  const d = await portal.provisioned('drift expired');
  await portal.expireNow(d.id);
  cronTick();
  assert.equal((await portal.settle(d.id))?.status, 'EXPIRED');
  await portal.sim.control('POST', `/vms/${d.vmid}/start`);

  assert.equal(findingOf(await check(), d.id)?.kind, 'running_after_expiry');
  const response = await api<Deployment>(admin, 'POST', `/drift/deployments/${d.id}/stop`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal((await portal.settle(d.id))?.status, 'EXPIRED');
  const vm = await portal.sim.guest(d.vmid!);
  assert.deepEqual([vm?.status, vm?.config.protection], ['stopped', 1]);
  assert.equal(findingOf(await check(), d.id), undefined);
  expectError(await api(admin, 'POST', `/drift/deployments/${d.id}/stop`), 409, 'spp_no_drift');
  await portal.remove(d.id);
});

test('the cron tick runs the check when the last one is older than the interval', async () => {
  const d = await portal.provisioned('drift tick');
  await portal.sim.control('POST', `/vms/${d.vmid}/delete`);
  deleteOption('spp_drift_report');
  assert.equal((await api<DriftReport>(admin, 'GET', '/drift')).body.checkedAt, null);
  cronTick();
  const report = (await api<DriftReport>(admin, 'GET', '/drift')).body;
  assert.notEqual(report.checkedAt, null);
  assert.equal(findingOf(report, d.id)?.kind, 'vm_gone');
  assert.equal((await api(admin, 'POST', `/drift/deployments/${d.id}/gone`)).status, 200);
});

test('a check stops at its bound of config reads; the next ones, by tick or on demand, go on where it stopped until every deployment was compared', async () => {
  // DriftScan::CONFIG_READS: a VM whose name and tags lost the marker costs one config read.
  const configReads = 20;
  const count = configReads + 5;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push(await portal.create(`drift bound ${i}`));
  for (const id of ids) {
    const d = await portal.settle(id);
    bounded.push(id);
    assert.equal(d?.status, 'STOPPED', JSON.stringify(d));
    // Renamed by hand and the tags cleared: only the description (in the config) still carries the marker.
    await portal.sim.control('PATCH', `/vms/${d.vmid}`, { config: { name: `renamed-by-hand-${id}`, tags: null } });
  }
  const mine = (report: DriftReport): number[] => report.deployments.filter((d) => ids.includes(d.id)).map((d) => d.id);

  const first = (await api<DriftReport>(admin, 'POST', '/drift/check')).body;
  assert.equal(first.complete, false, 'more config reads than one check may make');
  assert.ok(mine(first).length > 0 && mine(first).length <= configReads, `at most ${configReads} config reads: ${mine(first).length} found`);
  assert.ok(first.deployments.every((d) => d.kind === 'changed' || !ids.includes(d.id)));

  // The tick does not wait for the interval while a check is incomplete; it goes on after the last one compared.
  cronTick();
  const ticked = (await api<DriftReport>(admin, 'GET', '/drift')).body;
  assert.ok(mine(ticked).length > mine(first).length, `the tick went on: ${mine(first).length} → ${mine(ticked).length}`);
  assert.deepEqual(mine(ticked).slice(0, mine(first).length), mine(first), 'what the first check found is kept');

  let report = ticked;
  for (let run = 0; run < 5 && !report.complete; run++) report = (await api<DriftReport>(admin, 'POST', '/drift/check')).body;
  assert.equal(report.complete, true);
  assert.deepEqual(mine(report), ids, 'every deployment compared, each listed once');
  for (const finding of report.deployments.filter((d) => ids.includes(d.id))) {
    assert.deepEqual(finding.changes.map((c) => [c.field, c.actual]), [['name', `renamed-by-hand-${finding.id}`]]);
  }

  // A finished check is not continued: the next one starts again from the first deployment.
  const again = (await api<DriftReport>(admin, 'POST', '/drift/check')).body;
  assert.equal(again.complete, false);
  assert.deepEqual(mine(again), mine(first));
});

test('two web servers adopting one orphan at once: one adoption only', async () => {
  const second = await startSecondServer();
  try {
    const { id, marker } = await restoredOrphan('drift race', 4321);
    const other = createUser({ login: 'drift_receiver2', rights: ['portal_access'] });
    const answers = await Promise.all([
      send(admin, { method: 'POST', path: '/drift/orphans/4321/adopt', params: { marker, owner: receiver.login } }),
      send(admin, { method: 'POST', path: '/drift/orphans/4321/adopt', params: { marker, owner: other.login }, baseUrl: second.url }),
    ]);
    adopted.push(id);
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, 409], answers.map((a) => a.text).join('\n'));
    const winner = answers.find((a) => a.status === 200)?.json as Deployment;
    const loser = answers.find((a) => a.status === 409)?.json as { code: string };
    assert.ok(['spp_no_drift', 'spp_deployment_busy'].includes(loser.code), loser.code);
    const [owner] = await query<{ owner_id: number; status: string }>('SELECT owner_id, status FROM wp_spp_deployments WHERE id = ?', [id]);
    assert.equal(owner?.status, 'RUNNING');
    assert.equal(Number(owner?.owner_id), winner.ownerLogin === receiver.login ? receiver.id : other.id);
    const rows = await query<{ result: string }>("SELECT result FROM wp_spp_audit_logs WHERE action = 'drift.adopt' AND object_id = '4321' ORDER BY id");
    assert.deepEqual(rows.map((r) => r.result).sort(), ['error', 'success']);
    createUser({ login: 'drift_receiver2', rights: [] });
  } finally {
    await second.server.stop();
  }
});
