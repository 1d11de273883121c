import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CLUSTER_NAME, type RunningPveSim, type StateDump } from '../../tools/pve-sim/index.ts';
import { call, control, startTestSim, upidNode, upidOf, vmPath, waitTask } from './helpers.ts';

const GiB = 2 ** 30;

describe('pve-sim cluster of several nodes', () => {
  let sim: RunningPveSim;
  const second = 'pve-sim-2';
  const third = 'pve-sim-3';
  before(async () => {
    sim = await startTestSim();
  });
  beforeEach(() => sim.sim.reset());
  after(() => sim.stop());

  // pve-manager PVE/API2/Nodes.pm index: one entry per cluster member.
  it('has three nodes by default; GET /nodes lists them online with memory figures', async () => {
    assert.deepEqual([sim.node, sim.nodes], ['pve-sim', ['pve-sim', second, third]]);
    const list = (await call(sim, 'GET', '/nodes')).body?.data as Record<string, unknown>[];
    assert.deepEqual(list.map((n) => [n['node'], n['status'], n['type']]), [['pve-sim', 'online', 'node'], [second, 'online', 'node'], [third, 'online', 'node']]);
    for (const entry of list) assert.ok(Number(entry['maxmem']) > Number(entry['mem']) && Number(entry['mem']) > 0);
    await control(sim, 'POST', '/vms', { vmid: 500, name: 'big', node: second, status: 'running', config: { memory: '16384' } });
    const after = (await call(sim, 'GET', '/nodes')).body?.data as Record<string, unknown>[];
    const before = list.find((n) => n['node'] === second);
    assert.equal(Number(after.find((n) => n['node'] === second)?.['mem']) - Number(before?.['mem']), 16 * GiB);
  });

  // pve-manager PVE/API2/Cluster.pm get_status: a `cluster` entry plus one `node` entry per member.
  it('answers /cluster/status with the cluster and its members', async () => {
    const status = (await call(sim, 'GET', '/cluster/status')).body?.data as Record<string, unknown>[];
    assert.deepEqual(status[0], { type: 'cluster', id: 'cluster', nodes: 3, version: 3, name: CLUSTER_NAME, quorate: 1 });
    const members = status.slice(1).map(({ ip, ...rest }) => {
      assert.match(String(ip), /^\d+\.\d+\.\d+\.\d+$/);
      return rest;
    });
    assert.deepEqual(members, [
      { type: 'node', id: 'node/pve-sim', name: 'pve-sim', nodeid: 1, local: 1, online: 1, level: '' },
      { type: 'node', id: `node/${second}`, name: second, nodeid: 2, local: 0, online: 1, level: '' },
      { type: 'node', id: `node/${third}`, name: third, nodeid: 3, local: 0, online: 1, level: '' },
    ]);
  });

  // pve-manager PVE/API2/Cluster.pm get_status: without a cluster, one fake local entry (nodeid 0).
  it('answers /cluster/status of a lone node without a cluster entry', async () => {
    const lone = await startTestSim({ nodes: ['solo'] });
    try {
      const status = (await call(lone, 'GET', '/cluster/status')).body?.data as Record<string, unknown>[];
      assert.equal(status.length, 1);
      assert.deepEqual({ ...status[0], ip: undefined }, { type: 'node', id: 'node/solo', name: 'solo', ip: undefined, local: 1, nodeid: 0, online: 1, level: '' });
    } finally {
      await lone.stop();
    }
  });

  // pve-manager PVE/API2/Cluster.pm get_status: the `cluster` entry's name is corosync's cluster_name,
  // so two clusters answer with two names.
  it('answers /cluster/status with the cluster name it was given', async () => {
    const other = await startTestSim({ clusterName: 'lab-b' });
    try {
      const status = (await call(other, 'GET', '/cluster/status')).body?.data as Record<string, unknown>[];
      assert.equal(status[0]?.['name'], 'lab-b');
      assert.notEqual(CLUSTER_NAME, 'lab-b');
    } finally {
      await other.stop();
    }
  });

  // pve-manager PVE/API2/Cluster.pm resources + API2Tools extract_vm_stats: every guest of every node.
  it('lists the guests of every node in /cluster/resources?type=vm with their node', async () => {
    await control(sim, 'POST', '/vms', { vmid: 500, name: 'elsewhere', node: second, status: 'running', config: { tags: 'ops' } });
    await control(sim, 'PATCH', '/vms/9001', { lock: 'backup' });
    const resources = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'vm' } })).body?.data as Record<string, unknown>[];
    const pick = (vmid: number): Record<string, unknown> | undefined => resources.find((r) => r['vmid'] === vmid);
    const moved = pick(500);
    assert.deepEqual([moved?.['id'], moved?.['type'], moved?.['node'], moved?.['name'], moved?.['status'], moved?.['template'], moved?.['tags']], ['qemu/500', 'qemu', second, 'elsewhere', 'running', 0, 'ops']);
    assert.deepEqual([pick(9001)?.['node'], pick(9001)?.['template'], pick(9001)?.['lock']], ['pve-sim', 1, 'backup']);
    assert.equal(pick(200)?.['id'], 'lxc/200');
    const nodes = (await call(sim, 'GET', '/cluster/resources', { query: { type: 'node' } })).body?.data as Record<string, unknown>[];
    assert.deepEqual(nodes.map((n) => n['node']), ['pve-sim', second, third]);
  });

  // qemu-server PVE/AbstractConfig.pm load_config, run on the node the request names (pveproxy proxies it there).
  it('resolves VMs per node: a VM on another node is a missing config file on this one', async () => {
    await control(sim, 'POST', '/vms', { vmid: 500, name: 'elsewhere', node: second });
    const wrong = await call(sim, 'GET', vmPath(sim, 500, '/config'));
    assert.deepEqual([wrong.status, wrong.reason], [500, `Configuration file 'nodes/pve-sim/qemu-server/500.conf' does not exist`]);
    const right = await call(sim, 'GET', vmPath(sim, 500, '/config', second));
    assert.equal((right.body?.data as Record<string, unknown>)['name'], 'elsewhere');
    const stop = await call(sim, 'POST', vmPath(sim, 500, '/status/stop'));
    assert.equal(stop.reason, `unable to find configuration file for VM 500 on node 'pve-sim'`);
    const listed = (await call(sim, 'GET', `/nodes/${second}/qemu`)).body?.data as { vmid: number }[];
    assert.deepEqual(listed.map((v) => v.vmid), [500]);
  });

  // pve-manager PVE/HTTPServer.pm: permissions first, then the proxy to the node (remote_node_ip →
  // pve-common PVE/Network.pm get_ip_from_hostname); 'localhost' is the answering node (API2Tools resolve_proxyto).
  it('answers a hostname lookup failure for a node outside the cluster, after the permission check', async () => {
    const unknown = await call(sim, 'GET', '/nodes/elsewhere/qemu/100/config');
    assert.deepEqual([unknown.status, unknown.reason], [500, "hostname lookup 'elsewhere' failed - failed to get address info for: elsewhere: Name or service not known"]);
    sim.sim.setToken({ tokenId: 'a@pve!none', secret: 's', acl: [] });
    const denied = await call(sim, 'GET', '/nodes/elsewhere/qemu/100/config', { auth: 'PVEAPIToken=a@pve!none=s' });
    assert.deepEqual([denied.status, denied.reason], [403, 'Permission check failed (/vms/100, VM.Audit)']);
    const local = await call(sim, 'GET', '/nodes/localhost/qemu/100/config');
    assert.equal((local.body?.data as Record<string, unknown>)['name'], 'legacy-jumphost');
  });

  // pve-manager PVE/API2/Cluster.pm nextid: the cluster-wide vmlist.
  it('counts the VMs of every node in /cluster/nextid', async () => {
    await control(sim, 'POST', '/vms', { vmid: 101, name: 'other-node', node: second });
    assert.equal((await call(sim, 'GET', '/cluster/nextid')).body?.data, '102');
    const taken = await call(sim, 'GET', '/cluster/nextid', { query: { vmid: '101' } });
    assert.deepEqual(taken.body?.errors, { vmid: 'VM 101 already exists' });
  });

  // pve-common PVE/RESTEnvironment.pm fork_worker: the UPID names the node the task runs on.
  it('runs tasks on the node the request names, readable only there', async () => {
    await control(sim, 'POST', '/vms', { vmid: 500, name: 'elsewhere', node: second, status: 'running' });
    const upid = upidOf(await call(sim, 'POST', vmPath(sim, 500, '/status/stop', second)));
    assert.equal(upidNode(upid), second);
    assert.equal((await waitTask(sim, upid)).exitstatus, 'OK');
    const elsewhere = await call(sim, 'GET', `/nodes/${sim.node}/tasks/${encodeURIComponent(upid)}/status`);
    assert.deepEqual([elsewhere.status, elsewhere.body?.errors], [400, { upid: 'no such task' }]);
  });

  it('makes hand-made VMs and refuses a VMID that is taken on any node', async () => {
    const made = await control(sim, 'POST', '/vms', { vmid: 150, name: 'someone-elses', status: 'running' });
    assert.deepEqual([made.status, made.body?.data], [200, { vmid: 150 }]);
    const current = (await call(sim, 'GET', vmPath(sim, 150, '/status/current'))).body?.data as Record<string, unknown>;
    assert.deepEqual([current['name'], current['status']], ['someone-elses', 'running']);
    assert.equal((await control(sim, 'POST', '/vms', { vmid: 150, name: 'again', node: second })).status, 400);
    assert.equal((await control(sim, 'POST', '/vms', { vmid: 151, name: 'nowhere', node: 'nope' })).status, 400);
    assert.equal((await control(sim, 'POST', '/vms', { vmid: 152, name: 'x', config: { agent: null, balloon: 1024 } })).status, 200);
    assert.deepEqual([sim.sim.guests.get(152)?.config['agent'], sim.sim.guests.get(152)?.config['balloon']], [undefined, 1024]);
  });

  // qemu-server PVE/QemuMigrate.pm phase3_cleanup (move_config_to_node): the config moves, an online-migrated guest keeps running.
  it('migrates a guest out of band; /_sim/state reports its node', async () => {
    const moved = await control(sim, 'POST', '/vms/100/migrate', { node: second });
    assert.equal(moved.status, 200);
    const dump = (await control(sim, 'GET', '/state')).body?.data as StateDump;
    assert.deepEqual(dump.nodes, ['pve-sim', second, third]);
    const vm = dump.guests.find((g) => g.vmid === 100);
    assert.deepEqual([vm?.node, vm?.status], [second, 'running']);
    const old = await call(sim, 'GET', vmPath(sim, 100, '/status/current'));
    assert.equal(old.reason, `Configuration file 'nodes/pve-sim/qemu-server/100.conf' does not exist`);
    const found = (await call(sim, 'GET', vmPath(sim, 100, '/status/current', second))).body?.data as Record<string, unknown>;
    assert.equal(found['status'], 'running');
    assert.equal((await control(sim, 'POST', '/vms/100/migrate', { node: second })).status, 400);
    assert.equal((await control(sim, 'POST', '/vms/100/migrate', { node: 'nope' })).status, 400);
    assert.equal((await control(sim, 'POST', '/vms/4242/migrate', { node: 'pve-sim' })).status, 404);
  });
});
