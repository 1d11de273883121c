import { execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunningSite } from '../../tools/wp-stack/site.ts';
import { phpDir } from './context.ts';

export interface Tick {
  ms: number;
  expired: number;
  advanced: number;
}

/** The plugin's per-tick bounds: Expiry::BATCH, Ticker::PENDING_BATCH and PENDING_BUDGET_SECONDS. */
export interface TickBounds {
  expired: number;
  advanced: number;
  seconds: number;
}

const running = new Set<ChildProcess>();

/** Ends ticks still running (an interrupted run must not leave them writing to a dropped site). */
export function stopTicks(): void {
  for (const child of running) child.kill();
}

/**
 * Runs the plugin's cron tick (Ticker::tick, what `spp_tick` runs) in one PHP process, back to back
 * until a tick finds nothing to do, `max` ticks ran or `seconds` passed.
 */
export async function runTicks(site: RunningSite, max: number, seconds = Infinity): Promise<{ bounds: TickBounds; ticks: Tick[] }> {
  const args = [path.join(phpDir, 'ticks.php'), site.coreDir, String(max), ...(Number.isFinite(seconds) ? [String(seconds)] : [])];
  const call = promisify(execFile)('php', args, { env: { ...process.env, SPP_WP_SITE_CONFIG: site.siteConfig }, maxBuffer: 64 * 1024 * 1024 });
  running.add(call.child);
  try {
    return JSON.parse((await call).stdout) as { bounds: TickBounds; ticks: Tick[] };
  } finally {
    running.delete(call.child);
  }
}
