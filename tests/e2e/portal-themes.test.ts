import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { auditRows, browserUser, screenshot, type BrowserUser } from './admin-support.ts';
import {
  actionResult, assertNoProblems, createPage, openSession, portalAssets, shortcode, styleProbe, switchTheme, unscopedSelectors,
} from './portal-support.ts';

// The whole end-user journey through [support_provisioning_portal] in both Debian-packaged
// themes, and the computed styles that prove the portal wears each theme's look.

const themes = [
  { name: 'twentytwentythree', label: 'Twenty Twenty-Three (block theme)' },
  { name: 'twentytwentyone', label: 'Twenty Twenty-One (classic theme)' },
];

let browser: Browser;
let owner: BrowserUser;
let peer: BrowserUser;
let originalTheme = '';
let pageUrl = '';

before(async () => {
  browser = await launchBrowser();
  owner = await browserUser({
    login: 'e2e_portal_owner',
    displayName: 'Olga Owner',
    rights: ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'],
    ramLimitMb: 0,
  });
  peer = await browserUser({ login: 'e2e_portal_peer', displayName: 'Piet Peer', rights: ['portal_access'] });
  pageUrl = createPage('Support VMs', `<!-- wp:paragraph --><p>Ask the team lead before keeping a VM for longer than a week.</p><!-- /wp:paragraph -->\n\n${shortcode}`).url;
  originalTheme = switchTheme('twentytwentythree');
});

after(async () => {
  switchTheme(originalTheme);
  await browser.close();
});

