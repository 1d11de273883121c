import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, templates, type Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { deleteOption, setOption } from '../support/wordpress.ts';

interface Quota {
  user: { limitMb: number | null; usedMb: number; availableMb: number | null };
  global: { limitMb: number | null; usedMb: number; availableMb: number | null };
}

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
  const [row] = await query<{ used: string }>(
    "SELECT COALESCE(SUM(memory_mb), 0) AS used FROM wp_spp_deployments WHERE status IN ('PROVISIONING','STOPPED','RUNNING','DELETING')",
  );
  const used = Number(row?.used);
  setOption('spp_settings', { defaultUserRamLimitMb: 0, globalRamLimitMb: used + 2048 });
  const first = createUser({ login: 'quota_global_a', rights: lifecycle });
  const second = createUser({ login: 'quota_global_b', rights: lifecycle });
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
