import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Quota } from '../../ui/api/types.ts';
import { api, errorOf } from '../support/api.ts';
import { audited } from '../support/audit.ts';
import { query } from '../support/db.ts';
import { holdLocks } from '../support/locks.ts';
import { createDeployment, provisioned, templates, type Deployment } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { cronTick, deleteOption, setOption } from '../support/wordpress.ts';


const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];

after(() => deleteOption('spp_settings'));

test('unlimited by default: the quota resource says null for limit and available', async () => {
  const user = createUser({ login: 'quota_free', rights: lifecycle });
  const quota = await api<Quota>(user, 'GET', '/quota');
  assert.equal(quota.status, 200);
  assert.equal(quota.body.user.limitMb, null);
  assert.equal(quota.body.user.availableMb, null);
  assert.equal(quota.body.user.usedMb, 0);
  assert.equal(quota.body.global.limitMb, null);
});

test('eight simultaneous creates against a per-user quota with room for three: exactly three succeed', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 6144, globalRamLimitMb: 0 });
  const racer = createUser({ login: 'quota_racer', rights: lifecycle });
  const responses = await Promise.all(
    Array.from({ length: 8 }, (_, i) => api(racer, 'POST', '/deployments', { templateId: templates.linux, name: `race ${i}` })),
  );
  const created = responses.filter((r) => r.status === 201);
  const refused = responses.filter((r) => r.status === 409);
  assert.equal(created.length, 3);
  assert.equal(refused.length, 5);
  for (const response of refused) {
    const error = errorOf(response);
    assert.equal(error.code, 'spp_quota_exceeded');
    assert.deepEqual(
      { scope: error.data.scope, limitMb: error.data.limitMb, usedMb: error.data.usedMb, requestedMb: error.data.requestedMb },
      { scope: 'user', limitMb: 6144, usedMb: 6144, requestedMb: 2048 },
    );
  }
  const [row] = await query<{ total: string }>(
    "SELECT SUM(memory_mb) AS total FROM wp_spp_deployments WHERE owner_id = ? AND status <> 'DELETED'",
    [racer.id],
  );
  assert.equal(Number(row?.total), 6144);
  const quota = await api<Quota>(racer, 'GET', '/quota');
  assert.deepEqual(quota.body.user, { limitMb: 6144, usedMb: 6144, availableMb: 0 });
});

test('a per-user override beats the default; 0 means unlimited', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 1024, globalRamLimitMb: 0 });
  const small = createUser({ login: 'quota_small', rights: lifecycle });
  const refused = await api(small, 'POST', '/deployments', { templateId: templates.linux });
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused).data.limitMb, 1024);
  const big = createUser({ login: 'quota_big', rights: lifecycle, ramLimitMb: 0 });
  assert.equal((await api(big, 'POST', '/deployments', { templateId: templates.windows })).status, 201);
});

test('the global limit applies across owners', async () => {
  const first = createUser({ login: 'quota_global_a', rights: lifecycle });
  const second = createUser({ login: 'quota_global_b', rights: lifecycle });
  // The site's use as the quota counts it (earlier files may leave deletions whose RAM was released).
  const used = (await api<{ global: { usedMb: number } }>(first, 'GET', '/quota')).body.global.usedMb;
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: used + 2048 });
  assert.equal((await api(first, 'POST', '/deployments', { templateId: templates.linux })).status, 201);
  const refused = await api(second, 'POST', '/deployments', { templateId: templates.linux });
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused).data.scope, 'global');
  assert.equal(errorOf(refused).data.usedMb, used + 2048);
});

