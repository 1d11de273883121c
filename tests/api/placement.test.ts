import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { startClusterPortal, type ClusterPortal } from '../support/cluster-portal.ts';
import { query } from '../support/db.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { cronTick } from '../support/wordpress.ts';
import { send } from '../soak/http.ts';
import { startSecondServer } from '../soak/second-server.ts';
import type { PhpServer } from '../../tools/wp-stack/server.ts';

// Placement across the three-node simulated cluster (docs/decisions/placement.md). The clone
// rules are qemu-server's PVE/API2/Qemu.pm clone_vm ($load_and_check): `target` only when every
// disk is on shared storage, `storage`/`format` only for full clones; which storages make linked
// clones is pve-storage's volume_has_feature (LvmThinPlugin, RBDPlugin). A node that is down
// answers pveproxy's 595 (pve-http-server PVE/APIServer/AnyEvent.pm proxy_request).

const SECRET = 'plc-sim-secret-2b7d9e41-6c0a-4f53-8e1d-a9c4b7f2e613';
const SHARED_VMID = 9100;
const COPY_VMID = 9103;
const GIB_MB = 1024;

interface Placed extends Deployment {
  placement: { node: string; policy: string; reason: string; freeMb: Record<string, number | null> } | null;
}

let portal: ClusterPortal;
let admin: TestUser;
let second: { url: string; server: PhpServer };
const imported: number[] = [];
const importedEver: number[] = [];
/** The seeded Linux template's clone mode, copies and storage facts before this file. */
let linuxBacking: unknown[] = [];
const made: number[] = [];

