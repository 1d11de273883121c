import { execFileSync } from 'node:child_process';

export interface SitePaths {
  coreDir: string;
  siteConfig: string;
}

/**
 * Runs a PHP script inside a local site's WordPress; the script gets the core folder as argv[1]
 * and `args` after it.
 */
export function runSitePhp(site: SitePaths, script: string, env: Record<string, string> = {}, args: string[] = []): string {
  return execFileSync('php', ['-d', 'display_errors=stderr', script, site.coreDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, SPP_WP_SITE_CONFIG: site.siteConfig },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}
