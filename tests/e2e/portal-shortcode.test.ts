import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { browserUser, type BrowserUser } from './admin-support.ts';
import {
  assertNoProblems, createPage, fillLogin, openSession, portalAssets, setWidget, shortcode, switchTheme,
} from './portal-support.ts';

// The shortcode's server-rendered shell and where it may appear: logged out, without access,
// without JavaScript, twice on a page, in a block, in a widget, and its assets only where used.

let browser: Browser;
let member: BrowserUser;
let outsider: BrowserUser;
let originalTheme = '';
const pages = { portal: '', plain: '', twice: '', group: '' };

before(async () => {
  browser = await launchBrowser();
  member = await browserUser({ login: 'e2e_sc_member', displayName: 'Mia Member', rights: ['portal_access', 'create'] });
  outsider = await browserUser({ login: 'e2e_sc_outsider', displayName: 'Otto Outsider', rights: [] });
  pages.portal = createPage('Portal', shortcode).url;
  pages.plain = createPage('No portal here', '<!-- wp:paragraph --><p>Opening hours of the support desk.</p><!-- /wp:paragraph -->').url;
  pages.twice = createPage('Two portals', `${shortcode}\n\n<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->\n\n${shortcode}`).url;
  pages.group = createPage(
    'Portal in a group',
    `<!-- wp:group {"className":"e2e-group"} --><div class="wp-block-group e2e-group"><!-- wp:shortcode -->${shortcode}<!-- /wp:shortcode --></div><!-- /wp:group -->`,
  ).url;
  originalTheme = switchTheme('twentytwentythree');
});

after(async () => {
  setWidget('block', null);
  switchTheme(originalTheme);
  await browser.close();
});

test('logged out: a login link that returns to the page, where the portal then opens; no portal assets', async () => {
  const session = await openSession(browser, null);
  const { page } = session;
  await page.goto(pages.portal);
  const link = page.locator('.spp-portal').getByRole('link', { name: 'Log in to see your deployments' });
  const href = new URL(await link.getAttribute('href') ?? '');
  assert.equal(href.pathname, '/wp-login.php');
  assert.equal(href.searchParams.get('redirect_to'), pages.portal);
  assert.deepEqual(await portalAssets(page), { scripts: [], styles: [], stylesInHead: [] });

  await link.click();
  await fillLogin(page, member, pages.portal);
  await page.locator('.spp-portal').getByRole('heading', { name: 'My deployments' }).waitFor();
  assertNoProblems(session);
  await session.context.close();
});

test('logged in without portal_access: a clear message, no data and no portal script', async () => {
  const session = await openSession(browser, outsider);
  const { page } = session;
  await page.goto(pages.portal);
  const portal = page.locator('.spp-portal');
  assert.equal(
    (await portal.textContent())?.trim(),
    'You have no access to the Support Provisioning portal. Ask a user who manages rights to grant it.',
  );
  assert.equal(await page.locator('[data-spp-portal]').count(), 0);
  assert.deepEqual((await portalAssets(page)).scripts, []);
  assertNoProblems(session);
  await session.context.close();
});

test('JavaScript disabled: the server-rendered shell says the portal needs it', async () => {
  const session = await openSession(browser, null, { javaScriptEnabled: false });
  const { page } = session;
  await page.goto(pages.portal);
  await page.getByRole('link', { name: 'Log in to see your deployments' }).click();
  await fillLogin(page, member, pages.portal);
  const message = page.locator('[data-spp-portal] noscript p');
  assert.equal(await message.isVisible(), true);
  assert.equal(await message.textContent(), 'The Support Provisioning portal needs JavaScript. Enable it in your browser and reload this page.');
  assert.equal(await page.locator('[data-spp-portal]').evaluate((element) => element.children.length), 1, 'only the message: the portal never ran');
  await session.context.close();
});

test('scripts and styles load only on pages that contain the shortcode', async () => {
  const session = await openSession(browser, member);
  const { page } = session;
  await page.goto(pages.plain);
  await page.getByText('Opening hours of the support desk.').waitFor();
  assert.deepEqual(await portalAssets(page), { scripts: [], styles: [], stylesInHead: [] });
  assert.equal(await page.locator('script[src*="/wp-includes/js/dist/api-fetch"]').count(), 0, 'nor the portal’s dependencies');

  await page.goto(pages.portal);
  await page.locator('.spp-portal').getByRole('heading', { name: 'My deployments' }).waitFor();
  const assets = await portalAssets(page);
  assert.equal(assets.scripts.length, 1);
  assert.equal(assets.stylesInHead.length, 1);
  assertNoProblems(session);
  await session.context.close();
});

