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
}

/**
 * One site-backed suite against a throwaway site of its own on `core`, so the suites can run side
 * by side; every site a test file launches itself (multisite, uninstall) gets the same core
 * through SPP_WP_CORE. `site` names the site and its database (lower-case letters, digits, `_`).
 * Suites on a core other than Debian's name the WordPress version they ran on.
 */
export async function runSiteSuite(suite: SiteSuite, files: string[], core: CoreSource, site: string, out: Output): Promise<SuiteResult> {
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
      const runSuite = (): Promise<SuiteResult> => nodeTests(name, files, out, env);
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
