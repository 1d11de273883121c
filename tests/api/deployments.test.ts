import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { query } from '../support/db.ts';
import { holdLocks } from '../support/locks.ts';
import { createDeployment, provisioned, templates, type Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { cronTick, mockFaults } from '../support/wordpress.ts';

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const owner = createUser({ login: 'dep_owner', rights: lifecycle });

interface MockVm {
  vmid: number;
  name: string;
  status: string;
  protected: number;
  cores: number;
  memory_mb: number;
  tags: string;
}

async function mockVm(vmid: number | null): Promise<MockVm | undefined> {
  const rows = await query<MockVm>('SELECT * FROM wp_spp_mock_vms WHERE vmid = ?', [vmid]);
  return rows[0];
}

describe('provisioning', () => {
  test('create answers 201 PROVISIONING with the template policy, and a read finishes it in STOPPED', async () => {
    const created = await createDeployment(owner, { name: 'Ticket 4711 repro', ttlHours: 8 });
    assert.equal(created.status, 'PROVISIONING');
    assert.equal(created.name, 'Ticket 4711 repro');
    assert.equal(created.templateName, 'Linux Utility VM');
    assert.equal(created.memoryMb, 2048);
    assert.equal(created.ownerLogin, 'dep_owner');
    assert.equal(created.ttlHours, 8);
    assert.ok(created.expiresAt && Date.parse(created.expiresAt) > Date.now() + 7.9 * 3600_000);
    assert.deepEqual(created.allowedActions, ['view', 'share']);

    const done = await provisioned(owner, created.id);
    assert.equal(done.status, 'STOPPED');
    assert.ok(done.vmid && done.vmid >= 100);
    assert.deepEqual(done.allowedActions, ['view', 'start', 'prolong', 'refresh_ips', 'delete', 'share']);
    const vm = await mockVm(done.vmid);
    assert.equal(vm?.cores, 2);
    assert.equal(vm?.memory_mb, 2048);
    // The deployment's marker (its id and a random nonce) proves the VM is its own.
    assert.match(vm?.tags ?? '', new RegExp(`^spp;spp-${done.id}-[a-z0-9]{12};spp-deployment-${done.id};spp-owner-${owner.id}$`));
    assert.match(vm?.name ?? '', new RegExp(`^spp-${done.id}-[a-z0-9]{12}-ticket-4711-repro$`));
  });

  test('a name outside ASCII, emoji included, is stored and read back as sent (wpdb trusts the tables\' charset)', async () => {
    const created = await createDeployment(owner, { name: 'Prüfung 🚀 Ωmega', neverExpire: true });
    assert.equal(created.name, 'Prüfung 🚀 Ωmega');
    assert.equal((await api<Deployment>(owner, 'GET', `/deployments/${created.id}`)).body.name, 'Prüfung 🚀 Ωmega');
    assert.equal((await api(owner, 'DELETE', `/deployments/${created.id}`)).status, 202);
  });

  test('a cron tick provisions without anyone reading', async () => {
    const created = await createDeployment(owner, { neverExpire: true });
    cronTick();
    const [row] = await query<{ status: string; step: string }>('SELECT status, step FROM wp_spp_deployments WHERE id = ?', [created.id]);
    assert.deepEqual(row, { status: 'STOPPED', step: '' });
  });

  test('the clone lock only takes turns: a worker that waits for it in vain clones anyway, once', async () => {
    // Another worker holds the lock; this read waits its 10 s (Worker::CLONE_LOCK_SECONDS), then
    // clones without it (a colliding VMID is caught by the clone task, docs/architecture.md).
    const locks = await holdLocks(['proxmox-clone']);
    let id = 0;
    try {
      id = (await createDeployment(owner)).id;
      assert.equal((await api(owner, 'GET', `/deployments/${id}`)).status, 200);
    } finally {
      await locks.release();
    }
    assert.equal((await provisioned(owner, id)).status, 'STOPPED');
    const [row] = await query<{ clone_attempts: number; n: number }>(
      'SELECT d.clone_attempts, COUNT(v.vmid) AS n FROM wp_spp_deployments d LEFT JOIN wp_spp_mock_vms v ON v.vmid = d.vmid WHERE d.id = ? GROUP BY d.id',
      [id],
    );
    assert.deepEqual([Number(row?.clone_attempts), Number(row?.n)], [1, 1], 'one clone, one VM');
  });

  test('a failure after the clone leaves no VM behind and marks the deployment FAILED with the reason', async () => {
    mockFaults({ configure: 'unable to set memory: out of host memory' });
    try {
      const created = await createDeployment(owner);
      const failed = await provisioned(owner, created.id);
      assert.equal(failed.status, 'FAILED');
      assert.equal(failed.lastError, 'unable to set memory: out of host memory');
      assert.deepEqual(failed.allowedActions, ['view', 'delete', 'share']);
      const [row] = await query<{ vmid: number; step: string }>('SELECT vmid, step FROM wp_spp_deployments WHERE id = ?', [created.id]);
      assert.ok(row?.vmid, 'the clone had happened');
      assert.equal(row?.step, '');
      assert.equal(await mockVm(row?.vmid ?? null), undefined, 'the cloned VM was removed');
      const audit = await query('SELECT * FROM wp_spp_audit_logs WHERE deployment_id = ? AND action = ?', [created.id, 'deployment.provision_failed']);
      assert.equal(audit.length, 1);
    } finally {
      mockFaults({});
    }
  });

  test('a FAILED deployment refuses every action but delete with 409 spp_deployment_failed', async () => {
    mockFaults({ clone: 'unable to create VM: storage local-lvm does not exist' });
    let failed: Deployment;
    try {
      failed = await provisioned(owner, (await createDeployment(owner)).id);
    } finally {
      mockFaults({});
    }
    assert.equal(failed.status, 'FAILED');
    const state = () => query('SELECT status, step, UNIX_TIMESTAMP(expires_at) AS expires, last_error FROM wp_spp_deployments WHERE id = ?', [failed.id]);
    const before = await state();
    for (const [action, body] of [['start'], ['stop'], ['refresh-ips'], ['prolong', { hours: 1 }]] as const) {
      const refused = await api(owner, 'POST', `/deployments/${failed.id}/${action}`, body);
      assert.deepEqual([refused.status, errorOf(refused).code], [409, 'spp_deployment_failed'], action);
    }
    assert.deepEqual(await state(), before, 'the refused actions changed nothing');
    assert.equal((await api(owner, 'DELETE', `/deployments/${failed.id}`)).status, 202);
  });

  test('a failing clone task ends FAILED without a VM', async () => {
    mockFaults({ clone_task: 'storage local-lvm is full' });
    try {
      const failed = await provisioned(owner, (await createDeployment(owner)).id);
      assert.equal(failed.status, 'FAILED');
      assert.equal(failed.lastError, 'storage local-lvm is full');
      assert.equal(await mockVm(failed.vmid), undefined);
    } finally {
      mockFaults({});
    }
  });

  test('an unknown or retired template is refused, and TTLs outside the template are 400', async () => {
    const missing = await api(owner, 'POST', '/deployments', { templateId: 999 });
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing).code, 'spp_template_not_found');
    const tooLong = await api(owner, 'POST', '/deployments', { templateId: templates.windows, ttlHours: 169 });
    assert.equal(tooLong.status, 400);
    assert.equal(errorOf(tooLong).code, 'spp_ttl_out_of_range');
    assert.equal(errorOf(tooLong).data.maxHours, 168);
    const bad = await api(owner, 'POST', '/deployments', { templateId: 'linux' });
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad).code, 'rest_invalid_param');
  });
});

