import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { lastAuditId, type AuditRow } from '../support/audit.ts';
import { startClusterPortal, SEED_VMIDS, TEMPLATE_VMID, type ClusterPortal } from '../support/cluster-portal.ts';
import { query } from '../support/db.ts';
import type { Deployment } from '../support/deployments.ts';

// No VM that is not provably a deployment's own ever receives a call that changes it: a VMID
// reused by someone else, a mock deployment's VMID after the switch to HTTP mode. And the VMs
// that are a deployment's own are reached wherever they live: on another node after a
// migration, protected by the template they were cloned from.

const SECRET = 'cow-sim-secret-1f6b2d84-7a3e-4c59-9e07-b58d3a2c61f0';
const SECOND_NODE = 'pve-sim-2';

let portal: ClusterPortal;

async function audits(id: number, since: number): Promise<AuditRow[]> {
  return query<AuditRow>('SELECT * FROM wp_spp_audit_logs WHERE deployment_id = ? AND id > ? ORDER BY id', [id, since]);
}

async function guestNode(vmid: number): Promise<string | undefined> {
  return (await portal.sim.guest(vmid))?.node;
}

/** What a change to the VM would alter. */
async function vmFacts(vmid: number): Promise<unknown> {
  const vm = await portal.sim.guest(vmid);
  return vm && { name: vm.name, status: vm.status, lock: vm.lock, node: vm.node, config: vm.config };
}

async function assertNoPortalVm(): Promise<void> {
  const left = (await portal.sim.state()).guests.map((g) => g.vmid).filter((vmid) => !SEED_VMIDS.includes(vmid));
  assert.deepEqual(left, [], 'no VM of the portal is left');
}

before(async () => {
  portal = await startClusterPortal('cow', SECRET);
});

after(async () => {
  await portal.close();
});

beforeEach(async () => {
  await portal.sim.control('POST', '/reset');
  await portal.useHttp();
});

test('the clone carries the deployment\'s marker in its name, description and tags, and the cluster\'s identity is recorded', async () => {
  const d = await portal.provisioned('cow marker');
  const { vm_marker: nonce, vm_connection: connection, node } = await portal.row(d.id);
  assert.match(nonce, /^[a-z0-9]{12}$/);
  assert.equal(connection, portal.connection);
  assert.equal(connection, 'pve-cluster:cow-cluster', 'the simulator\'s corosync cluster name');
  assert.equal(node, 'pve-sim');
  const vm = await portal.sim.guest(d.vmid!);
  const marker = `spp-${d.id}-${nonce}`;
  assert.equal(vm?.name, `${marker}-cow-marker`);
  assert.match(String(vm?.config.description), new RegExp(`^marker: ${marker}$`, 'm'));
  assert.equal(vm?.config.tags, `spp;${marker};spp-deployment-${d.id};spp-owner-${portal.owner.id}`);
  assert.equal(d.otherConnection, false);
  await portal.remove(d.id);
  await assertNoPortalVm();
});

