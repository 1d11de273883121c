import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { createDeployment, provisioned, type Deployment } from '../support/deployments.ts';
import { testSite } from '../support/test-site.ts';
import { adminPath, browserUser, openAdmin, screenshot, type BrowserUser } from './admin-support.ts';
import { createPage, fillLogin, openSession, shortcode } from './portal-support.ts';

// Where to find things and facts that agree (issue 14): deep links that survive a log-in in a
// fresh browser, an inviting empty list, time left highlighted, quick actions and the RAM quota
// above the list, the lifetime after prolonging, the default name, and Running/Stopped told
// apart without colour — in the admin page and the portal.

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
let browser: Browser;
let newcomer: BrowserUser;
let colleague: BrowserUser;
let portalUrl = '';
const made: number[] = [];

before(async () => {
  browser = await launchBrowser();
  newcomer = await browserUser({ login: 'e2e_lst_new', displayName: 'Nina Newcomer', rights: lifecycle, ramLimitMb: 16384 });
  colleague = await browserUser({ login: 'e2e_lst_colleague', rights: ['portal_access'] });
  portalUrl = createPage('Lists portal', shortcode).url;
});

after(async () => {
  await browser.close();
  // Later files count and list deployments: take ours away.
  for (const id of made) {
    await api(newcomer, 'DELETE', `/deployments/${id}`);
    for (let read = 0; read < 20 && (await api(newcomer, 'GET', `/deployments/${id}`)).status === 200; read++);
  }
});

const portalLink = (id?: number): string => (id === undefined ? portalUrl : `${portalUrl}${portalUrl.includes('?') ? '&' : '?'}spp_deployment=${id}`);

async function make(name: string, ttlHours: number): Promise<Deployment> {
  const d = await provisioned(newcomer, (await createDeployment(newcomer, { name, ttlHours })).id);
  made.push(d.id);
  return d;
}

/** The shape drawn before the status badge's label (CSS generated content). */
function statusShape(root: Locator): Promise<string> {
  return root.locator('.spp-status').first().evaluate((badge) => getComputedStyle(badge, '::before').content);
}

function row(root: Locator | Page, id: number): Locator {
  return root.locator(`tr[data-deployment="${id}"]`);
}

test('a new user\'s empty list invites them to create their first deployment', async () => {
  const admin = await openAdmin(browser, newcomer);
  await admin.page.getByText('You have no deployments yet.').waitFor();
  await admin.page.getByRole('link', { name: 'Create your first deployment' }).click();
  await admin.page.locator('.spp-section[data-section="new"]').waitFor();
  const portal = await openSession(browser, newcomer);
  await portal.page.goto(portalUrl);
  const view = portal.page.locator('.spp-portal');
  await view.getByText('You have no deployments yet.').waitFor();
  await view.getByRole('link', { name: 'Create your first deployment' }).click();
  await view.getByRole('heading', { name: 'New deployment' }).waitFor();
  assert.deepEqual([...admin.problems, ...portal.problems], []);
  await admin.context.close();
  await portal.context.close();
});

