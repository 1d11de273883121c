import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../../tools/wp-stack/paths.ts';

// The prerequisite step of `npm test` and `npm start`, run for real with a PATH that lacks a tool
// and lacks apt-get (or as a user who is not root), so it cannot install and must say what to run.

const farms: string[] = [];
after(() => farms.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A PATH of one folder linking every command of the current PATH except `without`. */
function pathWithout(without: readonly string[]): string {
  const farm = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-path-'));
  fs.chmodSync(farm, 0o755);
  farms.push(farm);
  for (const dir of (process.env.PATH ?? '').split(':').filter((entry) => fs.existsSync(entry))) {
    for (const name of fs.readdirSync(dir)) {
      const link = path.join(farm, name);
      if (!without.includes(name) && !fs.existsSync(link)) fs.symlinkSync(path.join(dir, name), link);
    }
  }
  return farm;
}

interface Outcome {
  status: number | null;
  output: string;
}

/** Runs an entry point (the runner or the dev server) as `npm test` / `npm start` would after npm ci. */
function runEntry(entry: string, PATH: string, uid?: number): Outcome {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, PATH },
    encoding: 'utf8',
    timeout: 120_000,
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function assertStoppedFirst(outcome: Outcome, command: string, packages: readonly string[], why: string): void {
  assert.equal(outcome.status, 1, outcome.output);
  assert.match(outcome.output, new RegExp(`${command} cannot run yet\\. Missing Debian packages: `));
  assert.ok(outcome.output.includes(why), outcome.output);
  const install = /apt-get update && apt-get install -y --no-install-recommends ([a-z0-9. -]+)/.exec(outcome.output);
  assert.ok(install?.[1], `names the exact install command: ${outcome.output}`);
  const named = install[1].trim().split(' ');
  for (const pkg of packages) assert.ok(named.includes(pkg), `${pkg} in "${install[0]}"`);
  assert.doesNotMatch(outcome.output, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(outcome.output, /TypeScript type-check|php -l|Suites:|wp-scripts|webpack/, 'nothing ran before the prerequisites');
}

const runner = 'tools/test/run.ts';
const devServer = 'tools/wp-stack/start.ts';

describe('prerequisites come first (tools/wp-stack/prerequisites.ts)', () => {
  it('npm test without php and without apt-get: one message with the install command, exit 1, no suite run', () => {
    const outcome = runEntry(runner, pathWithout(['php', 'apt-get']));
    assertStoppedFirst(outcome, 'npm test', ['php-cli', 'php-mysql', 'php-intl'], 'apt-get is not available here.');
  });

  it('npm test without chromium and without apt-get: names chromium', () => {
    const outcome = runEntry(runner, pathWithout(['chromium', 'apt-get']));
    assertStoppedFirst(outcome, 'npm test', ['chromium'], 'apt-get is not available here.');
  });

  it('npm start without php: stops before building the UI', () => {
    const outcome = runEntry(devServer, pathWithout(['php', 'apt-get']));
    assertStoppedFirst(outcome, 'npm start', ['php-cli'], 'apt-get is not available here.');
  });

  it('npm test as a user who is not root, with apt-get present: asks for root instead of installing', () => {
    const nobody = 65534;
    const outcome = runEntry(runner, pathWithout(['php']), process.getuid?.() === 0 ? nobody : undefined);
    assertStoppedFirst(outcome, 'npm test', ['php-cli'], 'Installing them needs root.');
  });
});
