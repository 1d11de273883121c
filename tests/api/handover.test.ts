import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { audited } from '../support/audit.ts';
import { query } from '../support/db.ts';
import { createDeployment, heldInDeletion, provisioned, templates, type Deployment } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';
import { deleteOption, deleteUser } from '../support/wordpress.ts';

// Hand-over of deployments (docs/decisions/hand-over.md): POST deployments/:id/transfer, the orphan
// owner setting, and what happens to a deleted user's deployments.

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const owner = createUser({ login: 'handover_owner', rights: lifecycle });
const receiver = createUser({ login: 'handover_receiver', rights: lifecycle });
const outsider = createUser({ login: 'handover_outsider', rights: ['create'] });
const lead = createUser({ login: 'handover_lead', rights: ['portal_access', 'manage_all', 'delete'] });
const settingsManager = createUser({ login: 'handover_settings', rights: ['portal_access', 'manage_settings'] });

after(() => deleteOption('spp_orphan_owner'));

async function fresh(user: TestUser): Promise<Deployment> {
  return provisioned(user, (await createDeployment(user, { name: 'Hand-over' })).id);
}

function detailsOf(row: { details: string }): Record<string, unknown> {
  return JSON.parse(row.details) as Record<string, unknown>;
}

test('an owner hands a deployment to a colleague: the colleague owns it, the owner no longer sees it, both rows audited', async () => {
  const d = await fresh(owner);
  await api(owner, 'POST', `/deployments/${d.id}/shares`, { user: receiver.login });
  const { response, rows } = await audited(() => api<Deployment>(owner, 'POST', `/deployments/${d.id}/transfer`, { to: receiver.login }));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.ownerId, receiver.id);

  const [notice, transfer] = rows;
  assert.deepEqual(rows.map((row) => row.action), ['notice.transfer', 'deployment.transfer']);
  assert.deepEqual([transfer?.actor_login, transfer?.deployment_id, transfer?.result], [owner.login, d.id, 'success']);
  assert.deepEqual(detailsOf(transfer!), { fromId: owner.id, fromLogin: owner.login, toId: receiver.id, toLogin: receiver.login });
  assert.deepEqual([notice?.object_type, notice?.object_id, notice?.deployment_id], ['user', String(receiver.id), d.id]);
  assert.deepEqual(detailsOf(notice!), { toLogin: receiver.login, fromLogin: owner.login }, 'the mail hangs on this row (handover-mail.test.ts)');

  assert.equal((await api(owner, 'GET', `/deployments/${d.id}`)).status, 404, 'the former owner keeps no access');
  const mine = await api<Deployment>(receiver, 'GET', `/deployments/${d.id}`);
  assert.equal(mine.body.sharedWithMe, false);
  assert.ok(mine.body.allowedActions.includes('delete'), 'the receiver acts as its owner');
  const shares = await query('SELECT user_id FROM wp_spp_deployment_shares WHERE deployment_id = ?', [d.id]);
  assert.deepEqual(shares, [], "the receiver's share went: an owner needs none");
});

test('refusals: unknown receiver, receiver without portal access, a shared user, a stranger, a deletion in progress', async () => {
  const d = await fresh(owner);
  const unknown = await api(owner, 'POST', `/deployments/${d.id}/transfer`, { to: 'handover_nobody' });
  assert.deepEqual([unknown.status, errorOf(unknown).code], [404, 'spp_user_not_found']);
  const noAccess = await api(owner, 'POST', `/deployments/${d.id}/transfer`, { to: outsider.login });
  assert.deepEqual([noAccess.status, errorOf(noAccess).code], [422, 'spp_transfer_target_without_access']);

  await api(owner, 'POST', `/deployments/${d.id}/shares`, { user: receiver.login });
  const byShared = await api(receiver, 'POST', `/deployments/${d.id}/transfer`, { to: receiver.login });
  assert.deepEqual([byShared.status, errorOf(byShared).code], [403, 'rest_forbidden'], 'a shared user may not take a deployment');
  const stranger = createUser({ login: 'handover_stranger', rights: lifecycle });
  const byStranger = await api(stranger, 'POST', `/deployments/${d.id}/transfer`, { to: stranger.login });
  assert.deepEqual([byStranger.status, errorOf(byStranger).code], [404, 'spp_deployment_not_found']);

  await heldInDeletion(owner, d.id);
  const deleting = await api(owner, 'POST', `/deployments/${d.id}/transfer`, { to: receiver.login });
  assert.deepEqual([deleting.status, errorOf(deleting).code], [409, 'spp_deployment_busy']);
  const [row] = await query<{ owner_id: number }>('SELECT owner_id FROM wp_spp_deployments WHERE id = ?', [d.id]);
  assert.equal(row?.owner_id, owner.id, 'no refusal changed the owner');
});

