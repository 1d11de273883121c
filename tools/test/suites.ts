import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../wp-stack/paths.ts';
import { hasCommand } from '../wp-stack/system.ts';
import { countJunit, countTap, type SuiteResult } from './suite-result.ts';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  // Set when the runner itself runs under `node --test`: it would make each suite report to that
  // parent instead of writing its own TAP file.
  const { NODE_TEST_CONTEXT: _parent, ...inherited } = process.env;
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...inherited, ...env } });
  return result.status ?? 1;
}

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spp-test-')), name);
}

/** A suite whose tool is missing fails as one, with one line saying which tool. */
export function withTool(name: string, tool: string, suite: () => SuiteResult): SuiteResult {
  if (hasCommand(tool)) return suite();
  console.log(`${name}: ${tool} is not installed, so this suite cannot run and counts as failed.`);
  return { name, passed: 0, failed: 1, skipped: [] };
}

/** A whole-repo check that passes or fails as one. */
function check(name: string, command: string, args: string[]): SuiteResult {
  const ok = run(command, args) === 0;
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: [] };
}

export const typecheck = (): SuiteResult => check('TypeScript type-check', 'npx', ['tsc', '--noEmit']);
/** PSR-12 with the repo's ruleset, phpcs.xml.dist. */
export const phpCodeSniffer = (): SuiteResult => withTool('PHP_CodeSniffer', 'phpcs', () => check('PHP_CodeSniffer', 'phpcs', []));
/** typescript-eslint strict, eslint.config.js. */
export const esLint = (): SuiteResult => check('ESLint', 'npx', ['eslint', '.']);

function phpFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.php'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

export const phpLint = (): SuiteResult => withTool('php -l', 'php', lintPhpFiles);

function lintPhpFiles(): SuiteResult {
  const files = ['support-provisioning-portal', 'tools', 'tests', 'bench']
    .map((dir) => path.join(repoRoot, dir))
    .filter((dir) => fs.existsSync(dir))
    .flatMap(phpFiles);
  let failed = 0;
  for (const file of files) {
    const result = spawnSync('php', ['-l', file], { encoding: 'utf8' });
    if (result.status !== 0) {
      failed++;
      process.stdout.write(result.stdout + result.stderr);
    }
  }
  return { name: `php -l (${files.length} files)`, passed: files.length - failed, failed, skipped: [] };
}

export const phpUnit = (): SuiteResult => withTool('PHPUnit', 'phpunit', runPhpUnit);

function runPhpUnit(): SuiteResult {
  const junit = tempFile('phpunit.xml');
  const status = run('phpunit', ['-c', 'phpunit.xml.dist', '--log-junit', junit]);
  const counts = fs.existsSync(junit) ? countJunit(fs.readFileSync(junit, 'utf8')) : { passed: 0, failed: 1, skipped: [] };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name: 'PHPUnit', ...counts };
}

/**
 * Node's test runner over TypeScript files, one file at a time (they share one site). A suite
 * given no file fails: a missing or empty folder must not read as green.
 */
export function nodeTests(name: string, files: string[], env: NodeJS.ProcessEnv = {}): SuiteResult {
  if (files.length === 0) {
    console.log(`${name}: no test files, so this suite counts as failed.`);
    return { name, passed: 0, failed: 1, skipped: [] };
  }
  const tap = tempFile('results.tap');
  const status = run(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const counts = fs.existsSync(tap) ? countTap(fs.readFileSync(tap, 'utf8')) : { passed: 0, failed: 1, skipped: [] };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name, ...counts };
}

/** The benchmark harness at tiny sizes (its own throwaway site), so it cannot rot; no figure is judged. */
export function benchSmoke(): SuiteResult {
  return check('Benchmark harness (smoke)', 'npx', ['tsx', 'bench/run.ts', '--smoke']);
}
