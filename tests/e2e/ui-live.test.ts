import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { startPveSimProcess, type PveSimProcess } from '../support/pve-sim.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';
import { createUser } from '../support/users.ts';
import { browserUser, openAdmin, type BrowserUser } from './admin-support.ts';
import { createPage, openSession, shortcode } from './portal-support.ts';

// Live state (issue 14): after a start the UIs keep reading the VM's addresses until the guest
// agent reports them, in HTTP mode against the Proxmox simulator; an open view learns that the
// deployment was deleted elsewhere. The agent's state follows qemu-server PVE/QemuServer/Agent.pm
// (tools/pve-sim/guest-agent.ts): with `agent: 0` QEMU has no agent channel and the call fails
// as if the agent had not started yet.

const SIM_SECRET = 'ui-live-sim-secret-3f6b1d2e-8c4a-4e9f-a7b0-5d1c2e3f4a5b';
const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];

let browser: Browser;
let sim: PveSimProcess;
let owner: BrowserUser;
let restoreSettings: () => Promise<void>;
const manager = createUser({ login: 'e2e_live_manager', rights: ['portal_access', 'manage_settings'] });
const made: number[] = [];
let portalUrl = '';

/** The portal page showing deployment `id` (its deep link). */
const portalLink = (id: number): string => `${portalUrl}${portalUrl.includes('?') ? '&' : '?'}spp_deployment=${id}`;

before(async () => {
  browser = await launchBrowser();
  sim = await startPveSimProcess(['--token-secret', SIM_SECRET]);
  owner = await browserUser({ login: 'e2e_live_owner', rights: lifecycle, ramLimitMb: 0 });
  restoreSettings = (await snapshotSettings(manager)).restore;
  portalUrl = createPage('Live portal', shortcode).url;
  const saved = await api(manager, 'PUT', '/settings', {
    mode: 'http', baseUrl: sim.url, tokenId: sim.tokenId, tokenSecret: SIM_SECRET, node: sim.node, caCertificate: sim.ca,
    defaultUserRamLimitMb: 0, globalRamLimitMb: 0,
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
});

after(async () => {
  // Deleted while still in HTTP mode, so the simulator's VMs go with them; then the settings as they were.
  for (const id of made) {
    await api(owner, 'DELETE', `/deployments/${id}`);
    await settle(id);
  }
  await restoreSettings();
  await browser.close();
  await sim.stop();
});

/** Reads the deployment (each read advances its steps) until no step is pending; null once deleted. */
async function settle(id: number): Promise<Deployment | null> {
  for (let read = 0; read < 40; read++) {
    const response = await api<Deployment>(owner, 'GET', `/deployments/${id}`);
    if (response.status === 404) return null;
    if (response.body.step === '') return response.body;
  }
  throw new Error(`deployment ${id} does not settle`);
}

/** A provisioned (stopped) deployment whose VM has no guest agent channel yet. */
async function stoppedWithoutAgent(name: string): Promise<Deployment> {
  const created = await api<Deployment>(owner, 'POST', '/deployments', { templateId: templates.linux, name });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  made.push(created.body.id);
  const d = await settle(created.body.id);
  assert.equal(d?.status, 'STOPPED');
  await sim.control('PATCH', `/vms/${d.vmid}`, { config: { agent: '0' } });
  return d;
}

/**
 * Starts from the UI, sees that no address is known yet, lets the agent answer, and waits for the
 * address to appear without any click on "Refresh IP addresses".
 */
async function startAndSeeAddress(page: Page, root: Locator, d: Deployment): Promise<void> {
  const refreshes = page.waitForRequest((request) => request.method() === 'POST' && request.url().includes(`/deployments/${d.id}/refresh-ips`));
  await root.getByRole('button', { name: 'Start', exact: true }).click();
  await root.getByText('The guest agent is not answering yet').first().waitFor();
  await refreshes;
  await sim.control('PATCH', `/vms/${d.vmid}`, { config: { agent: '1' } });
  const address = `192.0.2.${(d.vmid! % 250) + 2}`;
  await root.getByText(address, { exact: true }).first().waitFor({ timeout: 90000 });
  assert.match(await root.locator('.spp-fields').textContent() ?? '', /IP addresses read at/);
}

test('admin: after Start the detail reads the addresses again, backing off, until the guest agent reports one', async () => {
  const d = await stoppedWithoutAgent('Live admin');
  const { page, context, problems } = await openAdmin(browser, owner, `#/deployments/${d.id}`);
  const detail = page.locator('.spp-detail');
  await detail.getByRole('heading', { name: /Live admin/ }).waitFor();
  assert.equal(await detail.getByRole('button', { name: 'Refresh IP addresses' }).count(), 0, 'no Refresh for a stopped VM');
  await startAndSeeAddress(page, detail, d);
  await detail.getByRole('button', { name: 'Refresh IP addresses' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('portal: after Start the view reads the addresses again until the guest agent reports one', async () => {
  const d = await stoppedWithoutAgent('Live portal');
  const { page, context, problems } = await openSession(browser, owner);
  await page.goto(portalLink(d.id));
  const portal = page.locator('.spp-portal');
  await portal.getByRole('heading', { name: /Live portal/ }).waitFor();
  await startAndSeeAddress(page, portal, d);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an open detail learns that another tab deleted the deployment: on becoming visible, and on its next action', async () => {
  const created = await api<Deployment>(owner, 'POST', '/deployments', { templateId: templates.linux, name: 'Deleted elsewhere' });
  made.push(created.body.id);
  const d = (await settle(created.body.id))!;
  const deleted = 'This deployment was deleted (or is no longer shared with you) while this page was open.';

  const admin = await openAdmin(browser, owner, `#/deployments/${d.id}`);
  const detail = admin.page.locator('.spp-detail');
  await detail.getByRole('button', { name: 'Prolong' }).waitFor();

  const portal = await openSession(browser, owner);
  await portal.page.goto(portalLink(d.id));
  const view = portal.page.locator('.spp-portal');
  await view.getByRole('button', { name: 'Prolong' }).waitFor();

  assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
  assert.equal(await settle(d.id), null);

  // The admin tab comes back to the front: it reads again and says what happened.
  await admin.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await admin.page.locator('#spp-admin-root').getByText(deleted).waitFor();
  assert.equal(await admin.page.getByRole('button', { name: 'Prolong' }).count(), 0, 'no actions on a deleted deployment');

  // The portal tab acts first: the refusal turns into the same message, not a dead page.
  await view.getByRole('button', { name: 'Prolong' }).click();
  await view.getByText(deleted).waitFor();
  assert.equal(await view.getByRole('button', { name: 'Prolong' }).count(), 0);
  assert.deepEqual([...admin.problems, ...portal.problems], []);
  await admin.context.close();
  await portal.context.close();
});
