import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stackDir } from '../wp-stack/paths.ts';
import { PrerequisiteError } from '../wp-stack/prerequisite-error.ts';

/**
 * WordPress Playground's CLI, pinned, installed with npm's own client into `.wp-stack/playground-cli`
 * once per clone. Not a devDependency: it and its PHP builds are 583 MB that only the Live Preview
 * check needs (docs/decisions/wordpress-versions.md).
 */
export const playgroundCliVersion = '3.1.56';
const cliDir = path.join(stackDir, 'playground-cli');
const cliPackage = path.join(cliDir, 'node_modules', '@wp-playground', 'cli');

function installedVersion(): string | null {
  const manifest = path.join(cliPackage, 'package.json');
  return fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version : null;
}

/** The CLI's entry script, to run with `node`. */
export function ensurePlaygroundCli(): string {
  if (installedVersion() !== playgroundCliVersion) {
    fs.mkdirSync(cliDir, { recursive: true });
    console.log(`Installing WordPress Playground's CLI (npm install @wp-playground/cli@${playgroundCliVersion}, about 580 MB)`);
    const result = spawnSync('npm', ['install', '--prefix', cliDir, '--no-audit', '--no-fund', '--loglevel=error', `@wp-playground/cli@${playgroundCliVersion}`], { encoding: 'utf8' });
    if (result.status !== 0 || installedVersion() !== playgroundCliVersion) {
      throw new PrerequisiteError(`Installing @wp-playground/cli@${playgroundCliVersion} failed:\n${`${result.stdout ?? ''}${result.stderr ?? ''}`.trim()}`);
    }
  }
  return path.join(cliPackage, 'wp-playground.js');
}
