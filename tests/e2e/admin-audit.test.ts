import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { createDeployment, provisioned } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { browserUser, openAdmin, screenshot, type AdminSession, type BrowserUser } from './admin-support.ts';

const refreshes = 21;
let browser: Browser;
let auditor: BrowserUser;
let actor: TestUser;
let session: AdminSession;
let page: Page;
let deploymentId = 0;

before(async () => {
  browser = await launchBrowser();
  auditor = await browserUser({ login: 'e2e_aud_auditor', rights: ['portal_access', 'manage_settings'] });
  actor = createUser({ login: 'e2e_aud_actor', rights: ['portal_access', 'create', 'start', 'refresh_ips'] });
  const deployment = await createDeployment(actor, { name: 'e2e audit subject' });
  deploymentId = deployment.id;
  await provisioned(actor, deploymentId);
  assert.equal((await api(actor, 'POST', `/deployments/${deploymentId}/start`)).status, 200);
  for (let i = 0; i < refreshes; i++) {
    assert.equal((await api(actor, 'POST', `/deployments/${deploymentId}/refresh-ips`)).status, 200);
  }
  session = await openAdmin(browser, auditor, '#/audit');
  page = session.page;
});

after(async () => {
  await browser.close();
});

async function rowActions(): Promise<string[]> {
  return page.locator('.spp-audit tbody tr td:nth-child(3) code').allTextContents();
}

test('filtering by actor, action and deployment narrows the log; entries show who, what, result and details', async () => {
  await page.getByLabel('Actor (login or user ID)').fill('e2e_aud_actor');
  await page.getByText(`${refreshes + 2} items`).waitFor();
  await page.getByLabel('Action').fill('deployment.start');
  await page.getByText('1 item', { exact: true }).waitFor();
  const cells = await page.locator('.spp-audit tbody tr').first().locator('td').allTextContents();
  assert.equal(cells[1], 'e2e_aud_actor');
  assert.equal(cells[2], 'Started deployment.start', 'the action in words, its key beside it');
  assert.equal(cells[4], `e2e audit subject #${deploymentId}`, 'the deployment by name and id');
  assert.equal(cells[5], 'success');

  await page.getByLabel('Action').fill('');
  await page.getByLabel('Deployment ID').fill(String(deploymentId));
  await page.getByText(`${refreshes + 2} items`).waitFor();
  await page.getByLabel('Actor (login or user ID)').fill('');
  // The system's provisioning entry belongs to the deployment too.
  await page.getByText(`${refreshes + 3} items`).waitFor();
  assert.ok((await rowActions()).every((action) => action.startsWith('deployment.')));
  await screenshot(page, 'audit-log');
});

test('the log pages through the entries', async () => {
  await page.getByText('Page 1 of 2').waitFor();
  assert.equal((await rowActions()).length, 20);
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByText('Page 2 of 2').waitFor();
  await page.locator('.spp-audit tbody tr').last().filter({ hasText: 'deployment.create' }).waitFor();
  assert.deepEqual(await rowActions(), ['deployment.refresh_ips', 'deployment.start', 'deployment.provisioned', 'deployment.create']);
});

test('date filters: from today keeps today’s entries, up to yesterday leaves none', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByText(`${refreshes + 3} items`).waitFor();
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill(yesterday);
  await page.getByText('No audit entries match.').waitFor();
  await page.getByLabel('To', { exact: true }).fill('');
  await page.getByText(`${refreshes + 3} items`).waitFor();
});

test('Export CSV downloads every matching entry, not just the page shown', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = await download.path();
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'id,createdAt,actorId,actorLogin,action,objectType,objectId,deploymentId,deploymentName,result,details,ip');
  assert.equal(lines.length, 1 + refreshes + 3);
  assert.equal(lines.filter((line) => line.includes('"deployment.refresh_ips"')).length, refreshes);
  assert.ok(lines.slice(1).every((line) => line.includes(`"${deploymentId}","e2e audit subject"`)));
  assert.deepEqual(session.problems, []);
});

test('details read as key and value, with the raw JSON one click away', async () => {
  await page.getByLabel('Action').fill('deployment.create');
  await page.getByText('1 item', { exact: true }).waitFor();
  const entry = page.locator('.spp-audit tbody tr[data-audit-action="deployment.create"]');
  assert.equal(await entry.locator('td:nth-child(3)').textContent(), 'Created a deployment deployment.create');
  const pairs = await entry.locator('.spp-audit__details div').allTextContents();
  assert.ok(pairs.includes('templateId3'), JSON.stringify(pairs));
  assert.ok(pairs.includes('memoryMb2048'), JSON.stringify(pairs));
  const raw = entry.locator('.spp-audit__raw code');
  assert.equal(await raw.isVisible(), false, 'the raw JSON starts folded');
  await entry.getByText('Raw JSON').click();
  await raw.waitFor();
  assert.equal(JSON.parse(await raw.textContent() ?? '').templateId, 3);
  assert.equal(await entry.getByRole('link').count(), 0, 'no link to a page a settings manager may not open');
  assert.deepEqual(session.problems, []);
});
