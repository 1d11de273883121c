import type { Bench } from '../lib/context.ts';
import { portal, timed } from '../lib/http.ts';
import { seedExpiring } from '../lib/seed.ts';
import { fmt, percentile } from '../lib/stats.ts';
import { table, type Section } from '../lib/report.ts';
import { runTicks } from '../lib/ticks.ts';

/** Reads as the reader while `busy` runs: latencies and failures (a 30 s timeout counts as one). */
async function readWhile<T>(b: Bench, busy: Promise<T>): Promise<{ result: T; ms: number[]; failures: number }> {
  let done = false;
  const ms: number[] = [];
  let failures = 0;
  const reader = (async () => {
    for (let i = 0; !done; i++) {
      const path = i % 2 === 0 ? `${portal}/deployments?per_page=50` : `${portal}/quota`;
      try {
        const response = await timed(b.url, b.reader, { path, timeoutMs: 30_000 });
        ms.push(response.ms);
        if (response.status !== 200) failures++;
      } catch {
        failures++;
      }
    }
  })();
  try {
    return { result: await busy, ms, failures };
  } finally {
    done = true;
    await reader;
  }
}

/** Figure 5: a mass expiry, swept by back-to-back cron ticks while a user keeps reading. */
export async function expirySection(b: Bench): Promise<Section> {
  const idle = (await runTicks(b.site, 1)).ticks;
  const { expiring: count, sweepSeconds } = b.sizes;
  await seedExpiring(b.db, b.people!, count);
  const started = performance.now();
  const { result: { bounds, ticks }, ms, failures } = await readWhile(b, runTicks(b.site, 100_000, sweepSeconds));
  const seconds = (performance.now() - started) / 1000;
  const [rows] = await b.db.query(
    "SELECT SUM(status = 'EXPIRED') AS expired, SUM(status = 'EXPIRED' AND step = '') AS settled FROM wp_spp_deployments WHERE name LIKE 'bench-due-%'",
  );
  const expired = Number((rows as { expired: number }[])[0]!.expired);
  const settled = Number((rows as { settled: number }[])[0]!.settled);
  const [vms] = await b.db.query("SELECT SUM(status = 'stopped' AND protected = 1) AS safe FROM wp_spp_mock_vms WHERE name LIKE 'bench-due-%'");
  const safe = Number((vms as { safe: number }[])[0]!.safe);
  const working = ticks.filter((t) => t.expired + t.advanced > 0);
  const tickMs = working.map((t) => t.ms);
  const longest = Math.max(...tickMs);
  const maxExpired = Math.max(...ticks.map((t) => t.expired));
  const maxAdvanced = Math.max(...ticks.map((t) => t.advanced));
  const finished = settled === count;
  // Cut off before the end: the rest at the rate of the VMs settled so far.
  const total = finished ? seconds : seconds * (count / Math.max(1, settled));
  const expiredAfter = ticks.reduce<{ sum: number; at: number | null; ms: number }>((acc, t) => {
    acc.sum += t.expired;
    acc.ms += t.ms;
    if (acc.at === null && acc.sum >= count) acc.at = acc.ms;
    return acc;
  }, { sum: 0, at: null, ms: 0 }).at;
  return {
    title: '5. Expiry sweep',
    figures: [
      {
        figure: `${count.toLocaleString('en')} deployments expiring at once: total sweep time, ticks back to back (all VMs stopped and protected)`,
        value: finished ? `${fmt.s(total)} in ${working.length} ticks` : `≈ ${fmt.s(total)} (extrapolated: ${settled} settled in ${fmt.s(seconds)})`,
        aim: '–',
        met: null,
      },
      {
        figure: 'Per-tick batch bound: expired / advanced per tick, longest tick',
        value: `${maxExpired} / ${maxAdvanced}, ${fmt.s(longest / 1000)}`,
        aim: `≤ ${bounds.expired} / ≤ ${bounds.advanced}, ≤ ${bounds.seconds} s + one step`,
        met: maxExpired <= bounds.expired && maxAdvanced <= bounds.advanced && longest <= (bounds.seconds + 5) * 1000,
      },
      { figure: 'Request timeouts or errors during the sweep', value: `${failures} of ${ms.length} reads (p95 ${fmt.ms(percentile(ms, 95))}, max ${fmt.ms(Math.max(...ms))})`, aim: '0', met: failures === 0 },
    ],
    detail: [
      `${count.toLocaleString('en')} deployments (half RUNNING, half STOPPED, each with its mock VM) reach their expiry together, on top of the large data set. ` +
        'bench/php/ticks.php runs Ticker::tick() (what the `spp_tick` cron hook runs) back to back in one PHP process until a tick finds nothing to do ' +
        `or ${sweepSeconds} s have passed; meanwhile one client keeps reading (GET deployments, GET quota). ` +
        'A deployment is settled once it is EXPIRED with no step pending, its VM stopped and protected. With WP-Cron\'s one-minute schedule every tick is a minute apart.',
      '',
      ...table(['Measure', 'Value'], [
        ['Idle tick on the large data set', fmt.ms(idle[0]!.ms)],
        ['Ticks that did work', String(working.length)],
        ['Tick time p50 / max', `${fmt.ms(percentile(tickMs, 50))} / ${fmt.ms(longest)}`],
        ['All marked EXPIRED after (tick time)', expiredAfter === null ? `not within the run (${expired} of ${count})` : fmt.s(expiredAfter / 1000)],
        ['Settled (EXPIRED, no step pending)', `${settled} of ${count} in ${fmt.s(seconds)} (${(settled / seconds).toFixed(1)}/s)`],
        ['VMs stopped and protected', `${safe} of ${count}`],
        ['Reads during the sweep: p50 / p95 / max', `${fmt.ms(percentile(ms, 50))} / ${fmt.ms(percentile(ms, 95))} / ${fmt.ms(Math.max(...ms))}`],
      ]),
    ],
  };
}