async function settings(body: Record<string, unknown>): Promise<void> {
  const response = await api(portal.manager, 'PUT', '/settings', body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/** A template on Ceph RBD (shared), on the first node. */
async function sharedTemplate(): Promise<number> {
  await portal.sim.createVm({
    vmid: SHARED_VMID, name: 'shared-linux', node: portal.sim.node,
    config: { template: 1, memory: '2048', scsi0: `ceph:base-${SHARED_VMID}-disk-0,iothread=1,size=8G` },
  });
  const response = await api<{ id: number; sharedStorage: boolean; linkedClone: boolean; runsOn: string[] }>(admin, 'POST', '/templates', { proxmoxVmid: SHARED_VMID });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  imported.push(response.body.id);
  assert.equal(response.body.sharedStorage, true);
  assert.equal(response.body.linkedClone, true, 'RBD base volumes make linked clones');
  assert.deepEqual(response.body.runsOn, ['*'], 'any node: shared storage');
  return response.body.id;
}

/** A running VM of `gib` GiB on `node`: Proxmox counts it in the node's memory. */
async function load(vmid: number, node: string, gib: number): Promise<void> {
  await portal.sim.createVm({ vmid, name: `load-${vmid}`, node, status: 'running', config: { memory: String(gib * GIB_MB) } });
}

async function create(templateId: number, name: string): Promise<Deployment> {
  const response = await api<Deployment>(portal.owner, 'POST', '/deployments', { templateId, name });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  made.push(response.body.id);
  return response.body;
}

async function settled(id: number): Promise<Placed> {
  const done = await portal.settle(id);
  assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
  return done as Placed;
}

async function placementSeenByManager(id: number): Promise<NonNullable<Placed['placement']>> {
  const seen = await api<Placed>(admin, 'GET', `/deployments/${id}`);
  assert.ok(seen.body.placement, JSON.stringify(seen.body));
  return seen.body.placement;
}

/**
 * Placement counts deployments not cloned yet on the configured node. Files before this one may
 * leave such deployments of the mock behind (nothing read them again), so ticks finish them first.
 */
async function finishOthersProvisioning(): Promise<void> {
  const pending = async (): Promise<number> => Number((await query<{ count: number }>(
    "SELECT COUNT(*) AS count FROM wp_spp_deployments WHERE vm_connection = '' AND status IN ('PROVISIONING', 'DELETING')",
  ))[0]?.count);
  for (let tick = 0; tick < 20 && await pending() > 0; tick++) cronTick();
  assert.equal(await pending(), 0, 'deployments of earlier files still wait for their clone');
}

before(async () => {
  await finishOthersProvisioning();
  portal = await startClusterPortal('plc', SECRET);
  second = await startSecondServer();
  admin = createUser({ login: 'plc_admin', rights: ['portal_access', 'manage_templates', 'manage_all'] });
  const [row] = await query<Record<string, unknown>>('SELECT clone_mode, node_copies, shared_storage, linked_clone FROM wp_spp_templates WHERE id = ?', [templates.linux]);
  linuxBacking = [row!['clone_mode'], row!['node_copies'], row!['shared_storage'], row!['linked_clone']];
});

/**
 * Deletes a deployment of this file once its provisioning has finished (a deletion is refused while a
 * step such as the baseline snapshot is pending), and waits until it is gone: until then it still
 * counts on its node (Placement counts the portal's VMs that do not run).
 */
async function discard(id: number): Promise<void> {
  await portal.settle(id);
  await portal.remove(id);
}

after(async () => {
  try {
    for (const id of made) await discard(id);
  } finally {
    importedEver.push(...imported);
    // The seeded template as it was, and no template of this file left behind (later files list them).
    await query('UPDATE wp_spp_templates SET clone_mode = ?, node_copies = ?, shared_storage = ?, linked_clone = ? WHERE id = ?', [...linuxBacking, templates.linux]);
    if (importedEver.length > 0) await query('DELETE FROM wp_spp_templates WHERE id IN (?)', [importedEver]);
    createUser({ login: 'plc_admin', rights: [] });
    await second.server.stop();
    await portal.close();
  }
});

beforeEach(async () => {
  for (const id of made.splice(0)) await discard(id);
  for (const id of imported.splice(0)) {
    await api(admin, 'DELETE', `/templates/${id}`);
    importedEver.push(id);
  }
  await portal.sim.control('POST', '/reset');
  await portal.useHttp();
  await settings({ placementPolicy: 'memory', placementNode: '', placementNodes: '', nodeReserveMb: 2048, nodeReserves: '' });
  const reset = await api(admin, 'PUT', `/templates/${templates.linux}`, { cloneMode: 'full', nodeCopies: {} });
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
});

test('the simulator is a three-node cluster by default', () => {
  assert.deepEqual(portal.sim.nodes, ['pve-sim', 'pve-sim-2', 'pve-sim-3']);
});

test('most free memory: a shared template is cloned with target to the emptiest node, and managers see why', async () => {
  const templateId = await sharedTemplate();
  await load(500, 'pve-sim-3', 16);
  const created = await create(templateId, 'plc memory');
  const done = await settled(created.id);
  assert.equal(done.node, 'pve-sim-2', 'pve-sim runs VM 100 (2 GiB), pve-sim-3 16 GiB');
  assert.equal((await portal.sim.guest(done.vmid!))?.node, 'pve-sim-2', 'the VM lives where it was placed');
  assert.equal(done.placement, null, 'the owner does not see the placement');
  const placement = await placementSeenByManager(created.id);
  assert.equal(placement.node, 'pve-sim-2');
  assert.equal(placement.policy, 'memory');
  assert.match(placement.reason, /pve-sim-2 had the most free memory/);
  assert.ok(placement.freeMb['pve-sim-2']! > placement.freeMb['pve-sim-3']!);
});

test('spread by count: three creates land on three nodes; fixed: every create on the named node', async () => {
  const templateId = await sharedTemplate();
  await settings({ placementPolicy: 'spread' });
  const nodes = [];
  for (const name of ['plc spread 1', 'plc spread 2', 'plc spread 3']) nodes.push((await create(templateId, name)).node);
  assert.deepEqual([...nodes].sort(), ['pve-sim', 'pve-sim-2', 'pve-sim-3']);

  await settings({ placementPolicy: 'fixed', placementNode: 'pve-sim-3' });
  const fixed = await create(templateId, 'plc fixed');
  assert.equal((await settled(fixed.id)).node, 'pve-sim-3');
});

test('per-node copies: only nodes holding a copy are eligible, and the copy there is cloned without target', async () => {
  await portal.sim.createVm({ vmid: COPY_VMID, name: 'linux-utility-vm', node: 'pve-sim-2', config: { template: 1, scsi0: `local-lvm:base-${COPY_VMID}-disk-0,size=32G` } });
  const edited = await api<{ runsOn: string[]; nodeCopies: Record<string, number> }>(admin, 'PUT', `/templates/${templates.linux}`, { nodeCopies: { 'pve-sim-2': COPY_VMID } });
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
  assert.deepEqual(edited.body.runsOn, ['pve-sim', 'pve-sim-2']);
  const refused = await api(admin, 'PUT', `/templates/${templates.linux}`, { nodeCopies: { 'pve-sim-3': COPY_VMID } });
  assert.equal(refused.status, 400, 'no such template on pve-sim-3');

  const since = await portal.taskCount();
  const done = await settled((await create(templates.linux, 'plc copy')).id);
  assert.equal(done.node, 'pve-sim-2', 'pve-sim-3 is emptier but holds no copy');
  const clone = (await portal.sim.state()).tasks.slice(since).find((t) => t.type === 'qmclone');
  assert.equal(clone?.id, String(COPY_VMID), 'the copy on pve-sim-2 was cloned');
  assert.match(clone!.upid, /^UPID:pve-sim-2:/);
});

test('a local template cannot go elsewhere: Proxmox refuses target from local storage, so only its own node is eligible', async () => {
  await settings({ nodeReserves: `pve-sim=${128 * GIB_MB}` });
  const refused = await api(portal.owner, 'POST', '/deployments', { templateId: templates.linux, name: 'plc local full' });
  assert.equal(refused.status, 409, JSON.stringify(refused.body));
  assert.equal(errorOf(refused).code, 'spp_no_node_capacity');
});

test('no room: 409 with what is free where, before anything is cloned or stored', async () => {
  const templateId = await sharedTemplate();
  // pve-sim: 117.5 GiB free (its 8 GiB base load, VM 100's 2 GiB and container 200's 512 MB),
  // 512 MB after the reserve; pve-sim-2: none.
  await settings({ nodeReserves: 'pve-sim=119808, pve-sim-2=122880' });
  await portal.sim.control('POST', '/nodes/pve-sim-3/offline');
  const since = await portal.taskCount();
  const rows = async (): Promise<number> => Number((await query<{ count: number }>('SELECT COUNT(*) AS count FROM wp_spp_deployments'))[0]?.count);
  const before = await rows();
  const refused = await api<{ code: string; message: string; data: { requestedMb: number; nodes: Record<string, number | null> } }>(
    portal.owner, 'POST', '/deployments', { templateId, name: 'plc no room' },
  );
  assert.equal(refused.status, 409, JSON.stringify(refused.body));
  assert.equal(refused.body.code, 'spp_no_node_capacity');
  assert.equal(refused.body.data.requestedMb, 2048);
  assert.equal(refused.body.data.nodes['pve-sim-3'], null, 'offline');
  assert.equal(refused.body.data.nodes['pve-sim-2'], 0);
  assert.equal(refused.body.data.nodes['pve-sim'], 512);
  assert.match(refused.body.message, /\(pve-sim 512 MB free, pve-sim-2 0 MB free, pve-sim-3 offline\)/);
  assert.equal(await portal.taskCount(), since, 'nothing cloned');
  assert.equal(await rows(), before, 'nothing stored');
});

test('a node that goes offline between the choice and the clone: the VM is placed again', async () => {
  const templateId = await sharedTemplate();
  const created = await create(templateId, 'plc offline');
  assert.equal(created.node, 'pve-sim-2');
  await portal.sim.control('POST', '/nodes/pve-sim-2/offline');
  const direct = await portal.sim.control('GET', '/state') as { offline: string[] };
  assert.deepEqual(direct.offline, ['pve-sim-2']);
  const done = await settled(created.id);
  assert.equal(done.node, 'pve-sim-3');
  assert.match((await placementSeenByManager(created.id)).reason, /Chosen again: pve-sim-2 went offline/);
});

test('a clone POST answered 595 (the node went down after the check): placed again, the copy on another node is cloned', async () => {
  await portal.sim.createVm({ vmid: COPY_VMID, name: 'linux-utility-vm', node: 'pve-sim-2', config: { template: 1, scsi0: `local-lvm:base-${COPY_VMID}-disk-0,size=32G` } });
  assert.equal((await api(admin, 'PUT', `/templates/${templates.linux}`, { nodeCopies: { 'pve-sim-2': COPY_VMID } })).status, 200);
  const created = await create(templates.linux, 'plc 595');
  assert.equal(created.node, 'pve-sim-2');
  await portal.sim.control('POST', '/faults/http', { method: 'POST', path: '/nodes/pve-sim-2/qemu/*/clone', kind: 'error', status: 595, message: 'No route to host' });
  const done = await settled(created.id);
  assert.equal(done.node, 'pve-sim', 'the template itself, on its own node');
  assert.match((await placementSeenByManager(created.id)).reason, /Chosen again: pve-sim-2 went offline/);
});

test('two web servers placing at once never overfill a node: the placements are counted under one lock', async () => {
  const templateId = await sharedTemplate();
  // Room for exactly two 2 GiB VMs on one node: the others are offline or full.
  await portal.sim.control('POST', '/nodes/pve-sim-3/offline');
  await settings({ nodeReserves: `pve-sim=${128 * GIB_MB}, pve-sim-2=${128 * GIB_MB - 8 * GIB_MB - 4096}` });
  const servers = [testSite().url, second.url];
  const responses = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => send(portal.owner, {
    method: 'POST', path: '/deployments', baseUrl: servers[i % 2], params: { templateId, name: `plc parallel ${i}` },
  })));
  for (const response of responses) if (response.status === 201) made.push((response.json as Deployment).id);
  assert.deepEqual(responses.map((r) => r.status).sort(), [201, 201, 409, 409, 409, 409], responses.map((r) => r.text).join('\n'));
  for (const refused of responses.filter((r) => r.status === 409)) assert.equal((refused.json as { code: string }).code, 'spp_no_node_capacity');
  const placed = await query<{ node: string }>('SELECT node FROM wp_spp_deployments WHERE id IN (?, ?)', made.slice(-2));
  assert.deepEqual(placed.map((r) => r.node), ['pve-sim-2', 'pve-sim-2']);
});

