import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Share } from '../../ui/api/types.ts';
import { api, errorOf } from '../support/api.ts';
import { audited, type AuditRow } from '../support/audit.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';


const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const owner = createUser({ login: 'share_owner', rights: lifecycle });
const colleague = createUser({ login: 'share_colleague', email: 'colleague@example.test', rights: lifecycle });
const viewer = createUser({ login: 'share_viewer', rights: ['portal_access'] });
const outsider = createUser({ login: 'share_outsider', rights: ['create', 'start'] });
const stranger = createUser({ login: 'share_stranger', rights: lifecycle });

test('sharing by login or e-mail makes a deployment visible; shared users act with their own rights but never delete', async () => {
  const d = await provisioned(owner, (await createDeployment(owner, { name: 'Shared PBX' })).id);
  assert.equal((await api(colleague, 'GET', `/deployments/${d.id}`)).status, 404, 'private before sharing');

  const byEmail = await api<Share[]>(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'colleague@example.test' });
  assert.equal(byEmail.status, 200);
  assert.deepEqual(byEmail.body.map((s) => s.login), ['share_colleague']);
  const byLogin = await api<Share[]>(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'share_viewer' });
  assert.deepEqual(byLogin.body.map((s) => s.login), ['share_colleague', 'share_viewer']);

  const seen = await api<Deployment>(colleague, 'GET', `/deployments/${d.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.sharedWithMe, true);
  assert.deepEqual(seen.body.allowedActions, ['view', 'start', 'prolong', 'refresh_ips']);
  const list = await api<Deployment[]>(colleague, 'GET', '/deployments?per_page=100');
  assert.ok(list.body.some((item) => item.id === d.id));

  assert.equal((await api<Deployment>(colleague, 'POST', `/deployments/${d.id}/start`)).body.status, 'RUNNING');
  const viewerStart = await api(viewer, 'POST', `/deployments/${d.id}/start`);
  assert.equal(viewerStart.status, 403);
  assert.deepEqual((await api<Deployment>(viewer, 'GET', `/deployments/${d.id}`)).body.allowedActions, ['view']);

  const colleagueDelete = await api(colleague, 'DELETE', `/deployments/${d.id}`);
  assert.equal(colleagueDelete.status, 403);
  assert.equal(errorOf(colleagueDelete).code, 'rest_forbidden');
  const colleagueShares = await api(colleague, 'GET', `/deployments/${d.id}/shares`);
  assert.equal(colleagueShares.status, 403);
  const strangerShares = await api(stranger, 'GET', `/deployments/${d.id}/shares`);
  assert.equal(strangerShares.status, 404);
  assert.equal(errorOf(strangerShares).code, 'spp_deployment_not_found');

  const removed = await api<Share[]>(owner, 'DELETE', `/deployments/${d.id}/shares/${colleague.id}`);
  assert.deepEqual(removed.body.map((s) => s.login), ['share_viewer']);
  assert.equal((await api(colleague, 'GET', `/deployments/${d.id}`)).status, 404);
});

test('share targets must exist and hold portal access', async () => {
  const d = await provisioned(owner, (await createDeployment(owner)).id);
  const unknown = await api(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'nobody-here' });
  assert.equal(unknown.status, 404);
  assert.equal(errorOf(unknown).code, 'spp_user_not_found');
  const noAccess = await api(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'share_outsider' });
  assert.equal(noAccess.status, 422);
  assert.equal(errorOf(noAccess).code, 'spp_share_target_without_access');
  assert.equal(outsider.login, 'share_outsider');
});

test('sharing with the owner or twice is a no-op (CONTRACT §3): 200, the unchanged list, and an audit row that says nothing changed and why', async () => {
  const d = await provisioned(owner, (await createDeployment(owner)).id);
  const detailsOf = (rows: AuditRow[]): unknown[] => rows.map((row) => [row.action, row.result, JSON.parse(row.details) as unknown]);

  const self = await audited(() => api<Share[]>(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'share_owner' }));
  assert.equal(self.response.status, 200);
  assert.deepEqual(self.response.body, []);
  assert.deepEqual(detailsOf(self.rows), [
    ['share.add', 'success', { userId: owner.id, login: 'share_owner', added: false, unchanged: 'owner' }],
  ]);

  const first = await audited(() => api<Share[]>(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'share_colleague' }));
  assert.deepEqual(first.response.body.map((s) => s.login), ['share_colleague']);
  assert.deepEqual(detailsOf(first.rows), [
    ['share.add', 'success', { userId: colleague.id, login: 'share_colleague', added: true }],
  ]);
  const twice = await audited(() => api<Share[]>(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'colleague@example.test' }));
  assert.equal(twice.response.status, 200);
  assert.deepEqual(twice.response.body, first.response.body, 'the same list, the first share\'s date kept');
  assert.deepEqual(detailsOf(twice.rows), [
    ['share.add', 'success', { userId: colleague.id, login: 'share_colleague', added: false, unchanged: 'already_shared' }],
  ]);
  const rows = await query('SELECT * FROM wp_spp_deployment_shares WHERE deployment_id = ?', [d.id]);
  assert.equal(rows.length, 1);
});

test('a manage_all holder sees, shares and deletes any deployment', async () => {
  const d = await provisioned(owner, (await createDeployment(owner)).id);
  const lead = createUser({ login: 'share_lead', rights: ['portal_access', 'manage_all', 'delete'] });
  assert.equal((await api(lead, 'GET', `/deployments/${d.id}`)).status, 200);
  assert.equal((await api(lead, 'POST', `/deployments/${d.id}/shares`, { user: 'share_viewer' })).status, 200);
  assert.equal((await api(lead, 'DELETE', `/deployments/${d.id}`)).status, 202);
});

test('shares name users by login and display name only, never their e-mail address', async () => {
  const d = await provisioned(owner, (await createDeployment(owner)).id);
  const byLogin = await api<Share[]>(owner, 'POST', `/deployments/${d.id}/shares`, { user: 'share_colleague' });
  assert.equal(byLogin.status, 200);
  const listed = await api<Share[]>(owner, 'GET', `/deployments/${d.id}/shares`);
  for (const answer of [byLogin.body, listed.body]) {
    assert.deepEqual(answer.map((share) => Object.keys(share).sort()), [['createdAt', 'displayName', 'login', 'userId']]);
    assert.ok(!JSON.stringify(answer).includes('colleague@example.test'));
  }
  assert.deepEqual(
    [listed.body[0]?.userId, listed.body[0]?.login, listed.body[0]?.displayName],
    [colleague.id, 'share_colleague', 'Share_colleague'],
  );
});

test('removing a share acts on the user and deployment of the path, whatever the query names', async () => {
  const d = await provisioned(owner, (await createDeployment(owner)).id);
  const other = await provisioned(owner, (await createDeployment(owner)).id);
  for (const id of [d.id, other.id]) {
    for (const user of ['share_colleague', 'share_viewer']) await api(owner, 'POST', `/deployments/${id}/shares`, { user });
  }
  const removed = await api<Share[]>(owner, 'DELETE', `/deployments/${d.id}/shares/${colleague.id}?user_id=${viewer.id}&id=${other.id}`);
  assert.equal(removed.status, 200);
  assert.deepEqual(removed.body.map((s) => s.login), ['share_viewer']);
  const otherShares = await api<Share[]>(owner, 'GET', `/deployments/${other.id}/shares`);
  assert.deepEqual(otherShares.body.map((s) => s.login), ['share_colleague', 'share_viewer']);
});
