import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { launchSite, type RunningSite, type SiteUserSpec } from '../../tools/wp-stack/site.ts';
import { clientOf, type Client } from './http.ts';
import type { Population } from './seed.ts';

export interface Sizes {
  smallDeployments: number;
  largeDeployments: number;
  users: number;
  auditRows: number;
  /** Interleaved rounds of sequential requests per latency comparison (per repeat). */
  rounds: number;
  /** Every comparison runs this often; figures are the median of the repeats with their range. */
  repeats: number;
  /** Rounds for the pages that are not the portal's (each round: both pages, plugin on and off). */
  foreignRounds: number;
  clients: number;
  concurrencySeconds: number;
  expiring: number;
  /** The expiry sweep is cut off after this long; what is left is extrapolated from its rate. */
  sweepSeconds: number;
  dashboardRows: number;
}

export const fullSizes: Sizes = {
  smallDeployments: 1_000, largeDeployments: 100_000, users: 1_000, auditRows: 1_000_000,
  rounds: 60, repeats: 3, foreignRounds: 150, clients: 16, concurrencySeconds: 20, expiring: 10_000, sweepSeconds: 90, dashboardRows: 500,
};

export const smokeSizes: Sizes = {
  smallDeployments: 100, largeDeployments: 400, users: 20, auditRows: 1_000,
  rounds: 3, repeats: 2, foreignRounds: 2, clients: 2, concurrencySeconds: 1, expiring: 30, sweepSeconds: 60, dashboardRows: 20,
};

export const workers = 4;
export const ownerRights = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
export const creatorCount = 4;

export interface Bench {
  smoke: boolean;
  sizes: Sizes;
  site: RunningSite;
  url: string;
  db: mysql.Connection;
  people: Population | null;
  admin: Client;
  reader: Client;
  manager: Client;
  creators: Client[];
  uiLogin: { id: number; login: string; password: string };
  readerId: number;
  /** Called after the bench wrote rows with SQL, past WordPress (a persistent object cache must forget). */
  afterSqlWrite: () => void;
}

const benchDir = path.dirname(path.dirname(new URL(import.meta.url).pathname));

function user(login: string, role: string, rights: string[]): SiteUserSpec {
  return { login, password: `${login}-bench-password`, email: `${login}@example.test`, displayName: login, role, rights };
}

/**
 * A throwaway site with the floor mu-plugin, PHP's opcache on without timestamp checks (as a
 * production server may run it; the built-in server caches but looks for changed files every 2 s,
 * and PHP's CLI, which runs the ticks, caches nothing unless told), WP-Cron off (the bench runs
 * ticks itself) and instant mock tasks.
 */
export async function launchBench(smoke: boolean, profileDir: string | null = null): Promise<Bench> {
  const iniDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-bench-ini-'));
  // With a profile folder, every request may be sampled (bench/php/profile.php; header X-SPP-Bench-Profile).
  const profiling = profileDir === null ? '' : `auto_prepend_file=${path.join(benchDir, 'php', 'profile.php')}\n`;
  if (profileDir !== null) process.env.SPP_BENCH_PROFILE_DIR = profileDir;
  fs.writeFileSync(path.join(iniDir, 'zz-bench.ini'), `opcache.enable_cli=1\nopcache.validate_timestamps=0\n${profiling}`);
  // A leading separator appends the folder to PHP's own scan path.
  process.env.PHP_INI_SCAN_DIR = `${path.delimiter}${iniDir}`;
  const creators = Array.from({ length: creatorCount }, (_, i) => user(`bench_creator${i}`, 'subscriber', ['portal_access', 'create']));
  const site = await launchSite({
    name: `bench_${process.pid}`,
    port: await freePort(),
    persistent: false,
    users: [
      user('admin', 'administrator', []),
      user('bench_reader', 'subscriber', ownerRights),
      user('bench_manager', 'subscriber', ['portal_access', 'manage_all', 'manage_settings', 'manage_rights', 'manage_templates']),
      user('bench_ui', 'subscriber', ownerRights),
      ...creators,
    ],
    workers,
    appPasswords: true,
    disableWpCron: true,
    // SPP_REDIS_PREFIX: the keys of bench/php/object-cache.php when the Redis section links it in.
    extraConstants: { SPP_MOCK_CLONE_SECONDS: 0, SPP_MOCK_TASK_SECONDS: 0, SPP_REDIS_PREFIX: `bench_${process.pid}` },
    muPlugins: [path.join(benchDir, 'php', 'floor.php')],
  });
  const users = site.users;
  const ui = users.bench_ui!;
  return {
    smoke,
    sizes: smoke ? smokeSizes : fullSizes,
    site,
    url: site.url,
    db: await connect(localMariaDb, site.databaseName),
    people: null,
    admin: clientOf(users.admin!),
    reader: clientOf(users.bench_reader!),
    manager: clientOf(users.bench_manager!),
    creators: creators.map((c) => clientOf(users[c.login]!)),
    uiLogin: { id: ui.id, login: ui.login, password: ui.password },
    readerId: users.bench_reader!.id,
    afterSqlWrite: () => undefined,
  };
}

export const phpDir = path.join(benchDir, 'php');