test("a manage_all holder hands anyone's deployment over; handing it to its owner changes nothing", async () => {
  const d = await fresh(owner);
  const same = await audited(() => api<Deployment>(lead, 'POST', `/deployments/${d.id}/transfer`, { to: owner.login }));
  assert.equal(same.response.body.ownerId, owner.id);
  assert.deepEqual(same.rows.map((row) => row.action), ['deployment.transfer'], 'no notice for a no-op');
  const moved = await api<Deployment>(lead, 'POST', `/deployments/${d.id}/transfer`, { to: receiver.login });
  assert.equal(moved.body.ownerId, receiver.id);
});

test("the receiver's own RAM and VM limits are checked; the site's global limit is not (its total does not change)", async () => {
  const d = await fresh(owner);
  const tight = createUser({ login: 'handover_tight', rights: lifecycle, ramLimitMb: 1024 });
  const overRam = await api(owner, 'POST', `/deployments/${d.id}/transfer`, { to: tight.login });
  assert.equal(overRam.status, 409);
  assert.deepEqual([errorOf(overRam).code, errorOf(overRam).data.scope, errorOf(overRam).data.requestedMb], ['spp_quota_exceeded', 'user', 2048]);

  const oneVm = createUser({ login: 'handover_one_vm', rights: lifecycle, vmLimit: 1 });
  await fresh(oneVm);
  const overVms = await api(owner, 'POST', `/deployments/${d.id}/transfer`, { to: oneVm.login });
  assert.deepEqual([overVms.status, errorOf(overVms).data.scope, errorOf(overVms).data.used], [409, 'vms', 1]);

  // The site's total is already at its global limit: a hand-over adds nothing to it.
  const settings = await snapshotSettings(settingsManager);
  const [sum] = await query<{ used: string }>(
    "SELECT COALESCE(SUM(memory_mb), 0) AS used FROM wp_spp_deployments WHERE status IN ('PROVISIONING','STOPPED','RUNNING','DELETING') AND ram_released = 0",
  );
  assert.equal((await api(settingsManager, 'PATCH', '/settings', { globalRamLimitMb: Number(sum?.used) })).status, 200);
  const roomy = createUser({ login: 'handover_roomy', rights: lifecycle });
  const create = await api(roomy, 'POST', '/deployments', { templateId: templates.linux });
  const handed = await api<Deployment>(owner, 'POST', `/deployments/${d.id}/transfer`, { to: roomy.login });
  await settings.restore();
  assert.deepEqual([create.status, errorOf(create).data.scope], [409, 'global'], 'a create is refused at the global limit');
  assert.deepEqual([handed.status, handed.body.ownerId], [200, roomy.id]);

  // An expired deployment holds no RAM, only its VM: a receiver with no RAM left may take it.
  await query('UPDATE wp_spp_deployments SET expires_at = DATE_SUB(UTC_TIMESTAMP(), INTERVAL 1 MINUTE) WHERE id = ?', [d.id]);
  assert.equal((await api<Deployment>(roomy, 'GET', `/deployments/${d.id}`)).body.status, 'EXPIRED');
  const noRam = createUser({ login: 'handover_no_ram', rights: lifecycle, ramLimitMb: 1 });
  const taken = await api<Deployment>(roomy, 'POST', `/deployments/${d.id}/transfer`, { to: noRam.login });
  assert.equal(taken.status, 200, JSON.stringify(taken.body));
  assert.equal(taken.body.ownerId, noRam.id);
});

