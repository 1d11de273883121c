import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pluginDir, repoRoot } from '../wp-stack/paths.ts';

/** Where the translations live and are generated: the plugin's Domain Path. */
export const languagesDir = path.join(pluginDir, 'languages');

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(dir, file))
    .filter(keep)
    .sort();
}

/** The plugin's own PHP: everything in its folder except the built UI. */
export function phpSources(): string[] {
  const build = path.join(pluginDir, 'build') + path.sep;
  return filesUnder(pluginDir, (file) => file.endsWith('.php') && !file.startsWith(build));
}

export function tsSources(): string[] {
  return filesUnder(path.join(repoRoot, 'ui'), (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

/** The UI's entry points as webpack.config.cjs names them: build/{name}.js is made from each. */
export function scriptEntries(): Record<string, string> {
  const config = createRequire(import.meta.url)(path.join(repoRoot, 'webpack.config.cjs')) as { entry: Record<string, string> };
  return config.entry;
}

/** Version: from the main plugin file's header. */
export function pluginVersion(): string {
  const header = fs.readFileSync(path.join(pluginDir, 'support-provisioning-portal.php'), 'utf8');
  const version = /^\s*\*\s*Version:\s*(\S+)/m.exec(header)?.[1];
  if (!version) throw new Error('No Version: header in support-provisioning-portal.php');
  return version;
}
