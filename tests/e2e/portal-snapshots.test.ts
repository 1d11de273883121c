import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import type { Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { mockFaults } from '../support/wordpress.ts';
import { auditRows, browserUser, screenshot, type BrowserUser } from './admin-support.ts';
import { assertNoProblems, createPage, openSession, shortcode, type PortalSession } from './portal-support.ts';

// Reset to clean from the portal (docs/decisions/snapshots.md): a support engineer breaks the
// appliance, resets it in place after reading what will be lost, and gets it back as provisioned
// with the same VM ID and expiry; a user snapshot is taken and listed on the way.

let browser: Browser;
let engineer: BrowserUser;
let session: PortalSession;
let portalUrl = '';

before(async () => {
  browser = await launchBrowser();
  engineer = await browserUser({ login: 'e2e_snap_engineer', rights: ['portal_access', 'create', 'start', 'stop', 'delete', 'snapshot'], ramLimitMb: 0 });
  // What this journey relies on, whatever earlier files on this site left: no mock faults, and the
  // Linux template taking a baseline.
  mockFaults({});
  await query("UPDATE wp_spp_templates SET baseline_snapshot = 1 WHERE name = 'Linux Utility VM'");
  portalUrl = createPage('Snapshots portal', shortcode).url;
  session = await openSession(browser, engineer);
});

after(async () => {
  await session.context.close();
  await browser.close();
  const left = await api<Deployment[]>(engineer, 'GET', '/deployments?search=Reset%20journey');
  for (const d of left.body) await api(engineer, 'DELETE', `/deployments/${d.id}`);
  createUser({ login: engineer.login, rights: [] });
});

test('the portal takes a snapshot, then resets the deployment to clean after an in-place confirmation', async () => {
  const { page } = session;
  const portal = page.locator('.spp-portal');
  await page.goto(portalUrl);
  await portal.getByRole('link', { name: 'New deployment' }).click();
  await portal.getByRole('radio', { name: /^Linux Utility VM/ }).check();
  await portal.getByLabel('Name (optional)').fill('Reset journey');
  await portal.getByRole('button', { name: 'Create deployment' }).click();
  await portal.getByRole('heading', { name: /Reset journey/ }).waitFor();
  const made = await provisionedByName(engineer, 'Reset journey');
  assert.equal(made.lastError, null, `provisioning ended without the baseline: ${String(made.lastError)}`);
  const snapshots = portal.locator('.spp-snapshots');
  await snapshots.getByRole('cell', { name: 'Baseline (clean after provisioning)' }).waitFor();

  const found = await api<Deployment[]>(engineer, 'GET', '/deployments?search=Reset%20journey');
  const before = found.body[0];
  assert.ok(before?.vmid);

  await snapshots.getByLabel('Snapshot name (letters, digits, underscores)').fill('customer_config');
  await snapshots.getByLabel('Description', { exact: true }).fill('Customer backup restored');
  await snapshots.getByRole('button', { name: 'Take snapshot' }).click();
  await snapshots.getByRole('cell', { name: 'customer_config' }).waitFor();
  await snapshots.getByText('1 of 3 snapshots used (the baseline does not count).').waitFor();

  // Break it: the appliance's VM changed out of band.
  await query('UPDATE wp_spp_mock_vms SET cores = 9 WHERE vmid = ?', [before.vmid]);
  await snapshots.getByRole('button', { name: 'Reset to clean' }).click();
  const question = snapshots.getByRole('group', { name: 'Reset to clean' });
  await question.getByText(/everything changed on it since \(files, settings, installed software\) is lost/).waitFor();
  await question.getByText(/VM ID, name, shares and expiry stay/).waitFor();
  await screenshot(page, 'portal-snapshots-reset');
  await question.getByRole('button', { name: 'Reset to clean' }).click();
  // The detail polls while the reset runs; the section's button comes back enabled once it is done.
  await snapshots.locator('button:not([disabled])', { hasText: 'Reset to clean' }).waitFor();

  const after = (await api<Deployment>(engineer, 'GET', `/deployments/${before.id}`)).body;
  assert.deepEqual([after.vmid, after.expiresAt, after.status, after.step, after.lastError], [before.vmid, before.expiresAt, 'STOPPED', '', null]);
  const [vm] = await query<{ cores: number }>('SELECT cores FROM wp_spp_mock_vms WHERE vmid = ?', [before.vmid]);
  assert.equal(vm?.cores, before.cpuCores);
  const audited = await auditRows('deployment.rollback', engineer.login);
  assert.equal(audited.length, 1);
  assert.equal(audited[0]?.result, 'success');
  assertNoProblems(session);
});

/** Waits (bounded) until the named deployment has left PROVISIONING, and returns it. */
async function provisionedByName(user: BrowserUser, name: string): Promise<Deployment> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const found = await api<Deployment[]>(user, 'GET', `/deployments?search=${encodeURIComponent(name)}`);
    const deployment = found.body[0];
    if (deployment && deployment.status !== 'PROVISIONING') return deployment;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return assert.fail(`${name} is still provisioning after two minutes`);
}
