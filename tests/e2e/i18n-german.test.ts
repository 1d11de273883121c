import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api, errorOf } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { allRights, createUser } from '../support/users.ts';
import { browserUser, openAdmin, type BrowserUser } from './admin-support.ts';
import { assertNoProblems, createPage, fillLogin, openSession, shortcode } from './portal-support.ts';

// The site switched to German (de_DE): the plugin's own translation (languages/) turns the PHP
// pages, the admin and portal scripts and the REST API's messages German. WordPress's core German
// files are not installed, and are not needed for that.

let browser: Browser;
let user: BrowserUser;
let portalUrl = '';
let deployment: Deployment;
let previousLanguage: string | null = null;

/**
 * Sets the site language (WPLANG; null: none) and answers the one it replaced. Written to the
 * table directly: update_option() accepts only a language whose core files are installed.
 */
async function setSiteLanguage(locale: string | null): Promise<string | null> {
  const rows = await query<{ option_value: string }>("SELECT option_value FROM wp_options WHERE option_name = 'WPLANG'");
  if (locale === null) {
    await query("DELETE FROM wp_options WHERE option_name = 'WPLANG'");
  } else {
    await query(
      "INSERT INTO wp_options (option_name, option_value, autoload) VALUES ('WPLANG', ?, 'yes') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)",
      [locale],
    );
  }
  return rows[0]?.option_value ?? null;
}

before(async () => {
  browser = await launchBrowser();
  // Every right but manage_all: all six admin sections, and a list of only this user's deployment.
  user = await browserUser({ login: 'e2e_de_lead', displayName: 'Dora Deutsch', rights: allRights.filter((right) => right !== 'manage_all') });
  portalUrl = createPage('Portal auf Deutsch', shortcode).url;
  previousLanguage = await setSiteLanguage('de_DE');
  deployment = await provisioned(user, (await createDeployment(user, { name: 'de-box', ttlHours: 48 })).id);
});

after(async () => {
  await api(user, 'DELETE', `/deployments/${deployment.id}`);
  await setSiteLanguage(previousLanguage);
  await browser.close();
  // A rights manager left behind would end the bootstrap for the test files that follow.
  createUser({ login: user.login, rights: [] });
});

test('the admin page is German: the page WordPress renders and every section of the admin script', async () => {
  const session = await openAdmin(browser, user);
  const { page } = session;
  assert.equal(await page.locator('html').getAttribute('lang'), 'de-DE');
  const tabs = await page.locator('.spp-tabs a').allTextContents();
  assert.deepEqual(tabs, ['Deployments', 'Neues Deployment', 'Vorlagen', 'Proxmox-Einstellungen', 'Benutzerrechte', 'Audit-Protokoll', 'Berichte']);
  const row = page.locator('tr', { hasText: 'de-box' });
  await row.waitFor();
  const germanStatus: Record<string, string> = { RUNNING: 'Läuft', STOPPED: 'Gestoppt' };
  assert.equal(await row.locator('[data-label="Status"]').textContent(), germanStatus[deployment.status]);
  const pager = await page.locator('.spp-pager').textContent() ?? '';
  assert.match(pager, /1 Eintrag/, 'the singular form for one');
  assert.match(pager, /Seite 1 von 1/);

  await page.getByRole('link', { name: 'Berichte' }).click();
  await page.getByRole('heading', { name: 'Nutzungsbericht' }).waitFor();
  await page.getByRole('heading', { name: 'Belegter RAM im Zeitverlauf' }).waitFor();

  await page.getByRole('link', { name: 'Neues Deployment' }).click();
  await page.getByRole('button', { name: 'Deployment erstellen' }).waitFor();
  assert.equal(await page.getByText('New deployment').count(), 0);
  assertNoProblems(session);
  await session.context.close();
});

test('the portal is German: the login prompt from PHP, the dashboard from the portal script, with plurals', async () => {
  const session = await openSession(browser, null);
  const { page } = session;
  await page.goto(portalUrl);
  const portal = page.locator('.spp-portal');
  assert.equal(
    (await portal.locator('p').first().textContent())?.trim(),
    'Das Support-Provisioning-Portal ist für angemeldete Mitarbeitende.',
  );
  await portal.getByRole('link', { name: 'Melden Sie sich an, um Ihre Deployments zu sehen' }).click();
  await fillLogin(page, user, portalUrl);

  await portal.getByRole('heading', { name: 'Meine Deployments' }).waitFor();
  // The singular form for one.
  await portal.getByText('1 Deployment', { exact: true }).waitFor();
  assert.deepEqual(await portal.locator('.spp-nav > *').allTextContents(), ['Meine Deployments', 'Neues Deployment']);
  assertNoProblems(session);
  await session.context.close();
});

test('REST errors are German: in the API answer and as the admin page shows the server message', async () => {
  const missing = await api(user, 'GET', '/deployments/999999');
  assert.equal(missing.status, 404);
  assert.equal(errorOf(missing).message, 'Dieses Deployment gibt es nicht.');

  const session = await openAdmin(browser, user, `#/deployments/${deployment.id}`);
  const { page } = session;
  await page.getByLabel('Teilen mit (Benutzername oder E-Mail)').fill('e2e-niemand');
  await page.getByRole('button', { name: 'Teilen', exact: true }).click();
  const error = page.locator('.spp-error', { hasText: 'Fehlercode' });
  await error.waitFor();
  assert.deepEqual(await error.locator('p').allTextContents(), [
    'Es gibt keinen Benutzer mit diesem Benutzernamen oder dieser E-Mail-Adresse.',
    'Fehlercode: spp_user_not_found (HTTP 404)',
  ]);
  assert.deepEqual(session.problems, []);
  await session.context.close();
});
