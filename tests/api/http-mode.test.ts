import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, beforeEach, test } from 'node:test';
import { api, errorOf, type ApiResponse } from '../support/api.ts';
import { query } from '../support/db.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { startPveSimProcess, type PveSimProcess } from '../support/pve-sim.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { lastAuditId, type AuditRow } from '../support/audit.ts';
import type { ConnectionTest } from '../../ui/api/types.ts';
import { foreignCaPem } from '../support/certificates.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';

// The portal in HTTP mode, end to end: REST API → HttpProxmox → the Proxmox VE simulator as a
// child process over verified TLS (its CA in the caCertificate setting). Deployments advance only
// through reads of their own detail: a cron tick would also advance other files' mock-mode
// deployments, against the simulator.

const SIM_SECRET = 'htm-sim-secret-5a8e2c71-94d0-4f3b-b6e1-0c7d9a2f4e18';
const LIMITED = { tokenId: 'portal@pve!htm-limited', secret: 'htm-limited-secret-2b9f7e41' };
const BAD_SECRET = 'htm-bad-secret-8d3c0a6f';
const SECRETS = [SIM_SECRET, LIMITED.secret, BAD_SECRET];
/** Guests of the simulator's seed: anything else is a VM the portal left behind. */
const SEED_VMIDS = [100, 200, 9001, 9002, 9003];
const AGENT_NOT_READY = 'The guest agent is not answering yet; the VM may still be booting.';



interface Row {
  status: string;
  step: string;
  vmid: number | null;
  last_error: string;
}


let sim: PveSimProcess;
let manager: TestUser;
let owner: TestUser;
let savedSettings: { restore(): Promise<void> };
let firstAuditId: number;
/** Every response body this file received, scanned for secrets at the end. */
const responses: string[] = [];

async function call<T = unknown>(user: TestUser, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const response = await api<T>(user, method, path, body);
  responses.push(JSON.stringify(response.body));
  return response;
}

