import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../wp-stack/paths.ts';
import { freePort } from '../wp-stack/ports.ts';
import { PrerequisiteError } from '../wp-stack/prerequisite-error.ts';
import { prerequisitesOrExit } from '../wp-stack/prerequisites.ts';
import { coreSource, coreSourceVariable, wordPressVersion, type CoreSource } from '../wp-stack/core.ts';
import { launchSite } from '../wp-stack/site.ts';
import { describeSite, testSiteVariable } from '../../tests/support/test-site.ts';
import { fixtureUsers, testSiteConstants, testSiteMuPlugins } from '../../tests/support/fixture-users.ts';
import { latestCore, latestCoreFiles } from './latest-core.ts';
import { spawnMailCatcher } from './mail-catcher.ts';
import { selectTestFiles, testFiles } from './selection.ts';
import { judgeSkips, readAcceptedSkips } from './skips.ts';
import type { SuiteResult } from './suite-result.ts';
import { benchSmoke, esLint, nodeTests, phpCodeSniffer, phpLint, phpUnit, typecheck, withTool } from './suites.ts';

await prerequisitesOrExit('npm test');

/** Node test suites by folder; the site suites run against one throwaway WordPress site. */
const standalone = [
  { dir: 'tests/tooling', name: 'Tooling (prerequisites, runner, dev site)' },
  { dir: 'tests/unit', name: 'Unit (translation files, route table, schema comparison)' },
  { dir: 'tests/sim', name: 'Proxmox simulator' },
];
const siteBacked = [
  { dir: 'tests/api', name: 'REST API (real WordPress)' },
  { dir: 'tests/e2e', name: 'Browser (Chromium)', tool: 'chromium' },
];
const acceptedSkipsFile = path.join(repoRoot, 'tests', 'accepted-skips.json');

// `npm test -- tests/api/x.test.ts …` runs only the named test files (static checks skipped).
const args = process.argv.slice(2);
const selection = args.length > 0 ? selectTestFiles(repoRoot, [...standalone, ...siteBacked].map((s) => s.dir), args) : null;
/** The files a suite runs; `null` when a selection leaves it out entirely. */
const filesOf = (dir: string): string[] | null => (selection ? (selection.byDir.get(dir) ?? null) : testFiles(repoRoot, dir));

const started = Date.now();
const results: SuiteResult[] = selection ? [] : [typecheck(), esLint(), phpLint(), phpCodeSniffer(), phpUnit()];
for (const rejected of selection?.rejected ?? []) {
  console.log(`Selection: ${rejected}`);
  results.push({ name: `Selection: ${rejected}`, passed: 0, failed: 1, skipped: [] });
}
for (const suite of standalone) {
  const files = filesOf(suite.dir);
  if (files) results.push(nodeTests(suite.name, files));
}
if (!selection) results.push(benchSmoke());

// The browser suite drives the built admin app (support-provisioning-portal/build/).
if (filesOf('tests/e2e')) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status === 0;
  results.push({ name: 'UI build (wp-scripts)', passed: built ? 1 : 0, failed: built ? 0 : 1, skipped: [] });
}

/**
 * The REST and browser suites against one throwaway site on `core`; every site a test file
 * launches itself (multisite, uninstall) gets the same core through SPP_WP_CORE.
 */
async function runSiteSuites(core: CoreSource, filesOfSuite: (dir: string) => string[] | null): Promise<SuiteResult[]> {
  // Suites on a core other than Debian's name the WordPress version they ran on.
  const named = core !== 'debian';
  const suites = siteBacked.filter((suite) => filesOfSuite(suite.dir));
  if (suites.length === 0) return [];
  let label = named ? ` on WordPress ${core}` : '';
  const results: SuiteResult[] = [];
  const mail = await spawnMailCatcher(path.join(repoRoot, '.wp-stack', 'mail', `test_${process.pid}`), await freePort());
  try {
    const site = await launchSite({
      name: `test_${process.pid}`,
      port: await freePort(),
      persistent: false,
      users: fixtureUsers,
      appPasswords: true,
      disableWpCron: true,
      extraConstants: { ...testSiteConstants, SPP_TEST_SMTP_PORT: mail.port },
      muPlugins: testSiteMuPlugins,
      core,
    });
    if (named) label = ` on WordPress ${wordPressVersion(site.coreDir)}`;
    try {
      const env = { [testSiteVariable]: describeSite(site, mail.dir), [coreSourceVariable]: core };
      for (const suite of suites) {
        const name = `${suite.name}${label}`;
        const runSuite = (): SuiteResult => nodeTests(name, filesOfSuite(suite.dir) ?? [], env);
        results.push(suite.tool ? withTool(name, suite.tool, runSuite) : runSuite());
      }
    } finally {
      await site.stop();
    }
  } catch (error) {
    console.error(error instanceof PrerequisiteError ? error.message : error);
    results.push({ name: `Throwaway WordPress site${label}`, passed: 0, failed: 1, skipped: [] });
  } finally {
    await mail.stop();
    fs.rmSync(mail.dir, { recursive: true, force: true });
  }
  return results;
}

results.push(...(await runSiteSuites(coreSource(), filesOf)));
// A whole run also runs the files chosen in latest-core.ts against the newest WordPress.
if (!selection && coreSource() !== latestCore) {
  const latest = selectTestFiles(repoRoot, siteBacked.map((suite) => suite.dir), latestCoreFiles);
  for (const rejected of latest.rejected) {
    results.push({ name: `latest-core.ts: ${rejected}`, passed: 0, failed: 1, skipped: [] });
  }
  results.push(...(await runSiteSuites(latestCore, (dir) => latest.byDir.get(dir) ?? null)));
}

const skips = judgeSkips(results, readAcceptedSkips(acceptedSkipsFile));
console.log('\nSuites:');
for (const result of results) {
  const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : '';
  console.log(`  ${result.failed === 0 ? 'ok  ' : 'FAIL'} ${result.name}: ${result.passed} passed, ${result.failed} failed${skipped}`);
}
for (const test of skips.unaccepted) console.log(`  FAIL skipped, not in tests/accepted-skips.json: ${test}`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0) + skips.unaccepted.length;
console.log(`Wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`Skipped or todo: ${skips.accepted.length + skips.unaccepted.length} (${skips.accepted.length} accepted in tests/accepted-skips.json)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
