import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../wp-stack/paths.ts';
import { freePort } from '../wp-stack/ports.ts';
import { PrerequisiteError } from '../wp-stack/prerequisite-error.ts';
import { coreSourceVariable, wordPressVersion, type CoreSource } from '../wp-stack/core.ts';
import { launchSite } from '../wp-stack/site.ts';
import { describeSite, testSiteVariable } from '../../tests/support/test-site.ts';
import { fixtureUsers, testSiteConstants, testSiteMuPlugins } from '../../tests/support/fixture-users.ts';
import type { Output } from './jobs.ts';
import { spawnMailCatcher } from './mail-catcher.ts';
import type { SuiteResult } from './suite-result.ts';
import { nodeTests, withTool } from './suites.ts';

/** A suite that runs against a throwaway WordPress site (the REST and browser suites). */
export interface SiteSuite {
  dir: string;
  name: string;
  /** A command the suite needs besides PHP (the browser suite: chromium). */
  tool?: string;
  /** How many sites a whole run spreads the suite over, side by side (default 1). */
  parts?: number;
}

/**
 * The files of one part of a suite split over sites: its own first files, then files taken one at
 * a time from `queue` (shared with the other parts) while any are left, then its `last` files.
 */
export interface PartFiles {
  first: string[];
  queue: string[];
  last: string[];
}

/**
 * One site-backed suite against a throwaway site of its own on `core`, so the suites can run side
 * by side; every site a test file launches itself (multisite, uninstall) gets the same core
 * through SPP_WP_CORE. `site` names the site and its database (lower-case letters, digits, `_`).
 * Suites on a core other than Debian's name the WordPress version they ran on.
 */
export async function runSiteSuite(suite: SiteSuite, files: string[] | PartFiles, core: CoreSource, site: string, out: Output): Promise<SuiteResult> {
  const named = core !== 'debian';
  let name = named ? `${suite.name} on WordPress ${core}` : suite.name;
  const mail = await spawnMailCatcher(path.join(repoRoot, '.wp-stack', 'mail', site), await freePort());
  try {
    const running = await launchSite({
      name: site,
      port: await freePort(),
      persistent: false,
      users: fixtureUsers,
      appPasswords: true,
      disableWpCron: true,
      extraConstants: { ...testSiteConstants, SPP_TEST_SMTP_PORT: mail.port },
      muPlugins: testSiteMuPlugins,
      core,
    });
    if (named) name = `${suite.name} on WordPress ${wordPressVersion(running.coreDir)}`;
    try {
      const env = { [testSiteVariable]: describeSite(running, mail.dir), [coreSourceVariable]: core };
      const runSuite = (): Promise<SuiteResult> => (Array.isArray(files) ? nodeTests(name, files, out, env) : runPart(name, files, (part) => nodeTests(name, part, out, env)));
      return await (suite.tool ? withTool(name, suite.tool, out, runSuite) : runSuite());
    } finally {
      await running.stop();
    }
  } catch (error) {
    out.write(`${error instanceof PrerequisiteError ? error.message : String(error instanceof Error ? error.stack : error)}\n`);
    return { name: `Throwaway WordPress site for ${name}`, passed: 0, failed: 1, skipped: [] };
  } finally {
    await mail.stop();
    fs.rmSync(mail.dir, { recursive: true, force: true });
  }
}

/** A part's files, one test process each, as long as the shared queue has any; their counts add up. */
async function runPart(name: string, files: PartFiles, run: (files: string[]) => Promise<SuiteResult>): Promise<SuiteResult> {
  const results: SuiteResult[] = [];
  if (files.first.length > 0) results.push(await run(files.first));
  for (let next = files.queue.shift(); next !== undefined; next = files.queue.shift()) results.push(await run([next]));
  if (files.last.length > 0) results.push(await run(files.last));
  return {
    name,
    passed: results.reduce((sum, r) => sum + r.passed, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    skipped: results.flatMap((r) => r.skipped),
  };
}