/** Saves HTTP-mode settings pointing at the simulator with its full-privilege token, plus overrides. */
async function configure(overrides: Record<string, unknown> = {}): Promise<void> {
  const response = await call(manager, 'PUT', '/settings', {
    mode: 'http', baseUrl: sim.url, tokenId: sim.tokenId, tokenSecret: SIM_SECRET, node: sim.node, caCertificate: sim.ca,
    defaultUserRamLimitMb: 0, globalRamLimitMb: 0, ...overrides,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/** Switches to a token holding every privilege but the given ones. */
async function useTokenWithout(privileges: string[]): Promise<void> {
  await sim.control('POST', '/tokens', { ...LIMITED, withoutPrivileges: privileges });
  await configure({ tokenId: LIMITED.tokenId, tokenSecret: LIMITED.secret });
}

async function create(name: string): Promise<Deployment> {
  const response = await call<Deployment>(owner, 'POST', '/deployments', { templateId: templates.linux, name });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.equal(response.body.status, 'PROVISIONING');
  return response.body;
}

/** Reads the deployment (each read advances its steps) until no step is pending; null once deleted. */
async function settle(id: number): Promise<Deployment | null> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await call<Deployment>(owner, 'GET', `/deployments/${id}`);
    if (response.status === 404) return null;
    assert.equal(response.status, 200, JSON.stringify(response.body));
    if (response.body.step === '') return response.body;
  }
  assert.fail(`deployment ${id} still has a pending step`);
}

async function provisioned(name: string): Promise<Deployment> {
  const done = await settle((await create(name)).id);
  assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
  return done;
}

async function remove(id: number): Promise<void> {
  const response = await call<Deployment>(owner, 'DELETE', `/deployments/${id}`);
  assert.equal(response.status, 202, JSON.stringify(response.body));
  assert.equal(await settle(id), null, 'deleted deployments are gone from the API');
  assert.equal((await row(id)).status, 'DELETED');
}

async function row(id: number): Promise<Row> {
  const [found] = await query<Row>('SELECT status, step, vmid, last_error FROM wp_spp_deployments WHERE id = ?', [id]);
  assert.ok(found, `deployment ${id} has a row`);
  return found;
}

async function audit(id: number): Promise<AuditRow[]> {
  return query<AuditRow>('SELECT action, result, actor_id, details FROM wp_spp_audit_logs WHERE deployment_id = ? ORDER BY id', [id]);
}

async function auditRow(id: number, action: string): Promise<AuditRow & { parsed: Record<string, unknown> }> {
  const rows = (await audit(id)).filter((r) => r.action === action);
  assert.equal(rows.length, 1, `one ${action} row`);
  return { ...rows[0]!, parsed: JSON.parse(rows[0]!.details) as Record<string, unknown> };
}

async function assertNoPortalVm(): Promise<void> {
  const vmids = (await sim.state()).guests.map((g) => g.vmid).sort((a, b) => a - b);
  assert.deepEqual(vmids, SEED_VMIDS, 'no VM of the portal is left on the node');
}

async function testConnection(body?: Record<string, unknown>): Promise<ConnectionTest> {
  const response = await call<ConnectionTest>(manager, 'POST', '/settings/test-connection', body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

before(async () => {
  sim = await startPveSimProcess(['--token-secret', SIM_SECRET]);
  manager = createUser({ login: 'htm_manager', rights: ['portal_access', 'manage_settings'] });
  owner = createUser({ login: 'htm_owner', rights: ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'] });
  savedSettings = await snapshotSettings(manager);
  firstAuditId = await lastAuditId();
});

after(async () => {
  try {
    await savedSettings.restore();
  } finally {
    await sim.stop();
  }
});

beforeEach(async () => {
  await sim.control('POST', '/reset');
  await configure();
});

test('test-connection against the simulator lists each check, and names a privilege the token lacks', async () => {
  const since = await lastAuditId();
  const healthy = await testConnection();
  assert.equal(healthy.ok, true, JSON.stringify(healthy.checks));
  assert.deepEqual(healthy.checks.map((c) => [c.name, c.ok]), [
    ['reachable', true], ['tls', true], ['token', true], ['node', true],
    ['VM.Audit', true], ['VM.Clone', true], ['VM.Allocate', true], ['VM.Config.CPU', true], ['VM.Config.Memory', true],
    ['VM.Config.Options', true], ['VM.PowerMgmt', true], ['VM.GuestAgent.Audit', true],
    // Snapshots are in use (a snapshot limit above 0, templates taking a baseline): docs/decisions/snapshots.md.
    ['VM.Snapshot', true], ['VM.Snapshot.Rollback', true],
    // What cloning the approved templates (9001–9003) needs beyond /vms.
    ['SDN.Use on /sdn/zones/localnetwork/vmbr0', true], ['Datastore.AllocateSpace on /storage/local-lvm', true],
    // Each cluster node, and what the token may do there (docs/decisions/placement.md).
    ['node pve-sim', true], ['node pve-sim-2', true], ['node pve-sim-3', true],
  ]);
  assert.match(healthy.checks.at(-1)!.message, /^Node 'pve-sim-3' is online; the token holds Sys\.Audit there, so the portal sees its free memory and may place VMs on it\.$/);
  assert.match(healthy.checks[0]!.message, /^Proxmox VE 9\.1\.3 answered at 127\.0\.0\.1:\d+\.$/);
  assert.equal(healthy.checks[1]!.message, 'The certificate was verified against the configured CA certificate.');
  assert.equal(healthy.checks[2]!.message, `The API token ${sim.tokenId} was accepted.`);
  assert.equal(healthy.checks[3]!.message, "Node 'pve-sim' is online.");
  assert.equal(healthy.checks[4]!.message, 'Granted on /vms: the portal can list templates and read VM status.');

  await sim.control('POST', '/tokens', { ...LIMITED, withoutPrivileges: ['VM.PowerMgmt'] });
  const limited = await testConnection({ tokenId: LIMITED.tokenId, tokenSecret: LIMITED.secret });
  assert.equal(limited.ok, false);
  assert.deepEqual(limited.checks.filter((c) => !c.ok), [
    { name: 'VM.PowerMgmt', ok: false, message: 'Missing: grant VM.PowerMgmt on /vms, or the portal cannot start and stop VMs.' },
  ]);
  assert.equal(limited.checks.length, 19);

  await sim.control('POST', '/nodes/pve-sim-3/offline');
  await sim.control('POST', '/tokens', { ...LIMITED, withoutPrivileges: ['Sys.Audit'] });
  const blind = await testConnection({ tokenId: LIMITED.tokenId, tokenSecret: LIMITED.secret });
  assert.deepEqual(blind.checks.filter((c) => c.name.startsWith('node ')).map((c) => [c.name, c.ok, c.message]), [
    ['node pve-sim', false, "Node 'pve-sim' is online; missing: grant Sys.Audit on /nodes/pve-sim, or the portal cannot see its free memory and never places VMs on it."],
    ['node pve-sim-2', false, "Node 'pve-sim-2' is online; missing: grant Sys.Audit on /nodes/pve-sim-2, or the portal cannot see its free memory and never places VMs on it."],
    ['node pve-sim-3', false, "Node 'pve-sim-3' is offline; missing: grant Sys.Audit on /nodes/pve-sim-3, or the portal cannot see its free memory and never places VMs on it."],
  ]);

  const rows = await query<AuditRow>('SELECT action, result, actor_id, details FROM wp_spp_audit_logs WHERE id > ? ORDER BY id', [since]);
  assert.deepEqual(rows.map((r) => [r.action, r.result, Number(r.actor_id), JSON.parse(r.details)]), [
    ['settings.test_connection', 'success', manager.id, { postedFields: [], target: sim.url, ok: true }],
    ['settings.test_connection', 'success', manager.id, { postedFields: ['tokenId', 'tokenSecret'], target: sim.url, ok: false }],
    ['settings.test_connection', 'success', manager.id, { postedFields: ['tokenId', 'tokenSecret'], target: sim.url, ok: false }],
  ]);
});

// qemu-server PVE/API2/Qemu.pm: snapshot and delsnapshot check VM.Snapshot, rollback VM.Snapshot or VM.Snapshot.Rollback.
test('test-connection names a missing snapshot privilege, and checks none while snapshots are not in use', async () => {
  await sim.control('POST', '/tokens', { ...LIMITED, withoutPrivileges: ['VM.Snapshot', 'VM.Snapshot.Rollback'] });
  const limited = await testConnection({ tokenId: LIMITED.tokenId, tokenSecret: LIMITED.secret });
  assert.deepEqual(limited.checks.filter((c) => !c.ok), [
    { name: 'VM.Snapshot', ok: false, message: 'Missing: grant VM.Snapshot on /vms, or the portal cannot take and delete snapshots.' },
    { name: 'VM.Snapshot.Rollback', ok: false, message: 'Missing: grant VM.Snapshot.Rollback or VM.Snapshot on /vms, or the portal cannot roll VMs back to a snapshot.' },
  ]);

  const baselines = await query<{ id: number }>('SELECT id FROM wp_spp_templates WHERE active = 1 AND baseline_snapshot = 1');
  await query('UPDATE wp_spp_templates SET baseline_snapshot = 0 WHERE active = 1');
  try {
    const unused = await testConnection({ tokenId: LIMITED.tokenId, tokenSecret: LIMITED.secret, snapshotLimit: 0 });
    assert.equal(unused.ok, true, JSON.stringify(unused.checks));
    assert.equal(unused.checks.some((c) => c.name.startsWith('VM.Snapshot')), false);
  } finally {
    for (const { id } of baselines) await query('UPDATE wp_spp_templates SET baseline_snapshot = 1 WHERE id = ?', [id]);
  }
});

test('full lifecycle: provision, start, IPs, stop, prolong, expire, delete', async () => {
  const created = await create('HTTP mode lifecycle');
  const done = await settle(created.id);
  assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
  assert.equal(done.lastError, null);
  assert.equal(done.node, 'pve-sim');
  const vmid = done.vmid;
  assert.ok(vmid !== null && vmid > 100 && vmid < 9001, `a fresh VMID, got ${vmid}`);
  let vm = await sim.guest(vmid);
  // The marker that proves the VM is this deployment's: its id and a random nonce.
  const [{ vm_marker: nonce } = { vm_marker: '' }] = await query<{ vm_marker: string }>('SELECT vm_marker FROM wp_spp_deployments WHERE id = ?', [created.id]);
  const marker = `spp-${created.id}-${nonce}`;
  assert.equal(vm?.name, `${marker}-http-mode-lifecycle`);
  assert.equal(vm?.status, 'stopped');
  assert.equal(vm?.lock, null);
  assert.equal(Number(vm?.config.cores), 2);
  assert.equal(Number(vm?.config.memory), 2048);
  assert.equal(vm?.config.tags, `spp;${marker};spp-deployment-${created.id};spp-owner-${owner.id}`);
  assert.match(String(vm?.config.scsi0), new RegExp(`^local-lvm:vm-${vmid}-disk-0,`), 'a full clone');

  // The agent stays "not running" until the test says it has booted.
  await sim.control('PUT', '/timings', { agentStartupMs: 600_000 });
  const started = await call<Deployment>(owner, 'POST', `/deployments/${created.id}/start`);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.equal(started.body.status, 'RUNNING');
  assert.deepEqual(started.body.ipAddresses, []);
  assert.equal((await sim.guest(vmid))?.status, 'running');

  const booting = await call<Deployment & { ipAddressesHint: string | null }>(owner, 'POST', `/deployments/${created.id}/refresh-ips`);
  assert.equal(booting.status, 200);
  assert.deepEqual(booting.body.ipAddresses, []);
  assert.equal(booting.body.ipAddressesHint, AGENT_NOT_READY);

  await sim.control('PATCH', `/vms/${vmid}`, { agentReady: true });
  const ips = await call<Deployment & { ipAddressesHint: string | null }>(owner, 'POST', `/deployments/${created.id}/refresh-ips`);
  assert.equal(ips.status, 200);
  // The agent also reports 127.0.0.1, ::1 and an fe80:: address; none of them is usable.
  const expected = [`192.0.2.${(vmid % 250) + 2}`, `2001:db8::${vmid.toString(16)}`];
  assert.deepEqual(ips.body.ipAddresses, expected);
  assert.equal(ips.body.ipAddressesHint, null);
  assert.ok(ips.body.ipAddressesUpdatedAt);

  const stopped = await call<Deployment>(owner, 'POST', `/deployments/${created.id}/stop`);
  assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
  assert.equal(stopped.body.status, 'STOPPED');
  assert.deepEqual(stopped.body.ipAddresses, []);
  assert.equal((await sim.guest(vmid))?.status, 'stopped');
  const off = await call<Deployment & { ipAddressesHint: string | null }>(owner, 'POST', `/deployments/${created.id}/refresh-ips`);
  assert.deepEqual([off.body.ipAddresses, off.body.ipAddressesHint], [[], 'The VM is not running.']);

  const prolonged = await call<Deployment>(owner, 'POST', `/deployments/${created.id}/prolong`, { hours: 24 });
  assert.equal(prolonged.status, 200, JSON.stringify(prolonged.body));
  assert.ok(Date.parse(prolonged.body.expiresAt ?? '') > Date.parse(done.expiresAt ?? ''), 'the expiry moved later');

  // Running when it expires, so the expiry has to stop it.
  assert.equal((await call(owner, 'POST', `/deployments/${created.id}/start`)).status, 200);
  await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [created.id]);
  const expired = await settle(created.id);
  assert.equal(expired?.status, 'EXPIRED');
  assert.equal(expired.lastError, null);
  assert.deepEqual(expired.allowedActions, ['view', 'prolong', 'delete', 'share']);
  vm = await sim.guest(vmid);
  assert.equal(vm?.status, 'stopped');
  assert.equal(Number(vm?.config.protection), 1, 'an expired VM is protected against deletion');

  await remove(created.id);
  await assertNoPortalVm();

  const rows = await audit(created.id);
  const actions = rows.map((r) => r.action).filter((action, i, all) => action !== all[i - 1]);
  assert.deepEqual(actions, [
    'deployment.create', 'deployment.provisioned', 'deployment.start', 'deployment.refresh_ips', 'deployment.stop',
    'deployment.refresh_ips', 'deployment.prolong', 'deployment.start', 'deployment.expire', 'deployment.delete', 'deployment.deleted',
  ]);
  assert.ok(rows.every((r) => r.result === 'success'), JSON.stringify(rows));
  const refreshed = rows.filter((r) => r.action === 'deployment.refresh_ips').map((r) => (JSON.parse(r.details) as { ipAddresses: string[] }).ipAddresses);
  assert.deepEqual(refreshed, [[], expected, []]);
});

test('prolonging an expired deployment lifts the protection; deleting it while running stops it first', async () => {
  const d = await provisioned('HTTP revive');
  await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [d.id]);
  assert.equal((await settle(d.id))?.status, 'EXPIRED');
  assert.equal(Number((await sim.guest(d.vmid!))?.config.protection), 1);

  const revived = await call<Deployment>(owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 2 });
  assert.equal(revived.status, 200, JSON.stringify(revived.body));
  assert.equal(revived.body.status, 'STOPPED');
  assert.equal(revived.body.lastError, null);
  assert.equal(Number((await sim.guest(d.vmid!))?.config.protection), 0);

  assert.equal((await call(owner, 'POST', `/deployments/${d.id}/start`)).status, 200);
  await remove(d.id);
  const tasks = (await sim.state()).tasks.filter((t) => t.id === String(d.vmid)).map((t) => [t.type, t.exitstatus]);
  assert.deepEqual(tasks.slice(-2), [['qmstop', 'OK'], ['qmdestroy', 'OK']]);
  await assertNoPortalVm();
});

test('a wrong token secret fails the clone with HTTP 401, and test-connection stops at the token row', async () => {
  await configure({ tokenSecret: BAD_SECRET });
  const failed = await settle((await create('HTTP bad token')).id);
  assert.equal(failed?.status, 'FAILED');
  assert.equal(failed.lastError, 'Proxmox request failed with HTTP 401: Authentication failed! — check the API token ID and secret.');
  assert.equal(failed.vmid, null);
  assert.deepEqual(failed.allowedActions, ['view', 'delete', 'share']);
  const recorded = await auditRow(failed.id, 'deployment.provision_failed');
  assert.equal(recorded.result, 'error');
  assert.equal(recorded.parsed.reason, failed.lastError);
  await assertNoPortalVm();

  const probe = await testConnection();
  assert.deepEqual(probe.checks.map((c) => [c.name, c.ok]), [['reachable', true], ['tls', true], ['token', false]]);
  assert.equal(probe.checks[2]!.message, failed.lastError);
});

test('a token without VM.Clone fails at the clone, before any VM exists', async () => {
  await useTokenWithout(['VM.Clone']);
  const failed = await settle((await create('HTTP no clone')).id);
  assert.equal(failed?.status, 'FAILED');
  assert.equal(failed.lastError, 'Proxmox request failed with HTTP 403: Permission check failed (/vms/9003, VM.Clone)');
  assert.equal(failed.vmid, null);
  assert.equal((await auditRow(failed.id, 'deployment.provision_failed')).parsed.reason, failed.lastError);
  await assertNoPortalVm();
});

for (const privilege of ['VM.Config.Memory', 'VM.Config.CPU']) {
  test(`a token without ${privilege} fails at configure, and the clone is destroyed`, async () => {
    await useTokenWithout([privilege]);
    const failed = await settle((await create(`HTTP no ${privilege}`)).id);
    assert.equal(failed?.status, 'FAILED');
    const vmid = failed.vmid;
    assert.ok(vmid !== null, 'the clone had happened');
    assert.equal(failed.lastError, `Proxmox request failed with HTTP 403: Permission check failed (/vms/${vmid}, ${privilege})`);
    assert.deepEqual(await row(failed.id), { status: 'FAILED', step: '', vmid, last_error: failed.lastError });
    const recorded = await auditRow(failed.id, 'deployment.provision_failed');
    assert.deepEqual(recorded.parsed, { reason: failed.lastError, vmid });
    const destroyed = (await sim.state()).tasks.filter((t) => t.type === 'qmdestroy' && t.id === String(vmid));
    assert.deepEqual(destroyed.map((t) => t.exitstatus), ['OK'], 'the clean-up destroyed the clone');
    await assertNoPortalVm();
  });
}

test('a token without VM.PowerMgmt: start answers 502 with Proxmox\'s 403 reason', async () => {
  await useTokenWithout(['VM.PowerMgmt']);
  const d = await provisioned('HTTP no power');
  const reason = `Proxmox request failed with HTTP 403: Permission check failed (/vms/${d.vmid}, VM.PowerMgmt)`;
  const start = await call<Deployment>(owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(start.status, 502);
  assert.equal(errorOf(start).code, 'spp_proxmox_error');
  assert.equal(errorOf(start).message, reason);
  const after = await settle(d.id);
  assert.equal(after?.status, 'STOPPED');
  assert.equal(after.lastError, reason);
  assert.equal((await sim.guest(d.vmid!))?.status, 'stopped');
  const recorded = await auditRow(d.id, 'deployment.start');
  assert.equal(recorded.result, 'error');
  assert.equal(recorded.parsed.error, 'spp_proxmox_error');

  await remove(d.id);
  await assertNoPortalVm();
});

test('a token without VM.Allocate fails the delete with the reason; a permitted retry deletes', async () => {
  const d = await provisioned('HTTP no allocate');
  await useTokenWithout(['VM.Allocate']);
  assert.equal((await call(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
  const failed = await settle(d.id);
  assert.equal(failed?.status, 'FAILED');
  assert.equal(failed.lastError, `Proxmox request failed with HTTP 403: Permission check failed (/vms/${d.vmid}, VM.Allocate)`);
  assert.deepEqual(failed.allowedActions, ['view', 'delete', 'share']);
  const recorded = await auditRow(d.id, 'deployment.delete_failed');
  assert.equal(recorded.result, 'error');
  assert.deepEqual(recorded.parsed, { reason: failed.lastError, vmid: d.vmid });
  assert.ok(await sim.guest(d.vmid!), 'the VM is still there');

  await configure();
  await remove(d.id);
  await assertNoPortalVm();
});

test('a clone task that fails on the node ends FAILED with its exit status', async () => {
  const lvm = "lvcreate 'pve/vm-101-disk-0' error: Volume group \"pve\" has insufficient free space";
  // The disk copy fails; clone_vm reports it as "clone failed: <reason>".
  await sim.control('POST', '/faults/task', { type: 'qmclone', fail: lvm });
  const exit = `clone failed: ${lvm}`;
  const failed = await settle((await create('HTTP clone task fails')).id);
  assert.equal(failed?.status, 'FAILED');
  assert.equal(failed.lastError, exit);
  assert.equal((await auditRow(failed.id, 'deployment.provision_failed')).parsed.reason, exit);
  await assertNoPortalVm();
});

test('a poll that gets no answer while the clone runs is retried; the clone then finishes', async () => {
  await sim.control('POST', '/faults/task', { type: 'qmclone', hold: true });
  const d = await create('HTTP dropped poll');
  const cloning = await call<Deployment>(owner, 'GET', `/deployments/${d.id}`);
  assert.equal(cloning.body.step, 'clone_wait');

  await sim.control('POST', '/faults/http', { method: 'GET', path: '/nodes/*/tasks/*/status', kind: 'reset' });
  const stillCloning = await call<Deployment>(owner, 'GET', `/deployments/${d.id}`);
  assert.equal(stillCloning.body.status, 'PROVISIONING', 'the task runs on while one poll is lost');
  assert.equal(stillCloning.body.step, 'clone_wait');
  const [row] = await query<{ attempts: number }>('SELECT attempts FROM wp_spp_deployments WHERE id = ?', [d.id]);
  assert.equal(row?.attempts, 1);

  await sim.control('POST', '/tasks/release');
  const done = await settle(d.id);
  assert.equal(done?.status, 'STOPPED');
  assert.equal((await call(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
  assert.equal(await settle(d.id), null);
  await assertNoPortalVm();
});

test('a node that does not answer the clone in time fails it with a timeout', async () => {
  // Costs the adapter's full 10 s timeout, which stays as it is.
  await sim.control('POST', '/faults/http', { method: 'POST', path: '/nodes/*/qemu/*/clone', kind: 'timeout' });
  const failed = await settle((await create('HTTP clone timeout')).id);
  assert.equal(failed?.status, 'FAILED');
  assert.match(failed.lastError ?? '', /^Proxmox at 127\.0\.0\.1:\d+ did not answer in time \(timeout\)\. \(cURL error 28: /);
  assert.equal(failed.vmid, null);
  await assertNoPortalVm();
});

test('a node name that is not in the cluster fails the clone, and test-connection lists the nodes', async () => {
  await configure({ node: 'pve-elsewhere' });
  const failed = await settle((await create('HTTP wrong node')).id);
  assert.equal(failed?.status, 'FAILED');
  assert.match(failed.lastError ?? '', /^Proxmox request failed with HTTP 500: hostname lookup 'pve-elsewhere' failed/);
  await assertNoPortalVm();

  const probe = await testConnection();
  assert.equal(probe.ok, false);
  assert.deepEqual(probe.checks.map((c) => [c.name, c.ok]), [['reachable', true], ['tls', true], ['token', true], ['node', false]]);
  assert.equal(probe.checks[3]!.message, "Node 'pve-elsewhere' is not part of this cluster; its nodes are: pve-sim, pve-sim-2, pve-sim-3.");
});

test('an untrusted certificate is a clear TLS error, and verification stays on', async () => {
  await configure({ caCertificate: '' });
  const failed = await settle((await create('HTTP untrusted')).id);
  assert.equal(failed?.status, 'FAILED');
  assert.match(failed.lastError ?? '', /^TLS error talking to Proxmox: the certificate is not trusted \(set the CA certificate setting to the CA that signed it\)\. \(cURL error 60: /);
  await assertNoPortalVm();

  // Another CA decides which server gets the secret, so the secret goes along.
  const probe = await testConnection({ caCertificate: foreignCaPem, tokenSecret: SIM_SECRET });
  assert.equal(probe.ok, false);
  assert.deepEqual(probe.checks.map((c) => [c.name, c.ok]), [['reachable', true], ['tls', false]]);
  assert.match(probe.checks[1]!.message, /^TLS error talking to Proxmox: the certificate is not trusted/);
});

test('a VM deleted out of band: start answers a clear 409 without calling Proxmox\'s start, delete still completes', async () => {
  const d = await provisioned('HTTP vanished');
  await sim.control('POST', `/vms/${d.vmid}/delete`);
  const start = await call(owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(start.status, 409);
  assert.equal(errorOf(start).code, 'spp_vm_missing');
  assert.equal(errorOf(start).message, `The VM no longer exists on the cluster (VMID ${d.vmid}).`);
  assert.equal((await settle(d.id))?.lastError, errorOf(start).message);
  assert.deepEqual((await sim.state()).tasks.filter((t) => t.type === 'qmstart'), []);

  await remove(d.id);
  assert.equal((await auditRow(d.id, 'deployment.deleted')).result, 'success');
  await assertNoPortalVm();
});

test('no token secret appears in any response, audit row, deployment row or log', async () => {
  assert.ok(responses.length > 50, `scanned ${responses.length} responses`);
  const audits = await query('SELECT * FROM wp_spp_audit_logs WHERE id > ?', [firstAuditId]);
  const deployments = await query('SELECT * FROM wp_spp_deployments WHERE owner_id = ?', [owner.id]);
  assert.ok(deployments.some((d) => (d as { last_error: string }).last_error !== ''));
  const logs = await Promise.all([testSite().debugLog, testSite().phpErrorLog].map((file) => readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return ''; // nothing was logged
    throw error;
  })));
  const places: [string, string][] = [
    ['responses', responses.join('\n')],
    ['audit rows', JSON.stringify(audits)],
    ['deployment rows', JSON.stringify(deployments)],
    ['debug.log', logs[0]!],
    ['PHP error log', logs[1]!],
  ];
  for (const [place, text] of places) {
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `a token secret in the ${place}`);
    assert.ok(!text.includes('PVEAPIToken'), `an Authorization header in the ${place}`);
  }
});
