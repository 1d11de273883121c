import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { query } from '../support/db.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, type TestUser, type UserSpec } from '../support/users.ts';
import { logInAt } from './portal-support.ts';

/** Helpers for the admin-page journeys (tests/e2e/admin-*.test.ts). */

export interface BrowserUser extends TestUser {
  password: string;
}

export const adminPath = '/wp-admin/admin.php?page=support-provisioning';
export const screenshotDir = path.resolve('docs/screenshots');

/** A site user with plugin rights and a password to log in with in the browser. */
export async function browserUser(spec: UserSpec): Promise<BrowserUser> {
  const user = createUser(spec);
  const password = `pw-${spec.login}-e2e`;
  // WordPress still accepts (and upgrades) plain MD5 hashes, so a test can set a known password.
  await query('UPDATE wp_users SET user_pass = MD5(?) WHERE ID = ?', [password, user.id]);
  return { ...user, password };
}

export interface AdminSession {
  context: BrowserContext;
  page: Page;
  /** Console errors (React warnings included) and uncaught page errors: a journey asserts there are none. */
  problems: string[];
}

/** Logs in and opens the admin page at `hash` (e.g. '#/new'), at 1280 px unless told otherwise. */
export async function openAdmin(
  browser: Browser,
  user: { login: string; password: string },
  hash = '',
  width = 1280,
): Promise<AdminSession> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium also logs each HTTP error answer; the journeys assert how the UI shows those.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  // Straight to the admin page: leaving profile.php, where WordPress sends a subscriber, before it
  // is ready makes WordPress 6.6's own beforeunload handler throw (wp-admin/js/user-profile.js).
  await logInAt(page, user, `${testSite().url}${adminPath}${hash}`);
  await page.locator('.spp-section, #spp-admin-root .components-notice').first().waitFor();
  return { context, page, problems };
}

/** Saves a screenshot for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // From the top: a scrolled page draws wp-admin's fixed toolbar in the middle of the picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * What sticks out of the app's root on the right (content that would scroll sideways): none
 * is an empty list; else the widest elements, described for the assertion message.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.locator('#spp-admin-root').evaluate((root) => {
    if (root.scrollWidth <= root.clientWidth + 1) return [];
    const edge = root.getBoundingClientRect().right + 1;
    return [...root.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > edge)
      .slice(-5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
  });
}

export interface AuditRow {
  action: string;
  result: string;
  actor_login: string;
  deployment_id: number | null;
  details: string;
}

export async function auditRows(action: string, actorLogin: string): Promise<AuditRow[]> {
  return query<AuditRow>(
    'SELECT action, result, actor_login, deployment_id, details FROM wp_spp_audit_logs WHERE action = ? AND actor_login = ? ORDER BY id',
    [action, actorLogin],
  );
}
