import type { Bench } from '../lib/context.ts';
import { clientOf, expectStatus, type Timed } from '../lib/http.ts';
import { fmt, percentile, repeated } from '../lib/stats.ts';
import { table, type Section } from '../lib/report.ts';

const pages = [
  { name: 'Front page (/)', path: '/' },
  { name: 'GET /wp/v2/posts', path: '/wp-json/wp/v2/posts' },
];

interface Paired {
  on: Timed[];
  off: Timed[];
}

/** One repeat: `rounds` interleaved rounds, each page active and inactive side by side. */
async function pairedRounds(b: Bench, rounds: number): Promise<Map<string, Paired>> {
  const anonymous = clientOf(null);
  const samples = new Map<string, Paired>(pages.map((p) => [p.name, { on: [], off: [] }]));
  for (let round = 0; round < rounds + 3; round++) {
    for (const page of pages) {
      // Alternate which state goes first, so neither always follows the other.
      const order = round % 2 === 0 ? [false, true] : [true, false];
      for (const pluginOff of order) {
        const result = await expectStatus(b.url, anonymous, { path: page.path, pluginOff }, 200);
        if (round >= 3) samples.get(page.name)![pluginOff ? 'off' : 'on'].push(result);
      }
    }
  }
  return samples;
}

const p50 = (samples: Timed[]): number => percentile(samples.map((s) => s.ms), 50);
const mostQueries = (samples: Timed[]): number => Math.max(...samples.map((s) => s.queries ?? NaN));

/** Figure 3: what the active plugin costs requests that are not its own (anonymous visitors). */
export async function foreignSection(b: Bench): Promise<Section> {
  const rounds = b.sizes.foreignRounds;
  const repeats: Map<string, Paired>[] = [];
  for (let i = 0; i < b.sizes.repeats; i++) repeats.push(await pairedRounds(b, rounds));
  const rows: string[][] = [];
  const figures = [];
  for (const page of pages) {
    const runs = repeats.map((r) => r.get(page.name)!);
    // Paired: each round's active request against the inactive one next to it, so load drift cancels.
    const cost = repeated(runs.map(({ on, off }) => percentile(on.map((s, i) => s.ms - off[i]!.ms), 50) / p50(off)), fmt.pct);
    const queriesOff = Math.max(...runs.map((r) => mostQueries(r.off)));
    const queriesOn = Math.max(...runs.map((r) => mostQueries(r.on)));
    const extra = queriesOn - queriesOff;
    rows.push([page.name, repeated(runs.map((r) => p50(r.off)), fmt.ms).text, repeated(runs.map((r) => p50(r.on)), fmt.ms).text, cost.text,
      String(queriesOff), String(queriesOn)]);
    figures.push({ figure: `${page.name}: plugin active vs inactive (p50, extra queries), median of ${runs.length} (range)`, value: `${cost.text}, ${extra} queries`, aim: '≤ +3 %, 0 queries', met: cost.median <= 0.03 && extra === 0 });
  }
  return {
    title: '3. Cost on requests that are not ours',
    figures,
    detail: [
      `Anonymous requests, ${repeats.length} repeats of ${rounds} interleaved rounds (median of the repeats, range in brackets); the cost is the median of the paired differences (active minus the inactive request beside it) over the inactive median. "Inactive" drops the plugin from active_plugins for that request only (header handled by bench/php/floor.php), so both states share one server and one database.`,
      '',
      ...table(['Request', 'p50 inactive', 'p50 active', 'Cost', 'Queries inactive', 'Queries active'], rows),
    ],
  };
}
