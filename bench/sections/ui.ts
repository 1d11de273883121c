import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { pluginDir } from '../../tools/wp-stack/paths.ts';
import type { Bench } from '../lib/context.ts';
import { fmt } from '../lib/stats.ts';
import { table, type Figure, type Section } from '../lib/report.ts';

const buildDir = path.join(pluginDir, 'build');

function bundleRows(): string[][] {
  if (!fs.existsSync(buildDir)) return [];
  const files = fs.readdirSync(buildDir).filter((f) => /\.(js|css)$/.test(f)).sort();
  const entries = new Map<string, { raw: number; gzip: number; files: string[] }>();
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(buildDir, file));
    // An entry is the file name before its first dot; right-to-left CSS is an alternative, not an addition.
    const entry = file.split('.')[0]!.replace(/-rtl$/, '') + (file.includes('-rtl.') ? ' (RTL)' : '');
    const e = entries.get(entry) ?? { raw: 0, gzip: 0, files: [] };
    e.raw += bytes.length;
    e.gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    e.files.push(file);
    entries.set(entry, e);
  }
  return [...entries].map(([entry, e]) => [entry, e.files.join(', '), fmt.kb(e.raw), fmt.kb(e.gzip)]);
}

/** Figure 7: shipped bytes per entry, and how long the deployments dashboard takes to render in Chromium. */
export async function uiSection(b: Bench): Promise<Section> {
  const rows = bundleRows();
  const figures: Figure[] = rows.filter((r) => !r[0]!.includes('RTL')).map((r) => ({ figure: `UI entry "${r[0]}": JS + CSS gzipped`, value: r[3]!, aim: '–', met: null }));
  const detail = rows.length > 0
    ? table(['Entry', 'Files', 'Raw', 'gzip -9'], rows)
    : ['No build/ folder yet: bundle sizes pending (`npm run build`).'];
  if (rows.length === 0) return { title: '7. UI', figures, detail };

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${b.url}/wp-login.php`);
    await page.fill('#user_login', b.uiLogin.login);
    await page.fill('#user_pass', b.uiLogin.password);
    await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
    const rowsSelector = 'table.spp-table tbody tr[data-deployment]';
    const timeToRows = async (action: () => Promise<unknown>, expected: number): Promise<number> => {
      const started = performance.now();
      await action();
      await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length >= (n as number), [rowsSelector, expected], { timeout: 60_000 });
      return performance.now() - started;
    };
    const total = b.sizes.dashboardRows;
    const first = await timeToRows(() => page.goto(`${b.url}/wp-admin/admin.php?page=support-provisioning#/deployments`), Math.min(20, total));
    const perPageSelect = page.getByLabel('Per page');
    const hundred = await timeToRows(() => perPageSelect.selectOption('100'), Math.min(100, total));
    // The largest page the UI offers is 100 rows: the rest of the user's deployments are on further pages.
    figures.push(
      { figure: `Dashboard of a user with ${total} deployments: page load to first 20 rows (Chromium)`, value: fmt.ms(first), aim: '–', met: null },
      { figure: 'Dashboard: switching to 100 rows per page until rendered', value: fmt.ms(hundred), aim: '–', met: null },
    );
    detail.push('', `The dashboard user owns ${total} deployments. The UI pages the list (20 rows by default, 100 at most), so a single 500-row table does not exist: ` +
      'the figures are the full admin page load (WordPress admin, scripts, the REST call) until 20 rows show, and the switch to 100 rows per page until they show.');
  } finally {
    await browser.close();
  }
  return { title: '7. UI', figures, detail };
}
