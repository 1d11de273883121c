import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { testSite } from '../support/test-site.ts';
import { createUser } from '../support/users.ts';
import { deleteUser } from '../support/wordpress.ts';
import { browserUser, type BrowserUser } from './admin-support.ts';

// WordPress's own delete-user screen hands the deployments on (docs/decisions/hand-over.md).

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];

let browser: Browser;
let admin: BrowserUser;

before(async () => {
  browser = await launchBrowser();
  // A second administrator: deleting users is WordPress's own right; plugin rights play no part.
  admin = await browserUser({ login: 'e2e_deluser_admin', role: 'administrator', rights: [] });
});

after(async () => {
  await browser.close();
  deleteUser(admin.id);
});

test('the delete screen of a user without posts offers "Attribute all content to", and the chosen user receives the deployments', async () => {
  const leaving = createUser({ login: 'e2e_deluser_leaving', rights: lifecycle });
  const heir = createUser({ login: 'e2e_deluser_heir', rights: lifecycle });
  const d = await provisioned(leaving, (await createDeployment(leaving, { name: 'e2e left behind' })).id);

  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${testSite().url}/wp-login.php`);
  await page.fill('#user_login', admin.login);
  await page.fill('#user_pass', admin.password);
  await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
  // The list's own Delete link (it carries WordPress's nonce), as an administrator would follow it.
  await page.goto(`${testSite().url}/wp-admin/users.php?s=${leaving.login}`);
  const deleteLink = await page.locator(`#user-${leaving.id} .row-actions .delete a`).getAttribute('href');
  assert.ok(deleteLink, 'the users list offers Delete');
  await page.goto(new URL(deleteLink, page.url()).href);

  const note = page.locator('.spp-delete-user-deployments');
  assert.match(await note.textContent() ?? '', /own 1 Support Provisioning deployment\. "Attribute all content to" hands it to the chosen user; otherwise it goes to e2e_deluser_admin\./);
  await page.locator('#delete_option1').check();
  await page.locator('select[name="reassign_user"]').selectOption(String(heir.id));
  await Promise.all([page.waitForURL(/users\.php\?delete_count=1/), page.locator('#submit').click()]);
  await context.close();

  const moved = await api<Deployment>(heir, 'GET', `/deployments/${d.id}`);
  assert.deepEqual([moved.status, moved.body.ownerLogin], [200, heir.login]);
  const [row] = await query<{ actor_login: string; details: string }>(
    "SELECT actor_login, details FROM wp_spp_audit_logs WHERE action = 'deployment.transfer' AND deployment_id = ? ORDER BY id DESC LIMIT 1",
    [d.id],
  );
  assert.equal(row?.actor_login, admin.login);
  assert.deepEqual(JSON.parse(row!.details), {
    reason: 'user_deleted', status: 'STOPPED', fromId: leaving.id, fromLogin: leaving.login, toId: heir.id, toLogin: heir.login,
  });
});