describe('power and IPs', () => {
  test('start, refresh IPs, stop, and the no-op repeats', async () => {
    const d = await provisioned(owner, (await createDeployment(owner)).id);
    const started = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/start`);
    assert.equal(started.status, 200);
    assert.equal(started.body.status, 'RUNNING');
    assert.equal((await mockVm(d.vmid))?.status, 'running');
    for (const ip of started.body.ipAddresses) assert.match(ip, /^(192\.0\.2\.\d+|2001:db8::[0-9a-f]+)$/);
    assert.equal(started.body.ipAddresses.length, 2);

    const again = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/start`);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'RUNNING');

    const refreshed = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/refresh-ips`);
    assert.equal(refreshed.status, 200);
    assert.deepEqual(refreshed.body.ipAddresses, started.body.ipAddresses);

    const stopped = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/stop`);
    assert.equal(stopped.body.status, 'STOPPED');
    assert.deepEqual(stopped.body.ipAddresses, []);
    const stopAgain = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/stop`);
    assert.equal(stopAgain.status, 200);
    assert.equal((await mockVm(d.vmid))?.status, 'stopped');
  });

  // Proxmox's own messages: qemu-server PVE/QemuServer.pm (vm_start's memory allocation failure,
  // _do_vm_stop's timeout) and PVE/QemuServer/Monitor.pm (a failed QMP command of the guest agent).
  const failures = [
    { action: 'start', fault: 'start', running: false, message: "can't start VM: kvm: failed to allocate memory", lastError: true },
    { action: 'stop', fault: 'stop', running: true, message: 'VM quit/powerdown failed - got timeout', lastError: true },
    { action: 'refresh-ips', fault: 'ipAddresses', running: true, message: "VM 4711 qmp command 'guest-network-get-interfaces' failed - got timeout", lastError: false },
  ];
  for (const failure of failures) {
    test(`a Proxmox failure on ${failure.action} answers 502 and keeps the deployment as it was`, async () => {
      const d = await provisioned(owner, (await createDeployment(owner)).id);
      if (failure.running) assert.equal((await api<Deployment>(owner, 'POST', `/deployments/${d.id}/start`)).body.status, 'RUNNING');
      const before = (await api<Deployment>(owner, 'GET', `/deployments/${d.id}`)).body;
      mockFaults({ [failure.fault]: failure.message });
      try {
        const refused = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/${failure.action}`);
        assert.deepEqual([refused.status, errorOf(refused).code, errorOf(refused).message], [502, 'spp_proxmox_error', failure.message]);
      } finally {
        mockFaults({});
      }
      const after = (await api<Deployment>(owner, 'GET', `/deployments/${d.id}`)).body;
      assert.deepEqual([after.status, after.ipAddresses], [before.status, before.ipAddresses]);
      assert.equal((await mockVm(d.vmid))?.status, failure.running ? 'running' : 'stopped');
      assert.equal(after.lastError, failure.lastError ? failure.message : null);
    });
  }

  test('any action on a busy deployment is 409 spp_deployment_busy', async () => {
    const created = await createDeployment(owner);
    // Another worker holds the deployment, so reads cannot advance it.
    await query('UPDATE wp_spp_deployments SET claimed_until = DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 HOUR) WHERE id = ?', [created.id]);
    for (const action of ['start', 'stop', 'refresh-ips']) {
      const response = await api(owner, 'POST', `/deployments/${created.id}/${action}`);
      assert.equal(response.status, 409, action);
      assert.equal(errorOf(response).code, 'spp_deployment_busy');
    }
    const prolong = await api(owner, 'POST', `/deployments/${created.id}/prolong`, { hours: 1 });
    assert.equal(errorOf(prolong).code, 'spp_deployment_busy');
    const remove = await api(owner, 'DELETE', `/deployments/${created.id}`);
    assert.equal(errorOf(remove).code, 'spp_deployment_busy');
    await query('UPDATE wp_spp_deployments SET claimed_until = NULL WHERE id = ?', [created.id]);
    assert.equal((await provisioned(owner, created.id)).status, 'STOPPED');
  });
});

