import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../tools/wp-stack/paths.ts';
import { fmt } from '../lib/stats.ts';
import { table, type Figure, type Section } from '../lib/report.ts';

function timedCommand(command: string, args: string[], cwd: string): Promise<{ seconds: number; ok: boolean; tail: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.on('exit', (code) => resolve({ seconds: (performance.now() - started) / 1000, ok: code === 0, tail: output }));
  });
}

/** What a fresh clone has: the repository without installed, built or generated files. */
function freshCopy(): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-bench-clone-'));
  const skip = new Set(['node_modules', '.wp-stack', 'build', '.git']);
  fs.cpSync(repoRoot, target, { recursive: true, filter: (source) => !skip.has(path.basename(source)) });
  return target;
}

/**
 * Figure 8. `npm start` on a fresh clone is timed by its parts: `npm start` itself always uses the
 * persistent site "dev" (database spp_wp_dev), which a developer's running stack owns. So: npm ci
 * and npm run build in a fresh copy, plus the throwaway-site launch measured by this run.
 */
export async function setupSection(siteLaunchSeconds: number, withNpmTest: boolean): Promise<Section> {
  const copy = freshCopy();
  const rows: string[][] = [];
  const figures: Figure[] = [];
  try {
    const install = await timedCommand('npm', ['ci', '--no-audit', '--no-fund'], copy);
    const build = install.ok ? await timedCommand('npm', ['run', 'build'], copy) : { seconds: NaN, ok: false, tail: '' };
    rows.push(['npm ci (fresh clone, npm cache warm)', install.ok ? fmt.s(install.seconds) : `failed: ${install.tail.slice(-200)}`]);
    rows.push(['npm run build', build.ok ? fmt.s(build.seconds) : 'failed']);
    rows.push(['WordPress site build and launch (this run)', fmt.s(siteLaunchSeconds)]);
    const cold = install.seconds + build.seconds + siteLaunchSeconds;
    figures.push({ figure: '`npm start` cold (fresh clone): npm ci + build + site launch', value: install.ok && build.ok ? fmt.s(cold) : 'failed', aim: '–', met: null });
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
  if (withNpmTest) {
    const test = await timedCommand('npm', ['test'], repoRoot);
    const counts = /(\d+) passed, (\d+) failed\s*$/.exec(test.tail.trim());
    rows.push(['npm test', `${fmt.s(test.seconds)} (${counts ? `${counts[1]} passed, ${counts[2]} failed` : 'no summary'})`]);
    figures.push({ figure: '`npm test` wall time', value: fmt.s(test.seconds), aim: '–', met: null });
  } else {
    rows.push(['npm test', 'not timed in this run (`npm run bench -- --npm-test`): it would exceed the run\'s time budget']);
  }
  return {
    title: '8. Set-up',
    figures,
    detail: [
      '`npm start` always builds the persistent site "dev" (database spp_wp_dev), which belongs to whoever runs the stack on this machine, so the cold start is timed by its parts in a fresh copy of the repository (no node_modules, no build, no .wp-stack).',
      '',
      ...table(['Step', 'Wall time'], rows),
    ],
  };
}
