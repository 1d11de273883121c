import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { auditRows, browserUser, openAdmin, screenshot, type AdminSession, type BrowserUser } from './admin-support.ts';
import type { Settings } from '../../ui/api/types.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';

const secret = 'e2e-secret-9f1c2b7a';
let browser: Browser;
let admin: BrowserUser;
let session: AdminSession;
let page: Page;
let original: Settings;
let snapshot: { restore(): Promise<void> };

async function settings(): Promise<Settings> {
  const response = await api<Settings>(admin, 'GET', '/settings');
  assert.equal(response.status, 200);
  return response.body;
}

before(async () => {
  browser = await launchBrowser();
  admin = await browserUser({ login: 'e2e_set_admin', rights: ['portal_access', 'manage_settings'] });
  original = await settings();
  snapshot = await snapshotSettings(admin);
  session = await openAdmin(browser, admin, '#/settings');
  page = session.page;
  await page.getByLabel('Node', { exact: true }).waitFor();
});

after(async () => {
  await browser.close();
  await snapshot.restore();
});

test('the form shows the saved settings, and of the token secret only whether one is stored', async () => {
  assert.equal(await page.getByLabel('Mode').inputValue(), original.mode);
  assert.equal(await page.getByLabel('Node', { exact: true }).inputValue(), original.node);
  assert.equal(await page.getByLabel('Default RAM limit per user (MB)').inputValue(), String(original.defaultUserRamLimitMb));
  assert.equal(await page.getByLabel('API token secret').inputValue(), '');
  assert.equal(await page.getByLabel('API token secret').getAttribute('type'), 'password');
  await page.getByText(original.tokenSecretSet ? /A secret is stored/ : 'No secret is stored yet.').waitFor();
  await screenshot(page, 'settings');
});

test('an invalid base URL is refused with the reason under the field, and nothing is saved', async () => {
  await page.getByLabel('Base URL').fill('pve.example.com:8006');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const fieldError = page.locator('.spp-field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.textContent() ?? '', /must be a full URL such as https:\/\/pve\.example\.com:8006/);
  // The message sits right under the Base URL field.
  const previous = await fieldError.evaluate((element) => element.previousElementSibling?.textContent ?? '');
  assert.match(previous, /Base URL/);
  assert.match(await page.locator('.spp-error').textContent() ?? '', /rest_invalid_param \(HTTP 400\)/);
  assert.equal((await settings()).baseUrl, original.baseUrl);
});

test('saving stores the values and the token secret write-only: blank keeps it, it never comes back', async () => {
  await page.getByLabel('Base URL').fill('https://pve.e2e.example.test:8006');
  await page.getByLabel('API token ID').fill('portal@pve!e2e');
  await page.getByLabel('API token secret').fill(secret);
  await page.getByLabel('Default RAM limit per user (MB)').fill('16384');
  await page.getByLabel('Global RAM limit (MB)').fill('65536');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('.spp-action-result', { hasText: 'Settings saved.' }).waitFor();
  assert.equal(await page.locator('.spp-field-error').count(), 0);
  assert.equal(await page.getByLabel('API token secret').inputValue(), '');
  await page.getByText(/A secret is stored/).waitFor();
  assert.doesNotMatch(await page.content(), new RegExp(secret));

  const saved = await settings();
  assert.equal(saved.baseUrl, 'https://pve.e2e.example.test:8006');
  assert.equal(saved.tokenId, 'portal@pve!e2e');
  assert.equal(saved.defaultUserRamLimitMb, 16384);
  assert.equal(saved.globalRamLimitMb, 65536);
  assert.equal(saved.tokenSecretSet, true);
  const audit = (await auditRows('settings.update', admin.login)).filter((row) => row.result === 'success');
  assert.ok(audit.length > 0);
  assert.doesNotMatch(audit.map((row) => row.details).join(), new RegExp(secret));

  await page.getByLabel('Node', { exact: true }).fill('pve2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('.spp-action-result', { hasText: 'Settings saved.' }).waitFor();
  assert.equal((await settings()).tokenSecretSet, true, 'a blank secret field keeps the stored secret');
});

test('Test connection shows each check: all pass in mock mode, an unreachable server fails with the reason', async () => {
  await page.getByLabel('Mode').selectOption('mock');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.locator('.spp-connection');
  await result.getByRole('heading', { name: 'Connection test passed' }).waitFor();
  assert.ok(await result.locator('.spp-checks li.is-ok').count() > 0);
  assert.equal(await result.locator('.spp-checks li.is-failed').count(), 0);

  await page.getByLabel('Mode').selectOption('http');
  await page.getByLabel('Base URL').fill('https://127.0.0.1:9');
  // A secret is saved for another host: the form asks for it again, and so does the server.
  await page.getByText(/You changed the host, the token ID or the CA certificate: enter the token secret again/).waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const fieldError = page.locator('.spp-field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.textContent() ?? '', /^Enter the token secret again/);
  assert.match(await fieldError.evaluate((element) => element.previousElementSibling?.textContent ?? ''), /API token secret/);
  assert.match(await page.locator('.spp-error').textContent() ?? '', /spp_token_secret_required \(HTTP 422\)/);

  await page.getByLabel('API token secret').fill(secret);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await result.getByRole('heading', { name: 'Connection test failed' }).waitFor();
  const failed = await result.locator('.spp-checks li.is-failed').allTextContents();
  assert.ok(failed.length > 0);
  assert.ok(failed.every((line) => line.length > 'Failed connection'.length), JSON.stringify(failed));
  assert.equal((await settings()).mode, 'mock', 'a connection test saves nothing');
  await screenshot(page, 'settings-test-connection');

  // Saving the values that just failed asks first and names what will break; Cancel saves nothing.
  await page.getByRole('button', { name: 'Save settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save settings that failed the connection test?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent() ?? '', /the portal cannot reach Proxmox/);
  assert.deepEqual(await dialog.locator('li.is-failed').count(), failed.length);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await settings()).mode, 'mock', 'nothing saved without confirming');
  assert.equal(await page.locator('.spp-action-result').textContent(), '');
  assert.deepEqual(session.problems, []);
});
