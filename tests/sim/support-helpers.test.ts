import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { startPveSimProcess, type PveSimProcess } from '../support/pve-sim.ts';

/** One API call to the child-process simulator with its portal token. */
function api(sim: PveSimProcess, method: string, path: string, form?: Record<string, string>): Promise<{ status: number; reason: string; data: unknown }> {
  const body = form ? new URLSearchParams(form).toString() : '';
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}/api2/json${path}`, {
      method,
      ca: sim.ca,
      agent: false,
      headers: {
        Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`,
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {}),
      },
    }, (res) => {
      let raw = '';
      res.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', data: raw === '' ? undefined : (JSON.parse(raw) as { data: unknown }).data }));
    });
    req.on('error', reject);
    req.end(form ? body : undefined);
  });
}

// The typed control helpers portal tests use, against the simulator as a child process.
describe('tests/support/pve-sim.ts control helpers', () => {
  let sim: PveSimProcess;
  before(async () => {
    sim = await startPveSimProcess();
  });
  after(() => sim.stop());

  it('creates, migrates and locks VMs; the state reports nodes', async () => {
    assert.deepEqual(sim.nodes, ['pve-sim', 'pve-sim-2', 'pve-sim-3']);
    await sim.createVm({ vmid: 150, name: 'hand-made', node: 'pve-sim-2', status: 'running' });
    await assert.rejects(sim.createVm({ vmid: 150, name: 'again' }), /VM 150 already exists/);
    await sim.migrateVm(150, 'pve-sim');
    await sim.lockVm(9001, 'backup');
    const state = await sim.state();
    assert.deepEqual(state.nodes, ['pve-sim', 'pve-sim-2', 'pve-sim-3']);
    const vm = state.guests.find((g) => g.vmid === 150);
    assert.deepEqual([vm?.node, vm?.status, vm?.name], ['pve-sim', 'running', 'hand-made']);
    assert.equal((await sim.guest(9001))?.lock, 'backup');
    await sim.lockVm(9001, null);
    assert.equal((await sim.guest(9001))?.lock, null);
  });

  it('holds a clone before its config write and loses an answer', async () => {
    await sim.taskFault({ type: 'qmclone', holdAtStart: true });
    const clone = await api(sim, 'POST', '/nodes/pve-sim/qemu/9001/clone', { newid: '151' });
    assert.equal(clone.status, 200);
    assert.equal(await sim.guest(151), undefined);
    assert.equal(await sim.releaseTasks(), 1);
    await sim.httpFault({ method: 'GET', path: '/version', kind: 'lose-answer' });
    await assert.rejects(api(sim, 'GET', '/version'), /socket hang up|ECONNRESET/);
    for (;;) {
      const task = (await sim.state()).tasks.find((t) => t.upid === clone.data);
      if (task?.status === 'stopped') {
        assert.equal(task.exitstatus, 'OK');
        break;
      }
    }
    assert.equal((await sim.guest(151))?.node, 'pve-sim');
  });
});
