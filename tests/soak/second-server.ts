import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { startPhpServer, type PhpServer } from '../../tools/wp-stack/server.ts';
import { testSite } from '../support/test-site.ts';

const runScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'support', 'php', 'run.php');
const run = promisify(execFile);

/**
 * A second web server (its own PHP process and workers) on the test site's files and database,
 * as a second node behind a load balancer would be. WordPress redirects its front-end pages to
 * WP_HOME, but REST requests with an application password are answered on any host.
 */
export async function startSecondServer(): Promise<{ url: string; server: PhpServer }> {
  const site = testSite();
  const dir = path.dirname(site.siteConfig);
  const port = await freePort();
  const server = await startPhpServer({
    port,
    docroot: path.join(dir, 'public'),
    siteConfig: site.siteConfig,
    workers: 4,
    logFile: path.join(dir, 'server-2.log'),
    errorLog: site.phpErrorLog,
  });
  return { url: `http://127.0.0.1:${port}`, server };
}

/** The plugin's cron tick in its own PHP process, without blocking (a system cron on one node). */
export async function cronTickAsync(): Promise<{ expired: number; advanced: number }> {
  const site = testSite();
  const { stdout } = await run('php', ['-d', 'display_errors=stderr', runScript, site.coreDir, 'tick'], {
    env: { ...process.env, SPP_WP_SITE_CONFIG: site.siteConfig },
  });
  return JSON.parse(stdout) as { expired: number; advanced: number };
}

/** WP-Cron's own entry point on one server, as a system cron calling wp-cron.php would. */
export async function wpCron(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/wp-cron.php?doing_wp_cron=${Date.now() / 1000}`);
  await response.text();
  return response.status;
}
