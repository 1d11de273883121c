import type { Bench } from '../lib/context.ts';
import { expectStatus, floor, portal, type Client, type RequestSpec, type Timed } from '../lib/http.ts';
import { fmt, percentile, repeated } from '../lib/stats.ts';
import { table, type Figure, type Section } from '../lib/report.ts';

/** A request the benchmark times, with the floor request it is compared with. */
export interface Probe {
  name: string;
  client: (b: Bench) => Client;
  spec: (b: Bench) => RequestSpec;
  status: number;
  kind: 'read' | 'create' | 'floor';
}

const linuxTemplate = 3;

export function probes(ownId: number): Probe[] {
  return [
    { name: 'floor GET', kind: 'floor', status: 200, client: (b) => b.reader, spec: () => ({ path: floor }) },
    { name: 'GET deployments', kind: 'read', status: 200, client: (b) => b.reader, spec: () => ({ path: `${portal}/deployments?per_page=50` }) },
    { name: 'GET deployments/:id', kind: 'read', status: 200, client: (b) => b.reader, spec: () => ({ path: `${portal}/deployments/${ownId}` }) },
    { name: 'GET quota', kind: 'read', status: 200, client: (b) => b.reader, spec: () => ({ path: `${portal}/quota` }) },
    { name: 'floor POST', kind: 'floor', status: 201, client: (b) => b.creators[0]!, spec: () => ({ method: 'POST', path: floor, body: { templateId: linuxTemplate } }) },
    { name: 'POST deployments', kind: 'create', status: 201, client: (b) => b.creators[0]!, spec: () => ({ method: 'POST', path: `${portal}/deployments`, body: { templateId: linuxTemplate } }) },
  ];
}

export type Samples = Map<string, Timed[]>;

/** Interleaved rounds: every probe once per round, so drifting machine load hits all alike. */
export async function sample(b: Bench, list: Probe[], rounds: number, warmup = 3): Promise<Samples> {
  const samples: Samples = new Map(list.map((p) => [p.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const probe of list) {
      const result = await expectStatus(b.url, probe.client(b), probe.spec(b), probe.status);
      if (round >= warmup) samples.get(probe.name)!.push(result);
    }
  }
  return samples;
}

export async function readerDeploymentId(b: Bench): Promise<number> {
  const [rows] = await b.db.query('SELECT MIN(id) AS id FROM wp_spp_deployments WHERE owner_id = ?', [b.readerId]);
  return Number((rows as { id: number }[])[0]!.id);
}

function queriesOf(samples: Timed[]): number {
  return Math.max(...samples.map((s) => s.queries ?? NaN));
}

/** Latency aims (p50 against the floor) by kind of request. */
const latencyAim = { read: 1.1, create: 1.3 } as const;

/**
 * The latency figures of `repeats` (each an interleaved sample): per repeat the p50 and p95 ratios
 * against the floor, reported as the median over the repeats with their range.
 */
export function latencyTable(repeats: Samples[], list: Probe[], label = ''): { rows: string[][]; figures: Figure[] } {
  const rows: string[][] = [];
  const figures: Figure[] = [];
  for (const probe of list) {
    const floorName = probe.kind === 'create' ? 'floor POST' : 'floor GET';
    const of = (samples: Samples, name: string, p: number): number => percentile(samples.get(name)!.map((s) => s.ms), p);
    const p50 = repeated(repeats.map((r) => of(r, probe.name, 50)), fmt.ms);
    const p95 = repeated(repeats.map((r) => of(r, probe.name, 95)), fmt.ms);
    const r50 = repeated(repeats.map((r) => of(r, probe.name, 50) / of(r, floorName, 50)), fmt.x);
    const r95 = repeated(repeats.map((r) => of(r, probe.name, 95) / of(r, floorName, 95)), fmt.x);
    const isFloor = probe.kind === 'floor';
    rows.push([probe.name, p50.text, p95.text, isFloor ? '1.00× (floor)' : r50.text, isFloor ? '1.00× (floor)' : r95.text]);
    if (probe.kind !== 'floor') {
      const limit = latencyAim[probe.kind];
      figures.push({ figure: `${label}${probe.name}: p50 against the floor, median of ${repeats.length} (range)`, value: r50.text, aim: `≤ ${limit.toFixed(2)}×`, met: r50.median <= limit });
    }
  }
  return { rows, figures };
}

export const latencyHead = ['Request', 'p50', 'p95', 'p50 ÷ floor', 'p95 ÷ floor'];

/** Figures 1 (latency against the floor) and 2 (queries per request, small against large). */
export function routeSections(small: Samples, large: Samples[], sizes: { small: number; large: number }, list: Probe[]): Section[] {
  const latency = latencyTable(large, list);
  const queryRows = list.map((probe) => {
    const a = queriesOf(small.get(probe.name)!);
    const z = queriesOf(large[0]!.get(probe.name)!);
    return [probe.name, String(a), String(z), a === z ? 'yes' : '**no**'];
  });
  const constant = queryRows.every((row) => row[3] === 'yes');
  return [
    {
      title: '1. REST overhead against the WordPress floor',
      figures: latency.figures,
      detail: [
        `Database: ${sizes.large.toLocaleString('en')} deployments; the reader sees 50 (45 own, 5 shared) and lists them with per_page=50. ` +
          'Floor: `GET`/`POST spp-bench/v1/floor` (bench/php/floor.php), a route that only requires a logged-in user. ' +
          'Every request authenticates with an application password (Basic auth), the floor too. ' +
          `${large.length} repeats, each interleaving all requests round by round; each cell is the median of the repeats with their range.`,
        '',
        ...table(latencyHead, latency.rows),
      ],
    },
    {
      title: '2. Queries per request',
      figures: [{
        figure: `Queries per request constant from ${sizes.small.toLocaleString('en')} to ${sizes.large.toLocaleString('en')} deployments`,
        value: constant ? 'constant' : 'grows',
        aim: 'constant',
        met: constant,
      }],
      detail: [
        'All queries of the request ($wpdb->num_queries at rest_post_dispatch), WordPress\'s own included.',
        '',
        ...table(['Request', `${sizes.small.toLocaleString('en')} deployments`, `${sizes.large.toLocaleString('en')} deployments`, 'Constant'], queryRows),
      ],
    },
  ];
}
