import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { createDeployment, templates } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { auditRows, browserUser, openAdmin, horizontalOverflow, screenshot, type AdminSession, type BrowserUser } from './admin-support.ts';

const ownerRights = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];

let browser: Browser;
let owner: BrowserUser;
let lead: BrowserUser;
let peer: BrowserUser;
let session: AdminSession;
let page: Page;
let deploymentId = 0;

/** Records every text the progress live region shows, and marks the page to prove it never reloads. */
async function recordProgress(target: Page): Promise<void> {
  await target.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { sppProgress: string[] }).sppProgress = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.spp-progress')?.textContent ?? '';
      if (text !== '' && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** What the live region showed since recordProgress(); fails if the page was reloaded meanwhile. */
async function recordedProgress(target: Page): Promise<string[]> {
  const seen = await target.evaluate(() => (window as unknown as { sppProgress?: string[] }).sppProgress);
  assert.ok(seen, 'the page was reloaded');
  return seen;
}

/** The polite status line under the actions, once it says exactly `text`. */
function actionResult(target: Page, text: string): Promise<void> {
  return target.locator('.spp-action-result', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
}

before(async () => {
  browser = await launchBrowser();
  owner = await browserUser({ login: 'e2e_dep_owner', displayName: 'Dana Owner', rights: ownerRights, ramLimitMb: 4096 });
  lead = await browserUser({ login: 'e2e_dep_lead', displayName: 'Lee Lead', rights: ['portal_access', 'manage_all'] });
  peer = await browserUser({ login: 'e2e_dep_peer', email: 'peer@e2e.example.test', displayName: 'Pat Peer', rights: ['portal_access'] });
  session = await openAdmin(browser, owner, '#/new');
  page = session.page;
});

after(async () => {
  await browser.close();
});

test('New deployment lists the approved templates with their sizes and explains before submitting what will not fit', async () => {
  const form = page.locator('form.spp-new');
  await form.getByText('Linux Utility VM').waitFor();
  assert.match(await form.textContent() ?? '', /2 CPU · 2 GB RAM · 32 GB disk · default 2 days/);

  await page.getByRole('radio', { name: /Windows Support Client/ }).check();
  const warning = page.locator('.spp-quota__warning');
  await warning.waitFor();
  assert.match(await warning.textContent() ?? '', /will not fit: it needs 8 GB RAM, and your contingent has 0 MB of 4 GB in use/);
  assert.equal(await page.getByRole('button', { name: 'Create deployment' }).isDisabled(), true);

  await page.getByRole('radio', { name: /Linux Utility VM/ }).check();
  await warning.waitFor({ state: 'detached' });
  assert.match(await page.locator('.spp-quota').textContent() ?? '', /0 MB used of 4 GB; after this one: 2 GB/);
  assert.match(await page.locator('.spp-quota').textContent() ?? '', /Your VMs\s*0 held, no limit/);
  assert.equal(await page.getByLabel('Hours until it expires').inputValue(), '48');
  assert.equal(await page.getByRole('button', { name: 'Create deployment' }).isDisabled(), false);
  await screenshot(page, 'new-deployment');
});

test('creating a deployment opens its detail, which shows the provisioning progress live until it is ready', async () => {
  await page.getByLabel('Name (optional)').fill('e2e ticket 4711');
  await page.getByLabel('Hours until it expires').fill('12');
  await recordProgress(page);
  await page.getByRole('button', { name: 'Create deployment' }).click();
  await page.waitForURL(/#\/deployments\/\d+$/);
  deploymentId = Number(/(\d+)$/.exec(page.url())?.[1]);

  await page.getByRole('status').filter({ hasText: 'Done: the deployment is now Stopped.' }).waitFor();
  const seen = await recordedProgress(page);
  assert.ok(seen.some((text) => /^Provisioning step \d of \d: /.test(text)), `progress shown: ${JSON.stringify(seen)}`);

  const heading = page.getByRole('heading', { level: 2 });
  assert.match(await heading.textContent() ?? '', /e2e ticket 4711\s*Stopped/);
  const fields = await page.locator('.spp-fields').textContent() ?? '';
  assert.match(fields, /Linux Utility VM \(l26\)/);
  assert.match(fields, /Lifetime12 hours/);
  assert.match(fields, /RAM2 GB/);
  assert.match(fields, /Expiresin 1\dh \d+m/);
  assert.equal((await auditRows('deployment.create', owner.login)).at(-1)?.deployment_id, deploymentId);
});

test('the actions follow allowedActions: start, copy an IP, refresh IPs, prolong and stop', async () => {
  assert.equal(await page.getByRole('button', { name: 'Stop', exact: true }).count(), 0);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await actionResult(page, 'Started.');
  assert.match(await page.getByRole('heading', { level: 2 }).textContent() ?? '', /Running/);
  assert.equal(await page.getByRole('button', { name: 'Start', exact: true }).count(), 0);

  const firstIp = (await page.locator('.spp-ips code').first().textContent()) ?? '';
  assert.match(firstIp, /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$|^2001:db8:/);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: `Copy ${firstIp} to the clipboard` }).click();
  await page.getByText('Copied', { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), firstIp);

  await page.getByRole('button', { name: 'Refresh IP addresses' }).click();
  await actionResult(page, 'IP addresses read again.');

  await page.getByLabel('Prolong by (hours)').fill('5');
  await page.getByRole('button', { name: 'Prolong', exact: true }).click();
  await actionResult(page, 'Prolonged by 5 hours.');
  assert.match(await page.locator('.spp-fields').textContent() ?? '', /Expiresin 1[67]h \d+m/);
  assert.equal((await auditRows('deployment.prolong', owner.login)).at(-1)?.result, 'success');

  await screenshot(page, 'deployment-detail');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await actionResult(page, 'Stopped.');
  assert.match(await page.getByRole('heading', { level: 2 }).textContent() ?? '', /Stopped/);
});

test('a prolong the template does not allow shows the API error next to the action, in words', async () => {
  await page.getByLabel('Prolong by (hours)').fill('9000');
  await page.getByRole('button', { name: 'Prolong', exact: true }).click();
  const error = page.locator('.spp-panel .spp-error').first();
  await error.waitFor();
  const text = await error.textContent() ?? '';
  assert.match(text, /Error code: (spp_ttl_out_of_range|rest_invalid_param) \(HTTP 400\)/);
  assert.doesNotMatch(text, /undefined|\[object/);
  // WordPress's Notice names its dismiss button 'Dismiss this notice' in 6.1 and 'Close' in 6.6
  // (wp-includes/js/dist/components.js).
  await error.getByRole('button', { name: /^(Dismiss this notice|Close)$/ }).click();
  await error.waitFor({ state: 'detached' });
});

test('sharing: an unknown login is explained next to the field; add by email, list, and remove after confirming', async () => {
  const sharing = page.locator('.spp-panel', { has: page.getByRole('heading', { name: 'Sharing' }) });
  await sharing.getByLabel('Share with (login or email)').fill('nobody_such_user');
  await sharing.getByRole('button', { name: 'Share', exact: true }).click();
  const error = sharing.locator('.spp-error');
  await error.waitFor();
  assert.match(await error.textContent() ?? '', /spp_user_not_found \(HTTP 404\)/);

  await sharing.getByLabel('Share with (login or email)').fill('peer@e2e.example.test');
  await sharing.getByRole('button', { name: 'Share', exact: true }).click();
  await sharing.getByText('Pat Peer').waitFor();
  assert.equal(await error.count(), 0);
  const shares = await sharing.locator('.spp-shares').textContent() ?? '';
  assert.match(shares, /Pat Peer \(e2e_dep_peer\)/);
  assert.doesNotMatch(shares, /peer@e2e\.example\.test/, 'a share never shows the e-mail address');

  const peerSession = await openAdmin(browser, peer, `#/deployments/${deploymentId}`);
  await peerSession.page.getByRole('heading', { name: /e2e ticket 4711/ }).waitFor();
  assert.equal(await peerSession.page.getByRole('button', { name: 'Delete' }).count(), 0, 'shared users never delete');
  assert.equal(await peerSession.page.getByRole('heading', { name: 'Sharing' }).count(), 0);
  assert.equal(await peerSession.page.getByRole('heading', { name: 'Audit trail' }).count(), 0);
  await peerSession.page.goto(peerSession.page.url().replace(/#.*$/, '#/deployments'));
  await peerSession.page.getByText('Shared with you').first().waitFor();
  assert.deepEqual(peerSession.problems, []);
  await peerSession.context.close();

  await sharing.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop sharing?' });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await sharing.getByText('Not shared with anyone.').waitFor();
  assert.equal((await auditRows('share.remove', owner.login)).at(-1)?.result, 'success');
});

test('a deployments manager sees everyone’s deployments, the owner filter and the deployment’s audit trail', async () => {
  assert.equal(await page.getByRole('heading', { name: 'Audit trail' }).count(), 0, 'the owner lacks manage_all and manage_settings');
  const leadSession = await openAdmin(browser, lead, `#/deployments/${deploymentId}`);
  const audit = leadSession.page.locator('.spp-panel', { has: leadSession.page.getByRole('heading', { name: 'Audit trail' }) });
  await audit.locator('table').waitFor();
  const trail = await audit.textContent() ?? '';
  for (const action of ['deployment.create', 'deployment.start', 'deployment.prolong', 'share.add', 'share.remove']) {
    assert.match(trail, new RegExp(action.replace('.', '\\.')));
  }
  await leadSession.page.goto(leadSession.page.url().replace(/#.*$/, '#/deployments'));
  await leadSession.page.getByLabel('Owner').selectOption('mine');
  await leadSession.page.getByText('No deployments match.').waitFor();
  assert.deepEqual(leadSession.problems, []);
  await leadSession.context.close();
});

test('the list filters by status, searches, pages, and shows status, owner, template, expiry and IPs', async () => {
  createUser({ login: owner.login, rights: ownerRights, ramLimitMb: 0 });
  for (let i = 1; i <= 10; i++) {
    await createDeployment(owner, { name: `e2e bulk ${String(i).padStart(2, '0')}`, templateId: templates.pbx, ttlHours: 24 });
  }
  await page.goto(page.url().replace(/#.*$/, '#/deployments'));
  await page.getByRole('link', { name: 'e2e ticket 4711' }).waitFor();
  await page.getByLabel('Per page').selectOption('10');
  await page.getByText('Page 1 of 2').waitFor();
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByText('Page 2 of 2').waitFor();
  await page.getByRole('button', { name: 'Previous page' }).click();
  await page.getByText('Page 1 of 2').waitFor();

  await page.getByLabel('Search').fill('4711');
  await page.getByText('Page 1 of 1').waitFor();
  const row = page.locator('tr', { has: page.getByRole('link', { name: 'e2e ticket 4711' }) });
  // The first cell is the bulk actions' box (tests/e2e/admin-bulk.test.ts).
  assert.equal(await row.getByRole('checkbox', { name: 'Select e2e ticket 4711' }).isChecked(), false);
  const cells = (await row.locator('td').allTextContents()).slice(1);
  assert.equal(cells.length, 7);
  assert.match(cells[1] ?? '', /Stopped/);
  assert.equal(cells[2], 'Dana Owner');
  assert.equal(cells[3], 'Linux Utility VM');
  assert.equal(cells[4], '—', 'no case');
  assert.match(cells[5] ?? '', /^in 1\dh \d+m/);
  assert.equal(cells[6], '—');

  await page.getByLabel('Search').fill('ticket');
  await page.getByLabel('Status').selectOption('RUNNING');
  await page.getByText('No deployments match.').waitFor();
  await page.getByLabel('Status').selectOption('STOPPED');
  await page.locator('.spp-table').waitFor();
  assert.deepEqual(await page.locator('.spp-table tbody a').allTextContents(), ['e2e ticket 4711']);
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Search').fill('');
  await page.getByText('Page 1 of 2').waitFor();
  await screenshot(page, 'deployments');
});

test('at 360 px the list and the detail fit the screen without sideways scrolling', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByLabel('Search').fill('ticket');
  await page.getByText('Page 1 of 1').waitFor();
  assert.deepEqual(await horizontalOverflow(page), [], 'deployments list');
  await page.getByRole('link', { name: 'e2e ticket 4711' }).click();
  await page.getByRole('heading', { name: /e2e ticket 4711/ }).waitFor();
  assert.deepEqual(await horizontalOverflow(page), [], 'deployment detail');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('delete asks first; Cancel keeps the deployment, confirming deletes it and shows the progress to the end', async () => {
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this deployment?' });
  assert.match(await dialog.textContent() ?? '', /“e2e ticket 4711” will be stopped and its VM and disks destroyed/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await dialog.count(), 0);
  assert.equal((await auditRows('deployment.delete', owner.login)).length, 0);

  await recordProgress(page);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete this deployment?' }).getByRole('button', { name: 'Delete' }).click();
  await page.locator('#spp-admin-root').getByText('The deployment has been deleted: its VM and disks are gone.').waitFor();
  const seen = await recordedProgress(page);
  assert.ok(seen.some((text) => /^Deleting step \d of \d: /.test(text)), `progress shown: ${JSON.stringify(seen)}`);
  assert.equal((await auditRows('deployment.delete', owner.login)).at(-1)?.result, 'success');
  assert.deepEqual(session.problems, []);
});

test('keyboard only: open New deployment, pick a template with the arrow keys and create with Enter', async () => {
  await page.goto(page.url().replace(/#.*$/, '#/deployments'));
  await page.getByRole('link', { name: 'New deployment' }).focus();
  await page.keyboard.press('Enter');
  const first = page.getByRole('radio', { name: /Linux Utility VM/ });
  await first.waitFor();
  await first.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('radio', { name: /Turnkey PBX Test Appliance/ }).isChecked(), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByLabel('Name (optional)').getAttribute('id'));
  await page.keyboard.type('e2e keyboard');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/deployments\/\d+$/);
  await page.getByRole('heading', { name: /e2e keyboard/ }).waitFor();
  assert.deepEqual(session.problems, []);
});
