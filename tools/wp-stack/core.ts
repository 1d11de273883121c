import fs from 'node:fs';
import path from 'node:path';
import { debianWordPress } from './debian-wordpress.ts';
import { phpScriptsDir, stackDir } from './paths.ts';
import { ensureWordPressBuild, wordPressBuilds, type WordPressBranch } from './wordpress-builds.ts';

/**
 * Where a site's WordPress core comes from: `debian` (Debian's package, 6.1, the default) or a
 * newer branch from @wp-playground/wordpress-builds (wordpress-builds.ts). Chosen with
 * SPP_WP_CORE, so the test sites a test file launches itself use the same core as the runner's.
 */
export type CoreSource = 'debian' | WordPressBranch;
export const coreSourceVariable = 'SPP_WP_CORE';
export const coreSources: readonly CoreSource[] = ['debian', ...(Object.keys(wordPressBuilds) as WordPressBranch[])];

export function coreSource(env: NodeJS.ProcessEnv = process.env): CoreSource {
  const value = env[coreSourceVariable] ?? 'debian';
  const known = coreSources.find((source) => source === value);
  if (!known) throw new Error(`${coreSourceVariable}=${value}: use one of ${coreSources.join(', ')}`);
  return known;
}

function coreTree(source: CoreSource): string {
  return source === 'debian' ? debianWordPress : ensureWordPressBuild(source);
}

export function wordPressVersion(tree: string = debianWordPress): string {
  const source = fs.readFileSync(path.join(tree, 'wp-includes', 'version.php'), 'utf8');
  const match = /\$wp_version\s*=\s*'([^']+)'/.exec(source);
  if (!match?.[1]) throw new Error(`Cannot read the WordPress version in ${tree}`);
  return match[1];
}

/**
 * A private copy of the chosen WordPress core, shared by every local site. Its wp-config.php only
 * dispatches to the site configuration named by SPP_WP_SITE_CONFIG, so one copy serves many sites.
 * Copied (not linked) because WordPress derives ABSPATH from the real path of its files.
 */
export function ensureCore(source: CoreSource = coreSource()): string {
  const tree = coreTree(source);
  const coreDir = path.join(stackDir, `core-${wordPressVersion(tree)}`);
  const marker = path.join(coreDir, '.complete');
  if (fs.existsSync(marker)) return coreDir;
  fs.rmSync(coreDir, { recursive: true, force: true });
  fs.mkdirSync(coreDir, { recursive: true });
  for (const entry of fs.readdirSync(tree)) {
    // .htaccess links to Apache's configuration in /etc; PHP's built-in server has router.php.
    if (['wp-config.php', 'wp-content', '.htaccess', '.complete'].includes(entry)) continue;
    fs.cpSync(path.join(tree, entry), path.join(coreDir, entry), { recursive: true, dereference: true });
  }
  fs.copyFileSync(path.join(phpScriptsDir, 'wp-config-dispatch.php'), path.join(coreDir, 'wp-config.php'));
  fs.writeFileSync(marker, new Date().toISOString());
  return coreDir;
}
