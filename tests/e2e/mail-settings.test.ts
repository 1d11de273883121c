import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { MailPreferences, MailSettings, Template } from '../../ui/api/types.ts';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { createUser } from '../support/users.ts';
import { browserUser, openAdmin, type BrowserUser } from './admin-support.ts';
import { assertNoProblems, createPage, openSession, shortcode } from './portal-support.ts';

// The screens for the mail settings, the templates' lifetime caps and the user's own mail
// preferences (docs/decisions/expiry-mail.md): each change made in the browser is read back
// through the REST API, and everything is put back for the files that follow.

let browser: Browser;
let user: BrowserUser;
let settingsBefore: MailSettings;
let preferencesBefore: MailPreferences;
let templateBefore: Template;

/** Runs `journey` on a fresh admin page at `hash`; it must end without console or page errors. */
async function inAdmin(hash: string, journey: (page: Page) => Promise<void>): Promise<void> {
  const session = await openAdmin(browser, user, hash);
  await journey(session.page);
  assertNoProblems(session);
  await session.context.close();
}

async function read<T>(path: string): Promise<T> {
  const response = await api<T>(user, 'GET', path);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

before(async () => {
  browser = await launchBrowser();
  user = await browserUser({ login: 'e2e_mail_settings', rights: ['portal_access', 'manage_settings', 'manage_templates'] });
  settingsBefore = await read<MailSettings>('/settings/mail');
  preferencesBefore = await read<MailPreferences>('/me/mail-preferences');
  const templates = await read<Template[]>('/templates');
  assert.ok(templates[0], 'a seeded template');
  templateBefore = templates[0];
});

after(async () => {
  await browser.close();
  const restored = [
    await api(user, 'PUT', '/settings/mail', settingsBefore),
    await api(user, 'PUT', '/me/mail-preferences', preferencesBefore),
    await api(user, 'PUT', `/templates/${templateBefore.id}`, {
      maxLifetimeHours: templateBefore.maxLifetimeHours,
      allowNeverExpire: templateBefore.allowNeverExpire,
      autoStopTime: templateBefore.autoStopTime,
      autoStopDays: templateBefore.autoStopDays,
    }),
  ];
  for (const response of restored) assert.equal(response.status, 200, JSON.stringify(response.body));
  createUser({ login: user.login, rights: [] });
});

test('the Mail section of the settings saves the site switch and the lead times', () => inAdmin('#/settings', async (page) => {
  const section = page.locator('section.spp-mail-settings');
  const leadTimes = section.getByLabel('Expiry warning lead times (hours)');
  await leadTimes.waitFor();
  assert.equal(await leadTimes.inputValue(), settingsBefore.warningLeadHours.join(', '));
  await section.getByLabel('Send mails from the portal').setChecked(!settingsBefore.enabled);
  await leadTimes.fill('48, 2');
  await section.getByRole('button', { name: 'Save mail settings' }).click();
  await section.getByText('Mail settings saved.').waitFor();

  const saved = await read<MailSettings>('/settings/mail');
  assert.equal(saved.enabled, !settingsBefore.enabled);
  assert.deepEqual(saved.warningLeadHours, [48, 2]);
  assert.equal(saved.warnSharees, settingsBefore.warnSharees);
}));

test('a repeated lead time is refused with the reason under the field, and nothing is saved', () => inAdmin('#/settings', async (page) => {
  const section = page.locator('section.spp-mail-settings');
  await section.getByLabel('Expiry warning lead times (hours)').fill('24, 24');
  await section.getByRole('button', { name: 'Save mail settings' }).click();
  await section.locator('.spp-field-error', { hasText: 'Each warning lead time may appear only once.' }).waitFor();
  assert.deepEqual((await read<MailSettings>('/settings/mail')).warningLeadHours, [48, 2]);
}));

test('the template editor saves the lifetime caps', () => inAdmin('#/templates', async (page) => {
  await page.getByRole('button', { name: `Edit ${templateBefore.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit template “${templateBefore.name}”` });
  const cap = dialog.getByLabel('Maximum total lifetime (hours)');
  assert.equal(await cap.inputValue(), String(templateBefore.maxLifetimeHours));
  await cap.fill('1000');
  await dialog.getByLabel('Allow deployments that never expire').setChecked(!templateBefore.allowNeverExpire);
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await dialog.waitFor({ state: 'detached' });

  const saved = (await read<Template[]>('/templates')).find((template) => template.id === templateBefore.id);
  assert.equal(saved?.maxLifetimeHours, 1000);
  assert.equal(saved?.allowNeverExpire, !templateBefore.allowNeverExpire);
}));

test('the template editor saves the auto-stop schedule', () => inAdmin('#/templates', async (page) => {
  await page.getByRole('button', { name: `Edit ${templateBefore.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit template “${templateBefore.name}”` });
  const time = dialog.getByLabel('Stop running VMs at (site time)');
  assert.equal(await time.inputValue(), templateBefore.autoStopTime);
  await time.fill('20:00');
  await dialog.getByLabel('Friday').setChecked(false);
  await dialog.getByLabel('Saturday').setChecked(true);
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await dialog.waitFor({ state: 'detached' });

  const saved = (await read<Template[]>('/templates')).find((template) => template.id === templateBefore.id);
  assert.equal(saved?.autoStopTime, '20:00');
  assert.deepEqual(saved?.autoStopDays, [1, 2, 3, 4, 6]);
}));

test('the portal shows the user their mail preferences and saves a change', async () => {
  const portalUrl = createPage('Mail preferences portal', shortcode).url;
  const session = await openSession(browser, user);
  await session.page.goto(portalUrl);
  const panel = session.page.locator('section.spp-mail-preferences');
  const ready = panel.getByLabel('When a deployment is ready');
  await ready.waitFor();
  assert.equal(await ready.isChecked(), preferencesBefore.provisioned);
  await ready.setChecked(!preferencesBefore.provisioned);
  await panel.getByRole('button', { name: 'Save mail preferences' }).click();
  await panel.getByText('Mail preferences saved.').waitFor();

  const saved = await read<MailPreferences>('/me/mail-preferences');
  assert.deepEqual(saved, { ...preferencesBefore, provisioned: !preferencesBefore.provisioned });
  assertNoProblems(session);
  await session.context.close();
});
