import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningPveSim } from '../../tools/pve-sim/index.ts';
import { call, control, startTestSim, upidNode, upidOf, vmPath, waitTask } from './helpers.ts';

const GiB = 2 ** 30;
const SHARED = 9100;

// What placement across the cluster meets on Proxmox: shared storage, nodes that go down and
// memory figures that follow the running VMs.
describe('pve-sim shared storage, offline nodes and node memory', () => {
  let sim: RunningPveSim;
  const [second, third] = ['pve-sim-2', 'pve-sim-3'];
  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(async () => {
    sim.sim.reset();
    await control(sim, 'POST', '/vms', { vmid: SHARED, name: 'on-ceph', config: { template: 1, scsi0: `ceph:base-${SHARED}-disk-0,size=8G` } });
  });
  after(() => sim.stop());

  const clone = (newid: number, form: Record<string, string> = {}, source = SHARED) =>
    call(sim, 'POST', vmPath(sim, source, '/clone'), { form: { newid: String(newid), ...form } });

  // pve-storage Plugin.pm parse_config: `rbd` is one of @SHARED_STORAGE.
  it('lists a Ceph RBD storage shared on every node beside the local ones', async () => {
    const storages = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'storage' } })).body?.data as Record<string, unknown>[];
    const ceph = storages.filter((s) => s['storage'] === 'ceph');
    assert.deepEqual(ceph.map((s) => [s['node'], s['plugintype'], s['shared']]), [['pve-sim', 'rbd', 1], [second, 'rbd', 1], [third, 'rbd', 1]]);
    assert.deepEqual(storages.filter((s) => s['storage'] === 'local-lvm').map((s) => s['shared']), [0, 0, 0]);
  });

  // qemu-server PVE/API2/Qemu.pm clone_vm: `target` is allowed when every disk is on shared
  // storage; the task runs on the source node and moves the config to the target at the end.
  it('clones from shared storage to another node with target, full or linked', async () => {
    const full = upidOf(await clone(150, { target: second, full: '1' }));
    assert.equal(upidNode(full), sim.node, 'the task runs where the template is');
    assert.equal((await waitTask(sim, full)).exitstatus, 'OK');
    assert.equal(sim.sim.guests.get(150)?.node, second);
    assert.match(String(sim.sim.guests.get(150)?.config['scsi0']), /^ceph:vm-150-disk-0,/);

    const linked = upidOf(await clone(151, { target: third }));
    assert.equal((await waitTask(sim, linked)).exitstatus, 'OK');
    assert.equal(sim.sim.guests.get(151)?.node, third);
    assert.match(String(sim.sim.guests.get(151)?.config['scsi0']), new RegExp(`^ceph:base-${SHARED}-disk-0/vm-151-disk-0,`), 'a linked clone on the same storage');
  });

  // clone_vm: `storage`/`format` only for full clones; `target` refused from local storage.
  it('refuses what Proxmox refuses for linked clones and local templates, with its messages', async () => {
    assert.equal((await clone(150, { full: '0', storage: 'ceph' })).reason, "parameter 'storage' not allowed for linked clones");
    assert.equal((await clone(150, { full: '0', format: 'raw' })).reason, "parameter 'format' not allowed for linked clones");
    assert.equal((await clone(150, { target: second }, 9003)).reason, `can't clone VM to node '${second}' (VM uses local storage)`);
  });

  // pve-http-server PVE/APIServer/AnyEvent.pm proxy_request: AnyEvent::HTTP's 595 and the
  // connect error reach the client as they are, without a body; PVE/API2Tools.pm
  // extract_node_stats lists a member that is down as `offline`, without figures.
  it('a node that goes offline answers 595 through the proxy and is listed offline', async () => {
    await control(sim, 'POST', '/vms', { vmid: 500, name: 'there', node: second, status: 'running' });
    assert.equal((await control(sim, 'POST', `/nodes/${second}/offline`)).status, 200);
    const answer = await call(sim, 'GET', vmPath(sim, 500, '/config', second));
    assert.deepEqual([answer.status, answer.reason, answer.body], [595, 'No route to host', undefined]);
    const nodes = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'node' } })).body?.data as Record<string, unknown>[];
    assert.deepEqual(nodes.find((n) => n['node'] === second), { id: `node/${second}`, type: 'node', node: second, status: 'offline', level: '' });
    const guests = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'vm' } })).body?.data as Record<string, unknown>[];
    assert.equal(guests.find((g) => g['vmid'] === 500)?.['status'], 'unknown');
    const status = (await call(sim, 'GET', '/cluster/status')).body?.data as Record<string, unknown>[];
    assert.equal(status.find((s) => s['name'] === second)?.['online'], 0);
    assert.equal((await control(sim, 'POST', `/nodes/${sim.node}/offline`)).status, 400, 'the node answering the API stays up');

    await control(sim, 'POST', `/nodes/${second}/online`);
    assert.equal((await call(sim, 'GET', vmPath(sim, 500, '/config', second))).status, 200);
  });

  it('memory in use follows the VMs that start and stop', async () => {
    const used = async (): Promise<number> => {
      const nodes = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'node' } })).body?.data as Record<string, unknown>[];
      return Number(nodes.find((n) => n['node'] === third)?.['mem']);
    };
    const idle = await used();
    await control(sim, 'POST', '/vms', { vmid: 500, name: 'load', node: third, config: { memory: '4096' } });
    assert.equal(await used(), idle, 'a stopped VM uses no memory');
    const start = upidOf(await call(sim, 'POST', vmPath(sim, 500, '/status/start', third)));
    await waitTask(sim, start);
    assert.equal(await used() - idle, 4 * GiB);
    const stop = upidOf(await call(sim, 'POST', vmPath(sim, 500, '/status/stop', third)));
    await waitTask(sim, stop);
    assert.equal(await used(), idle);
  });
});

describe('pve-sim node memory', () => {
  it('takes every node\'s memory from the options', async () => {
    const sim = await startTestSim({ nodes: ['a', 'b'], nodeMemoryMiB: 16 * 1024 });
    try {
      const nodes = (await call(sim, 'GET', '/nodes')).body?.data as Record<string, unknown>[];
      assert.deepEqual(nodes.map((n) => n['maxmem']), [16 * GiB, 16 * GiB]);
    } finally {
      await sim.stop();
    }
  });
});
