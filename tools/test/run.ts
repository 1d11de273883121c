import { spawnSync } from 'node:child_process';
import { freePort } from '../wp-stack/ports.ts';
import { PrerequisiteError } from '../wp-stack/prerequisite-error.ts';
import { prerequisitesOrExit } from '../wp-stack/prerequisites.ts';
import { launchSite } from '../wp-stack/site.ts';
import { describeSite, testSiteVariable } from '../../tests/support/test-site.ts';
import { fixtureUsers, testSiteConstants } from '../../tests/support/fixture-users.ts';
import type { SuiteResult } from './suite-result.ts';
import { benchSmoke, esLint, nodeTests, phpCodeSniffer, phpLint, phpUnit, testFiles, typecheck, withTool } from './suites.ts';

await prerequisitesOrExit('npm test');

// `npm test -- tests/api/x.test.ts …` runs only the named site-backed test files.
const only = process.argv.slice(2);
const selected = (dir: string): string[] =>
  only.length === 0 ? testFiles(dir) : only.filter((file) => file.startsWith(`${dir}/`));

const started = Date.now();
const results: SuiteResult[] = only.length > 0 ? [] : [
  typecheck(),
  esLint(),
  phpLint(),
  phpCodeSniffer(),
  phpUnit(),
  nodeTests('Unit (TypeScript)', testFiles('tests/unit')),
  nodeTests('Tooling (prerequisites, runner, dev site)', testFiles('tests/tooling')),
  nodeTests('Proxmox simulator', testFiles('tests/sim')),
  benchSmoke(),
];

// The browser suite drives the built admin app (support-provisioning-portal/build/).
if (selected('tests/e2e').length > 0) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status === 0;
  results.push({ name: 'UI build (wp-scripts)', passed: built ? 1 : 0, failed: built ? 0 : 1 });
}

try {
  const site = await launchSite({
    name: `test_${process.pid}`,
    port: await freePort(),
    persistent: false,
    users: fixtureUsers,
    appPasswords: true,
    disableWpCron: true,
    extraConstants: testSiteConstants,
  });
  try {
    const env = { [testSiteVariable]: describeSite(site) };
    results.push(nodeTests('REST API (real WordPress)', selected('tests/api'), env));
    const browserFiles = selected('tests/e2e');
    if (browserFiles.length > 0) {
      results.push(withTool('Browser (Chromium)', 'chromium', () => nodeTests('Browser (Chromium)', browserFiles, env)));
    }
  } finally {
    await site.stop();
  }
} catch (error) {
  console.error(error instanceof PrerequisiteError ? error.message : error);
  results.push({ name: 'Throwaway WordPress site', passed: 0, failed: 1 });
}

console.log('\nSuites:');
for (const result of results) {
  console.log(`  ${result.failed === 0 ? 'ok  ' : 'FAIL'} ${result.name}: ${result.passed} passed, ${result.failed} failed`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`Wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
