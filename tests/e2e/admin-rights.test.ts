import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { siteUser, testSite } from '../support/test-site.ts';
import { createUser } from '../support/users.ts';
import { adminPath, auditRows, browserUser, openAdmin, screenshot, type BrowserUser } from './admin-support.ts';

const managerRights = ['portal_access', 'manage_rights'];
let browser: Browser;
let manager: BrowserUser;
let viewer: BrowserUser;
let outsider: BrowserUser;
let target: BrowserUser;

interface PortalUser {
  rights: string[];
  ramLimitMb: number | null;
  vmLimit: number | null;
}

before(async () => {
  browser = await launchBrowser();
  viewer = await browserUser({ login: 'e2e_rgt_viewer', rights: ['portal_access'] });
  outsider = await browserUser({ login: 'e2e_rgt_outsider', rights: [] });
  target = await browserUser({ login: 'e2e_rgt_target', displayName: 'Terry Target', rights: ['portal_access'] });
});

after(async () => {
  await browser.close();
  // Managers made here would end the bootstrap for the test files that follow.
  if (manager) createUser({ login: manager.login, rights: [] });
});

test('a user with only portal access sees only the Deployments section; other sections are not offered', async () => {
  const { page, problems } = await openAdmin(browser, viewer, '#/settings');
  const tabs = await page.locator('.spp-tabs a').allTextContents();
  assert.deepEqual(tabs, ['Deployments']);
  await page.getByRole('heading', { name: 'Deployments', level: 2 }).waitFor();
  assert.equal(await page.getByLabel('Node', { exact: true }).count(), 0, 'no settings form for a user without manage_settings');
  assert.equal(await page.getByLabel('Owner').count(), 0, 'no owner filter without manage_all');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('while no one manages rights, the bootstrap banner explains why administrators hold every right', async () => {
  // Hide every stored rights manager for this test only, so the bootstrap rule applies.
  const managers = await query<{ umeta_id: number }>(
    "SELECT umeta_id FROM wp_usermeta WHERE meta_key = 'wp__spp_rights' AND meta_value LIKE '%,manage_rights,%'",
  );
  const ids = managers.map((row) => row.umeta_id);
  if (ids.length > 0) await query('UPDATE wp_usermeta SET meta_key = ? WHERE umeta_id IN (?)', ['wp__spp_rights_e2e_hidden', ids]);
  try {
    const admin = siteUser('admin');
    const { page, problems } = await openAdmin(browser, { login: admin.login, password: admin.password }, '#/rights');
    assert.deepEqual(await page.locator('.spp-tabs a').allTextContents(), [
      'Deployments', 'New deployment', 'Templates', 'Proxmox Settings', 'User Rights', 'Audit log', 'Reports', 'Drift',
    ]);
    const banner = page.locator('.spp-bootstrap');
    await banner.waitFor();
    assert.match(await banner.textContent() ?? '', /Bootstrap rule in effect: nobody holds “Manage user rights” yet/);
    await page.locator('tr[data-user="admin"]').waitFor();
    assert.match(await page.locator('tr[data-user="admin"]').textContent() ?? '', /Holds every right through the bootstrap rule/);
    await screenshot(page, 'user-rights');
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    if (ids.length > 0) await query('UPDATE wp_usermeta SET meta_key = ? WHERE umeta_id IN (?)', ['wp__spp_rights', ids]);
  }
});

test('a rights manager finds any user, toggles rights and sets or clears the RAM override', async () => {
  manager = await browserUser({ login: 'e2e_rgt_manager', rights: managerRights });
  const { page, problems } = await openAdmin(browser, manager, '#/rights');
  assert.equal(await page.locator('.spp-bootstrap').count(), 0, 'no banner once a rights manager exists');
  await page.getByLabel('Search users').fill('e2e_rgt_tar');
  const row = page.locator('tr[data-user="e2e_rgt_target"]');
  await row.waitFor();
  await page.getByText('1 item', { exact: true }).waitFor();
  assert.match(await row.textContent() ?? '', /Terry Target.*e2e_rgt_target@example\.test.*1 of 12.*Default/);

  await row.getByRole('button', { name: 'Edit rights e2e_rgt_target' }).click();
  const editor = page.locator('.spp-rights-editor');
  assert.equal(await editor.getByRole('checkbox').count(), 12);
  assert.equal(await editor.getByLabel('Open portal and view deployments').isChecked(), true);
  await editor.getByLabel('Create deployments').check();
  await editor.getByLabel('Delete deployments').check();
  await editor.getByLabel('RAM limit override (MB)').fill('4096');
  await editor.getByLabel('VM limit override').fill('3');
  await editor.getByRole('button', { name: 'Save rights' }).click();
  await page.locator('.spp-action-result', { hasText: 'Rights of Terry Target saved.' }).waitFor();
  await page.locator('tr[data-user="e2e_rgt_target"]', { hasText: '3 of 12' }).waitFor();
  assert.match(await row.textContent() ?? '', /4 GB/);

  let stored = (await api<PortalUser>(manager, 'GET', `/users/${target.id}`)).body;
  assert.deepEqual(stored.rights, ['portal_access', 'create', 'delete']);
  assert.equal(stored.ramLimitMb, 4096);
  assert.equal(stored.vmLimit, 3);
  assert.equal((await auditRows('rights.update', manager.login)).at(-1)?.result, 'success');

  await row.getByRole('button', { name: 'Edit rights e2e_rgt_target' }).click();
  await editor.getByLabel('Delete deployments').uncheck();
  await editor.getByLabel('RAM limit override (MB)').fill('');
  assert.equal(await editor.getByLabel('VM limit override').inputValue(), '3');
  await editor.getByLabel('VM limit override').fill('');
  await editor.getByRole('button', { name: 'Save rights' }).click();
  await page.locator('tr[data-user="e2e_rgt_target"]', { hasText: '2 of 12' }).waitFor();
  stored = (await api<PortalUser>(manager, 'GET', `/users/${target.id}`)).body;
  assert.deepEqual(stored.rights, ['portal_access', 'create']);
  assert.equal(stored.ramLimitMb, null, 'an empty override means the default limit');
  assert.equal(stored.vmLimit, null);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the admin page answers a logged-in user without portal access with WordPress’s refusal', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${testSite().url}/wp-login.php`);
  await page.fill('#user_login', outsider.login);
  await page.fill('#user_pass', outsider.password);
  await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
  assert.equal(await page.locator('#adminmenu a', { hasText: 'Support Provisioning' }).count(), 0);
  await page.goto(`${testSite().url}${adminPath}`);
  assert.match(await page.textContent('body') ?? '', /not allowed to access this page/);
  assert.equal(await page.locator('#spp-admin-root').count(), 0);
  await context.close();
});
