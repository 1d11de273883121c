import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, beforeEach, describe, test } from 'node:test';
import { api, type ApiResponse } from '../support/api.ts';
import { query } from '../support/db.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { startPveSimProcess, type PveSimProcess } from '../support/pve-sim.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';

// A fault at every step the background Worker takes in HTTP mode, against the Proxmox VE
// simulator as a child process: HTTP 500, a dropped connection, a timeout (twice: each costs the
// adapter's 10 s), a failed task, a token that stops working mid-flight and a VM deleted out of
// band. Every case ends in a stated outcome with its reason, leaves no VM of the portal on the
// node and loses no audit row. Deployments advance through reads of their own detail, as in
// http-mode.test.ts: a cron tick would also run other files' mock-mode deployments against the
// simulator. The last tests kill a PHP worker mid-call and show the next one resumes.

const SIM_SECRET = 'flt-sim-secret-3e7a9c15-0b4d-4f82-a6e9-71c2d8b05f43';
const ROTATED_SECRET = 'flt-rotated-secret-94b1e6d2';
const SEED_VMIDS = [100, 200, 9001, 9002, 9003];
const TEMPLATE_VMID = 9003;

const MESSAGE = 'flt injected failure';
const HTTP_500 = `Proxmox request failed with HTTP 500: ${MESSAGE}`;
const RESET = /^The connection to Proxmox at 127\.0\.0\.1:\d+ was reset before it answered\. \(cURL error (52|55|56): /;
const TIMEOUT = /^Proxmox at 127\.0\.0\.1:\d+ did not answer in time \(timeout\)\. \(cURL error 28: /;
/** The simulator's answer to a token whose secret no longer matches. */
const AUTH_FAILED = 'Proxmox request failed with HTTP 401: Authentication failed! — check the API token ID and secret.';
/** An injected 401 on one call: the token was revoked exactly then. */
const AUTH_REVOKED = 'Proxmox request failed with HTTP 401: authentication failure — check the API token ID and secret.';
const TASK_EXIT = 'flt task failed: storage went away';

const paths = {
  nextid: '/cluster/nextid',
  clone: '/nodes/*/qemu/*/clone',
  task: '/nodes/*/tasks/*/status',
  config: '/nodes/*/qemu/*/config',
  start: '/nodes/*/qemu/*/status/start',
  stop: '/nodes/*/qemu/*/status/stop',
  destroy: '/nodes/*/qemu/*',
};

type Kind = '500' | 'reset' | 'timeout' | '401';

interface Row {
  status: string;
  step: string;
  vmid: number | null;
  last_error: string;
  attempts: number;
}

let sim: PveSimProcess;
let manager: TestUser;
let owner: TestUser;
let savedSettings: { restore(): Promise<void> };
let injected = 0;
const outcomes = { failed: 0, deleteFailedThenRetried: 0, recovered: 0, resumed: 0 };

async function configure(): Promise<void> {
  const response = await api(manager, 'PUT', '/settings', {
    mode: 'http', baseUrl: sim.url, tokenId: sim.tokenId, tokenSecret: SIM_SECRET, node: sim.node, caCertificate: sim.ca,
    defaultUserRamLimitMb: 0, globalRamLimitMb: 0,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
}

/** Makes the next call matching `method path` fail the way `kind` says. */
async function httpFault(method: string, path: string, kind: Kind, count = 1): Promise<void> {
  injected += count;
  const rule = kind === '500' ? { kind: 'error', status: 500, message: MESSAGE }
    : kind === '401' ? { kind: 'error', status: 401, message: 'authentication failure' }
      : { kind };
  await sim.control('POST', '/faults/http', { method, path, count, ...rule });
}

async function failTask(type: string): Promise<void> {
  injected++;
  await sim.control('POST', '/faults/task', { type, fail: TASK_EXIT });
}

/** The next task of the type stays running until release(). */
async function holdTask(type: string): Promise<void> {
  await sim.control('POST', '/faults/task', { type, hold: true });
}

/** Lets `held` held tasks go on (waiting until they reached their hold) and waits until no task runs. */
async function release(held = 1): Promise<void> {
  let released = 0;
  for (let i = 0; ; i++) {
    released += (await sim.control<{ released: number }>('POST', '/tasks/release')).released;
    if (released >= held && !(await sim.state()).tasks.some((t) => t.status === 'running')) return;
    assert.ok(i < 100, `${held} held task(s) released and finished`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The token's secret changes on the node: every later call answers 401. */
async function rotateToken(): Promise<void> {
  injected++;
  await sim.control('POST', '/tokens', { tokenId: sim.tokenId, secret: ROTATED_SECRET });
}

async function restoreToken(): Promise<void> {
  await sim.control('POST', '/tokens', { tokenId: sim.tokenId, secret: SIM_SECRET });
}

async function deleteOutOfBand(vmid: number): Promise<void> {
  injected++;
  await sim.control('POST', `/vms/${vmid}/delete`);
}

async function create(name: string): Promise<number> {
  const response = await api<Deployment>(owner, 'POST', '/deployments', { templateId: templates.linux, name });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

async function read(id: number): Promise<ApiResponse<Deployment>> {
  return api<Deployment>(owner, 'GET', `/deployments/${id}`);
}

/** Reads the deployment (each read advances it) until no step is pending; null once deleted. */
async function settle(id: number): Promise<Deployment | null> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const response = await read(id);
    if (response.status === 404) return null;
    assert.equal(response.status, 200, JSON.stringify(response.body));
    if (response.body.step === '') return response.body;
  }
  assert.fail(`deployment ${id} still has a pending step`);
}

/** Reads once and expects the deployment to wait at `step`. */
async function waitsAt(id: number, step: string): Promise<void> {
  const response = await read(id);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.step, step, JSON.stringify(response.body));
}

/** Reads until the deployment waits at `step` (the clone before it may take a read or two). */
async function reaches(id: number, step: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    if ((await read(id)).body.step === step) return;
  }
  assert.fail(`deployment ${id} never waited at ${step}`);
}

async function provisioned(name: string, status = 'STOPPED'): Promise<Deployment> {
  const done = await settle(await create(name));
  assert.equal(done?.status, status, JSON.stringify(done));
  return done;
}

async function running(name: string): Promise<Deployment> {
  const d = await provisioned(name);
  const started = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  return started.body;
}

async function row(id: number): Promise<Row> {
  const [found] = await query<Row>('SELECT status, step, vmid, last_error, attempts FROM wp_spp_deployments WHERE id = ?', [id]);
  assert.ok(found, `deployment ${id} has a row`);
  return found;
}

/** The deployment's audit trail as [action, result, who]: who is `owner` or `system`. */
async function trail(id: number): Promise<string[][]> {
  const rows = await query<{ action: string; result: string; actor_id: number }>(
    'SELECT action, result, actor_id FROM wp_spp_audit_logs WHERE deployment_id = ? ORDER BY id', [id],
  );
  return rows.map((r) => [r.action, r.result, Number(r.actor_id) === owner.id ? 'owner' : Number(r.actor_id) === 0 ? 'system' : `user ${r.actor_id}`]);
}

async function auditDetails(id: number, action: string): Promise<Record<string, unknown>> {
  const rows = await query<{ details: string }>('SELECT details FROM wp_spp_audit_logs WHERE deployment_id = ? AND action = ?', [id, action]);
  assert.equal(rows.length, 1, `one ${action} row`);
  return JSON.parse(rows[0]!.details) as Record<string, unknown>;
}

async function portalGuests(): Promise<number[]> {
  return (await sim.state()).guests.map((g) => g.vmid).filter((vmid) => !SEED_VMIDS.includes(vmid));
}

async function assertNoPortalVm(): Promise<void> {
  assert.deepEqual(await portalGuests(), [], 'no VM of the portal is left on the node');
}

const CREATED = ['deployment.create', 'success', 'owner'];
const PROVISIONED = ['deployment.provisioned', 'success', 'system'];
const PROVISION_FAILED = ['deployment.provision_failed', 'error', 'system'];
const DELETE = ['deployment.delete', 'success', 'owner'];
const DELETED = ['deployment.deleted', 'success', 'system'];
const DELETE_FAILED = ['deployment.delete_failed', 'error', 'system'];
const EXPIRE = ['deployment.expire', 'success', 'system'];
const START = ['deployment.start', 'success', 'owner'];

/** Provisioning ended FAILED with `reason`; what was cloned is gone; both audit rows exist. */
async function assertProvisioningFailed(id: number, reason: string | RegExp): Promise<void> {
  const failed = await settle(id);
  assert.equal(failed?.status, 'FAILED', JSON.stringify(failed));
  if (typeof reason === 'string') assert.equal(failed.lastError, reason);
  else assert.match(failed.lastError ?? '', reason);
  assert.deepEqual(failed.allowedActions, ['view', 'delete', 'share']);
  assert.deepEqual(await trail(id), [CREATED, PROVISION_FAILED]);
  assert.deepEqual(await auditDetails(id, 'deployment.provision_failed'), { reason: failed.lastError, vmid: failed.vmid });
  await assertNoPortalVm();
  outcomes.failed++;
}

/** Deletes through the API and reads until the deployment is gone. */
async function remove(id: number): Promise<void> {
  const response = await api(owner, 'DELETE', `/deployments/${id}`);
  assert.equal(response.status, 202, JSON.stringify(response.body));
  assert.equal(await settle(id), null);
  assert.equal((await row(id)).status, 'DELETED');
}

/** Provisioning recovered: the deployment is usable; deleting it leaves nothing behind. */
async function assertRecovered(id: number, status = 'STOPPED'): Promise<void> {
  const done = await settle(id);
  assert.equal(done?.status, status, JSON.stringify(done));
  assert.equal(done.lastError, null);
  assert.equal((await row(id)).attempts, 0, 'the retry count starts over after an answer');
  const clones = (await sim.state()).guests.filter((g) => g.name.startsWith(`spp-${id}-`));
  assert.deepEqual(clones.map((g) => g.vmid), [done.vmid], 'exactly one clone');
  await remove(id);
  assert.deepEqual(await trail(id), [CREATED, PROVISIONED, DELETE, DELETED]);
  await assertNoPortalVm();
  outcomes.recovered++;
}

/**
 * The delete ended FAILED with `reason` and the VM is still there; once the fault is over, a
 * second delete removes it. `before` is the trail up to the first delete.
 */
async function assertDeleteFailedThenRetried(d: Deployment, reason: string | RegExp, before: string[][]): Promise<void> {
  const failed = await settle(d.id);
  assert.equal(failed?.status, 'FAILED', JSON.stringify(failed));
  if (typeof reason === 'string') assert.equal(failed.lastError, reason);
  else assert.match(failed.lastError ?? '', reason);
  assert.deepEqual(await auditDetails(d.id, 'deployment.delete_failed'), { reason: failed.lastError, vmid: d.vmid });
  await sim.control('DELETE', '/faults');
  await restoreToken();
  await release(0);
  await remove(d.id);
  assert.deepEqual(await trail(d.id), [...before, DELETE, DELETE_FAILED, DELETE, DELETED]);
  await assertNoPortalVm();
  outcomes.deleteFailedThenRetried++;
}

async function expireNow(id: number): Promise<void> {
  await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [id]);
}

/** The expiry got through: EXPIRED, no error left (or: the VM is gone), the VM stopped and protected; then deleted. */
async function assertExpired(d: Deployment, vmGone = false): Promise<void> {
  const expired = await settle(d.id);
  assert.equal(expired?.status, 'EXPIRED', JSON.stringify(expired));
  if (vmGone) assert.equal(expired.lastError, `The VM no longer exists on the cluster (VMID ${d.vmid}).`);
  else assert.equal(expired.lastError, null, 'a problem the retry got past is no longer reported');
  const vm = await sim.guest(d.vmid!);
  if (vmGone) assert.equal(vm, undefined);
  else {
    assert.equal(vm?.status, 'stopped');
    assert.equal(Number(vm?.config.protection), 1);
  }
  await remove(d.id);
  assert.deepEqual(await trail(d.id), [CREATED, PROVISIONED, START, EXPIRE, DELETE, DELETED]);
  await assertNoPortalVm();
  outcomes.recovered++;
}

before(async () => {
  sim = await startPveSimProcess(['--token-secret', SIM_SECRET]);
  manager = createUser({ login: 'flt_manager', rights: ['portal_access', 'manage_settings', 'manage_templates'] });
  owner = createUser({ login: 'flt_owner', rights: ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'] });
  savedSettings = await snapshotSettings(manager);
});

after(async () => {
  try {
    await savedSettings.restore();
    console.log(`faults: ${injected} injected; outcomes: ${outcomes.failed} FAILED with the reason, `
      + `${outcomes.deleteFailedThenRetried} deletes FAILED then retried, ${outcomes.recovered} recovered, ${outcomes.resumed} killed workers resumed`);
  } finally {
    await sim.stop();
  }
});

beforeEach(async () => {
  await sim.control('POST', '/reset');
  await configure();
});

describe('nextid', () => {
  for (const kind of ['500', 'reset'] as const) {
    test(`${kind}: FAILED before any VM exists`, async () => {
      await httpFault('GET', paths.nextid, kind);
      const id = await create(`flt nextid ${kind}`);
      await assertProvisioningFailed(id, kind === '500' ? HTTP_500 : RESET);
      assert.equal((await row(id)).vmid, null);
    });
  }

  test('401 (token rotated after the create was accepted): FAILED with the token hint', async () => {
    const id = await create('flt nextid 401');
    await rotateToken();
    await assertProvisioningFailed(id, AUTH_FAILED);
  });
});

describe('clone POST', () => {
  for (const kind of ['500', 'reset', '401'] as const) {
    test(`${kind}: FAILED, no VMID recorded, no VM`, async () => {
      await httpFault('POST', paths.clone, kind);
      const id = await create(`flt clone ${kind}`);
      if (kind === 'reset') {
        // No answer: the VM the clone may have made is looked for first (a few polls and seconds).
        await waitsAt(id, 'clone_adopt');
        await query('UPDATE wp_spp_deployments SET waiting_since = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [id]);
      }
      await assertProvisioningFailed(id, kind === '500' ? HTTP_500 : kind === 'reset' ? RESET : AUTH_REVOKED);
      assert.equal((await row(id)).vmid, null);
    });
  }

  test('VMID taken by a parallel clone: retried with a new VMID, one clone', async () => {
    injected++;
    await sim.control('POST', '/faults/http', {
      method: 'POST', path: paths.clone, kind: 'error', status: 500, message: 'unable to create VM 101: config file already exists',
    });
    await assertRecovered(await create('flt clone vmid taken'));
  });

  test('template deleted out of band: FAILED with Proxmox\'s reason', async () => {
    await deleteOutOfBand(TEMPLATE_VMID);
    await assertProvisioningFailed(
      await create('flt clone no template'),
      `Proxmox request failed with HTTP 500: unable to find configuration file for VM ${TEMPLATE_VMID} on node 'pve-sim'`,
    );
  });
});

describe('clone task poll', () => {
  test('500 while the clone runs: FAILED; the clean-up waits for the clone\'s lock, then destroys it', async () => {
    await holdTask('qmclone');
    const id = await create('flt poll 500');
    await waitsAt(id, 'clone_wait');
    await httpFault('GET', paths.task, '500');
    await waitsAt(id, 'cleanup');
    assert.equal((await row(id)).last_error, HTTP_500);
    assert.equal((await sim.guest((await row(id)).vmid!))?.lock, 'clone', 'still cloning');
    await release();
    await assertProvisioningFailed(id, HTTP_500);
  });

  test('reset three times: each poll is retried, the clone finishes', async () => {
    await holdTask('qmclone');
    const id = await create('flt poll reset');
    await waitsAt(id, 'clone_wait');
    await httpFault('GET', paths.task, 'reset', 3);
    for (let i = 1; i <= 3; i++) {
      await waitsAt(id, 'clone_wait');
      assert.equal((await row(id)).attempts, i);
    }
    await release();
    await assertRecovered(id);
  });

  test('timeout: the poll is retried, the clone finishes', async () => {
    await holdTask('qmclone');
    const id = await create('flt poll timeout');
    await waitsAt(id, 'clone_wait');
    await httpFault('GET', paths.task, 'timeout');
    await waitsAt(id, 'clone_wait');
    assert.equal((await row(id)).attempts, 1);
    await release();
    await assertRecovered(id);
  });

  test('no answer to 11 polls in a row: the 11th fails the provisioning', async () => {
    await holdTask('qmclone');
    const id = await create('flt poll unreachable');
    await waitsAt(id, 'clone_wait');
    await httpFault('GET', paths.task, 'reset', 11);
    for (let i = 1; i <= 10; i++) await waitsAt(id, 'clone_wait');
    assert.equal((await row(id)).attempts, 10);
    await waitsAt(id, 'cleanup');
    await release();
    await assertProvisioningFailed(id, RESET);
  });

  test('task failure: FAILED with the exit status; the node removed the half clone', async () => {
    await failTask('qmclone');
    // clone_vm reports a failed disk copy as "clone failed: <reason>".
    await assertProvisioningFailed(await create('flt clone task fails'), `clone failed: ${TASK_EXIT}`);
  });

  test('401 mid-flight: FAILED with the token hint; the clean-up runs once the token works again', async () => {
    await holdTask('qmclone');
    const id = await create('flt poll 401');
    await waitsAt(id, 'clone_wait');
    await rotateToken();
    await waitsAt(id, 'cleanup');
    await waitsAt(id, 'cleanup');
    assert.equal((await row(id)).last_error, AUTH_FAILED, 'the clean-up\'s own 401 does not replace the reason');
    assert.equal((await portalGuests()).length, 1, 'the clone waits for the clean-up');
    await restoreToken();
    await release();
    await assertProvisioningFailed(id, AUTH_FAILED);
  });

  // pve-cluster writes the config again after each disk (clone_vm's write_config): a config deleted
  // by hand during the copy comes back, so the clone finishes on its own VM.
  test('VM config deleted out of band while cloning: the clone writes it again and provisioning completes', async () => {
    await holdTask('qmclone');
    const id = await create('flt poll vanished');
    await waitsAt(id, 'clone_wait');
    const { vmid } = await row(id);
    await deleteOutOfBand(vmid!);
    await release();
    await assertRecovered(id);
  });
});

describe('configure PUT', () => {
  for (const kind of ['500', 'reset', '401'] as const) {
    test(`${kind}: FAILED, and the clone is destroyed`, async () => {
      await httpFault('PUT', paths.config, kind);
      const id = await create(`flt configure ${kind}`);
      await assertProvisioningFailed(id, kind === '500' ? HTTP_500 : kind === 'reset' ? RESET : AUTH_REVOKED);
      const { vmid } = await row(id);
      assert.ok(vmid !== null, 'the clone had happened');
      assert.deepEqual((await sim.state()).tasks.filter((t) => t.type === 'qmdestroy').map((t) => [t.id, t.exitstatus]), [[String(vmid), 'OK']]);
    });
  }

  test('VM deleted out of band after the clone: FAILED with Proxmox\'s reason, nothing to clean up', async () => {
    await holdTask('qmclone');
    const id = await create('flt configure vanished');
    await waitsAt(id, 'clone_wait');
    await release();
    const { vmid } = await row(id);
    await deleteOutOfBand(vmid!);
    await assertProvisioningFailed(id, `The VM no longer exists on the cluster (VMID ${vmid}).`);
    assert.deepEqual((await sim.state()).tasks.filter((t) => t.type === 'qmdestroy'), [], 'nothing was sent to the VMID');
  });
});

describe('start after create', () => {
  before(async () => {
    const response = await api(manager, 'PUT', `/templates/${templates.linux}`, { startAfterCreate: true });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  });

  after(async () => {
    const response = await api(manager, 'PUT', `/templates/${templates.linux}`, { startAfterCreate: false });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  });

  test('without a fault the deployment ends RUNNING', async () => {
    const d = await provisioned('flt start ok', 'RUNNING');
    assert.equal((await sim.guest(d.vmid!))?.status, 'running');
    await remove(d.id);
    await assertNoPortalVm();
  });

  for (const kind of ['500', 'reset', '401'] as const) {
    test(`start POST ${kind}: FAILED, and the stopped clone is destroyed`, async () => {
      await httpFault('POST', paths.start, kind);
      await assertProvisioningFailed(await create(`flt start ${kind}`), kind === '500' ? HTTP_500 : kind === 'reset' ? RESET : AUTH_REVOKED);
    });
  }

  test('start task failure: FAILED with the exit status, and the clone is destroyed', async () => {
    await failTask('qmstart');
    await assertProvisioningFailed(await create('flt start task fails'), TASK_EXIT);
  });

  test('401 mid-flight while starting: FAILED; the clean-up later stops and destroys the running VM', async () => {
    await holdTask('qmstart');
    const id = await create('flt start 401');
    await reaches(id, 'start_wait');
    await rotateToken();
    await waitsAt(id, 'cleanup');
    await restoreToken();
    await release();
    await assertProvisioningFailed(id, AUTH_FAILED);
    const { vmid } = await row(id);
    assert.deepEqual(
      (await sim.state()).tasks.filter((t) => t.id === String(vmid)).map((t) => t.type),
      // The baseline snapshot (docs/decisions/snapshots.md) comes before the start.
      ['qmsnapshot', 'qmstart', 'qmstop', 'qmdestroy'],
      'the clean-up stopped the VM the start had booted, then destroyed it',
    );
  });
});

describe('delete: stopping the running VM', () => {
  for (const kind of ['500', 'reset', 'timeout'] as const) {
    test(`stop POST ${kind}: the delete FAILED with the reason; a retry deletes`, async () => {
      const d = await running(`flt delete stop ${kind}`);
      await httpFault('POST', paths.stop, kind);
      assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
      assert.equal((await sim.guest(d.vmid!))?.status, 'running');
      await assertDeleteFailedThenRetried(d, kind === '500' ? HTTP_500 : kind === 'reset' ? RESET : TIMEOUT, [CREATED, PROVISIONED, START]);
    });
  }

  test('stop task failure: the delete FAILED with the exit status; a retry deletes', async () => {
    const d = await running('flt delete stop task');
    await failTask('qmstop');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    await assertDeleteFailedThenRetried(d, TASK_EXIT, [CREATED, PROVISIONED, START]);
  });

  test('401 mid-flight while stopping: the delete FAILED with the token hint; a retry deletes', async () => {
    const d = await running('flt delete stop 401');
    await holdTask('qmstop');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    await waitsAt(d.id, 'delete_stop_wait');
    await rotateToken();
    await assertDeleteFailedThenRetried(d, AUTH_FAILED, [CREATED, PROVISIONED, START]);
  });

  test('VM deleted out of band while stopping: the delete completes', async () => {
    const d = await running('flt delete stop vanished');
    await holdTask('qmstop');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    await waitsAt(d.id, 'delete_stop_wait');
    await deleteOutOfBand(d.vmid!);
    await release();
    assert.equal(await settle(d.id), null);
    assert.equal((await row(d.id)).status, 'DELETED');
    assert.deepEqual(await trail(d.id), [CREATED, PROVISIONED, START, DELETE, DELETED]);
    await assertNoPortalVm();
    outcomes.recovered++;
  });
});

describe('delete: destroying the VM', () => {
  for (const kind of ['500', 'reset', '401'] as const) {
    test(`destroy ${kind}: the delete FAILED with the reason; a retry deletes`, async () => {
      const d = await provisioned(`flt destroy ${kind}`);
      await httpFault('DELETE', paths.destroy, kind);
      assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
      await assertDeleteFailedThenRetried(d, kind === '500' ? HTTP_500 : kind === 'reset' ? RESET : AUTH_REVOKED, [CREATED, PROVISIONED]);
    });
  }

  test('destroy task failure: the delete FAILED with the exit status; a retry deletes', async () => {
    const d = await provisioned('flt destroy task');
    await failTask('qmdestroy');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    await assertDeleteFailedThenRetried(d, TASK_EXIT, [CREATED, PROVISIONED]);
  });

  test('401 mid-flight while destroying: FAILED; the retry finds the VM gone and completes', async () => {
    const d = await provisioned('flt destroy 401');
    await holdTask('qmdestroy');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    await waitsAt(d.id, 'destroy_wait');
    await rotateToken();
    await assertDeleteFailedThenRetried(d, AUTH_FAILED, [CREATED, PROVISIONED]);
    assert.equal((await sim.state()).tasks.filter((t) => t.type === 'qmdestroy').length, 1, 'destroyed once');
  });

  test('VM deleted out of band before the destroy: the delete completes', async () => {
    const d = await provisioned('flt destroy vanished');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    await deleteOutOfBand(d.vmid!);
    assert.equal(await settle(d.id), null);
    assert.deepEqual(await trail(d.id), [CREATED, PROVISIONED, DELETE, DELETED]);
    await assertNoPortalVm();
    outcomes.recovered++;
  });
});

describe('expiry: stopping the running VM', () => {
  for (const kind of ['500', 'reset'] as const) {
    test(`stop POST ${kind}: recorded, retried on the next read, then stopped and protected`, async () => {
      const d = await running(`flt expiry ${kind}`);
      await httpFault('POST', paths.stop, kind);
      await expireNow(d.id);
      await waitsAt(d.id, 'expire_stop');
      const pending = await row(d.id);
      assert.equal(pending.status, 'EXPIRED');
      if (kind === '500') assert.equal(pending.last_error, HTTP_500);
      else assert.match(pending.last_error, RESET);
      await assertExpired(d);
    });
  }

  test('stop task failure: retried, then stopped and protected', async () => {
    const d = await running('flt expiry task');
    injected++;
    await sim.control('POST', '/faults/task', { type: 'qmstop', fail: TASK_EXIT, hold: true });
    await expireNow(d.id);
    await waitsAt(d.id, 'expire_stop_wait');
    await release();
    await assertExpired(d);
    const stops = (await sim.state()).tasks.filter((t) => t.type === 'qmstop' && t.id === String(d.vmid));
    assert.deepEqual(stops.map((t) => t.exitstatus), [TASK_EXIT, 'OK'], 'the failed stop was retried');
  });

  test('401: EXPIRED at once, the stop waits until the token works again', async () => {
    const d = await running('flt expiry 401');
    await rotateToken();
    await expireNow(d.id);
    await waitsAt(d.id, 'expire_stop');
    await waitsAt(d.id, 'expire_stop');
    assert.deepEqual(await row(d.id), { status: 'EXPIRED', step: 'expire_stop', vmid: d.vmid, last_error: AUTH_FAILED, attempts: 0 });
    assert.equal((await sim.guest(d.vmid!))?.status, 'running');
    await restoreToken();
    await assertExpired(d);
  });

  test('VM deleted out of band: EXPIRED, nothing to stop', async () => {
    const d = await running('flt expiry vanished');
    await deleteOutOfBand(d.vmid!);
    await expireNow(d.id);
    await assertExpired(d, true);
  });
});

describe('a PHP worker killed mid-call', () => {
  const site = testSite();

  /** Worker::advance(id) — a tick's work on one deployment — in its own PHP process. */
  function worker(id: number): ReturnType<typeof spawn> {
    const code = `require ${JSON.stringify(`${site.coreDir}/wp-load.php`)}; SupportProvisioningPortal\\Service\\Worker::advance(${id});`;
    return spawn('php', ['-d', 'display_errors=stderr', '-r', code], {
      env: { ...process.env, SPP_WP_SITE_CONFIG: site.siteConfig },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }

  async function runWorker(id: number): Promise<void> {
    const child = worker(id);
    const [code] = await once(child, 'exit') as [number | null];
    assert.equal(code, 0);
  }

  /** Starts a worker, waits until it hangs in the call that matches `method path`, then kill -9. */
  async function killWhileIn(id: number, method: string, path: string): Promise<void> {
    await httpFault(method, path, 'timeout');
    const child = worker(id);
    const exited = once(child, 'exit');
    for (let i = 0; (await sim.state() as unknown as { faults: { http: unknown[] } }).faults.http.length > 0; i++) {
      assert.ok(i < 500, 'the worker reached the call');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    const [, signal] = await exited as [number | null, string | null];
    assert.equal(signal, 'SIGKILL');
  }

  async function claimExpired(id: number): Promise<void> {
    await query('UPDATE wp_spp_deployments SET claimed_until = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 SECOND) WHERE id = ?', [id]);
  }

  test('killed while polling the held clone: the claim holds off others; the next worker resumes, one clone', async () => {
    await holdTask('qmclone');
    const id = await create('flt killed poll');
    await killWhileIn(id, 'GET', paths.task);
    const killed = await row(id);
    assert.equal(killed.step, 'clone_wait', 'the clone was recorded before the poll');
    assert.ok(killed.vmid !== null);
    const [{ claimed } = { claimed: 0 }] = await query<{ claimed: number }>(
      'SELECT claimed_until > UTC_TIMESTAMP() AS claimed FROM wp_spp_deployments WHERE id = ?', [id],
    );
    assert.equal(Number(claimed), 1, 'the dead worker\'s claim is still in force');

    // While the claim lasts, a read shows the deployment but does not work on it.
    await waitsAt(id, 'clone_wait');
    await runWorker(id);
    assert.equal((await row(id)).step, 'clone_wait');

    await claimExpired(id);
    await runWorker(id);
    assert.equal((await row(id)).step, 'clone_wait', 'the resumed worker polls; the clone still runs');
    await release();
    await claimExpired(id);
    // The clone ends; the baseline snapshot after it may need another pass (bounded).
    for (let pass = 0; pass < 10 && (await row(id)).status === 'PROVISIONING'; pass++) await runWorker(id);
    assert.deepEqual(await row(id), { status: 'STOPPED', step: '', vmid: killed.vmid, last_error: '', attempts: 0 });

    const state = await sim.state();
    assert.equal(state.tasks.filter((t) => t.type === 'qmclone').length, 1, 'the clone was started once');
    assert.deepEqual(state.guests.filter((g) => g.name.startsWith(`spp-${id}-`)).map((g) => g.vmid), [killed.vmid]);
    assert.deepEqual(await trail(id), [CREATED, PROVISIONED]);
    await remove(id);
    await assertNoPortalVm();
    outcomes.resumed++;
  });

  test('killed while the clone POST goes unanswered: the next worker looks for its VM, then clones once', async () => {
    const id = await create('flt killed clone');
    await killWhileIn(id, 'POST', paths.clone);
    const killed = await row(id);
    assert.ok(killed.vmid !== null, 'the VMID is recorded before the clone is sent');
    assert.deepEqual(killed, { status: 'PROVISIONING', step: 'clone', vmid: killed.vmid, last_error: '', attempts: 0 });
    await assertNoPortalVm();
    // The POST was sent a while ago (its task would have written the config by now).
    await query('UPDATE wp_spp_deployments SET updated_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [id]);
    await claimExpired(id);
    for (let i = 0; i < 5 && (await row(id)).step !== ''; i++) await runWorker(id);
    assert.equal((await row(id)).status, 'STOPPED');
    assert.equal((await sim.state()).tasks.filter((t) => t.type === 'qmclone').length, 1, 'the clone was started once');
    assert.deepEqual(await trail(id), [CREATED, PROVISIONED]);
    await remove(id);
    await assertNoPortalVm();
    outcomes.resumed++;
  });
});
