import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { query } from '../support/db.ts';
import { templates } from '../support/deployments.ts';
import { browserUser, openAdmin, screenshot, type AdminSession, type BrowserUser } from './admin-support.ts';

// The Reports section draws its charts from the same report as its table: a hand-made usage history
// (docs/decisions/usage-report.md) in March 2001, read in the browser (UTC) and compared.

let browser: Browser;
let reporter: BrowserUser;
let outsider: BrowserUser;
let session: AdminSession;
let page: Page;
/** An owner gone since, whose recorded login a spreadsheet would run as a formula. */
const formulaLogin = '=HYPERLINK("http://203.0.113.9")';

async function stretch(deployment: number, owner: number, login: string, template: number, ramMb: number, startedAt: string, endedAt: string): Promise<void> {
  await query(
    'INSERT INTO wp_spp_usage_history (deployment_id, owner_id, owner_login, template_id, status, ram_mb, holds_vm, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)',
    [deployment, owner, login, template, 'RUNNING', ramMb, startedAt, endedAt],
  );
}

before(async () => {
  browser = await launchBrowser();
  reporter = await browserUser({ login: 'e2e_rep_manager', rights: ['portal_access', 'manage_all'] });
  outsider = await browserUser({ login: 'e2e_rep_outsider', rights: ['portal_access', 'create'] });
  await query('DELETE FROM wp_spp_usage_history WHERE deployment_id BETWEEN 991001 AND 991009');
  await stretch(991001, reporter.id, reporter.login, templates.linux, 2048, '2001-03-01 00:00:00', '2001-03-01 06:00:00');
  await stretch(991002, outsider.id, outsider.login, templates.windows, 4096, '2001-03-01 12:00:00', '2001-03-02 00:00:00');
  await stretch(991003, 987652, formulaLogin, templates.linux, 1024, '2001-03-02 00:00:00', '2001-03-02 01:00:00');
  session = await openAdmin(browser, reporter, '#/reports');
  page = session.page;
});

after(async () => {
  await query('DELETE FROM wp_spp_usage_history WHERE deployment_id BETWEEN 991001 AND 991009');
  await browser.close();
});

async function choosePeriod(from: string, to: string): Promise<void> {
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
}

/** The table's rows: label and RAM GB-hours (the raw figure the cell carries). */
async function tableRows(): Promise<Array<{ key: string; label: string; ram: number }>> {
  return page.locator('.spp-report-table tbody tr').evaluateAll((rows) => rows.map((row) => ({
    key: row.getAttribute('data-key') ?? '',
    label: row.querySelector('th')?.textContent ?? '',
    ram: Number(row.querySelector('td')?.getAttribute('data-value')),
  })));
}

/** The bar chart's bars: the key and label of each, and its length. */
async function bars(): Promise<Array<{ key: string; label: string; width: number }>> {
  return page.locator('.spp-chart--bars g').evaluateAll((groups) => groups.map((group) => ({
    key: group.getAttribute('data-key') ?? '',
    label: group.querySelector('title')?.textContent ?? '',
    width: Number(group.querySelector('rect')?.getAttribute('width')),
  })));
}

test('per user: one bar per table row, in its order, each as long as its RAM GB-hours against the largest', async () => {
  await choosePeriod('2001-03-01', '2001-03-02');
  // The totals belong to the final period (the From day alone loads a report of its own first).
  await page.getByText('In the period: 61 RAM GB-hours, 19 VM-hours.', { exact: false }).waitFor();
  const rows = await tableRows();
  assert.deepEqual(rows.map((row) => [row.label, row.ram]), [[outsider.login, 48], [reporter.login, 12], [formulaLogin, 1]]);
  const drawn = await bars();
  assert.deepEqual(drawn.map((bar) => [bar.key, bar.label]), rows.map((row) => [row.key, `${row.label}: ${row.ram} GB-hours`]));
  const longest = Math.max(...drawn.map((bar) => bar.width));
  drawn.forEach((bar, index) => assert.ok(Math.abs(bar.width / longest - (rows[index]?.ram ?? 0) / 48) < 0.001, JSON.stringify(bar)));
  await screenshot(page, 'reports');
});

test('the site per hour: the line has a point per bucket, highest where the table is', async () => {
  await page.getByLabel('Group by').selectOption('site');
  await page.locator('.spp-report-table thead th', { hasText: 'Site, per day or hour' }).waitFor();
  const rows = await tableRows();
  assert.equal(rows.length, 48);
  const line = page.locator('.spp-chart--line polyline');
  assert.equal(Number(await line.getAttribute('data-points')), rows.length);
  const ys = ((await line.getAttribute('points')) ?? '').split(' ').map((point) => Number(point.split(',')[1]));
  // Higher RAM is drawn higher (smaller y): the order of the points follows the table's figures.
  const highest = Math.max(...rows.map((row) => row.ram));
  rows.forEach((row, index) => assert.equal(ys[index] === Math.min(...ys), row.ram === highest, `bucket ${row.key}`));
  assert.equal((await bars()).length, 48);
});

test('Export CSV holds the table, the formula-like login made harmless', async () => {
  await page.getByLabel('Group by').selectOption('user');
  // The header names the grouping of the report shown: the site's table stays until the new one comes.
  await page.locator('.spp-report-table thead th', { hasText: 'Per user' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'usage-user-2001-03-01.csv');
  const lines = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  assert.deepEqual(lines, [
    'From,To,User,RAM GB-hours,VM-hours,Deployments',
    `"2001-03-01T00:00:00Z","2001-03-03T00:00:00Z","${outsider.login}","48","12","1"`,
    `"2001-03-01T00:00:00Z","2001-03-03T00:00:00Z","${reporter.login}","12","6","1"`,
    `"2001-03-01T00:00:00Z","2001-03-03T00:00:00Z","'=HYPERLINK(""http://203.0.113.9"")","1","1","1"`,
  ]);
  assert.deepEqual(session.problems, []);
});

test('a reversed period says why; users without manage_all or manage_settings see no Reports section', async () => {
  await choosePeriod('2001-03-02', '2001-03-01');
  await page.locator('.spp-section').getByText('The end of the period must come after its start.').waitFor();
  const other = await openAdmin(browser, outsider);
  assert.equal(await other.page.getByRole('link', { name: 'Reports' }).count(), 0);
  await other.context.close();
});
