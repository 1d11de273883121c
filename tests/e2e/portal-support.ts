import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { testSite } from '../support/test-site.ts';

/** Helpers for the shortcode portal's journeys (tests/e2e/portal-*.test.ts). */

export const shortcode = '[support_provisioning_portal]';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'portal-fixture.php');

function run<T>(operation: string, argument: unknown): T {
  return JSON.parse(runSitePhp(testSite(), fixture, {}, [operation, JSON.stringify(argument)])) as T;
}

/** A published page; its URL as WordPress links it. */
export function createPage(title: string, content: string): { id: number; url: string } {
  return run('page', { title, content });
}

/** Switches the site's theme; answers the theme it replaced. */
export function switchTheme(name: string): string {
  return run('theme', { name });
}

/** Makes a widget with `content` the only one in the classic theme's sidebar-1 (null: empties it). */
export type WidgetType = 'block' | 'text' | 'custom_html';

export function setWidget(type: WidgetType, content: string | null): void {
  run('widget', { type, content });
}

export interface PortalSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors: a journey asserts there are none. */
  problems: string[];
}

/** A browser context at 1280 px, logged in as `user` when given, collecting problems. */
export async function openSession(
  browser: Browser,
  user: { login: string; password: string } | null,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<PortalSession> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  if (user) await logInAt(page, user, `${testSite().url}/`);
  return { context, page, problems };
}

/**
 * Logs in through wp-login.php and lands on `target`. Unlike tests/support/browser.ts it waits
 * for the target, not wp-admin: users without wp-admin rights are the portal's audience.
 */
export async function logInAt(page: Page, user: { login: string; password: string }, target: string): Promise<void> {
  await page.goto(`${testSite().url}/wp-login.php?redirect_to=${encodeURIComponent(target)}`);
  await fillLogin(page, user, target);
}

/** Fills the login form already on screen and waits until WordPress has sent the browser to `target`. */
export async function fillLogin(page: Page, user: { login: string; password: string }, target: string): Promise<void> {
  await page.fill('#user_login', user.login);
  await page.fill('#user_pass', user.password);
  await Promise.all([page.waitForURL(target), page.click('#wp-submit')]);
}

/** The URLs of the portal's script and style on the page, if any. */
export async function portalAssets(page: Page): Promise<{ scripts: string[]; styles: string[]; stylesInHead: string[] }> {
  // No helper functions inside evaluate(): tsx wraps named functions in a helper the page lacks.
  return page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script[src*="/build/portal.js"]')].map((element) => element.getAttribute('src') ?? ''),
    styles: [...document.querySelectorAll('link[rel="stylesheet"][href*="/build/portal"]')].map((element) => element.getAttribute('href') ?? ''),
    stylesInHead: [...document.querySelectorAll('head link[rel="stylesheet"][href*="/build/portal"]')].map((element) => element.getAttribute('href') ?? ''),
  }));
}

/**
 * Every selector of the portal's style sheet (inside @media too) starts at the portal's root:
 * nothing the portal ships can restyle the rest of the page.
 */
export async function unscopedSelectors(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sheet = [...document.styleSheets].find((candidate) => candidate.href?.includes('/build/portal') ?? false);
    if (!sheet) return ['no portal style sheet'];
    const selectors: string[] = [];
    const pending: CSSRule[] = [...sheet.cssRules];
    for (let rule = pending.shift(); rule !== undefined; rule = pending.shift()) {
      if (rule instanceof CSSStyleRule) selectors.push(...rule.selectorText.split(/,(?![^(]*\))/).map((part) => part.trim()));
      else if (rule instanceof CSSMediaRule) pending.push(...rule.cssRules);
      else selectors.push(`unexpected rule: ${rule.cssText.slice(0, 60)}`);
    }
    return selectors.filter((selector) => !/^(\.spp-portal|:where\(\.spp-portal\))([\s.:[]|$)/.test(selector));
  });
}

export interface StyleProbe {
  bodyFont: string;
  bodyColor: string;
  portalFont: string;
  portalColor: string;
  parentColor: string;
  buttonFont: string;
  inputFont: string;
  inputColor: string;
}

/** Computed styles of the theme's body and the portal's root, a button and a text field in it. */
export async function styleProbe(page: Page, portal: string, input: string): Promise<StyleProbe> {
  return page.evaluate(([portalSelector, inputSelector]) => {
    const root = document.querySelector(portalSelector as string) as HTMLElement;
    const input = document.querySelector(inputSelector as string) as HTMLElement;
    const button = root.querySelector('button') as HTMLElement;
    return {
      bodyFont: getComputedStyle(document.body).fontFamily,
      bodyColor: getComputedStyle(document.body).color,
      portalFont: getComputedStyle(root).fontFamily,
      portalColor: getComputedStyle(root).color,
      parentColor: getComputedStyle(root.parentElement as HTMLElement).color,
      buttonFont: getComputedStyle(button).fontFamily,
      inputFont: getComputedStyle(input).fontFamily,
      inputColor: getComputedStyle(input).color,
    };
  }, [portal, input]);
}

/** The polite status line under the actions, once it says exactly `text`. */
export async function actionResult(page: Page, text: string): Promise<void> {
  await page.locator('.spp-action-result').filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
}

export function assertNoProblems(session: PortalSession): void {
  assert.deepEqual(session.problems, []);
}
