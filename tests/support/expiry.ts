import { query } from './db.ts';
import { testSite } from './test-site.ts';
import { cronTickAsync, wpCron } from '../soak/second-server.ts';

/** Lets `minutes` pass for one deployment: its creation and its expiry move that far back. */
export async function passTime(id: number, minutes: number): Promise<void> {
  await query(
    'UPDATE wp_spp_deployments SET created_at = DATE_SUB(created_at, INTERVAL ? MINUTE),'
    + ' expires_at = DATE_SUB(expires_at, INTERVAL ? MINUTE) WHERE id = ?',
    [minutes, minutes, id],
  );
}

/**
 * Rounds of cron ticks fired at once from two nodes: two system-cron ticks and WP-Cron's entry
 * point on the first server and on `secondUrl` (tests/soak/second-server.ts).
 */
export async function ticksOnTwoServers(secondUrl: string, rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await Promise.all([cronTickAsync(), cronTickAsync(), wpCron(testSite().url), wpCron(secondUrl)]);
  }
}
