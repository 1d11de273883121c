import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { createDeployment, heldInDeletion, provisioned, type Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { auditRows, browserUser, openAdmin, screenshot, type BrowserUser } from './admin-support.ts';

// The admin list's bulk actions (docs/decisions/bulk-actions.md): select, confirm with the count,
// one result per deployment.

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const name = 'e2e bulk case 5150';

let browser: Browser;
let lead: BrowserUser;

before(async () => {
  browser = await launchBrowser();
  lead = await browserUser({ login: 'e2e_bulk_lead', displayName: 'Bo Lead', rights: ['portal_access', 'manage_all', 'stop', 'delete'] });
});

after(async () => {
  await browser.close();
});

test('a lead selects all deployments matching a search and stops them: the dialog names the count, each gets its result', async () => {
  const owner = createUser({ login: 'e2e_bulk_owner', rights: lifecycle });
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    const d = await provisioned(owner, (await createDeployment(owner, { name })).id);
    assert.equal((await api<Deployment>(owner, 'POST', `/deployments/${d.id}/start`)).body.status, 'RUNNING');
    ids.push(d.id);
  }
  // One of them is being deleted: the bulk stop must report it, not stop it.
  await heldInDeletion(owner, ids[2]!);

  const { page, context, problems } = await openAdmin(browser, lead);
  await page.getByLabel('Search').fill(name);
  await page.locator(`tr[data-deployment="${ids[0]}"]`).waitFor();
  await page.getByRole('button', { name: 'Select all 3 matching' }).click();
  await page.getByText('3 deployments selected').waitFor();
  await page.getByRole('button', { name: 'Stop 3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop 3 deployments?' });
  await dialog.waitFor();
  await screenshot(page, 'admin-bulk-confirm');
  await dialog.getByRole('button', { name: 'Stop 3' }).click();

  await page.locator('.spp-bulk .components-notice', { hasText: '2 done, 1 refused.' }).waitFor();
  // The list is newest first, and so are the results.
  const results = page.locator('.spp-bulk-results tbody tr');
  const rows = await results.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td')?.textContent, tr.getAttribute('data-result')]));
  assert.deepEqual(rows, [[`#${ids[2]}`, 'refused'], [`#${ids[1]}`, 'ok'], [`#${ids[0]}`, 'ok']]);
  assert.match(await results.nth(1).textContent() ?? '', /Stopped, owned by e2e_bulk_owner/);
  assert.match(await results.nth(0).textContent() ?? '', /being provisioned or deleted/);
  await page.getByText('0 deployments selected').waitFor();
  await screenshot(page, 'admin-bulk-results');

  for (const id of ids.slice(0, 2)) {
    assert.equal((await api<Deployment>(owner, 'GET', `/deployments/${id}`)).body.status, 'STOPPED');
  }
  const audit = (await auditRows('deployment.stop', lead.login)).filter((row) => ids.includes(Number(row.deployment_id)));
  assert.deepEqual(audit.map((row) => [Number(row.deployment_id), row.result]), [[ids[2], 'error'], [ids[1], 'success'], [ids[0], 'success']]);
  assert.deepEqual(problems, []);
  await context.close();
});