test('prolonging an expired deployment re-enters the quota and is refused when it no longer fits', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 4096, globalRamLimitMb: 0 });
  const user = createUser({ login: 'quota_prolong', rights: lifecycle });
  const first = await provisioned(user, (await createDeployment(user)).id);
  await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [first.id]);
  assert.equal((await api<Deployment>(user, 'GET', `/deployments/${first.id}`)).body.status, 'EXPIRED');
  const quota = await api<Quota>(user, 'GET', '/quota');
  assert.equal(quota.body.user.usedMb, 0, 'expired deployments hold no RAM');
  await createDeployment(user);
  await createDeployment(user);
  const refused = await api(user, 'POST', `/deployments/${first.id}/prolong`, { hours: 1 });
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused).code, 'spp_quota_exceeded');
  // A lead acting on it is checked against the owner's contingent, not the lead's (unlimited) one.
  const lead = createUser({ login: 'quota_lead', rights: ['portal_access', 'manage_all', 'prolong'], ramLimitMb: 0 });
  const byLead = await api(lead, 'POST', `/deployments/${first.id}/prolong`, { hours: 1 });
  assert.equal(byLead.status, 409);
  assert.deepEqual([errorOf(byLead).data.scope, errorOf(byLead).data.usedMb], ['user', 4096]);
  assert.equal((await api<Deployment>(user, 'GET', `/deployments/${first.id}`)).body.status, 'EXPIRED');
});

async function expire(id: number): Promise<void> {
  await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [id]);
}

async function expired(user: TestUser): Promise<Deployment> {
  const d = await provisioned(user, (await createDeployment(user)).id);
  await expire(d.id);
  const read = await api<Deployment>(user, 'GET', `/deployments/${d.id}`);
  assert.equal(read.body.status, 'EXPIRED');
  return read.body;
}

test('expired deployments keep their VM and count against the per-user VM limit; deleting one frees its place', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: 0, defaultUserVmLimit: 2 });
  const user = createUser({ login: 'quota_vms', rights: lifecycle });
  const old = await expired(user);
  await provisioned(user, (await createDeployment(user)).id);

  const quota = await api<Quota>(user, 'GET', '/quota');
  assert.deepEqual(quota.body.vms, { limit: 2, used: 2, available: 0 });
  assert.equal(quota.body.user.usedMb, 2048, 'the expired deployment holds no RAM');

  const refused = await api(user, 'POST', '/deployments', { templateId: templates.linux });
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused).code, 'spp_quota_exceeded');
  assert.deepEqual(errorOf(refused).data, { status: 409, scope: 'vms', limit: 2, used: 2, requested: 1 });

  // An override beside the RAM override beats the default; 0 means unlimited.
  const free = createUser({ login: 'quota_vms_free', rights: lifecycle, vmLimit: 0 });
  await expired(free);
  await expired(free);
  assert.equal((await api(free, 'POST', '/deployments', { templateId: templates.linux })).status, 201);
  assert.deepEqual((await api<Quota>(free, 'GET', '/quota')).body.vms, { limit: null, used: 3, available: null });

  assert.equal((await api(user, 'DELETE', `/deployments/${old.id}`)).status, 202);
  cronTick();
  assert.deepEqual((await api<Quota>(user, 'GET', '/quota')).body.vms, { limit: 2, used: 1, available: 1 });
  assert.equal((await api(user, 'POST', '/deployments', { templateId: templates.linux })).status, 201);
});

test('six simultaneous creates against a VM limit with room for three: exactly three succeed', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: 0, defaultUserVmLimit: 3 });
  const racer = createUser({ login: 'quota_vms_racer', rights: lifecycle });
  const responses = await Promise.all(
    Array.from({ length: 6 }, (_, i) => api(racer, 'POST', '/deployments', { templateId: templates.linux, name: `vm race ${i}` })),
  );
  assert.deepEqual(responses.map((r) => r.status).sort(), [201, 201, 201, 409, 409, 409]);
  const [row] = await query<{ held: number }>(
    "SELECT COUNT(*) AS held FROM wp_spp_deployments WHERE owner_id = ? AND status <> 'DELETED'",
    [racer.id],
  );
  assert.equal(Number(row?.held), 3);
});

