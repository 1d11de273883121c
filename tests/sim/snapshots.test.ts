/**
 * Snapshots as qemu-server PVE/API2/Qemu.pm (snapshot, rollback, delsnapshot) and pve-guest-common
 * PVE/AbstractConfig.pm (snapshot_create, snapshot_rollback, snapshot_delete) make them, with
 * pve-storage's volume_has_feature (Plugin.pm, LvmThinPlugin.pm) deciding which disks can snapshot.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { aclWithout, type RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, cloneAndWait, startTestSim, upidOf, vmPath, waitTask } from './helpers.ts';

interface Entry {
  name: string;
  vmstate?: number;
  parent?: string;
  running?: number;
}

describe('pve-sim snapshots', () => {
  let sim: RunningPveSim;
  const as = (tokenId: string) => `PVEAPIToken=${tokenId}=s`;
  const snapshot = (vmid: number, form: Record<string, string>, auth?: string) =>
    call(sim, 'POST', vmPath(sim, vmid, '/snapshot'), { form, ...(auth ? { auth } : {}) });
  const task = async (answer: Awaited<ReturnType<typeof call>>) => waitTask(sim, upidOf(answer));
  const list = async (vmid: number) => (await call(sim, 'GET', vmPath(sim, vmid, '/snapshot'))).body?.data as Entry[];
  const guest = (vmid: number) => sim.sim.guests.get(vmid);

  before(async () => {
    sim = await startTestSim({ timings: { agentStartupMs: 3_600_000 } });
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  it('saves RAM only of a running VM asked for vmstate, and a rollback to it resumes the VM', async () => {
    await cloneAndWait(sim, 9003, 150);
    assert.equal((await task(await snapshot(150, { snapname: 'cold', vmstate: '1' }))).exitstatus, 'OK');
    await task(await call(sim, 'POST', vmPath(sim, 150, '/status/start')));
    assert.equal((await task(await snapshot(150, { snapname: 'warm', vmstate: '1', description: 'with RAM' }))).exitstatus, 'OK');
    const entries = await list(150);
    assert.deepEqual(entries.map((e) => [e.name, e.vmstate ?? null]), [['cold', 0], ['warm', 1], ['current', null]]);
    assert.equal(entries.at(-1)?.parent, 'warm');

    await task(await call(sim, 'POST', vmPath(sim, 150, '/status/stop')));
    const resumed = await task(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/warm/rollback')));
    assert.deepEqual([resumed.type, resumed.exitstatus, guest(150)?.status], ['qmrollback', 'OK', 'running']);
  });

  it('stops a running VM for a rollback, starts it again only with start=1, and keeps the description', async () => {
    await cloneAndWait(sim, 9003, 150);
    await task(await snapshot(150, { snapname: 'clean' }));
    await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { cores: '6', description: 'marker: spp-1-abc', tags: 'broken' } });
    await task(await call(sim, 'POST', vmPath(sim, 150, '/status/start')));

    assert.equal((await task(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/clean/rollback')))).exitstatus, 'OK');
    assert.equal(guest(150)?.status, 'stopped');
    assert.deepEqual([guest(150)?.config['cores'], guest(150)?.config['tags'], guest(150)?.config['description']], [2, undefined, 'marker: spp-1-abc']);

    await task(await call(sim, 'POST', vmPath(sim, 150, '/status/start')));
    const started = await task(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/clean/rollback'), { form: { start: '1' } }));
    assert.deepEqual([started.exitstatus, guest(150)?.status], ['OK', 'running']);
  });

  it('fails inside the task: a used name, a missing snapshot, a lock, a template', async () => {
    await cloneAndWait(sim, 9003, 150);
    await task(await snapshot(150, { snapname: 'one' }));
    assert.equal((await task(await snapshot(150, { snapname: 'one' }))).exitstatus, "snapshot name 'one' already used");
    assert.equal((await task(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/nope/rollback')))).exitstatus, "snapshot 'nope' does not exist");
    assert.equal((await task(await call(sim, 'DELETE', vmPath(sim, 150, '/snapshot/nope')))).exitstatus, "snapshot 'nope' does not exist");
    const vm = guest(150);
    assert.ok(vm);
    vm.config['lock'] = 'backup';
    assert.equal((await task(await snapshot(150, { snapname: 'two' }))).exitstatus, 'VM is locked (backup)');
    assert.equal((await task(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/one/rollback')))).exitstatus, 'VM is locked (backup)');
    assert.equal((await task(await call(sim, 'DELETE', vmPath(sim, 150, '/snapshot/one')))).exitstatus, 'VM is locked (backup)');
    assert.equal((await task(await snapshot(9003, { snapname: 'tpl' }))).exitstatus, "you can't take a snapshot if it's a template");
  });

  it('refuses the reserved names before any task', async () => {
    await cloneAndWait(sim, 9003, 150);
    const current = await snapshot(150, { snapname: 'current' });
    assert.deepEqual([current.status, current.reason], [500, "unable to use snapshot name 'current' (reserved name)"]);
    const pending = await snapshot(150, { snapname: 'PENDING' });
    assert.deepEqual([pending.status, pending.reason], [500, "unable to use snapshot name 'PENDING' (reserved name)"]);
  });

  it('holds the snapshot lock while the snapshot is taken, so a start meanwhile fails on it', async () => {
    await cloneAndWait(sim, 9003, 150);
    sim.sim.setTimings({ snapshotMs: 300 });
    const upid = upidOf(await snapshot(150, { snapname: 'slow' }));
    while (guest(150)?.config['lock'] !== 'snapshot') await new Promise((r) => setImmediate(r));
    assert.equal((await list(150)).find((e) => e.name === 'slow')?.name, 'slow');
    const start = await task(await call(sim, 'POST', vmPath(sim, 150, '/status/start')));
    assert.equal(start.exitstatus, 'VM is locked (snapshot)');
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');
    assert.equal(guest(150)?.config['lock'], undefined);
  });

  it('says "snapshot feature is not available" for raw disks on a file storage (Plugin.pm)', async () => {
    await cloneAndWait(sim, 9003, 150);
    const vm = guest(150);
    assert.ok(vm);
    vm.config['scsi1'] = 'nfs-images:150/vm-150-disk-1.raw,size=8G';
    const refused = await task(await snapshot(150, { snapname: 'nfs' }));
    assert.equal(refused.exitstatus, 'snapshot feature is not available');
    assert.deepEqual((await list(150)).map((e) => e.name), ['current']);
    vm.config['scsi1'] = 'nfs-images:150/vm-150-disk-1.qcow2,size=8G';
    assert.equal((await task(await snapshot(150, { snapname: 'qcow' }))).exitstatus, 'OK');
  });

  it('deletes a snapshot and hands its children to its parent', async () => {
    await cloneAndWait(sim, 9003, 150);
    for (const name of ['a1', 'b2', 'c3']) await task(await snapshot(150, { snapname: name }));
    assert.equal((await task(await call(sim, 'DELETE', vmPath(sim, 150, '/snapshot/b2')))).exitstatus, 'OK');
    const entries = await list(150);
    assert.deepEqual(entries.map((e) => [e.name, e.parent ?? null]), [['a1', null], ['c3', 'a1'], ['current', 'c3']]);
  });

  it('needs VM.Snapshot to take and delete, either snapshot privilege to roll back, and VM.PowerMgmt for start=1', async () => {
    await cloneAndWait(sim, 9003, 150);
    await task(await snapshot(150, { snapname: 'base' }));
    sim.sim.setToken({ tokenId: 'a@pve!nosnap', secret: 's', acl: aclWithout(['VM.Snapshot']) });
    const take = await snapshot(150, { snapname: 'x1' }, as('a@pve!nosnap'));
    assert.deepEqual([take.status, take.reason], [403, 'Permission check failed (/vms/150, VM.Snapshot)']);
    const del = await call(sim, 'DELETE', vmPath(sim, 150, '/snapshot/base'), { auth: as('a@pve!nosnap') });
    assert.equal(del.status, 403);
    const rollback = await task(await call(sim, 'POST', vmPath(sim, 150, '/snapshot/base/rollback'), { auth: as('a@pve!nosnap') }));
    assert.equal(rollback.exitstatus, 'OK');

    sim.sim.setToken({ tokenId: 'a@pve!nothing', secret: 's', acl: aclWithout(['VM.Snapshot', 'VM.Snapshot.Rollback']) });
    const none = await call(sim, 'POST', vmPath(sim, 150, '/snapshot/base/rollback'), { auth: as('a@pve!nothing') });
    assert.equal(none.status, 403);

    sim.sim.setToken({ tokenId: 'a@pve!nopower', secret: 's', acl: aclWithout(['VM.PowerMgmt']) });
    const withStart = await call(sim, 'POST', vmPath(sim, 150, '/snapshot/base/rollback'), { auth: as('a@pve!nopower'), form: { start: '1' } });
    assert.deepEqual([withStart.status, withStart.reason], [403, 'Permission check failed (/vms/150, VM.PowerMgmt)']);
  });
});
