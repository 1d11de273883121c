import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { audited } from '../support/audit.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { createUser, fixtureAdmin, type TestUser } from '../support/users.ts';

// A template's lifetime caps (docs/decisions/expiry-mail.md): 409 spp_lifetime_cap naming the cap;
// manage_all may exceed them, and the audit row says so.
let engineer: TestUser;
let manager: TestUser;
const made: number[] = [];

before(async () => {
  engineer = createUser({ login: 'cap_engineer', rights: ['portal_access', 'create', 'prolong', 'delete'] });
  manager = createUser({ login: 'cap_manager', rights: ['portal_access', 'create', 'prolong', 'delete', 'manage_all'] });
  const capped = await api(fixtureAdmin(), 'PUT', `/templates/${templates.linux}`, { maxLifetimeHours: 72, allowNeverExpire: false });
  assert.equal(capped.status, 200, JSON.stringify(capped.body));
});

after(async () => {
  for (const id of made) await api(manager, 'DELETE', `/deployments/${id}`);
  await api(fixtureAdmin(), 'PUT', `/templates/${templates.linux}`, { maxLifetimeHours: 0, allowNeverExpire: true });
  for (const login of ['cap_engineer', 'cap_manager']) createUser({ login, rights: [] });
});

async function create(user: TestUser, body: Record<string, unknown>) {
  const result = await audited(() => api<Deployment>(user, 'POST', '/deployments', { templateId: templates.linux, ...body }));
  if (result.response.status === 201) made.push(result.response.body.id);
  return result;
}

test('the template shows its caps', async () => {
  const list = await api<{ id: number; maxLifetimeHours: number; allowNeverExpire: boolean }[]>(engineer, 'GET', '/templates');
  const template = list.body.find((t) => t.id === templates.linux);
  assert.equal(template?.maxLifetimeHours, 72);
  assert.equal(template?.allowNeverExpire, false);
});

test('create refuses never-expire and a lifetime beyond the cap with 409 spp_lifetime_cap naming the cap', async () => {
  const never = await create(engineer, { neverExpire: true });
  assert.equal(never.response.status, 409);
  assert.equal(errorOf(never.response).code, 'spp_lifetime_cap');
  assert.equal(errorOf(never.response).data.cap, 'allowNeverExpire');
  assert.match(errorOf(never.response).message, /does not allow deployments that never expire/);

  const long = await create(engineer, { ttlHours: 100 });
  assert.equal(long.response.status, 409);
  assert.deepEqual(errorOf(long.response).data, { status: 409, cap: 'maxLifetimeHours', limitHours: 72, requestedHours: 100 });
  assert.match(errorOf(long.response).message, /72 hours/);
  assert.deepEqual(long.rows.map((row) => [row.action, row.result]), [['deployment.create', 'error']]);
});

test('prolongs count from creation: up to the cap they pass, beyond it they are refused', async () => {
  const { response } = await create(engineer, { ttlHours: 48 });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const id = response.body.id;
  assert.equal((await api(engineer, 'POST', `/deployments/${id}/prolong`, { hours: 23 })).status, 200);
  const refused = await api(engineer, 'POST', `/deployments/${id}/prolong`, { hours: 2 });
  assert.equal(refused.status, 409);
  assert.equal(errorOf(refused).code, 'spp_lifetime_cap');
  assert.equal(errorOf(refused).data.limitHours, 72);
  assert.equal(errorOf(refused).data.requestedHours, 73);
});

test('a manager (manage_all) may exceed the caps, and the audit row records it', async () => {
  const never = await create(manager, { neverExpire: true });
  assert.equal(never.response.status, 201, JSON.stringify(never.response.body));
  assert.deepEqual(JSON.parse(never.rows[0]?.details ?? '{}').capExceeded, { cap: 'allowNeverExpire' });

  const { response } = await create(engineer, { ttlHours: 72 });
  assert.equal(response.status, 201);
  const prolonged = await audited(() => api<Deployment>(manager, 'POST', `/deployments/${response.body.id}/prolong`, { hours: 24 }));
  assert.equal(prolonged.response.status, 200, JSON.stringify(prolonged.response.body));
  // The read before the prolong may also finish the provisioning (a system row).
  const row = prolonged.rows.find((r) => r.action === 'deployment.prolong');
  assert.deepEqual([row?.result, row?.actor_login], ['success', 'cap_manager']);
  assert.deepEqual(JSON.parse(row?.details ?? '{}').capExceeded, { cap: 'maxLifetimeHours', limitHours: 72, requestedHours: 96 });
});
