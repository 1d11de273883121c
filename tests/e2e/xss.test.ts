import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, templates } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { deleteOption, mockFaults } from '../support/wordpress.ts';
import { adminPath, browserUser, openAdmin, type BrowserUser } from './admin-support.ts';
import { createPage, openSession, shortcode } from './portal-support.ts';

// Markup in every text the portal shows that someone other than the viewer controls: deployment
// names, template names and descriptions, users' display names, Proxmox's error messages and the
// audit details quoting them. Each must reach the screen as text, in the admin page and in the
// shortcode portal. The REST API strips tags from deployment names and WordPress from display
// names, so those are written straight into the database, as an import or an older version could.
// WordPress itself prints a user's own display name unescaped in its toolbar (it trusts its input
// filters), so a user with a hostile name never views a page with the toolbar: the admin page is
// seen by a viewer with a plain name, and the portal's users have the front-end toolbar off.

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '"><script>window.__xss=2</script>';
const texts = {
  deployment: `Dep ${IMG}${SCRIPT}`,
  template: `Tpl ${IMG}${SCRIPT}`,
  description: `Desc ${SCRIPT}${IMG}`,
  owner: `Owner ${IMG}${SCRIPT}`,
  target: `Target ${SCRIPT}${IMG}`,
  error: `Err ${IMG}${SCRIPT}`,
  customer: `Cust ${IMG}${SCRIPT}`,
  purpose: `Purp ${SCRIPT}${IMG}`,
  ticket: `Tkt${IMG}`,
  label: `Lbl ${IMG}${SCRIPT}`,
  note: `Note ${SCRIPT}${IMG}`,
};
const adminRights = ['portal_access', 'create', 'manage_all', 'manage_templates', 'manage_settings', 'manage_rights'];

let browser: Browser;
let viewer: BrowserUser;
let owner: BrowserUser;
let target: BrowserUser;
let template: { name: string; description: string };
let deploymentId = 0;
let failedId = 0;
let portalUrl = '';

/** The texts are on screen as text, and nothing the markup asked for happened. */
async function assertInert(page: Page, shown: string[]): Promise<void> {
  for (const text of shown) await page.getByText(text).first().waitFor();
  const where = await page.locator('img[src="x"]').evaluateAll((els) => els.map((e) => `${e.parentElement?.outerHTML.slice(0, 200)} in #${e.closest('[id]')?.id}`));
  assert.deepEqual(where, [], 'no injected <img>');
  assert.equal(await page.locator('script:not([src])', { hasText: '__xss' }).count(), 0, 'no injected <script>');
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'no injected code ran');
}

function asJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

