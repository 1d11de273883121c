import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningPveSim, StateDump } from '../../tools/pve-sim/index.ts';
import { call, cloneAndWait, control, startTestSim, upidOf, vmPath, waitTask } from './helpers.ts';

describe('pve-sim fault injection and control API', () => {
  let sim: RunningPveSim;
  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  it('answers HTTP 500 on the next N matching calls only', async () => {
    const added = await control(sim, 'POST', '/faults/http', { method: 'GET', path: '/cluster/nextid', kind: 'error', count: 2, message: 'proxy error' });
    assert.equal(added.status, 200);
    const version = await call(sim, 'GET', '/version');
    assert.equal(version.status, 200, 'other paths are untouched');
    for (let i = 0; i < 2; i++) {
      const failed = await call(sim, 'GET', '/cluster/nextid');
      assert.deepEqual([failed.status, failed.reason, failed.body], [500, 'proxy error', { data: null, message: 'proxy error\n' }]);
    }
    assert.equal((await call(sim, 'GET', '/cluster/nextid')).status, 200);
  });

  it('matches wildcards in paths and drops the connection for resets', async () => {
    await control(sim, 'POST', '/faults/http', { method: 'POST', path: '/nodes/*/qemu/*/clone', kind: 'reset' });
    await assert.rejects(call(sim, 'POST', vmPath(sim, 9001, '/clone'), { form: { newid: '150' } }), (err: NodeJS.ErrnoException) => {
      assert.ok(err.code === 'ECONNRESET' || /socket hang up/.test(err.message), String(err));
      return true;
    });
    assert.equal(sim.sim.guests.has(150), false, 'the reset request never reached the API');
    assert.equal((await call(sim, 'POST', vmPath(sim, 9001, '/clone'), { form: { newid: '150' } })).status, 200);
  });

  it('runs the call but drops the answer for lose-answer: the clone task still creates the VM', async () => {
    await control(sim, 'POST', '/faults/http', { method: 'POST', path: '/nodes/*/qemu/*/clone', kind: 'lose-answer' });
    await assert.rejects(call(sim, 'POST', vmPath(sim, 9001, '/clone'), { form: { newid: '150', name: 'lost' } }), (err: NodeJS.ErrnoException) => {
      assert.ok(err.code === 'ECONNRESET' || /socket hang up/.test(err.message), String(err));
      return true;
    });
    const dump = (await control(sim, 'GET', '/state')).body?.data as StateDump;
    const task = dump.tasks.find((t) => t.type === 'qmclone');
    assert.ok(task, 'the clone ran');
    assert.equal((await waitTask(sim, task.upid)).exitstatus, 'OK');
    assert.equal(sim.sim.guests.get(150)?.config['name'], 'lost');
  });

  it('holds a task before its work with holdAtStart, after it with hold', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmstop', holdAtStart: true });
    const upid = upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/stop')));
    assert.equal(sim.sim.guests.get(100)?.status, 'running');
    assert.equal(sim.sim.tasks.get(upid)?.status, 'running');
    assert.deepEqual((await control(sim, 'POST', '/tasks/release')).body?.data, { released: 1 });
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');
    assert.equal(sim.sim.guests.get(100)?.status, 'stopped');
  });

  it('lets a task that has not reached its hold yet pass it once released', async () => {
    await control(sim, 'PUT', '/timings', { stopMs: 200 });
    await control(sim, 'POST', '/faults/task', { type: 'qmstop', hold: true });
    const upid = upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/stop')));
    assert.deepEqual((await control(sim, 'POST', '/tasks/release')).body?.data, { released: 1 });
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');
  });

  it('hangs the response for timeouts so the client must give up', async () => {
    await control(sim, 'POST', '/faults/http', { path: '/api2/json/version', kind: 'timeout' });
    await assert.rejects(call(sim, 'GET', '/version', { timeoutMs: 100 }), /client timeout/);
    assert.equal((await call(sim, 'GET', '/version')).status, 200);
  });

  // qemu-server PVE/API2/Qemu.pm clone_vm: a failed copy unlinks the config and dies "clone failed: $err".
  it('fails the next task of a type with the given exitstatus and removes the half-made clone', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmclone', fail: 'storage migration failed: no space left on device' });
    const task = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 9002, '/clone'), { form: { newid: '150', full: '1' } })));
    assert.equal(task.exitstatus, 'clone failed: storage migration failed: no space left on device');
    assert.equal(sim.sim.guests.has(150), false);
    const log = await call(sim, 'GET', `/nodes/${sim.node}/tasks/${encodeURIComponent(task.upid)}/log`);
    assert.equal((log.body?.data as { t: string }[]).at(-1)?.t, 'TASK ERROR: clone failed: storage migration failed: no space left on device');
    await cloneAndWait(sim, 9002, 150);
  });

  it('can end a task with warnings, which is still a success', async () => {
    await control(sim, 'POST', '/faults/task', { type: 'qmstop', warnings: 2 });
    const task = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, 100, '/status/stop'))));
    assert.equal(task.exitstatus, 'WARNINGS: 2');
    assert.equal(sim.sim.guests.get(100)?.status, 'stopped');
  });

  it('changes state behind the portal: delete and stop out of band', async () => {
    await cloneAndWait(sim, 9001, 150);
    await control(sim, 'POST', '/vms/150/start');
    assert.equal(((await call(sim, 'GET', vmPath(sim, 150, '/status/current'))).body?.data as { status: string }).status, 'running');
    await control(sim, 'POST', '/vms/150/stop');
    assert.equal(((await call(sim, 'GET', vmPath(sim, 150, '/status/current'))).body?.data as { status: string }).status, 'stopped');
    await control(sim, 'POST', '/vms/150/delete');
    assert.equal((await call(sim, 'GET', vmPath(sim, 150, '/status/current'))).status, 500);
    assert.equal((await control(sim, 'POST', '/vms/150/delete')).status, 404);
  });

  it('dumps state and resets to the seed', async () => {
    await cloneAndWait(sim, 9001, 150);
    await control(sim, 'PATCH', '/vms/150', { lock: 'backup' });
    const dump = (await control(sim, 'GET', '/state')).body?.data as StateDump;
    const vm = dump.guests.find((g) => g.vmid === 150);
    assert.deepEqual([vm?.lock, vm?.status, vm?.template], ['backup', 'stopped', false]);
    assert.deepEqual(dump.guests.filter((g) => g.template).map((g) => g.vmid), [9001, 9002, 9003]);
    assert.ok(dump.tasks.some((t) => t.type === 'qmclone'));
    assert.equal((await call(sim, 'PUT', vmPath(sim, 150, '/config'), { form: { cores: '2' } })).reason, 'VM is locked (backup)');
    await control(sim, 'POST', '/reset');
    const fresh = (await control(sim, 'GET', '/state')).body?.data as StateDump;
    assert.deepEqual(fresh.guests.map((g) => g.vmid), [100, 200, 9001, 9002, 9003]);
    assert.deepEqual(fresh.tasks, []);
  });

  it('rejects unknown control routes and malformed rules', async () => {
    assert.equal((await control(sim, 'GET', '/nope')).status, 404);
    const kind = await control(sim, 'POST', '/faults/http', { path: '/version', kind: 'explode' });
    assert.deepEqual([kind.status, kind.body?.['error']], [400, "'kind' must be one of error, timeout, reset, lose-answer"]);
  });
});