describe('expiry and prolong', () => {
  test('prolong extends from the current expiry, within the template maximum', async () => {
    const d = await provisioned(owner, (await createDeployment(owner, { templateId: templates.windows, ttlHours: 24 })).id);
    const prolonged = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 10 });
    assert.equal(prolonged.status, 200);
    assert.equal(Date.parse(prolonged.body.expiresAt ?? '') - Date.parse(d.expiresAt ?? ''), 10 * 3600_000);
    const beyond = await api(owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 140 });
    assert.equal(beyond.status, 400);
    assert.equal(errorOf(beyond).code, 'spp_ttl_out_of_range');
    assert.equal(errorOf(beyond).data.maxHours, 134);
  });

  test('never-expire deployments cannot be prolonged', async () => {
    const d = await provisioned(owner, (await createDeployment(owner, { neverExpire: true })).id);
    assert.equal(d.expiresAt, null);
    assert.ok(!d.allowedActions.includes('prolong'));
    const response = await api(owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 1 });
    assert.equal(response.status, 409);
    assert.equal(errorOf(response).code, 'spp_deployment_never_expires');
  });

  test('a read of an overdue deployment stops it, locks it and marks it EXPIRED; prolong revives it', async () => {
    const d = await provisioned(owner, (await createDeployment(owner)).id);
    const running = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/start`);
    assert.deepEqual([running.status, running.body.status, (await mockVm(d.vmid))?.status], [200, 'RUNNING', 'running'], 'the VM runs before it expires');
    await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [d.id]);

    const expired = await api<Deployment>(owner, 'GET', `/deployments/${d.id}`);
    assert.equal(expired.body.status, 'EXPIRED');
    assert.deepEqual(expired.body.allowedActions, ['view', 'prolong', 'delete', 'share']);
    const vm = await mockVm(d.vmid);
    assert.equal(vm?.status, 'stopped');
    assert.equal(vm?.protected, 1);

    const start = await api(owner, 'POST', `/deployments/${d.id}/start`);
    assert.equal(start.status, 409);
    assert.equal(errorOf(start).code, 'spp_deployment_expired');

    const prolonged = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/prolong`, { hours: 2 });
    assert.equal(prolonged.body.status, 'STOPPED');
    assert.ok(Math.abs(Date.parse(prolonged.body.expiresAt ?? '') - (Date.now() + 2 * 3600_000)) < 120_000);
    assert.equal((await mockVm(d.vmid))?.protected, 0);
    const audit = await query('SELECT actor_id FROM wp_spp_audit_logs WHERE deployment_id = ? AND action = ?', [d.id, 'deployment.expire']);
    assert.deepEqual(audit, [{ actor_id: 0 }]);
  });

  test('cron expires overdue deployments nobody reads; expired VMs are never deleted', async () => {
    const d = await provisioned(owner, (await createDeployment(owner)).id);
    await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 HOUR) WHERE id = ?', [d.id]);
    assert.ok(cronTick().expired >= 1);
    cronTick();
    const [row] = await query<{ status: string; step: string }>('SELECT status, step FROM wp_spp_deployments WHERE id = ?', [d.id]);
    assert.deepEqual(row, { status: 'EXPIRED', step: '' });
    assert.equal((await mockVm(d.vmid))?.protected, 1);
  });
});