test('the new form states the name limit; an empty name is named after the template and the user; a template that leaves VMs stopped offers Start', async () => {
  const { page, context, problems } = await openAdmin(browser, newcomer, '#/new');
  await page.getByRole('radio', { name: /Linux Utility VM/ }).check();
  await page.getByText('At most 190 characters. Left empty, the portal names it after the template and you.').waitFor();
  await page.getByRole('button', { name: 'Create deployment' }).click();
  const detail = page.locator('.spp-detail');
  await detail.getByRole('heading', { name: 'Linux Utility VM (e2e_lst_new)' }).waitFor();
  made.push(Number(/spp_deployment=(\d+)/.exec(page.url())?.[1]));
  await detail.getByText('Ready, but not started: this template leaves new VMs stopped. Start it when you need it.').waitFor();
  assert.equal(await statusShape(detail), '"■" / ""');
  await detail.getByRole('button', { name: 'Start', exact: true }).click();
  await detail.locator('.spp-status--running').waitFor();
  assert.equal(await statusShape(detail), '"▶" / ""', 'Running and Stopped differ in shape, not only colour');
  assert.equal(await detail.getByText('Ready, but not started').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();

  const portal = await openSession(browser, newcomer);
  await portal.page.goto(portalUrl);
  const view = portal.page.locator('.spp-portal');
  await view.getByRole('link', { name: 'New deployment' }).click();
  await view.getByRole('radio', { name: /Linux Utility VM/ }).check();
  await view.getByText('At most 190 characters.', { exact: false }).waitFor();
  await view.getByRole('button', { name: 'Create deployment' }).click();
  await view.getByText('Ready, but not started').waitFor();
  made.push(Number(/spp_deployment=(\d+)/.exec(portal.page.url())?.[1]));
  await view.getByRole('button', { name: 'Start', exact: true }).waitFor();
  assert.deepEqual(portal.problems, []);
  await portal.context.close();
});

test('the list highlights time running short, carries start, stop and prolong, and shows the RAM quota above it', async () => {
  const hour = await make('Under an hour', 1);
  const day = await make('Under a day', 5);
  const later = await make('Two days', 48);
  const { page, context, problems } = await openAdmin(browser, newcomer);
  const quota = page.locator('.spp-quota');
  // The quota and the list load side by side: compare positions once both are drawn.
  await quota.getByRole('heading', { name: 'RAM quota' }).waitFor();
  await row(page, later.id).waitFor();
  assert.ok(await quota.evaluate((element) => element.compareDocumentPosition(document.querySelector('table.spp-table')!) & Node.DOCUMENT_POSITION_FOLLOWING), 'above the list');
  assert.match(await quota.textContent() ?? '', /used of 16 GB/);

  assert.match(await row(page, hour.id).locator('.spp-expiry--hour').textContent() ?? '', /\(less than an hour left\)/);
  assert.match(await row(page, day.id).locator('.spp-expiry--day').textContent() ?? '', /\(less than a day left\)/);
  assert.equal(await row(page, later.id).locator('.spp-expiry').count(), 0);

  await row(page, hour.id).getByRole('button', { name: 'Start Under an hour' }).click();
  await row(page, hour.id).locator('.spp-status--running').waitFor();
  await row(page, hour.id).getByRole('button', { name: 'Stop Under an hour' }).click();
  await row(page, hour.id).locator('.spp-status--stopped').waitFor();
  await row(page, hour.id).getByRole('button', { name: 'Prolong Under an hour by 24 hours' }).click();
  await row(page, hour.id).locator('.spp-expiry--hour').waitFor({ state: 'detached' });
  assert.equal(await row(page, hour.id).locator('.spp-expiry').count(), 0, '25 hours left: no longer short');
  assert.deepEqual(problems, []);

  // The detail's lifetime agrees with the prolonging.
  await row(page, hour.id).getByRole('link', { name: 'Under an hour' }).click();
  await page.locator('.spp-detail').getByText('1 hour at creation; 25 hours in total after prolonging').waitFor();
  await context.close();

  const portal = await openSession(browser, newcomer);
  await portal.page.goto(portalUrl);
  const view = portal.page.locator('.spp-portal');
  await view.locator('.spp-quota').getByRole('heading', { name: 'RAM quota' }).waitFor();
  assert.match(await row(view, day.id).locator('.spp-expiry--day').textContent() ?? '', /less than a day left/);
  await row(view, day.id).getByRole('button', { name: 'Start Under a day' }).click();
  await row(view, day.id).locator('.spp-status--running').waitFor();
  await screenshot(portal.page, 'portal-list');
  await row(view, day.id).getByRole('button', { name: 'Prolong Under a day by 24 hours' }).click();
  await row(view, day.id).locator('.spp-expiry').waitFor({ state: 'detached' });
  await row(view, day.id).getByRole('link', { name: 'Under a day' }).click();
  await view.getByText('5 hours at creation; 29 hours in total after prolonging').waitFor();
  assert.deepEqual(portal.problems, []);
  await portal.context.close();
});

test('each deployment has a link that survives a reload and opens after logging in, in a fresh browser', async () => {
  const d = await make('Linked deployment', 48);
  assert.equal((await api(newcomer, 'POST', `/deployments/${d.id}/shares`, { user: colleague.login })).status, 200);

  // Admin: the address bar and the detail's link name the deployment.
  const admin = await openAdmin(browser, newcomer, `#/deployments/${d.id}`);
  const detail = admin.page.locator('.spp-detail');
  await detail.getByRole('heading', { name: /Linked deployment/ }).waitFor();
  const adminLink = await detail.locator('.spp-deep-link').getAttribute('href') ?? '';
  assert.equal(adminLink, admin.page.url());
  assert.match(adminLink, new RegExp(`spp_deployment=${d.id}`));
  await admin.page.reload();
  await detail.getByRole('heading', { name: /Linked deployment/ }).waitFor();
  await admin.context.close();

  const fresh = await openSession(browser, null);
  await fresh.page.goto(adminLink);
  await fresh.page.waitForURL(/wp-login\.php/);
  await fresh.page.fill('#user_login', newcomer.login);
  await fresh.page.fill('#user_pass', newcomer.password);
  await Promise.all([fresh.page.waitForURL(new RegExp(`admin\\.php\\?page=support-provisioning.*spp_deployment=${d.id}`)), fresh.page.click('#wp-submit')]);
  await fresh.page.locator('.spp-detail').getByRole('heading', { name: /Linked deployment/ }).waitFor();
  assert.ok(fresh.page.url().startsWith(`${testSite().url}${adminPath}`));
  await fresh.context.close();

  // Portal: sent to the colleague it is shared with, who is not logged in yet.
  const owner = await openSession(browser, newcomer);
  await owner.page.goto(portalUrl);
  await row(owner.page.locator('.spp-portal'), d.id).getByRole('link', { name: 'Linked deployment' }).click();
  await owner.page.locator('.spp-portal').getByRole('heading', { name: /Linked deployment/ }).waitFor();
  const portalDeepLink = owner.page.url();
  assert.equal(new URL(portalDeepLink).searchParams.get('spp_deployment'), String(d.id));
  await owner.page.goBack();
  await owner.page.locator('.spp-portal').getByRole('heading', { name: 'My deployments' }).waitFor();
  await owner.context.close();

  const colleagueSession = await openSession(browser, null);
  await colleagueSession.page.goto(portalLink(d.id));
  await colleagueSession.page.getByRole('link', { name: 'Log in to see your deployments' }).click();
  await fillLogin(colleagueSession.page, colleague, portalLink(d.id));
  await colleagueSession.page.locator('.spp-portal').getByRole('heading', { name: /Linked deployment/ }).waitFor();
  assert.deepEqual([...admin.problems, ...fresh.problems, ...owner.problems, ...colleagueSession.problems], []);
  await colleagueSession.context.close();
});
