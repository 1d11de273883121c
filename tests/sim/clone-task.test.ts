import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { aclWithout, type RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, cloneAndWait, control, startTestSim, upidOf, vmPath, waitTask } from './helpers.ts';

// Every case here follows qemu-server PVE/API2/Qemu.pm clone_vm: `$load_and_check` runs in the POST
// ("early checks before forking/locking") and again in the qmclone task, which holds
// lock_config_shared(source, 1) and lock_config_full(newid, 1) around `$clonefn`.
describe('pve-sim clone: early checks in the POST, the config written by the task', () => {
  let sim: RunningPveSim;
  const second = 'pve-sim-2';
  const as = (tokenId: string) => `PVEAPIToken=${tokenId}=s`;
  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  const clone = (newid: number, form: Record<string, string> = {}, source = 9003) =>
    call(sim, 'POST', vmPath(sim, source, '/clone'), { form: { newid: String(newid), ...form } });

  it('answers the UPID before the VM exists; the task writes `lock: clone` first, the copy last', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
    const upid = upidOf(await clone(150, { name: 'fresh' }));
    const absent = await call(sim, 'GET', vmPath(sim, 150, '/config'));
    assert.equal(absent.reason, `Configuration file 'nodes/${sim.node}/qemu-server/150.conf' does not exist`);
    assert.equal((await call(sim, 'GET', '/cluster/nextid')).body?.data, '101');

    await control(sim, 'POST', '/faults/task', { type: 'qmclone', hold: true });
    assert.deepEqual((await control(sim, 'POST', '/tasks/release')).body?.data, { released: 1 });
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');

    const held = upidOf(await clone(151, { name: 'copying' }));
    // `# qmclone temporary file\nlock: clone\n`: nothing else until the first disk is copied.
    for (;;) {
      const config = (await call(sim, 'GET', vmPath(sim, 151, '/config'))).body?.data as Record<string, unknown> | undefined;
      if (config) {
        assert.deepEqual(Object.keys(config).sort(), ['digest', 'lock']);
        assert.equal(config['lock'], 'clone');
        break;
      }
    }
    await control(sim, 'POST', '/tasks/release');
    assert.equal((await waitTask(sim, held)).exitstatus, 'OK');
    const done = (await call(sim, 'GET', vmPath(sim, 151, '/config'))).body?.data as Record<string, unknown>;
    assert.deepEqual([done['name'], done['lock']], ['copying', undefined]);
  });

  it('fails the task with "config file already exists" when someone made VM N after the POST; their VM survives', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
    const upid = upidOf(await clone(150, { name: 'mine' }));
    await control(sim, 'POST', '/vms', { vmid: 150, name: 'someone-elses', status: 'running' });
    await control(sim, 'POST', '/tasks/release');
    const task = await waitTask(sim, upid);
    assert.equal(task.exitstatus, 'unable to create VM 150: config file already exists');
    const survivor = sim.sim.guests.get(150);
    assert.deepEqual([survivor?.config['name'], survivor?.status, survivor?.config['lock']], ['someone-elses', 'running', undefined]);
  });

  it('refuses a taken VMID in the POST when its config is on this node', async () => {
    const taken = await clone(100);
    assert.deepEqual([taken.status, taken.reason], [500, 'unable to create VM 100: config file already exists']);
  });

  // pmxcfs memdb.c (vmlist_different_vm_exists → EEXIST) under pve-common PVE/File.pm file_set_contents.
  it('lets a POST onto a VMID of another node pass; the task fails writing the config, the other VM survives', async () => {
    await control(sim, 'POST', '/vms', { vmid: 150, name: 'on-node-2', node: second });
    const upid = upidOf(await clone(150));
    const task = await waitTask(sim, upid);
    assert.equal(task.exitstatus, `close (rename) atomic file '/etc/pve/nodes/${sim.node}/qemu-server/150.conf' failed: File exists`);
    assert.deepEqual([sim.sim.guests.get(150)?.node, sim.sim.guests.get(150)?.config['name']], [second, 'on-node-2']);
  });

  // pve-common PVE/Tools.pm lock_file_full: "can't lock file '<file>' - got timeout".
  it('fails the second of two racing clones with a lock timeout while the first holds the new VMID', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', holdAtStart: true, extraDelayMs: 3000 });
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
    const winner = upidOf(await clone(150, { name: 'winner' }));
    const loser = upidOf(await clone(150, { name: 'loser' }, 9001));
    await control(sim, 'POST', '/tasks/release');
    const lost = await waitTask(sim, loser);
    assert.equal(lost.exitstatus, "can't lock file '/var/lock/qemu-server/lock-150.conf' - got timeout");
    assert.equal((await waitTask(sim, winner)).exitstatus, 'OK');
    assert.equal(sim.sim.guests.get(150)?.config['name'], 'winner');
  });

  // pve-cluster cfs_write_file after every disk: a config deleted by hand meanwhile is written again.
  it('writes the config again when it was removed by hand during the copy', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', hold: true });
    const upid = upidOf(await clone(150, { name: 'mine' }));
    assert.equal(sim.sim.guests.get(150)?.config['lock'], 'clone');
    await control(sim, 'POST', '/vms/150/delete');
    await control(sim, 'POST', '/tasks/release');
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');
    assert.deepEqual([sim.sim.guests.get(150)?.config['name'], sim.sim.guests.get(150)?.config['lock']], ['mine', undefined]);
  });

  it('copies protection and the other options, not template', async () => {
    await call(sim, 'PUT', vmPath(sim, 9003, '/config'), { form: { protection: '1', balloon: '1024', tags: 'base' } });
    await cloneAndWait(sim, 9003, 150, { name: 'copy' });
    const config = sim.sim.guests.get(150)?.config ?? {};
    assert.deepEqual([config['protection'], config['balloon'], config['tags'], config['template'], config['cores']], [1, 1024, 'base', undefined, 2]);
    const refused = await call(sim, 'DELETE', vmPath(sim, 150));
    assert.equal(refused.reason, "can't remove VM 150 - protection mode enabled");
  });

  // qemu-server PVE/AbstractConfig.pm check_lock inside `$load_and_check`.
  it('refuses a clone of a template locked by a backup in the POST, and clones once the lock is gone', async () => {
    await control(sim, 'PATCH', '/vms/9001', { lock: 'backup' });
    const locked = await clone(150, {}, 9001);
    assert.deepEqual([locked.status, locked.reason], [500, 'VM is locked (backup)']);
    await control(sim, 'PATCH', '/vms/9001', { lock: null });
    assert.equal((await waitTask(sim, upidOf(await clone(150, {}, 9001)))).exitstatus, 'OK');
  });

  it('checks the source lock again in the task', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
    const upid = upidOf(await clone(150, {}, 9001));
    await control(sim, 'PATCH', '/vms/9001', { lock: 'backup' });
    await control(sim, 'POST', '/tasks/release');
    assert.equal((await waitTask(sim, upid)).exitstatus, 'VM is locked (backup)');
    assert.equal(sim.sim.guests.has(150), false);
  });

  // qemu-server PVE/API2/Qemu.pm $check_storage_access_clone, PVE/QemuServer.pm check_bridge_access,
  // pve-guest-common PVE/GuestHelpers.pm check_vnet_access.
  it('needs Datastore.AllocateSpace for linked clones too, and SDN.Use on the VLAN when the NIC is tagged', async () => {
    sim.sim.setToken({ tokenId: 'a@pve!nospace', secret: 's', acl: aclWithout(['Datastore.AllocateSpace']) });
    for (const form of [{ newid: '150', full: '0' }, { newid: '150' }] as Record<string, string>[]) {
      const linked = await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { auth: as('a@pve!nospace'), form });
      assert.deepEqual([linked.status, linked.reason], [403, 'Permission check failed (/storage/local-lvm, Datastore.AllocateSpace)']);
    }

    await control(sim, 'PATCH', '/vms/9001', { config: { net0: 'virtio=BC:24:11:90:01:00,bridge=vmbr0,tag=20' } });
    sim.sim.setToken({ tokenId: 'a@pve!bridgeonly', secret: 's', acl: [...aclWithout(['SDN.Use']), { path: '/sdn/zones/localnetwork/vmbr0/30', privs: ['SDN.Use'] }] });
    const vlan = await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { auth: as('a@pve!bridgeonly'), form: { newid: '150' } });
    assert.equal(vlan.reason, 'Permission check failed (/sdn/zones/localnetwork/vmbr0/20, SDN.Use)');
    sim.sim.setToken({ tokenId: 'a@pve!vlan', secret: 's', acl: [...aclWithout(['SDN.Use']), { path: '/sdn/zones/localnetwork/vmbr0/20', privs: ['SDN.Use'] }] });
    const allowed = await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { auth: as('a@pve!vlan'), form: { newid: '150' } });
    assert.equal((await waitTask(sim, upidOf(allowed))).exitstatus, 'OK');
    assert.equal(sim.sim.guests.has(150), true);
  });

  it('follows the target node rules: known node, shared storage only', async () => {
    const unknown = await clone(150, { target: 'nope' });
    assert.equal(unknown.reason, "no such cluster node 'nope'");
    const local = await clone(150, { target: second });
    assert.equal(local.reason, `can't clone VM to node '${second}' (VM uses local storage)`);
    const storage = await clone(150, { target: second, full: '1', storage: 'local-lvm' });
    assert.equal(storage.reason, "can't clone to non-shared storage 'local-lvm'");
    const noImages = await clone(150, { full: '1', storage: 'local' });
    assert.deepEqual([noImages.status, noImages.body?.errors], [400, { storage: "storage 'local' does not support vm images" }]);
    const missing = await clone(150, { full: '1', storage: 'nas' });
    assert.equal(missing.reason, "storage 'nas' does not exist");
    const same = await waitTask(sim, upidOf(await clone(150, { target: sim.node })));
    assert.equal(same.exitstatus, 'OK');
  });

  // pve-storage LvmThinPlugin volume_has_feature: `clone` only from base volumes.
  it('refuses a linked clone of a VM that is not a template, naming the volume', async () => {
    const answer = await clone(150, { full: '0' }, 100);
    assert.equal(answer.reason, "Linked clone feature is not supported for 'local-lvm:vm-100-disk-0' (scsi0)");
  });
});