describe('delete', () => {
  test('delete answers 202 DELETING, then the deployment is gone from lists and details but its rows stay', async () => {
    const d = await provisioned(owner, (await createDeployment(owner)).id);
    await api(owner, 'POST', `/deployments/${d.id}/start`);
    const deleting = await api<Deployment>(owner, 'DELETE', `/deployments/${d.id}`);
    assert.equal(deleting.status, 202);
    assert.equal(deleting.body.status, 'DELETING');
    cronTick();
    const gone = await api(owner, 'GET', `/deployments/${d.id}`);
    assert.equal(gone.status, 404);
    assert.equal(errorOf(gone).code, 'spp_deployment_not_found');
    const list = await api<Deployment[]>(owner, 'GET', '/deployments?per_page=100');
    assert.ok(!list.body.some((item) => item.id === d.id));
    assert.equal(await mockVm(d.vmid), undefined);
    const [row] = await query<{ status: string }>('SELECT status FROM wp_spp_deployments WHERE id = ?', [d.id]);
    assert.equal(row?.status, 'DELETED');
    const audit = await query<{ action: string }>('SELECT action FROM wp_spp_audit_logs WHERE deployment_id = ? ORDER BY id', [d.id]);
    assert.deepEqual(audit.map((a) => a.action), ['deployment.create', 'deployment.provisioned', 'deployment.start', 'deployment.delete', 'deployment.deleted']);
  });

  test('an expired or failed deployment can be deleted', async () => {
    const d = await provisioned(owner, (await createDeployment(owner)).id);
    await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [d.id]);
    assert.equal((await api<Deployment>(owner, 'GET', `/deployments/${d.id}`)).body.status, 'EXPIRED');
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    cronTick();
    assert.equal(await mockVm(d.vmid), undefined, 'the protection was lifted before the delete');
  });
});

