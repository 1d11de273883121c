import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, control, startTestSim, upidOf, vmPath, waitTask } from './helpers.ts';

describe('pve-sim clone locks and VMID races', () => {
  let sim: RunningPveSim;
  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  /** Starts a clone that stays running (lock: clone) until released. */
  async function heldClone(newid: number): Promise<string> {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', hold: true });
    return upidOf(await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { form: { newid: String(newid), name: 'held' } }));
  }

  it('shows lock: clone while the clone runs and refuses changes until it ends', async () => {
    const upid = await heldClone(150);
    const config = (await call(sim, 'GET', vmPath(sim, 150, '/config'))).body?.data as Record<string, unknown>;
    assert.equal(config['lock'], 'clone');
    const listed = ((await call(sim, 'GET', `/nodes/${sim.node}/qemu`)).body?.data as Record<string, unknown>[]).find((v) => v['vmid'] === 150);
    assert.equal(listed?.['lock'], 'clone');
    assert.equal(((await call(sim, 'GET', vmPath(sim, 150, '/status/current'))).body?.data as Record<string, unknown>)['lock'], 'clone');
    assert.equal((await waitTaskStatusOnce(upid)), 'running');

    const put = await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { cores: '4' } });
    assert.deepEqual([put.status, put.reason, put.body?.message], [500, 'VM is locked (clone)', 'VM is locked (clone)\n']);
    const post = await call(sim, 'POST', vmPath(sim, 150, '/config'), { form: { cores: '4' } });
    assert.deepEqual([post.status, post.reason], [500, 'VM is locked (clone)']);
    const cloneOfLocked = await call(sim, 'POST', vmPath(sim, 150, '/clone'), { form: { newid: '151' } });
    assert.deepEqual([cloneOfLocked.status, cloneOfLocked.reason], [500, 'VM is locked (clone)']);
    const start = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 150, '/status/start'))));
    assert.equal(start.exitstatus, 'VM is locked (clone)');

    const released = await control(sim, 'POST', '/tasks/release');
    assert.deepEqual(released.body?.data, { released: 1 });
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');
    const after = (await call(sim, 'GET', vmPath(sim, 150, '/config'))).body?.data as Record<string, unknown>;
    assert.equal(after['lock'], undefined);
  });

  // qemu-server PVE/API2/Qemu.pm destroy_vm: early checks (config, protection, running) answer at
  // once; the task takes lock_config (10 s) and PVE/QemuServer.pm destroy_vm refuses a locked config.
  it('answers a DELETE of a locked VM with a UPID; the task waits for the config lock, then refuses the lock', async () => {
    await control(sim, 'PUT', '/timings', { configLockTimeoutMs: 50 });
    const clone = await heldClone(150);
    const waiting = await waitTask(sim, upidOf(await call(sim, 'DELETE', vmPath(sim, 150))));
    assert.equal(waiting.exitstatus, "can't lock file '/var/lock/qemu-server/lock-150.conf' - got timeout");
    await control(sim, 'POST', '/tasks/release');
    assert.equal((await waitTask(sim, clone)).exitstatus, 'OK');

    await control(sim, 'PATCH', '/vms/150', { lock: 'backup' });
    const locked = await waitTask(sim, upidOf(await call(sim, 'DELETE', vmPath(sim, 150))));
    assert.deepEqual([locked.type, locked.exitstatus], ['qmdestroy', 'VM is locked (backup)']);
    assert.equal(sim.sim.guests.has(150), true);
    await control(sim, 'PATCH', '/vms/150', { lock: null });
    assert.equal((await waitTask(sim, upidOf(await call(sim, 'DELETE', vmPath(sim, 150))))).exitstatus, 'OK');
    assert.equal(sim.sim.guests.has(150), false);
  });

  async function waitTaskStatusOnce(upid: string): Promise<string> {
    const answer = await call(sim, 'GET', `/nodes/${sim.node}/tasks/${encodeURIComponent(upid)}/status`);
    return String((answer.body?.data as { status: string }).status);
  }

  it('allows parallel clones of one template', async () => {
    const upids = await Promise.all([150, 151, 152].map(async (id) => upidOf(await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { form: { newid: String(id) } }))));
    const results = await Promise.all(upids.map((u) => waitTask(sim, u)));
    assert.deepEqual(results.map((r) => r.exitstatus), ['OK', 'OK', 'OK']);
  });

  it('gives parallel callers the same nextid; the second clone onto it fails', async () => {
    const [a, b] = await Promise.all([call(sim, 'GET', '/cluster/nextid'), call(sim, 'GET', '/cluster/nextid')]);
    assert.equal(a.body?.data, b.body?.data);
    const id = String(a.body?.data);
    const first = await call(sim, 'POST', vmPath(sim, 9003, '/clone'), { form: { newid: id } });
    assert.equal(first.status, 200);
    const second = await call(sim, 'POST', vmPath(sim, 9002, '/clone'), { form: { newid: id } });
    assert.deepEqual([second.status, second.reason], [500, `unable to create VM ${id}: config file already exists`]);
    assert.equal((await waitTask(sim, upidOf(first))).exitstatus, 'OK');
    const next = await call(sim, 'GET', '/cluster/nextid');
    assert.equal(next.body?.data, String(Number(id) + 1));
    const taken = await call(sim, 'GET', '/cluster/nextid', { query: { vmid: id } });
    assert.deepEqual([taken.status, taken.body?.errors], [400, { vmid: `VM ${id} already exists` }]);
  });

  it('refuses storage for linked clones and unknown target nodes', async () => {
    const linked = await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { form: { newid: '150', full: '0', storage: 'local-lvm' } });
    assert.deepEqual([linked.status, linked.reason], [500, "parameter 'storage' not allowed for linked clones"]);
    const missing = await call(sim, 'POST', vmPath(sim, 4242, '/clone'), { form: { newid: '150' } });
    assert.equal(missing.reason, `unable to find configuration file for VM 4242 on node '${sim.node}'`);
    const linkedOk = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { form: { newid: '150' } })));
    assert.equal(linkedOk.exitstatus, 'OK');
    assert.match(String(sim.sim.guests.get(150)?.config['scsi0']), /^local-lvm:base-9001-disk-0\/vm-150-disk-0,/);
  });
});