test('linked clones: a template on LVM-thin is cloned linked on its node; Proxmox refuses linked from storage without the feature', async () => {
  const linked = await api(admin, 'PUT', `/templates/${templates.linux}`, { cloneMode: 'linked' });
  assert.equal(linked.status, 200, JSON.stringify(linked.body));
  const done = await settled((await create(templates.linux, 'plc linked')).id);
  const disk = String((await portal.sim.guest(done.vmid!))?.config['scsi0']);
  assert.match(disk, /^local-lvm:base-9003-disk-0\/vm-\d+-disk-0,/, 'a linked clone references the base volume');

  await portal.sim.createVm({ vmid: 9105, name: 'not-a-base', config: { template: 1, scsi0: 'ceph:vm-9105-disk-0,size=8G' } });
  const imported9105 = await api<{ id: number; linkedClone: boolean }>(admin, 'POST', '/templates', { proxmoxVmid: 9105 });
  assert.equal(imported9105.status, 201, JSON.stringify(imported9105.body));
  imported.push(imported9105.body.id);
  assert.equal(imported9105.body.linkedClone, false, 'RBDPlugin: clone only from a base volume');
  const refused = await api(admin, 'PUT', `/templates/${imported9105.body.id}`, { cloneMode: 'linked' });
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
});