describe('lists', () => {
  test('paging headers, status and search filters, and owner only for manage_all', async () => {
    const lister = createUser({ login: 'dep_lister', rights: lifecycle });
    for (let i = 1; i <= 5; i++) await createDeployment(lister, { name: `Lister box ${i}`, neverExpire: true });
    cronTick();
    const page = await api<Deployment[]>(lister, 'GET', '/deployments?per_page=2&page=2');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('x-wp-total'), '5');
    assert.equal(page.headers.get('x-wp-totalpages'), '3');
    assert.deepEqual(page.body.map((d) => d.name), ['Lister box 3', 'Lister box 2']);
    // The total is counted, or read off a page that ends the list: the same either way.
    for (const paging of ['per_page=2&page=3', 'per_page=2&page=4', 'per_page=5', 'per_page=6']) {
      assert.equal((await api(lister, 'GET', `/deployments?${paging}`)).headers.get('x-wp-total'), '5', paging);
    }
    const search = await api<Deployment[]>(lister, 'GET', '/deployments?search=box%204');
    assert.deepEqual(search.body.map((d) => d.name), ['Lister box 4']);
    const stopped = await api<Deployment[]>(lister, 'GET', '/deployments?status=STOPPED&per_page=100');
    assert.equal(stopped.body.length, 5);
    const byOwner = await api(lister, 'GET', `/deployments?owner=${owner.id}`);
    assert.equal(byOwner.status, 403);
    const tooMany = await api(lister, 'GET', '/deployments?per_page=101');
    assert.equal(tooMany.status, 400);

    const manager = createUser({ login: 'dep_manager', rights: ['portal_access', 'manage_all'] });
    const all = await api<Deployment[]>(manager, 'GET', `/deployments?owner=${lister.id}&per_page=100`);
    assert.equal(all.body.length, 5);
    assert.ok(all.body.every((d) => d.ownerId === lister.id));
    const others = await api<Deployment[]>(lister, 'GET', '/deployments?per_page=100');
    assert.ok(others.body.every((d) => d.ownerId === lister.id), 'private by default');
  });

  // A list shapes its rows with what they share worked out once (docs/decisions/read-performance.md):
  // each row must still be the resource its own detail read answers, whoever reads it.
  test('a list row is the resource its detail read answers, for the owner, a sharee and a manager', async () => {
    const mixer = createUser({ login: 'dep_mixer', rights: lifecycle });
    const sharee = createUser({ login: 'dep_mix_sharee', rights: ['portal_access', 'start', 'stop'] });
    const manager = createUser({ login: 'dep_mix_manager', rights: ['portal_access', 'manage_all', 'delete'] });
    const running = await provisioned(mixer, (await createDeployment(mixer, { name: 'Mix running', ticketRef: 'SUP-77', customer: 'ACME' })).id);
    assert.equal((await api(mixer, 'POST', `/deployments/${running.id}/start`)).status, 200);
    const stopped = await provisioned(mixer, (await createDeployment(mixer, { name: 'Mix stopped', ttlHours: 200 })).id);
    const forever = await provisioned(mixer, (await createDeployment(mixer, { name: 'Mix forever', neverExpire: true })).id);
    const soon = await provisioned(mixer, (await createDeployment(mixer, { name: 'Mix soon', ttlHours: 2 })).id);
    const ids = [running.id, stopped.id, forever.id, soon.id];
    try {
      for (const id of [running.id, stopped.id]) {
        assert.equal((await api(mixer, 'POST', `/deployments/${id}/shares`, { user: 'dep_mix_sharee' })).status, 200);
      }
      const seen = new Map<string, Deployment[]>();
      for (const viewer of [mixer, sharee, manager]) {
        const path = viewer === manager ? `/deployments?per_page=100&owner=${mixer.id}` : '/deployments?per_page=100';
        const rows = (await api<Deployment[]>(viewer, 'GET', path)).body.filter((d) => ids.includes(d.id));
        assert.equal(rows.length, viewer === sharee ? 2 : 4, viewer.login);
        for (const row of rows) {
          const detail = await api<Deployment>(viewer, 'GET', `/deployments/${row.id}`);
          assert.equal(detail.status, 200);
          assert.deepEqual(row, detail.body, `${viewer.login}: ${row.name}`);
        }
        seen.set(viewer.login, rows);
      }
      const row = (login: string, id: number): Deployment => seen.get(login)!.find((d) => d.id === id)!;
      // Rows alike in status share their answers; rows unlike do not.
      assert.deepEqual(row('dep_mixer', running.id).allowedActions, ['view', 'stop', 'prolong', 'refresh_ips', 'delete', 'share']);
      assert.deepEqual(row('dep_mixer', stopped.id).allowedActions, ['view', 'start', 'prolong', 'refresh_ips', 'delete', 'share']);
      assert.deepEqual(row('dep_mixer', forever.id).allowedActions, ['view', 'start', 'refresh_ips', 'delete', 'share']);
      assert.deepEqual(row('dep_mix_sharee', running.id).allowedActions, ['view', 'stop']);
      assert.deepEqual(row('dep_mix_sharee', stopped.id).allowedActions, ['view', 'start']);
      assert.deepEqual(row('dep_mix_manager', stopped.id).allowedActions, ['view', 'delete', 'share']);
      assert.deepEqual([row('dep_mixer', stopped.id).detailsEditable, row('dep_mix_sharee', stopped.id).detailsEditable,
        row('dep_mix_manager', stopped.id).detailsEditable], [true, false, true]);
      assert.deepEqual([row('dep_mix_sharee', stopped.id).sharedWithMe, row('dep_mixer', stopped.id).sharedWithMe], [true, false]);
      assert.deepEqual(ids.map((id) => row('dep_mixer', id).expiresSoon), [false, false, false, true]);
      assert.ok(row('dep_mixer', running.id).connection !== null, 'a running VM with addresses has its connection kit');
      assert.equal(row('dep_mixer', stopped.id).connection, null);
      assert.equal(row('dep_mixer', running.id).ticketRef, 'SUP-77');
      assert.equal(row('dep_mixer', stopped.id).ticketRef, null);
      assert.match(String(row('dep_mixer', running.id).createdAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    } finally {
      for (const id of ids) assert.equal((await api(mixer, 'DELETE', `/deployments/${id}`)).status, 202);
    }
  });
});