test('two shortcodes on one page: two independent portals, the assets once', async () => {
  const session = await openSession(browser, member);
  const { page } = session;
  await page.goto(pages.twice);
  const roots = page.locator('[data-spp-portal]');
  await roots.nth(1).getByRole('heading', { name: 'My deployments' }).waitFor();
  await roots.nth(0).getByRole('heading', { name: 'My deployments' }).waitFor();
  const ids = await roots.evaluateAll((elements) => elements.map((element) => element.id));
  assert.deepEqual(ids, ['spp-portal-1', 'spp-portal-2']);

  await roots.nth(0).getByRole('link', { name: 'New deployment' }).click();
  await roots.nth(0).getByRole('heading', { name: 'New deployment' }).waitFor();
  assert.equal(await roots.nth(1).getByRole('heading', { name: 'My deployments' }).count(), 1, 'the second portal keeps its own view');
  await roots.nth(1).getByRole('link', { name: 'New deployment' }).click();
  await roots.nth(1).getByLabel('Name (optional)').fill('second');
  assert.equal(await roots.nth(0).getByLabel('Name (optional)').inputValue(), '', 'each field belongs to its own portal');

  const duplicates = await page.evaluate(() => {
    const seen = [...document.querySelectorAll('.spp-portal [id]')].map((element) => element.id);
    return seen.filter((id, index) => seen.indexOf(id) !== index);
  });
  assert.deepEqual(duplicates.filter((id) => id !== 'spp-quota-title'), []);
  assert.equal((await portalAssets(page)).scripts.length, 1);
  assertNoProblems(session);
  await session.context.close();
});

test('inside a block (core/group, core/shortcode) the portal works', async () => {
  const session = await openSession(browser, member);
  const { page } = session;
  await page.goto(pages.group);
  await page.locator('.wp-block-group.e2e-group [data-spp-portal]').getByRole('heading', { name: 'My deployments' }).waitFor();
  assertNoProblems(session);
  await session.context.close();
});

// WordPress runs shortcodes in block widgets (the default since 5.8) and Text widgets, not in
// Custom HTML widgets (widget_text_content and widget_block_content get do_shortcode; the
// Custom HTML widget's filters do not).
const widgets = [
  { type: 'block', content: `<!-- wp:shortcode -->${shortcode}<!-- /wp:shortcode -->` },
  { type: 'text', content: `<p>Your VMs:</p>${shortcode}` },
] as const;

for (const widget of widgets) {
  test(`in a classic theme's ${widget.type} widget the portal works, on pages without the shortcode too`, async () => {
    switchTheme('twentytwentyone');
    setWidget(widget.type, widget.content);
    const session = await openSession(browser, member);
    const { page } = session;
    await page.goto(pages.plain);
    const widgetPortal = page.locator('.widget-area [data-spp-portal]');
    await widgetPortal.getByRole('heading', { name: 'My deployments' }).waitFor();
    const assets = await portalAssets(page);
    assert.equal(assets.scripts.length, 1);
    // The widget renders after wp_head: WordPress prints the style late, in the footer.
    assert.equal(assets.styles.length, 1);
    assert.equal(assets.stylesInHead.length, 0);
    assert.equal(await widgetPortal.evaluate((element) => getComputedStyle(element).marginTop !== '0px'), true, 'the portal style applies');
    assertNoProblems(session);
    await session.context.close();
    setWidget(widget.type, null);
    switchTheme('twentytwentythree');
  });
}

test('a Custom HTML widget shows the shortcode as text: WordPress runs no shortcodes there', async () => {
  switchTheme('twentytwentyone');
  setWidget('custom_html', shortcode);
  const session = await openSession(browser, member);
  const { page } = session;
  await page.goto(pages.plain);
  await page.locator('.widget-area').getByText(shortcode).waitFor();
  assert.equal(await page.locator('[data-spp-portal]').count(), 0);
  assert.deepEqual(await portalAssets(page), { scripts: [], styles: [], stylesInHead: [] });
  await session.context.close();
  setWidget('custom_html', null);
  switchTheme('twentytwentythree');
});
