import type { Bench } from '../lib/context.ts';
import { clientOf, expectStatus, type Timed } from '../lib/http.ts';
import { fmt, percentile } from '../lib/stats.ts';
import { table, type Section } from '../lib/report.ts';

const pages = [
  { name: 'Front page (/)', path: '/' },
  { name: 'GET /wp/v2/posts', path: '/wp-json/wp/v2/posts' },
];

/** Figure 3: what the active plugin costs requests that are not its own (anonymous visitors). */
export async function foreignSection(b: Bench): Promise<Section> {
  const anonymous = clientOf(null);
  const rounds = b.sizes.foreignRounds;
  const on = new Map<string, Timed[]>(pages.map((p) => [p.name, []]));
  const off = new Map<string, Timed[]>(pages.map((p) => [p.name, []]));
  for (let round = 0; round < rounds + 3; round++) {
    for (const page of pages) {
      // Alternate which state goes first, so neither always follows the other.
      const order = round % 2 === 0 ? [false, true] : [true, false];
      for (const pluginOff of order) {
        const result = await expectStatus(b.url, anonymous, { path: page.path, pluginOff }, 200);
        if (round >= 3) (pluginOff ? off : on).get(page.name)!.push(result);
      }
    }
  }
  const rows: string[][] = [];
  const figures = [];
  for (const page of pages) {
    const a = on.get(page.name)!;
    const z = off.get(page.name)!;
    // Paired: each round's active request against the inactive one next to it, so load drift cancels.
    const cost = percentile(a.map((s, i) => s.ms - z[i]!.ms), 50) / percentile(z.map((s) => s.ms), 50);
    const extra = Math.max(...a.map((s) => s.queries ?? NaN)) - Math.max(...z.map((s) => s.queries ?? NaN));
    rows.push([page.name, fmt.ms(percentile(z.map((s) => s.ms), 50)), fmt.ms(percentile(a.map((s) => s.ms), 50)), fmt.pct(cost),
      String(Math.max(...z.map((s) => s.queries ?? NaN))), String(Math.max(...a.map((s) => s.queries ?? NaN)))]);
    figures.push({ figure: `${page.name}: plugin active vs inactive (p50, extra queries)`, value: `${fmt.pct(cost)}, ${extra} queries`, aim: '≤ +3 %, 0 queries', met: cost <= 0.03 && extra === 0 });
  }
  return {
    title: '3. Cost on requests that are not ours',
    figures,
    detail: [
      `Anonymous requests, ${rounds} interleaved rounds; the cost is the median of the paired differences (active minus the inactive request beside it) over the inactive median. "Inactive" drops the plugin from active_plugins for that request only (header handled by bench/php/floor.php), so both states share one server and one database.`,
      '',
      ...table(['Request', 'p50 inactive', 'p50 active', 'Cost', 'Queries inactive', 'Queries active'], rows),
    ],
  };
}
