import fs from 'node:fs';
import path from 'node:path';
import { debianWordPress } from './debian-wordpress.ts';
import { phpScriptsDir, stackDir } from './paths.ts';

export function wordPressVersion(): string {
  const source = fs.readFileSync(path.join(debianWordPress, 'wp-includes', 'version.php'), 'utf8');
  const match = /\$wp_version = '([^']+)'/.exec(source);
  if (!match?.[1]) throw new Error('Cannot read the WordPress version from Debian\'s wordpress package');
  return match[1];
}

/**
 * A private copy of Debian's WordPress core, shared by every local site. Its wp-config.php only
 * dispatches to the site configuration named by SPP_WP_SITE_CONFIG, so one copy serves many sites.
 * Copied (not linked) because WordPress derives ABSPATH from the real path of its files.
 */
export function ensureCore(): string {
  const coreDir = path.join(stackDir, `core-${wordPressVersion()}`);
  const marker = path.join(coreDir, '.complete');
  if (fs.existsSync(marker)) return coreDir;
  fs.rmSync(coreDir, { recursive: true, force: true });
  fs.mkdirSync(coreDir, { recursive: true });
  for (const entry of fs.readdirSync(debianWordPress)) {
    // .htaccess links to Apache's configuration in /etc; PHP's built-in server has router.php.
    if (entry === 'wp-config.php' || entry === 'wp-content' || entry === '.htaccess') continue;
    fs.cpSync(path.join(debianWordPress, entry), path.join(coreDir, entry), { recursive: true, dereference: true });
  }
  fs.copyFileSync(path.join(phpScriptsDir, 'wp-config-dispatch.php'), path.join(coreDir, 'wp-config.php'));
  fs.writeFileSync(marker, new Date().toISOString());
  return coreDir;
}
