import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../wp-stack/paths.ts';
import { prerequisitesOrExit } from '../wp-stack/prerequisites.ts';
import { coreSource, type CoreSource } from '../wp-stack/core.ts';
import { runJobs, type Job, type Output } from './jobs.ts';
import { latestCore, latestCoreFiles } from './latest-core.ts';
import { phpCliCacheEnv } from './php-cli-cache.ts';
import { selectTestFiles, splitPlan, testFiles } from './selection.ts';
import { runSiteSuite, type PartFiles, type SiteSuite } from './site-suite.ts';
import { readAcceptedSkips } from './skips.ts';
import { closingSummary } from './summary.ts';
import { mergeByName, type SuiteResult } from './suite-result.ts';
import { benchSmoke, esLint, nodeTests, phpCodeSniffer, phpLint, phpUnit, typecheck, uiBuild } from './suites.ts';

await prerequisitesOrExit('npm test');
Object.assign(process.env, phpCliCacheEnv());

/** Node test suites by folder; each site-backed suite runs against a throwaway WordPress site of its own. */
const standalone = [
  { dir: 'tests/tooling', name: 'Tooling (prerequisites, runner, dev site)' },
  { dir: 'tests/unit', name: 'Unit (translation files, route table, schema comparison)' },
  { dir: 'tests/sim', name: 'Proxmox simulator' },
];
const siteBacked: SiteSuite[] = [
  // The two longest suites, each spread over two sites (docs/decisions/test-runner.md).
  { dir: 'tests/api', name: 'REST API (real WordPress)', parts: 2 },
  { dir: 'tests/e2e', name: 'Browser (Chromium)', tool: 'chromium', parts: 2 },
];
const acceptedSkipsFile = path.join(repoRoot, 'tests', 'accepted-skips.json');
const buildJob = 'UI build (wp-scripts)';

// `npm test -- tests/api/x.test.ts …` runs only the named test files (static checks skipped).
const args = process.argv.slice(2);
const selection = args.length > 0 ? selectTestFiles(repoRoot, [...standalone, ...siteBacked].map((s) => s.dir), args) : null;
/** The files a suite runs; `null` when a selection leaves it out entirely. */
const filesOf = (dir: string): string[] | null => (selection ? (selection.byDir.get(dir) ?? null) : testFiles(repoRoot, dir));

const started = Date.now();
const results: SuiteResult[] = [];
for (const rejected of selection?.rejected ?? []) {
  console.log(`Selection: ${rejected}`);
  results.push({ name: `Selection: ${rejected}`, passed: 0, failed: 1, skipped: [] });
}

/** A job of one suite. */
const job = (name: string, run: (out: Output) => Promise<SuiteResult>, after?: string[]): Job => ({
  name,
  ...(after ? { after } : {}),
  run: async (out) => [await run(out)],
});

/**
 * The site-backed suites on `core`, each part on a site of its own; the browser suites after the
 * UI build. A whole run spreads a suite over `parts` sites; their results add up under its name.
 */
function siteJobs(core: CoreSource, filesOfSuite: (dir: string) => string[] | null): Job[] {
  return siteBacked.flatMap((suite, index) => {
    const files = filesOfSuite(suite.dir);
    if (!files) return [];
    const plan = splitPlan(files, selection ? 1 : (suite.parts ?? 1));
    const parts: (string[] | PartFiles)[] = plan.first.length > 1 ? plan.first.map((first) => ({ first, queue: plan.queue, last: plan.last })) : [files];
    return parts.map((part, n) => {
      const site = `test_${process.pid}_${core.replace(/\W/g, '')}_${index}_${n}`;
      const name = `${suite.name} (${core}${parts.length > 1 ? `, part ${n + 1} of ${parts.length}` : ''})`;
      return job(name, (out) => runSiteSuite(suite, part, core, site, out), suite.tool === 'chromium' ? [buildJob] : undefined);
    });
  });
}

// The longest suites (site-backed) start first; the rest fill the time they spend waiting.
const siteSuites = siteJobs(coreSource(), filesOf);
const latestSuites: Job[] = [];
// A whole run also runs the files chosen in latest-core.ts against the newest WordPress.
if (!selection && coreSource() !== latestCore) {
  const latest = selectTestFiles(repoRoot, siteBacked.map((suite) => suite.dir), latestCoreFiles);
  for (const rejected of latest.rejected) {
    results.push({ name: `latest-core.ts: ${rejected}`, passed: 0, failed: 1, skipped: [] });
  }
  latestSuites.push(...siteJobs(latestCore, (dir) => latest.byDir.get(dir) ?? null));
}
const build = filesOf('tests/e2e') ? [job(buildJob, uiBuild)] : [];
const checks = selection ? [] : [job('TypeScript type-check', typecheck), job('ESLint', esLint), job('php -l', phpLint), job('PHP_CodeSniffer', phpCodeSniffer), job('PHPUnit', phpUnit)];
const standaloneSuites = standalone.flatMap((suite) => {
  const files = filesOf(suite.dir);
  return files ? [job(suite.name, (out) => nodeTests(suite.name, files, out))] : [];
});
const bench = selection ? [] : [job('Benchmark harness (smoke)', benchSmoke)];

// SPP_TEST_JOBS=1 runs one suite at a time; by default one more than the cores, since the site suites wait on PHP and MariaDB.
const concurrency = Number(process.env.SPP_TEST_JOBS) || os.availableParallelism() + 1;
// The browser suite waits for the UI build, so the REST parts and the build start first.
const ran = await runJobs([...siteSuites, ...build, ...latestSuites, ...checks, ...standaloneSuites, ...bench], concurrency);
// The closing list in the order the suites have always been listed: checks, standalone, build, sites.
const listed = [...checks, ...standaloneSuites, ...bench, ...build, ...siteSuites, ...latestSuites].map((j) => j.name);
results.push(...mergeByName(listed.flatMap((name) => ran.get(name) ?? [])));

const summary = closingSummary(results, readAcceptedSkips(acceptedSkipsFile), (Date.now() - started) / 1000);
console.log(summary.lines.join('\n'));
process.exitCode = summary.failed > 0 ? 1 : 0;