test('a VMID reused by someone else after an out-of-band delete is never touched', async () => {
  const d = await portal.provisioned('cow reused');
  const vmid = d.vmid!;
  await portal.sim.control('POST', `/vms/${vmid}/delete`);
  await portal.sim.control('POST', '/vms', { vmid, name: 'someone-elses-db', status: 'running' });
  const since = await portal.taskCount();
  const auditSince = await lastAuditId();
  const notOwned = `VM ${vmid} on node pve-sim does not carry this deployment's marker: it is not this deployment's VM, so the portal leaves it untouched.`;

  const seen = await portal.read(d.id);
  assert.equal(seen.body.status, 'STOPPED');
  assert.equal(seen.body.lastError, notOwned);
  assert.deepEqual(seen.body.ipAddresses, []);

  const start = await api(portal.owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(start.status, 409);
  assert.deepEqual([errorOf(start).code, errorOf(start).message], ['spp_vm_not_owned', notOwned]);
  const refreshed = await api(portal.owner, 'POST', `/deployments/${d.id}/refresh-ips`);
  assert.equal(errorOf(refreshed).code, 'spp_vm_not_owned');

  await portal.expireNow(d.id);
  const expired = await portal.settle(d.id);
  assert.equal(expired?.status, 'EXPIRED');
  assert.equal(expired.lastError, notOwned);

  await portal.remove(d.id);
  assert.equal((await portal.row(d.id)).last_error, notOwned, 'the deletion says why the VM was left alone');

  const vm = await portal.sim.guest(vmid);
  assert.equal(vm?.name, 'someone-elses-db');
  assert.equal(vm?.status, 'running');
  assert.equal(vm?.config.protection, undefined, 'the expiry did not protect it');
  assert.deepEqual(await portal.mutationsOf(vmid, since), [], 'no task ran on the other VM');

  const rows = (await audits(d.id, auditSince)).map((r) => [r.action, r.result, (JSON.parse(r.details) as { error?: string }).error ?? '']);
  assert.deepEqual(rows.filter(([action]) => action === 'deployment.start' || action === 'deployment.refresh_ips'), [
    ['deployment.start', 'error', 'spp_vm_not_owned'],
    ['deployment.refresh_ips', 'error', 'spp_vm_not_owned'],
  ]);
  assert.equal(rows.filter(([action]) => action === 'deployment.vm_not_owned').length, 2, 'the expiry and the deletion each left it alone, audited');
  await portal.sim.control('POST', `/vms/${vmid}/delete`);
});

test('a VM deleted out of band: the detail read says so and shows no stale addresses; delete completes', async () => {
  const d = await portal.provisioned('cow vanished');
  const started = await api<Deployment>(portal.owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  await query('UPDATE wp_spp_deployments SET ip_addresses = ? WHERE id = ?', ['["192.0.2.9"]', d.id]);
  await portal.sim.control('POST', `/vms/${d.vmid}/delete`);

  const seen = await portal.read(d.id);
  assert.equal(seen.body.status, 'STOPPED', 'not "Running"');
  assert.equal(seen.body.lastError, `The VM no longer exists on the cluster (VMID ${d.vmid}).`);
  assert.deepEqual(seen.body.ipAddresses, []);
  const start = await api(portal.owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(start.status, 409);
  assert.equal(errorOf(start).code, 'spp_vm_missing');
  await portal.remove(d.id);
  await assertNoPortalVm();
});

test('start, expiry and delete reach a VM that moved to another node, and the node is followed', async () => {
  const d = await portal.provisioned('cow moved');
  const vmid = d.vmid!;
  await portal.sim.control('POST', `/vms/${vmid}/migrate`, { node: SECOND_NODE });

  const started = await api<Deployment>(portal.owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.equal(started.body.status, 'RUNNING');
  assert.equal(started.body.node, SECOND_NODE);
  assert.equal((await portal.sim.guest(vmid))?.status, 'running');

  await portal.expireNow(d.id);
  const expired = await portal.settle(d.id);
  assert.equal(expired?.status, 'EXPIRED');
  assert.equal(expired.lastError, null);
  const vm = await portal.sim.guest(vmid);
  assert.deepEqual([vm?.node, vm?.status, Number(vm?.config.protection)], [SECOND_NODE, 'stopped', 1]);

  // Moved back while expired: the deletion finds it on the first node again.
  await portal.sim.control('POST', `/vms/${vmid}/migrate`, { node: 'pve-sim' });
  await portal.remove(d.id);
  assert.equal(await guestNode(vmid), undefined, 'destroyed');
  assert.equal((await portal.row(d.id)).node, 'pve-sim');
  await assertNoPortalVm();
});

test('the clean-up of a failed provisioning lifts the protection the clone inherited, then destroys it', async () => {
  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { config: { protection: 1 } });
  await portal.sim.control('POST', '/faults/http', { method: 'PUT', path: '/nodes/*/qemu/*/config', kind: 'error', status: 500, message: 'cow configure fails' });
  const id = await portal.create('cow protected');
  const failed = await portal.settle(id);
  assert.equal(failed?.status, 'FAILED');
  assert.equal(failed.lastError, 'Proxmox request failed with HTTP 500: cow configure fails');
  const vmid = (await portal.row(id)).vmid!;
  const destroyed = (await portal.sim.state()).tasks.filter((t) => t.type === 'qmdestroy' && t.id === String(vmid));
  assert.deepEqual(destroyed.map((t) => t.exitstatus), ['OK']);
  await assertNoPortalVm();
  assert.equal(Number((await portal.sim.guest(TEMPLATE_VMID))?.config.protection), 1, 'the template keeps its protection');
});

test('after a switch from the mock, mock deployments never touch the cluster\'s same-numbered VM; their records can be removed', async () => {
  await portal.useMock();
  const mockIds = [await portal.create('cow mock one'), await portal.create('cow mock two')];
  const made: Deployment[] = [];
  for (const id of mockIds) {
    const done = await portal.settle(id);
    assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
    made.push(done);
  }
  assert.equal((await api(portal.owner, 'POST', `/deployments/${made[0]!.id}/start`)).status, 200);
  for (const d of made) assert.equal((await portal.row(d.id)).vm_connection, 'mock');

  await portal.useHttp();
  for (const d of made) {
    if (!(await portal.sim.guest(d.vmid!))) await portal.sim.control('POST', '/vms', { vmid: d.vmid, name: `cluster-vm-${d.vmid}`, status: 'running' });
  }
  const clusterVms = await Promise.all(made.map((d) => vmFacts(d.vmid!)));
  const since = await portal.taskCount();

  const [running, stopped] = made as [Deployment, Deployment];
  const seen = await portal.read(running.id);
  assert.equal(seen.body.otherConnection, true);
  assert.deepEqual(seen.body.allowedActions, ['view', 'delete', 'share']);
  for (const action of ['stop', 'prolong', 'refresh-ips'] as const) {
    const refused = await api(portal.owner, 'POST', `/deployments/${running.id}/${action}`, action === 'prolong' ? { hours: 1 } : undefined);
    assert.equal(refused.status, 409, action);
    assert.equal(errorOf(refused).code, 'spp_vm_other_connection', action);
  }
  const start = await api(portal.owner, 'POST', `/deployments/${stopped.id}/start`);
  assert.equal(errorOf(start).code, 'spp_vm_other_connection');

  await portal.expireNow(stopped.id);
  const expired = await portal.settle(stopped.id);
  assert.equal(expired?.status, 'EXPIRED');
  assert.match(expired.lastError ?? '', /^This deployment was made on another connection \(the mock node\)/);

  for (const d of made) await portal.remove(d.id);
  for (const [i, d] of made.entries()) {
    assert.deepEqual(await vmFacts(d.vmid!), clusterVms[i], `cluster VM ${d.vmid} is as it was`);
    assert.deepEqual(await portal.mutationsOf(d.vmid!, since), [], `no task ran on cluster VM ${d.vmid}`);
  }
});
