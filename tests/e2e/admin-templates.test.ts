import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { templates } from '../support/deployments.ts';
import { auditRows, browserUser, openAdmin, screenshot, type AdminSession, type BrowserUser } from './admin-support.ts';

interface Template {
  id: number;
  name: string;
  description: string;
  active: boolean;
  defaultTtlHours: number;
}

let browser: Browser;
let manager: BrowserUser;
let session: AdminSession;
let page: Page;
let original: Template[] = [];

async function templateList(): Promise<Template[]> {
  const response = await api<Template[]>(manager, 'GET', '/templates?include_inactive=1');
  assert.equal(response.status, 200);
  return response.body;
}

function row(name: string) {
  return page.locator('tbody tr', { has: page.getByText(name, { exact: true }) });
}

before(async () => {
  browser = await launchBrowser();
  manager = await browserUser({ login: 'e2e_tpl_manager', rights: ['portal_access', 'manage_templates'] });
  original = await templateList();
  session = await openAdmin(browser, manager, '#/templates');
  page = session.page;
});

after(async () => {
  await browser.close();
  // Leave the seeded templates as they were for the test files that follow (the import below gives
  // the PBX template the node's name and an empty description).
  for (const template of original) {
    await api(manager, 'PUT', `/templates/${template.id}`, { name: template.name, description: template.description, defaultTtlHours: template.defaultTtlHours });
  }
});

test('the Templates section lists the approved templates with their Proxmox VM, size and lifetime', async () => {
  await row('Linux Utility VM').waitFor();
  const cells = await row('Linux Utility VM').locator('td').allTextContents();
  assert.match(cells[0] ?? '', /Debian utility VM/);
  assert.equal(cells[1], '9003 on pve (l26)Runs on pve · full clones', 'where it can run and how it is cloned (docs/decisions/placement.md)');
  assert.equal(cells[2], '2 CPU · 2 GB RAM · 32 GB disk');
  assert.equal(cells[3], 'default 2 days, max 30 days');
  assert.equal(cells[4], 'Approved');
  await screenshot(page, 'templates');
});

test('editing a policy value: an out-of-range value is explained next to its field, a valid one is saved', async () => {
  await row('Linux Utility VM').getByRole('button', { name: 'Edit Linux Utility VM' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit template “Linux Utility VM”' });
  await dialog.getByLabel('Default lifetime (hours)').fill('9999');
  await dialog.getByRole('button', { name: 'Save template' }).click();
  const fieldError = dialog.locator('.spp-field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.textContent() ?? '', /defaultTtlHours/);
  assert.match(await dialog.locator('.spp-error').textContent() ?? '', /rest_invalid_param \(HTTP 400\)/);

  await dialog.getByLabel('Default lifetime (hours)').fill('36');
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('“Linux Utility VM” saved.').waitFor();
  assert.equal(await dialog.count(), 0);
  await row('Linux Utility VM').filter({ hasText: 'default 36 hours, max 30 days' }).waitFor();
  assert.equal((await templateList()).find((t) => t.id === templates.linux)?.defaultTtlHours, 36);
  assert.equal((await auditRows('template.update', manager.login)).at(-1)?.result, 'success');
});

test('retiring asks first and hides the template unless retired ones are shown', async () => {
  await row('Turnkey PBX Test Appliance').getByRole('button', { name: 'Retire' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retire this template?' });
  assert.match(await dialog.textContent() ?? '', /no longer be offered for new deployments/);
  await dialog.getByRole('button', { name: 'Retire' }).click();
  await page.getByText('“Turnkey PBX Test Appliance” retired.').waitFor();
  await row('Turnkey PBX Test Appliance').waitFor({ state: 'detached' });
  await page.getByLabel('Show retired templates').check();
  assert.match(await row('Turnkey PBX Test Appliance').textContent() ?? '', /Retired/);
  assert.equal((await templateList()).find((t) => t.id === templates.pbx)?.active, false);
  assert.equal((await auditRows('template.retire', manager.login)).at(-1)?.result, 'success');
});

test('importing from the Proxmox node approves a template that is not approved yet', async () => {
  await page.getByRole('button', { name: 'Load templates from Proxmox' }).click();
  const panel = page.locator('.spp-panel', { has: page.getByRole('heading', { name: 'Import from Proxmox' }) });
  const pbx = panel.locator('li', { hasText: 'turnkey-pbx-template' });
  await pbx.waitFor();
  assert.match(await pbx.textContent() ?? '', /VM 9001 · 2 CPU · 2 GB RAM · 20 GB disk/);
  assert.match(await panel.locator('li', { hasText: 'debian-utility-template' }).textContent() ?? '', /Approved/);
  await pbx.getByRole('button', { name: 'Import turnkey-pbx-template' }).click();
  await page.getByText('“turnkey-pbx-template” imported and approved.').waitFor();
  await pbx.getByText('Approved').waitFor();
  assert.match(await row('turnkey-pbx-template').textContent() ?? '', /Approved/);
  assert.equal((await templateList()).find((t) => t.id === templates.pbx)?.active, true);
  assert.equal((await auditRows('template.import', manager.login)).at(-1)?.result, 'success');
  assert.deepEqual(session.problems, []);
});
