import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../wp-stack/paths.ts';
import { countJunit, countTap, type SuiteResult } from './suite-result.ts';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spp-test-')), name);
}

export function typecheck(): SuiteResult {
  const ok = run('npx', ['tsc', '--noEmit']) === 0;
  return { name: 'TypeScript type-check', passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

function phpFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.php'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

export function phpLint(): SuiteResult {
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
  return { name: `php -l (${files.length} files)`, passed: files.length - failed, failed };
}

export function phpUnit(): SuiteResult {
  const junit = tempFile('phpunit.xml');
  const status = run('phpunit', ['-c', 'phpunit.xml.dist', '--log-junit', junit]);
  const counts = fs.existsSync(junit) ? countJunit(fs.readFileSync(junit, 'utf8')) : { passed: 0, failed: 1 };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name: 'PHPUnit', ...counts };
}

/** Node's test runner over TypeScript files, one file at a time (they share one site). */
export function nodeTests(name: string, files: string[], env: NodeJS.ProcessEnv = {}): SuiteResult {
  if (files.length === 0) return { name, passed: 0, failed: 0 };
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
  const counts = fs.existsSync(tap) ? countTap(fs.readFileSync(tap, 'utf8')) : { passed: 0, failed: 1 };
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name, ...counts };
}

export function testFiles(dir: string): string[] {
  const absolute = path.join(repoRoot, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs.readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => path.join(dir, file));
}
