import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { passTime } from '../support/expiry.ts';
import { expiryWarnings } from '../support/mail.ts';
import { createUser } from '../support/users.ts';
import { cronTick, deleteOption } from '../support/wordpress.ts';
import { auditRows, browserUser, type BrowserUser } from './admin-support.ts';

// The prolong link of an expiry warning, followed from the mail the SMTP server received.
let browser: Browser;
let owner: BrowserUser;
let d: Deployment;

before(async () => {
  // The site's mail settings as shipped (on, 24 h and 1 h), whatever earlier files on this site left.
  deleteOption('spp_mail_settings');
  browser = await launchBrowser();
  owner = await browserUser({ login: 'e2e_mail_owner', rights: ['portal_access', 'create', 'prolong', 'delete'] });
  d = await provisioned(owner, (await createDeployment(owner, { ttlHours: 48, name: 'Mail link journey' })).id);
});

after(async () => {
  await browser.close();
  await api(owner, 'DELETE', `/deployments/${d.id}`);
  createUser({ login: owner.login, rights: [] });
});

async function expiresAt(): Promise<number> {
  const [row] = await query<{ t: number }>('SELECT UNIX_TIMESTAMP(expires_at) AS t FROM wp_spp_deployments WHERE id = ?', [d.id]);
  return Number(row?.t);
}

test('the mail link opens the deployment after the login with the prolong filled in, and only the click prolongs', async () => {
  await passTime(d.id, 25 * 60);
  // Each tick warns about a bounded batch, soonest expiry first; deployments other files left may come first.
  let [mail] = await expiryWarnings(owner.login, d.name);
  for (let tick = 0; tick < 20 && !mail; tick++) {
    cronTick();
    [mail] = await expiryWarnings(owner.login, d.name);
  }
  const link = mail?.links.find((href) => href.includes('spp_prolong')) ?? assert.fail('no prolong link in the warning');
  const before = await expiresAt();

  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(link);
  assert.match(page.url(), /wp-login\.php\?redirect_to=/, 'the link asks for the login first');
  await page.fill('#user_login', owner.login);
  await page.fill('#user_pass', owner.password);
  await Promise.all([page.waitForURL(/wp-admin\/admin\.php/), page.click('#wp-submit')]);

  await page.locator('#spp-deployment-title', { hasText: d.name }).waitFor();
  assert.ok(page.url().endsWith(`#/deployments/${d.id}`), page.url());
  const hours = page.getByLabel('Prolong by (hours)');
  assert.equal(await hours.inputValue(), '24');
  await page.getByText('From your expiry warning: check the hours, then press Prolong.').waitFor();
  await page.locator('.spp-expiry-notice', { hasText: d.name }).waitFor();
  assert.equal(await expiresAt(), before, 'opening the link changed nothing');
  assert.equal((await auditRows('deployment.prolong', owner.login)).length, 0);

  await page.getByRole('button', { name: 'Prolong', exact: true }).click();
  await page.locator('.spp-action-result', { hasText: 'Prolonged by 24 hours.' }).waitFor();
  assert.equal(await expiresAt(), before + 24 * 3600);
  const rows = await auditRows('deployment.prolong', owner.login);
  assert.deepEqual(rows.map((row) => [row.result, row.deployment_id]), [['success', d.id]]);
  await page.reload();
  await page.locator('#spp-deployment-title', { hasText: d.name }).waitFor();
  assert.equal(await page.locator('.spp-expiry-notice').count(), 0, 'the admin notice is gone once the expiry is far again');
  await context.close();
});
