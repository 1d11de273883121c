import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { audited } from '../support/audit.ts';
import { createDeployment, heldInDeletion, provisioned, type Deployment } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';

// POST deployments/bulk (docs/decisions/bulk-actions.md): each item follows its own route's rules
// and gets its own audit row; the request gets one more.

interface BulkResult {
  id: number;
  ok: boolean;
  status?: string;
  ownerLogin?: string;
  code?: string;
}

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const owner = createUser({ login: 'bulk_owner', rights: lifecycle });
const other = createUser({ login: 'bulk_other', rights: lifecycle });
const lead = createUser({ login: 'bulk_lead', rights: ['portal_access', 'manage_all', 'stop', 'prolong', 'delete'] });

async function fresh(user: TestUser, start = false): Promise<Deployment> {
  const d = await provisioned(user, (await createDeployment(user, { name: 'Bulk' })).id);
  if (start) assert.equal((await api<Deployment>(user, 'POST', `/deployments/${d.id}/start`)).body.status, 'RUNNING');
  return d;
}

function bulk(user: TestUser, body: Record<string, unknown>) {
  return audited(() => api<{ results: BulkResult[] }>(user, 'POST', '/deployments/bulk', body));
}

test("mixed outcomes: an owner's bulk stop stops theirs, and reports a deletion in progress and someone else's deployment", async () => {
  const running = await fresh(owner, true);
  const deleting = await fresh(owner);
  await heldInDeletion(owner, deleting.id);
  const foreign = await fresh(other, true);

  const { response, rows } = await bulk(owner, { action: 'stop', ids: [running.id, deleting.id, foreign.id] });
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.results.map(({ id, ok, status, code }) => ({ id, ok, status, code })), [
    { id: running.id, ok: true, status: 'STOPPED', code: undefined },
    { id: deleting.id, ok: false, status: undefined, code: 'spp_deployment_busy' },
    { id: foreign.id, ok: false, status: undefined, code: 'spp_deployment_not_found' },
  ]);
  assert.equal((await api<Deployment>(other, 'GET', `/deployments/${foreign.id}`)).body.status, 'RUNNING', 'not stopped');

  assert.deepEqual(rows.map((row) => [row.action, row.deployment_id, row.result, row.actor_login]), [
    ['deployment.stop', running.id, 'success', owner.login],
    ['deployment.stop', deleting.id, 'error', owner.login],
    ['deployment.stop', foreign.id, 'denied', owner.login],
    ['deployment.bulk', null, 'success', owner.login],
  ]);
  assert.deepEqual(JSON.parse(rows[1]!.details), { bulk: true, error: 'spp_deployment_busy' });
  assert.deepEqual(JSON.parse(rows[3]!.details), { action: 'stop', ids: [running.id, deleting.id, foreign.id], succeeded: 1 });
});

test('a manage_all holder prolongs and deletes anyone\'s deployments in one go', async () => {
  const a = await fresh(owner);
  const b = await fresh(other);
  const prolonged = await bulk(lead, { action: 'prolong', ids: [a.id, b.id], hours: 2 });
  assert.deepEqual(prolonged.response.body.results.map((r) => r.ok), [true, true]);
  for (const d of [a, b]) {
    const row = prolonged.rows.find((r) => r.deployment_id === d.id);
    const details = JSON.parse(row!.details) as { hours: number; expiresAtBefore: string; expiresAtAfter: string };
    assert.equal(details.hours, 2);
    assert.ok(details.expiresAtAfter > details.expiresAtBefore, 'the expiry moved');
  }
  const deleted = await bulk(lead, { action: 'delete', ids: [a.id, b.id] });
  assert.deepEqual(deleted.response.body.results.map((r) => r.status), ['DELETING', 'DELETING']);
  assert.deepEqual(deleted.rows.map((r) => r.action), ['deployment.delete', 'deployment.delete', 'deployment.bulk']);
});

test("a bulk hand-over stops at the receiver's VM limit; the rest are refused with the quota's answer", async () => {
  const receiver = createUser({ login: 'bulk_receiver', rights: lifecycle, vmLimit: 1 });
  const a = await fresh(owner);
  const b = await fresh(owner);
  const { response, rows } = await bulk(owner, { action: 'transfer', ids: [a.id, b.id], to: receiver.login });
  assert.deepEqual(response.body.results.map(({ ok, ownerLogin, code }) => ({ ok, ownerLogin, code })), [
    { ok: true, ownerLogin: receiver.login, code: undefined },
    { ok: false, ownerLogin: undefined, code: 'spp_quota_exceeded' },
  ]);
  assert.deepEqual(rows.map((r) => [r.action, r.result]), [
    ['notice.transfer', 'success'], ['deployment.transfer', 'success'], ['deployment.transfer', 'error'], ['deployment.bulk', 'success'],
  ]);
  assert.equal((await api<Deployment>(owner, 'GET', `/deployments/${b.id}`)).body.ownerId, owner.id);
});

test('the request is checked before any item runs: action, ids (1–25, unique), and the hours or receiver its action needs', async () => {
  const d = await fresh(owner);
  const cases: [Record<string, unknown>, string][] = [
    [{ action: 'start', ids: [d.id] }, 'rest_invalid_param'],
    [{ action: 'stop', ids: [] }, 'rest_invalid_param'],
    [{ action: 'stop', ids: [d.id, d.id] }, 'rest_invalid_param'],
    [{ action: 'stop', ids: Array.from({ length: 26 }, (_, i) => i + 1) }, 'rest_invalid_param'],
    [{ action: 'prolong', ids: [d.id] }, 'rest_missing_callback_param'],
    [{ action: 'transfer', ids: [d.id] }, 'rest_missing_callback_param'],
  ];
  for (const [body, code] of cases) {
    const { response, rows } = await bulk(owner, body);
    assert.deepEqual([response.status, errorOf(response).code], [400, code], JSON.stringify(body));
    assert.deepEqual(rows.map((r) => [r.action, r.result]), [['deployment.bulk', 'error']], 'only the request is audited');
  }
  const noRight = createUser({ login: 'bulk_no_access', rights: ['stop'] });
  assert.equal((await api(noRight, 'POST', '/deployments/bulk', { action: 'stop', ids: [d.id] })).status, 403);
});
