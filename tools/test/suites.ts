import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../wp-stack/paths.ts';
import { hasCommand } from '../wp-stack/system.ts';
import type { Output } from './jobs.ts';
import { countJunit, countTap, type SuiteResult } from './suite-result.ts';

/**
 * Runs a command with its output going to `out`; resolves with its exit status (1 when it could not
 * start or was killed). With a limit it is killed after that long and says so: a hung test file (one
 * that never ended a child process of its own, say) then fails its suite instead of holding the whole
 * run until CI's time is up.
 */
export function run(out: Output, command: string, args: string[], env: NodeJS.ProcessEnv = {}, limit?: { ms: number; what: string }): Promise<number> {
  // Set when the runner itself runs under `node --test`: it would make each suite report to that
  // parent instead of writing its own TAP file.
  const { NODE_TEST_CONTEXT: _parent, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...inherited, ...env } });
    child.stdout.setEncoding('utf8').on('data', (text: string) => out.write(text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => out.write(text));
    const timer = limit && setTimeout(() => {
      out.write(`${limit.what}: still running after ${limit.ms / 60_000} min, so it was stopped and counts as failed.\n`);
      child.kill('SIGKILL');
    }, limit.ms);
    child.once('error', (error) => {
      out.write(`${command}: ${error.message}\n`);
      resolve(1);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve(status ?? 1);
    });
  });
}

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spp-test-')), name);
}

/** A suite whose tool is missing fails as one, with one line saying which tool. */
export async function withTool(name: string, tool: string, out: Output, suite: () => Promise<SuiteResult>): Promise<SuiteResult> {
  if (hasCommand(tool)) return suite();
  out.write(`${name}: ${tool} is not installed, so this suite cannot run and counts as failed.\n`);
  return { name, passed: 0, failed: 1, skipped: [] };
}

/** A whole-repo check that passes or fails as one. */
async function check(name: string, out: Output, command: string, args: string[]): Promise<SuiteResult> {
  const ok = (await run(out, command, args)) === 0;
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: [] };
}

export const typecheck = (out: Output): Promise<SuiteResult> => check('TypeScript type-check', out, 'npx', ['tsc', '--noEmit']);
/** PSR-12 with the repo's ruleset, phpcs.xml.dist. */
export const phpCodeSniffer = (out: Output): Promise<SuiteResult> => withTool('PHP_CodeSniffer', 'phpcs', out, () => check('PHP_CodeSniffer', out, 'phpcs', []));
/** typescript-eslint strict, eslint.config.js. */
export const esLint = (out: Output): Promise<SuiteResult> => check('ESLint', out, 'npx', ['eslint', '.']);
/** The admin and portal UI (support-provisioning-portal/build/), which the browser suites drive. */
export const uiBuild = (out: Output): Promise<SuiteResult> => check('UI build (wp-scripts)', out, 'npm', ['run', 'build']);

function phpFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.php'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

export const phpLint = (out: Output): Promise<SuiteResult> => withTool('php -l', 'php', out, () => lintPhpFiles(out));

async function lintPhpFiles(out: Output): Promise<SuiteResult> {
  const files = ['support-provisioning-portal', 'tools', 'tests', 'bench']
    .map((dir) => path.join(repoRoot, dir))
    .filter((dir) => fs.existsSync(dir))
    .flatMap(phpFiles);
  // `php -l` prints "No syntax errors detected" for every good file: only a failure's words are kept.
  let failed = 0;
  for (const file of files) {
    const said: string[] = [];
    if ((await run({ write: (text) => said.push(text) }, 'php', ['-l', file])) === 0) continue;
    failed++;
    out.write(said.join(''));
  }
  return { name: `php -l (${files.length} files)`, passed: files.length - failed, failed, skipped: [] };
}

export const phpUnit = (out: Output): Promise<SuiteResult> => withTool('PHPUnit', 'phpunit', out, () => runPhpUnit(out));

async function runPhpUnit(out: Output): Promise<SuiteResult> {
  const junit = tempFile('phpunit.xml');
  const status = await run(out, 'phpunit', ['-c', 'phpunit.xml.dist', '--log-junit', junit]);
  const counts = fs.existsSync(junit) ? countJunit(fs.readFileSync(junit, 'utf8')) : { passed: 0, failed: 1, skipped: [] };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name: 'PHPUnit', ...counts };
}

/**
 * How long one run of node's test runner may take. The longest file takes about 2 minutes alone
 * and the longest suite in one run (tooling, simulator) under 1: far above both, far below CI's
 * 90 minutes even when a file hangs.
 */
const fileLimitMs = 15 * 60_000;

/**
 * Node's test runner over TypeScript files, one file at a time (they share one site). A suite
 * given no file fails: a missing or empty folder must not read as green; so does one whose
 * process ends badly (crashed, killed) without a failure in its report.
 */
export async function nodeTests(name: string, files: string[], out: Output, env: NodeJS.ProcessEnv = {}): Promise<SuiteResult> {
  if (files.length === 0) {
    out.write(`${name}: no test files, so this suite counts as failed.\n`);
    return { name, passed: 0, failed: 1, skipped: [] };
  }
  const tap = tempFile('results.tap');
  const status = await run(
    out,
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
    { ms: fileLimitMs, what: files.map((file) => path.relative(repoRoot, file)).join(', ') },
  );
  const counts = fs.existsSync(tap) ? countTap(fs.readFileSync(tap, 'utf8')) : { passed: 0, failed: 1, skipped: [] };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name, ...counts };
}

/** The benchmark harness at tiny sizes (its own throwaway site), so it cannot rot; no figure is judged. */
export function benchSmoke(out: Output): Promise<SuiteResult> {
  return check('Benchmark harness (smoke)', out, 'npx', ['tsx', 'bench/run.ts', '--smoke']);
}
