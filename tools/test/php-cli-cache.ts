import fs from 'node:fs';
import path from 'node:path';
import { stackDir } from '../wp-stack/paths.ts';

/**
 * OPcache for the PHP command line of a test run, through a file cache shared by its processes
 * (docs/decisions/test-runner.md). The tests start WordPress in a PHP process of its own hundreds
 * of times (users, options, cron ticks, Proxmox calls); each would otherwise compile WordPress
 * and the plugin anew. An ini file in a folder added to PHP_INI_SCAN_DIR (a leading `:` keeps
 * Debian's own folder) reaches every PHP the run starts. Scripts are still checked against their
 * files' times, so a changed file is compiled again; the web servers keep their shared memory
 * cache and merely gain this one behind it.
 */
export function phpCliCacheEnv(env: NodeJS.ProcessEnv = process.env, dir: string = path.join(stackDir, 'php-cli')): { PHP_INI_SCAN_DIR: string } {
  const cache = path.join(dir, 'opcache');
  fs.mkdirSync(cache, { recursive: true });
  fs.writeFileSync(path.join(dir, 'opcache.ini'), `opcache.enable_cli=1\nopcache.file_cache=${cache}\n`);
  return { PHP_INI_SCAN_DIR: `${env.PHP_INI_SCAN_DIR ?? ''}:${dir}` };
}
