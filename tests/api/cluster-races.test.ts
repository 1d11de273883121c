import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { api, errorOf, type ApiResponse } from '../support/api.ts';
import { startClusterPortal, SEED_VMIDS, TEMPLATE_VMID, type ClusterPortal } from '../support/cluster-portal.ts';
import { query } from '../support/db.ts';
import type { Deployment } from '../support/deployments.ts';

// Races on a shared cluster, as Proxmox has them: two clones that got one VMID from nextid (the
// clone POST answers before its task writes the config), a VM made by someone else under the
// VMID a clone was given, a clone POST whose answer is lost, a template locked by its backup,
// and a start that races its own deployment's expiry.

const SECRET = 'crc-sim-secret-8c2e5f19-3d74-4b0a-91c6-e2a7f0b4d853';
const CLONE_PATH = '/nodes/*/qemu/*/clone';

let portal: ClusterPortal;

/** The portal's clones in the simulator, as [vmid, name]. */
async function portalVms(): Promise<[number, string][]> {
  return (await portal.sim.state()).guests.filter((g) => !SEED_VMIDS.includes(g.vmid)).map((g) => [g.vmid, g.name]);
}

async function marker(id: number): Promise<string> {
  return `spp-${id}-${(await portal.row(id)).vm_marker}`;
}

/** Reads until the deployment waits at `step`. */
async function reaches(id: number, step: string): Promise<Deployment> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const seen = await portal.read(id);
    if (seen.body.step === step) return seen.body;
  }
  assert.fail(`deployment ${id} never waited at ${step}`);
}