test('the orphan owner: managed with manage_settings, must hold portal access, audited', async () => {
  const refused = await api(owner, 'PUT', '/settings/handover', { orphanOwner: lead.login });
  assert.equal(refused.status, 403);
  const noAccess = await api(settingsManager, 'PUT', '/settings/handover', { orphanOwner: outsider.login });
  assert.deepEqual([noAccess.status, errorOf(noAccess).code], [422, 'spp_transfer_target_without_access']);
  const { response, rows } = await audited(() => api(settingsManager, 'PUT', '/settings/handover', { orphanOwner: lead.login }));
  assert.deepEqual(response.body, { orphanOwnerId: lead.id, orphanOwnerLogin: lead.login });
  assert.deepEqual([rows[0]?.action, detailsOf(rows[0]!).after], ['settings.handover', lead.login]);
  assert.deepEqual((await api(settingsManager, 'GET', '/settings/handover')).body, { orphanOwnerId: lead.id, orphanOwnerLogin: lead.login });
  const cleared = await api(settingsManager, 'PUT', '/settings/handover', { orphanOwner: '' });
  assert.deepEqual(cleared.body, { orphanOwnerId: null, orphanOwnerLogin: null });
});

test("a deleted user's deployments go to the user WordPress's delete screen named, audited with the former login", async () => {
  const leaving = createUser({ login: 'handover_leaving_a', rights: lifecycle });
  const kept = await fresh(leaving);
  const shared = await fresh(owner);
  await api(owner, 'POST', `/deployments/${shared.id}/shares`, { user: leaving.login });
  const { rows } = await audited(async () => {
    deleteUser(leaving.id, receiver.id);
    return api(receiver, 'GET', `/deployments/${kept.id}`);
  });
  const moved = await api<Deployment>(receiver, 'GET', `/deployments/${kept.id}`);
  assert.deepEqual([moved.body.ownerId, moved.body.ownerLogin], [receiver.id, receiver.login]);
  const transfer = rows.find((row) => row.action === 'deployment.transfer');
  assert.ok(transfer, 'one transfer row');
  assert.deepEqual(detailsOf(transfer), {
    reason: 'user_deleted', status: 'STOPPED', fromId: leaving.id, fromLogin: 'handover_leaving_a', toId: receiver.id, toLogin: receiver.login,
  });
  const shares = await query('SELECT deployment_id FROM wp_spp_deployment_shares WHERE user_id = ?', [leaving.id]);
  assert.deepEqual(shares, [], "the deleted user's shares went with them");
});

test('without a chosen user they go to the orphan owner; with neither, nobody is invented and the refusal is audited', async () => {
  await api(settingsManager, 'PUT', '/settings/handover', { orphanOwner: lead.login });
  const leaving = createUser({ login: 'handover_leaving_b', rights: lifecycle });
  const d = await fresh(leaving);
  deleteUser(leaving.id);
  const [row] = await query<{ owner_id: number }>('SELECT owner_id FROM wp_spp_deployments WHERE id = ?', [d.id]);
  assert.equal(row?.owner_id, lead.id);

  await api(settingsManager, 'PUT', '/settings/handover', { orphanOwner: '' });
  const last = createUser({ login: 'handover_leaving_c', rights: lifecycle });
  const stays = await fresh(last);
  // WP-CLI style: nobody is logged in, so there is no deleting user to fall back to.
  const { rows } = await audited(async () => {
    deleteUser(last.id);
    return api(lead, 'GET', `/deployments/${stays.id}`);
  });
  const refusal = rows.find((r) => r.action === 'deployment.transfer');
  assert.deepEqual([refusal?.result, refusal?.object_id], ['error', String(last.id)]);
  assert.deepEqual(detailsOf(refusal!), { reason: 'user_deleted', fromId: last.id, fromLogin: 'handover_leaving_c', error: 'no_receiver' });
  assert.equal((await api(lead, 'DELETE', `/deployments/${stays.id}`)).status, 202, 'a manager can still clean it up');
});