async function openView(page: Page, hash: string, shown: string[]): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}${adminPath}${hash}`);
  await assertInert(page, shown);
}

before(async () => {
  browser = await launchBrowser();
  viewer = await browserUser({ login: 'e2e_xss_viewer', rights: adminRights });
  owner = await browserUser({ login: 'e2e_xss_owner', rights: ['portal_access', 'create'], ramLimitMb: 0 });
  target = await browserUser({ login: 'e2e_xss_target', rights: ['portal_access'] });
  for (const [user, name] of [[owner, texts.owner], [target, texts.target]] as const) {
    await query('UPDATE wp_users SET display_name = ? WHERE ID = ?', [name, user.id]);
    await query("UPDATE wp_usermeta SET meta_value = 'false' WHERE user_id = ? AND meta_key = 'show_admin_bar_front'", [user.id]);
  }

  const list = await api<{ id: number; name: string; description: string }[]>(viewer, 'GET', '/templates?include_inactive=1');
  assert.equal(list.status, 200);
  const saved = list.body.find((t) => t.id === templates.linux);
  assert.ok(saved);
  template = { name: saved.name, description: saved.description };
  const renamed = await api(viewer, 'PUT', `/templates/${templates.linux}`, { name: texts.template, description: texts.description });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));

  deploymentId = (await createDeployment(owner, { name: 'xss subject' })).id;
  assert.equal((await provisioned(owner, deploymentId)).status, 'STOPPED');
  await query('UPDATE wp_spp_deployments SET name = ? WHERE id = ?', [texts.deployment, deploymentId]);
  assert.equal((await api(owner, 'POST', `/deployments/${deploymentId}/shares`, { user: target.login })).status, 200);
  // Customer and purpose take any one-line text; a ticket reference only a tracker key, so an older
  // version's (or an import's) hostile one goes straight into the database.
  const cased = await api(owner, 'PATCH', `/deployments/${deploymentId}`, { customer: texts.customer, purpose: texts.purpose });
  assert.equal(cased.status, 200, JSON.stringify(cased.body));
  await query('UPDATE wp_spp_deployments SET ticket_ref = ?, ip_addresses = ? WHERE id = ?', [texts.ticket, '["192.0.2.99"]', deploymentId]);
  assert.equal((await api(viewer, 'PUT', '/settings/ticket-links', { ticketUrlPattern: 'https://tracker.example/browse/{ticket}' })).status, 200);
  const profile = await api(viewer, 'PUT', `/templates/${templates.linux}/connection-profile`, {
    entries: [{ kind: 'web', label: texts.label, path: '/' }, { kind: 'note', text: texts.note }],
  });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));

  mockFaults({ clone: texts.error });
  try {
    failedId = (await createDeployment(owner, { name: 'xss failed' })).id;
    const failed = await provisioned(owner, failedId);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.lastError, texts.error, 'Proxmox\'s message is stored as it came');
  } finally {
    deleteOption('spp_mock_faults');
  }
  portalUrl = createPage('XSS portal', shortcode).url;
});

after(async () => {
  await browser.close();
  await api(viewer, 'PUT', `/templates/${templates.linux}`, template);
  await api(viewer, 'DELETE', `/templates/${templates.linux}/connection-profile`);
  await api(viewer, 'PUT', '/settings/ticket-links', { ticketUrlPattern: '' });
  // A rights manager left behind would end the bootstrap for the files that follow.
  createUser({ login: viewer.login, rights: [] });
});

test('admin page: Deployments list, detail, shares, the failure reason, New deployment, Templates, User Rights and Audit log show markup as text', async () => {
  const session = await openAdmin(browser, viewer);
  const { page } = session;
  await page.getByLabel('Search').fill('xss');
  await assertInert(page, [texts.deployment, texts.template, texts.owner, texts.ticket]);

  await openView(page, `#/deployments/${deploymentId}`, [
    texts.deployment, texts.template, texts.owner, texts.target, texts.customer, texts.purpose, texts.ticket, texts.label, texts.note,
  ]);
  await openView(page, `#/deployments/${failedId}`, [texts.error]);
  await openView(page, '#/new', [texts.template, texts.description]);
  await openView(page, '#/templates', [texts.template, texts.description]);

  await openView(page, '#/rights', []);
  await page.getByLabel('Search users').fill('e2e_xss');
  await assertInert(page, [texts.owner, texts.target]);

  await openView(page, '#/audit', []);
  // Details show as key and value: a text value as it is, a nested one as JSON (the quote escaped).
  await page.getByLabel('Deployment ID').fill(String(failedId));
  await assertInert(page, [texts.error]);
  await page.getByLabel('Deployment ID').fill('');
  await page.getByLabel('Action').fill('template.update');
  await assertInert(page, [asJson(texts.template), asJson(texts.description)]);

  assert.deepEqual(session.problems, []);
  await session.context.close();
});

test('shortcode portal: the owner\'s list and details, and the shared user\'s list, show markup as text', async () => {
  const session = await openSession(browser, owner);
  const { page } = session;
  await page.goto(portalUrl);
  const portal = page.locator('.spp-portal');
  await assertInert(page, [texts.deployment, texts.template, texts.ticket]);

  await portal.getByRole('link', { name: texts.deployment }).click();
  await assertInert(page, [texts.template, texts.target, texts.customer, texts.purpose, texts.ticket, texts.label, texts.note]);
  await page.goto(portalUrl);
  await portal.getByRole('link', { name: 'xss failed' }).click();
  await assertInert(page, [texts.error]);
  await page.goto(portalUrl);
  await portal.getByRole('link', { name: 'New deployment' }).click();
  await assertInert(page, [texts.template, texts.description]);
  assert.deepEqual(session.problems, []);
  await session.context.close();

  const shared = await openSession(browser, target);
  await shared.page.goto(portalUrl);
  await assertInert(shared.page, [texts.deployment, texts.owner]);
  await shared.page.locator('.spp-portal').getByRole('link', { name: texts.deployment }).click();
  await assertInert(shared.page, [texts.template, texts.owner]);
  assert.deepEqual(shared.problems, []);
  await shared.context.close();
});