/** Lets held tasks go on and waits until none runs. */
async function releaseTasks(): Promise<void> {
  for (let i = 0; ; i++) {
    await portal.sim.control('POST', '/tasks/release');
    if (!(await portal.sim.state()).tasks.some((t) => t.status === 'running')) return;
    assert.ok(i < 100, 'held tasks finished');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

before(async () => {
  portal = await startClusterPortal('crc', SECRET);
});

after(async () => {
  await portal.close();
});

beforeEach(async () => {
  await portal.sim.control('POST', '/reset');
  await portal.useHttp();
});

test('two clones given one VMID: the loser clones again under a fresh VMID, the winner\'s VM survives', async () => {
  await portal.sim.control('POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
  const first = await portal.create('crc race one');
  const raced = (await reaches(first, 'clone_wait')).vmid!;
  await portal.sim.control('POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
  const second = await portal.create('crc race two');
  await reaches(second, 'clone_wait');
  assert.equal((await portal.row(second)).vmid, raced, 'nextid gave both the same VMID: no config existed yet');

  await releaseTasks();
  const [a, b] = [await portal.settle(first), await portal.settle(second)];
  const ended = [a, b].map((d) => d?.status);
  assert.ok(ended.every((s) => s === 'STOPPED'), `both usable: ${JSON.stringify([a, b])}`);
  assert.notEqual(a!.vmid, b!.vmid, 'on distinct VMs');
  const winner = a!.vmid === raced ? first : second;
  const vms = new Map(await portalVms());
  assert.ok(vms.get(raced)?.startsWith(`${await marker(winner)}-`), 'the raced VMID holds the winner\'s VM');
  const loserVmid = (winner === first ? b : a)!.vmid!;
  assert.ok(vms.get(loserVmid)?.startsWith(`${await marker(winner === first ? second : first)}-`));
  const clones = (await portal.sim.state()).tasks.filter((t) => t.type === 'qmclone').map((t) => t.exitstatus ?? '');
  assert.equal(clones.length, 3, 'one clone lost the race and was sent again');
  assert.equal(clones.filter((exit) => /config file already exists|can't lock file '\/var\/lock\/qemu-server\/lock-\d+\.conf' - got timeout/.test(exit)).length, 1);
  assert.deepEqual((await portal.sim.state()).tasks.filter((t) => t.type === 'qmdestroy'), [], 'nothing destroyed');
  await portal.remove(first);
  await portal.remove(second);
  assert.deepEqual(await portalVms(), []);
});

test('someone else makes a VM under the VMID a clone was given: it is left alone, the clone goes elsewhere', async () => {
  await portal.sim.control('POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
  const id = await portal.create('crc taken by hand');
  const taken = (await reaches(id, 'clone_wait')).vmid!;
  await portal.sim.control('POST', '/vms', { vmid: taken, name: 'made-by-hand', status: 'running' });
  const since = await portal.taskCount();

  await releaseTasks();
  const done = await portal.settle(id);
  assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
  assert.notEqual(done.vmid, taken);
  const handMade = await portal.sim.guest(taken);
  assert.deepEqual([handMade?.name, handMade?.status], ['made-by-hand', 'running']);
  assert.deepEqual(await portal.mutationsOf(taken, since), [], 'no task ran on the hand-made VM');
  await portal.remove(id);
  assert.deepEqual(await portalVms(), [[taken, 'made-by-hand']]);
});

test('a clone POST whose answer is lost: the VM it made is found by its marker and adopted', async () => {
  await portal.sim.control('POST', '/faults/http', { method: 'POST', path: CLONE_PATH, kind: 'lose-answer' });
  const id = await portal.create('crc lost answer');
  const done = await portal.settle(id);
  assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
  assert.equal(done.lastError, null);
  const vms = await portalVms();
  assert.equal(vms.length, 1, 'one clone, no orphan');
  assert.equal(vms[0]![0], done.vmid);
  assert.ok(vms[0]![1].startsWith(`${await marker(id)}-`));
  assert.equal((await portal.sim.state()).tasks.filter((t) => t.type === 'qmclone').length, 1, 'cloned once');
  await portal.remove(id);
  assert.deepEqual(await portalVms(), []);
});

test('a template locked by its backup delays provisioning, which completes once the backup is done', async () => {
  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { lock: 'backup' });
  const id = await portal.create('crc backup lock');
  const waiting = await portal.read(id);
  assert.equal(waiting.body.status, 'PROVISIONING');
  assert.equal(waiting.body.step, 'clone');
  assert.equal(waiting.body.lastError, 'waiting: template is locked by a backup');
  assert.equal(waiting.body.vmid, null);
  assert.equal((await portal.read(id)).body.lastError, 'waiting: template is locked by a backup', 'still waiting');

  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { lock: null });
  await query('UPDATE wp_spp_deployments SET retry_at = NULL WHERE id = ?', [id]);
  const done = await portal.settle(id);
  assert.equal(done?.status, 'STOPPED', JSON.stringify(done));
  assert.equal(done.lastError, null);
  const [{ waiting_since: since } = { waiting_since: 'missing' }] = await query<{ waiting_since: string | null }>(
    'SELECT waiting_since FROM wp_spp_deployments WHERE id = ?', [id],
  );
  assert.equal(since, null, 'the wait is over');
  await portal.remove(id);
});

test('a lock that outlasts the wait fails the provisioning with the reason, without a VM', async () => {
  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { lock: 'backup' });
  const id = await portal.create('crc backup forever');
  assert.equal((await portal.read(id)).body.lastError, 'waiting: template is locked by a backup');
  await query(
    'UPDATE wp_spp_deployments SET waiting_since = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 31 MINUTE), retry_at = NULL WHERE id = ?', [id],
  );
  const failed = await portal.settle(id);
  assert.equal(failed?.status, 'FAILED');
  assert.equal(failed.lastError, 'Template is locked by a backup: gave up after 30 minutes');
  assert.equal(failed.vmid, null);
  assert.deepEqual(await portalVms(), []);
});

test('a backup that locks the template after the clone POST: the clone task fails, the wait keeps its start and gives up with the reason', async () => {
  const cloneExits = async () => (await portal.sim.state()).tasks.filter((t) => t.type === 'qmclone').map((t) => t.exitstatus);
  await portal.sim.control('POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
  const id = await portal.create('crc backup in task');
  await reaches(id, 'clone_wait');
  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { lock: 'backup' });
  await releaseTasks();
  const waiting = await reaches(id, 'clone');
  assert.deepEqual([waiting.status, waiting.lastError, waiting.vmid], ['PROVISIONING', 'waiting: template is locked by a backup', null]);
  assert.deepEqual(await cloneExits(), ['VM is locked (backup)'], 'the task checked the template again; no clone sent in the same pass');

  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { lock: null });
  await portal.sim.control('POST', '/faults/task', { type: 'qmclone', holdAtStart: true });
  await query(
    'UPDATE wp_spp_deployments SET waiting_since = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 31 MINUTE), retry_at = NULL WHERE id = ?', [id],
  );
  await reaches(id, 'clone_wait');
  const [kept] = await query<{ waited: number }>('SELECT TIMESTAMPDIFF(MINUTE, waiting_since, UTC_TIMESTAMP()) AS waited FROM wp_spp_deployments WHERE id = ?', [id]);
  assert.ok(Number(kept?.waited) >= 31, 'the clone sent while waiting keeps the wait\'s start');
  await portal.sim.control('PATCH', `/vms/${TEMPLATE_VMID}`, { lock: 'backup' });
  await releaseTasks();
  const failed = await portal.settle(id);
  assert.deepEqual([failed?.status, failed?.lastError, failed?.vmid], ['FAILED', 'Template is locked by a backup: gave up after 30 minutes', null]);
  assert.deepEqual(await cloneExits(), ['VM is locked (backup)', 'VM is locked (backup)']);
  assert.deepEqual(await portalVms(), []);
});

test('a start racing its own expiry: the expiry wins and the VM ends stopped and protected, not running', async () => {
  const d = await portal.provisioned('crc start vs expiry');
  await portal.sim.control('POST', '/faults/task', { type: 'qmstart', hold: true });
  const starting: Promise<ApiResponse<Deployment>> = api<Deployment>(portal.owner, 'POST', `/deployments/${d.id}/start`);
  for (let i = 0; !(await portal.sim.state()).tasks.some((t) => t.type === 'qmstart' && t.status === 'running'); i++) {
    assert.ok(i < 500, 'the start task runs');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The expiry lands while the start waits for its task (another server's cron, say).
  await portal.expireNow(d.id);
  await portal.php(`SupportProvisioningPortal\\Service\\Expiry::expire(${d.id}); SupportProvisioningPortal\\Service\\Worker::advance(${d.id});`);
  assert.deepEqual([(await portal.row(d.id)).status, (await portal.row(d.id)).step], ['EXPIRED', 'expire_stop'], 'the stop waits for the start\'s claim');

  await releaseTasks();
  const start = await starting;
  assert.equal(start.status, 409);
  assert.equal(errorOf(start).code, 'spp_deployment_expired');
  const expired = await portal.settle(d.id);
  assert.equal(expired?.status, 'EXPIRED');
  const vm = await portal.sim.guest(d.vmid!);
  assert.deepEqual([vm?.status, Number(vm?.config.protection)], ['stopped', 1]);
  await portal.remove(d.id);
});

test('a start whose task fails stores the VM\'s real state: a VM started by hand shows RUNNING', async () => {
  const d = await portal.provisioned('crc started by hand');
  await portal.sim.control('POST', `/vms/${d.vmid}/start`);
  const start = await api(portal.owner, 'POST', `/deployments/${d.id}/start`);
  assert.equal(start.status, 502);
  assert.deepEqual([errorOf(start).code, errorOf(start).message], ['spp_proxmox_error', `VM ${d.vmid} already running`]);
  const stored = await portal.row(d.id);
  assert.deepEqual([stored.status, stored.last_error], ['RUNNING', `VM ${d.vmid} already running`], 'the truth, stored by the start itself');
  await portal.remove(d.id);
});
