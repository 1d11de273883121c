import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn } from '../support/browser.ts';
import { testSite } from '../support/test-site.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

test('an administrator logs in and opens the Support Provisioning page from the menu', async () => {
  const page = await logIn(browser, 'admin');
  await page.click('#adminmenu a:has-text("Support Provisioning")');
  await page.waitForURL(/page=support-provisioning/);
  assert.equal(await page.locator('.wrap h1').first().textContent(), 'Support Provisioning');
  assert.equal(await page.locator('#spp-admin-root').count(), 1);
  const body = (await page.textContent('body')) ?? '';
  assert.doesNotMatch(body, /Fatal error|Warning:|Notice:|critical error/i);
  const errors = fs.existsSync(testSite().phpErrorLog) ? fs.readFileSync(testSite().phpErrorLog, 'utf8') : '';
  assert.doesNotMatch(errors, /PHP (Fatal|Parse) error/);
});
