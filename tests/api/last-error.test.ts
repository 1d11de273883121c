import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { mockFaults } from '../support/wordpress.ts';

// Proxmox's own message in lastError names hosts, addresses and cURL internals: the owner and
// managers (manage_all) read it, users the deployment is shared with get a fixed text.

const proxmoxText = 'Could not connect to Proxmox at 10.20.30.40:8006: connection refused or host unreachable. '
  + '(cURL error 7: Failed to connect to 10.20.30.40 port 8006 after 2 ms: Could not connect to server)';
const sharedText = 'Proxmox reported an error for this deployment. Its owner and portal managers can see the full message.';

let owner: TestUser;
let colleague: TestUser;
let manager: TestUser;
let deployment: Deployment;

before(async () => {
  owner = createUser({ login: 'le_owner', rights: ['portal_access', 'create', 'start', 'stop', 'delete'], ramLimitMb: 0 });
  colleague = createUser({ login: 'le_colleague', rights: ['portal_access', 'start', 'stop'] });
  manager = createUser({ login: 'le_manager', rights: ['portal_access', 'manage_all'] });
  deployment = await provisioned(owner, (await createDeployment(owner, { name: 'le shared' })).id);
  assert.equal(deployment.status, 'STOPPED');
  const shared = await api(owner, 'POST', `/deployments/${deployment.id}/shares`, { user: colleague.login });
  assert.equal(shared.status, 200, JSON.stringify(shared.body));
  await query('UPDATE wp_spp_deployments SET last_error = ? WHERE id = ?', [proxmoxText, deployment.id]);
});

after(async () => {
  const removed = await api(owner, 'DELETE', `/deployments/${deployment.id}`);
  assert.ok([200, 202].includes(removed.status), JSON.stringify(removed.body));
});

async function lastErrorSeenBy(user: TestUser): Promise<{ detail: string | null; listed: string | null }> {
  const detail = await api<Deployment>(user, 'GET', `/deployments/${deployment.id}`);
  assert.equal(detail.status, 200, JSON.stringify(detail.body));
  const list = await api<Deployment[]>(user, 'GET', '/deployments?per_page=100');
  assert.equal(list.status, 200);
  const listed = list.body.find((d) => d.id === deployment.id);
  assert.ok(listed, `${user.login} lists the deployment`);
  return { detail: detail.body.lastError, listed: listed.lastError };
}

test('the owner and a manager read Proxmox\'s message in full', async () => {
  assert.deepEqual(await lastErrorSeenBy(owner), { detail: proxmoxText, listed: proxmoxText });
  assert.deepEqual(await lastErrorSeenBy(manager), { detail: proxmoxText, listed: proxmoxText });
});

test('a user the deployment is shared with learns that something failed, without hosts, addresses or cURL details', async () => {
  const seen = await lastErrorSeenBy(colleague);
  assert.deepEqual(seen, { detail: sharedText, listed: sharedText });
  for (const text of [seen.detail, seen.listed]) {
    assert.doesNotMatch(text ?? '', /10\.20\.30\.40|8006|cURL/);
  }
});

test('a failed start answers 502 with Proxmox\'s message to the owner and without it to a colleague', async () => {
  mockFaults({ start: proxmoxText });
  try {
    const ownStart = await api<{ code: string; message: string }>(owner, 'POST', `/deployments/${deployment.id}/start`);
    assert.equal(ownStart.status, 502, JSON.stringify(ownStart.body));
    assert.deepEqual([ownStart.body.code, ownStart.body.message], ['spp_proxmox_error', proxmoxText]);
    const sharedStart = await api<{ code: string; message: string }>(colleague, 'POST', `/deployments/${deployment.id}/start`);
    assert.equal(sharedStart.status, 502, JSON.stringify(sharedStart.body));
    assert.deepEqual([sharedStart.body.code, sharedStart.body.message], ['spp_proxmox_error', sharedText]);
  } finally {
    mockFaults({});
  }
});

test('no error stays no error for everyone', async () => {
  await query("UPDATE wp_spp_deployments SET last_error = '' WHERE id = ?", [deployment.id]);
  for (const user of [owner, colleague, manager]) {
    assert.deepEqual(await lastErrorSeenBy(user), { detail: null, listed: null });
  }
});