for (const theme of themes) {
  test(`${theme.label}: create → start → IPs → share → stop → prolong → delete`, async () => {
    switchTheme(theme.name);
    const session = await openSession(browser, owner);
    const { page } = session;
    await page.goto(pageUrl);
    const portal = page.locator('.spp-portal');
    await portal.getByRole('heading', { name: 'My deployments' }).waitFor();
    await portal.getByText('You have no deployments yet.').or(portal.locator('table')).waitFor();

    // No admin sections, and no wp-admin styles, on the front end.
    for (const adminOnly of ['Templates', 'Proxmox Settings', 'User Rights', 'Audit log']) {
      assert.equal(await page.getByText(adminOnly, { exact: true }).count(), 0, adminOnly);
    }
    assert.equal(await page.locator('link#wp-components-css, link#spp-admin-css, link[href*="/wp-admin/css/"]').count(), 0);
    const assets = await portalAssets(page);
    assert.equal(assets.scripts.length, 1);
    assert.equal(assets.stylesInHead.length, 1, 'the style is printed in the head, before the portal renders');
    assert.deepEqual(await unscopedSelectors(page), []);

    // Create.
    const name = `portal ${theme.name}`;
    await portal.getByRole('link', { name: 'New deployment' }).click();
    await portal.getByRole('radio', { name: /Linux Utility VM/ }).check();
    await portal.getByLabel('Name (optional)').fill(name);
    await portal.getByLabel('Hours until it expires').fill('12');

    // Computed styles: the controls use the theme's body font and follow its text colour.
    const styles = await styleProbe(page, '.spp-portal', '.spp-portal input[type="text"]');
    assert.equal(styles.portalFont, styles.bodyFont, 'the portal text uses the theme font');
    assert.equal(styles.buttonFont, styles.bodyFont, 'buttons use the theme font');
    assert.equal(styles.inputFont, styles.bodyFont, 'fields use the theme font');
    assert.equal(styles.portalColor, styles.parentColor, 'the portal text colour is the surrounding content’s');
    assert.equal(styles.inputColor, styles.portalColor, 'fields use the theme’s text colour');
    assert.notEqual(styles.buttonFont, '', 'a font was computed');

    await portal.getByRole('button', { name: 'Create deployment' }).click();
    await portal.getByRole('heading', { name: new RegExp(name) }).waitFor();
    await portal.getByRole('status').filter({ hasText: 'Done: the deployment is now Stopped.' }).waitFor();
    const id = (await auditRows('deployment.create', owner.login)).at(-1)?.deployment_id;
    assert.ok(id);
    assert.match(await portal.locator('.spp-fields').textContent() ?? '', /Lifetime12 hours.*Template\s*Linux Utility VM \(l26\)/);

    // Start, then the IP addresses, read again.
    await portal.getByRole('button', { name: 'Start', exact: true }).click();
    await actionResult(page, 'Started.');
    assert.match(await portal.getByRole('heading', { level: 2 }).textContent() ?? '', /Running/);
    const ip = await portal.locator('.spp-ips code').first().textContent() ?? '';
    assert.match(ip, /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$|^2001:db8:/);
    await portal.getByRole('button', { name: 'Refresh IP addresses' }).click();
    await actionResult(page, 'IP addresses read again.');
    assert.equal((await auditRows('deployment.refresh_ips', owner.login)).at(-1)?.deployment_id, id);

    // Share with a colleague by login.
    const sharing = portal.locator('.spp-sharing');
    await sharing.getByLabel('Share with (login or email)').fill(peer.login);
    await sharing.getByRole('button', { name: 'Share', exact: true }).click();
    await sharing.getByText('Piet Peer').waitFor();
    assert.equal((await auditRows('share.add', owner.login)).at(-1)?.deployment_id, id);

    // Stop and prolong.
    await portal.getByRole('button', { name: 'Stop', exact: true }).click();
    await actionResult(page, 'Stopped.');
    await portal.getByLabel('Prolong by (hours)').fill('5');
    await portal.getByRole('button', { name: 'Prolong', exact: true }).click();
    await actionResult(page, 'Prolonged by 5 hours.');
    assert.match(await portal.locator('.spp-fields').textContent() ?? '', /Expiresin 1[67]h \d+m/);
    for (const action of ['deployment.start', 'deployment.stop', 'deployment.prolong']) {
      const row = (await auditRows(action, owner.login)).at(-1);
      assert.equal(row?.deployment_id, id, action);
      assert.equal(row?.result, 'success', action);
    }
    await screenshot(page, `portal-${theme.name}`);

    // The shared colleague sees it on the dashboard, without the delete action.
    const peerSession = await openSession(browser, peer);
    await peerSession.page.goto(pageUrl);
    const peerPortal = peerSession.page.locator('.spp-portal');
    await peerPortal.getByRole('link', { name, exact: true }).click();
    await peerPortal.getByRole('heading', { name: new RegExp(name) }).waitFor();
    assert.equal(await peerPortal.getByRole('button', { name: 'Delete' }).count(), 0, 'shared users never delete');
    assert.equal(await peerPortal.getByRole('link', { name: 'New deployment' }).count(), 0, 'the peer may not create');
    assertNoProblems(peerSession);
    await peerSession.context.close();

    // Delete asks first, in place; Cancel keeps it, confirming deletes it.
    await portal.getByRole('button', { name: 'Delete', exact: true }).click();
    const question = portal.getByRole('group', { name: 'Delete' });
    assert.match(await question.textContent() ?? '', new RegExp(`“${name}” will be stopped and its VM and disks destroyed`));
    await question.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await auditRows('deployment.delete', owner.login)).filter((row) => row.deployment_id === id).length, 0);
    await portal.getByRole('button', { name: 'Delete', exact: true }).click();
    await portal.getByRole('group', { name: 'Delete' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await portal.getByText('The deployment has been deleted: its VM and disks are gone.').waitFor();
    assert.equal((await auditRows('deployment.delete', owner.login)).at(-1)?.deployment_id, id);

    await portal.getByRole('link', { name: '← My deployments' }).click();
    await portal.getByRole('heading', { name: 'My deployments' }).waitFor();
    assertNoProblems(session);
    await session.context.close();
  });
}
