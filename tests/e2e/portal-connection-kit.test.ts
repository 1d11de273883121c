import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api } from '../support/api.ts';
import { launchBrowser } from '../support/browser.ts';
import { templates, type Deployment } from '../support/deployments.ts';
import { createUser } from '../support/users.ts';
import { browserUser, screenshot, type BrowserUser } from './admin-support.ts';
import { createPage, openSession, shortcode, type PortalSession } from './portal-support.ts';

let browser: Browser;
let member: BrowserUser;
const templateAdmin = createUser({ login: 'e2e_kit_templates', rights: ['portal_access', 'manage_templates', 'manage_settings'] });
let portalUrl = '';
let session: PortalSession;

before(async () => {
  browser = await launchBrowser();
  member = await browserUser({ login: 'e2e_kit_member', rights: ['portal_access', 'create', 'start', 'stop'], ramLimitMb: 0 });
  const profile = await api(templateAdmin, 'PUT', `/templates/${templates.windows}/connection-profile`, {
    entries: [
      { kind: 'ssh', label: 'OpenSSH server', user: 'support' },
      { kind: 'rdp', user: 'EXAMPLE\\support' },
      { kind: 'web', label: 'Admin console', port: 8443, path: '/admin/' },
      { kind: 'note', text: 'Wait two minutes after the first boot.' },
    ],
  });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  assert.equal((await api(templateAdmin, 'PUT', '/settings/ticket-links', { ticketUrlPattern: 'https://tracker.example/browse/{ticket}' })).status, 200);
  portalUrl = createPage('Connection kit portal', shortcode).url;
  session = await openSession(browser, member);
});

after(async () => {
  await session.context.close();
  await browser.close();
  await api(templateAdmin, 'DELETE', `/templates/${templates.windows}/connection-profile`);
  await api(templateAdmin, 'PUT', '/settings/ticket-links', { ticketUrlPattern: '' });
});

test('the portal creates a deployment with its case, then copies its SSH command and downloads its .rdp file', async () => {
  const { page } = session;
  const portal = page.locator('.spp-portal');
  await page.goto(portalUrl);
  await portal.getByRole('link', { name: 'New deployment' }).click();
  await portal.getByRole('radio', { name: /Windows/ }).check();
  await portal.getByLabel('Name (optional)').fill('Kit journey');
  await portal.getByLabel('Ticket reference (optional)').fill('SUP-7001');
  await portal.getByLabel('Customer (optional)').fill('ACME Telecom');
  await portal.getByLabel('Purpose (optional)').fill('Reproduce the RDP login loop');
  await portal.getByRole('button', { name: 'Create deployment' }).click();
  await portal.getByRole('heading', { name: /Kit journey/ }).waitFor();
  const ticket = portal.getByRole('link', { name: 'SUP-7001' });
  await ticket.first().waitFor();
  assert.equal(await ticket.first().getAttribute('href'), 'https://tracker.example/browse/SUP-7001');
  await portal.getByText('ACME Telecom').first().waitFor();

  // Wait for provisioning to end (the view polls), then start the VM so it gets addresses.
  await portal.getByRole('button', { name: 'Start', exact: true }).click();
  await portal.getByRole('heading', { name: 'Connect' }).waitFor();
  // The portal keeps its view in component state, not the URL: find the deployment by its name.
  const found = await api<Deployment[]>(member, 'GET', '/deployments?search=Kit%20journey');
  const deployment = found.body[0];
  assert.ok(deployment);
  const id = deployment.id;
  const [ipv4] = deployment.ipAddresses;
  assert.ok(ipv4 !== undefined && /^192\.0\.2\./.test(ipv4), JSON.stringify(deployment.ipAddresses));

  const command = `ssh -p 22 support@${ipv4}`;
  await portal.locator('code', { hasText: command }).first().waitFor();
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await portal.getByRole('button', { name: `Copy ${command} to the clipboard` }).click();
  await portal.getByText('Copied', { exact: true }).first().waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), command);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    portal.getByRole('button', { name: `Download .rdp file for ${ipv4}` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `deployment-${id}-kit-journey.rdp`);
  const file = await fs.readFile(await download.path(), 'utf8');
  assert.equal(file, `full address:s:${ipv4}:3389\r\nusername:s:EXAMPLE\\support\r\nprompt for credentials:i:1\r\n`);

  const web = portal.getByRole('link', { name: `https://${ipv4}:8443/admin/` });
  assert.equal(await web.getAttribute('rel'), 'noopener noreferrer');
  await portal.getByText('Wait two minutes after the first boot.').waitFor();
  assert.equal(await portal.getByText('Open the console in Proxmox').count(), 0, 'no console link in mock mode, nor for a non-manager');
  await screenshot(page, 'portal-connection-kit');
  assert.deepEqual(session.problems, []);
});