test('deleting an expired deployment does not bring its RAM back into the sums, so the global limit holds', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: 0, defaultUserVmLimit: 0 });
  const owner = createUser({ login: 'quota_delete_expired', rights: lifecycle });
  const old = await expired(owner);
  const used = (await api<Quota>(owner, 'GET', '/quota')).body.global.usedMb;
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: used + 2048, defaultUserVmLimit: 0 });
  const other = createUser({ login: 'quota_delete_other', rights: lifecycle });
  await createDeployment(other);

  // No worker may take the deletion further while the sums are read.
  await query('UPDATE wp_spp_deployments SET claimed_until = DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 HOUR) WHERE id = ?', [old.id]);
  const deleting = await api<Deployment>(owner, 'DELETE', `/deployments/${old.id}`);
  assert.equal(deleting.status, 202);
  assert.equal(deleting.body.status, 'DELETING');
  const quota = await api<Quota>(owner, 'GET', '/quota');
  assert.deepEqual(quota.body.global, { limitMb: used + 2048, usedMb: used + 2048, availableMb: 0 });
  assert.equal(quota.body.user.usedMb, 0);
  assert.equal(quota.body.vms.used, 1, 'its VM is still there until the deletion ends');

  await query('UPDATE wp_spp_deployments SET claimed_until = NULL WHERE id = ?', [old.id]);
  cronTick();
  assert.equal((await query<{ status: string }>('SELECT status FROM wp_spp_deployments WHERE id = ?', [old.id]))[0]?.status, 'DELETED');
});

test('a request that cannot get a lock in time (quota, rights, templates) answers 503 spp_try_again and is audited as an error', async () => {
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: 0, defaultUserVmLimit: 0 });
  const user = createUser({ login: 'quota_locked_out', rights: lifecycle });
  const manager = createUser({ login: 'quota_lock_manager', rights: ['portal_access', 'manage_rights'] });
  const curator = createUser({ login: 'quota_lock_curator', rights: ['portal_access', 'manage_templates'] });
  const template = async () => JSON.stringify(await query('SELECT * FROM wp_spp_templates WHERE id = ?', [templates.linux]));
  const templateBefore = await template();
  const locks = await holdLocks(['quota', 'rights', 'templates']);
  try {
    const [create, rights, edit] = await Promise.all([
      audited(() => api(user, 'POST', '/deployments', { templateId: templates.linux })),
      audited(() => api(manager, 'PUT', `/users/${user.id}`, { rights: lifecycle })),
      audited(() => api(curator, 'PUT', `/templates/${templates.linux}`, { description: 'Edited while the lock was held' })),
    ]);
    const outcomes = [[create, 'deployment.create', user], [rights, 'rights.update', manager], [edit, 'template.update', curator]] as const;
    for (const [{ response, rows }, action, actor] of outcomes) {
      assert.equal(response.status, 503, JSON.stringify(response.body));
      assert.equal(errorOf(response).code, 'spp_try_again');
      const mine = rows.filter((row) => Number(row.actor_id) === actor.id && row.action === action);
      assert.equal(mine.length, 1, action);
      assert.equal(mine[0]?.result, 'error');
      assert.equal((JSON.parse(mine[0]!.details) as { error: string }).error, 'spp_try_again');
    }
  } finally {
    await locks.release();
    // A rights manager left behind would end the bootstrap rule for the files after this one.
    createUser({ login: manager.login, rights: [] });
  }
  const [row] = await query<{ made: number }>('SELECT COUNT(*) AS made FROM wp_spp_deployments WHERE owner_id = ?', [user.id]);
  assert.equal(Number(row?.made), 0);
  assert.equal(await template(), templateBefore, 'the template edit changed nothing');
  createUser({ login: curator.login, rights: [] });
  assert.equal((await api(user, 'POST', '/deployments', { templateId: templates.linux })).status, 201, 'the lock is free again');
});
