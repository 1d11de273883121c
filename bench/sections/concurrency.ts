import type { Bench } from '../lib/context.ts';
import { expectStatus, floor, portal, timed, type Client, type RequestSpec } from '../lib/http.ts';
import { fmt, repeated } from '../lib/stats.ts';
import { table, type Section } from '../lib/report.ts';

interface Load {
  requests: number;
  errors: number;
  refusedByQuota: number;
  seconds: number;
  errorSamples: string[];
}

type Operation = { client: Client; spec: RequestSpec; ok: number[] };

/** `clients` loops for `seconds`; each issues its next operation as soon as the last answered. */
async function drive(clients: number, seconds: number, next: (client: number, i: number) => Operation): Promise<Load> {
  const load: Load = { requests: 0, errors: 0, refusedByQuota: 0, seconds, errorSamples: [] };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async (_, k) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const op = next(k, i);
      try {
        const result = await timed('', op.client, op.spec);
        load.requests++;
        if (result.status === 409 && result.body.includes('quota_exceeded')) load.refusedByQuota++;
        else if (!op.ok.includes(result.status)) {
          load.errors++;
          if (load.errorSamples.length < 3) load.errorSamples.push(`${result.status} ${result.body.slice(0, 200)}`);
        }
      } catch (error) {
        load.requests++;
        load.errors++;
        if (load.errorSamples.length < 3) load.errorSamples.push(String(error));
      }
    }
  }));
  load.seconds = (performance.now() - started) / 1000;
  return load;
}

async function quotaSum(b: Bench, ownerId: number | null): Promise<number> {
  const [rows] = await b.db.query(
    `SELECT COALESCE(SUM(memory_mb), 0) AS mb FROM wp_spp_deployments WHERE status IN ('PROVISIONING', 'STOPPED', 'RUNNING', 'DELETING')${ownerId === null ? '' : ' AND owner_id = ?'}`,
    ownerId === null ? [] : [ownerId],
  );
  return Number((rows as { mb: number }[])[0]!.mb);
}

/** A partial settings update, as the settings manager. */
export async function putSettings(b: Bench, changes: Record<string, unknown>): Promise<void> {
  await expectStatus(b.url, b.manager, { method: 'PUT', path: `${portal}/settings`, body: changes }, 200);
}

/** Figure 4: 16 clients mixing reads and creates on 4 PHP workers, against the floor under the same load. */
export async function concurrencySection(b: Bench, ownId: number, creatorIds: number[], title = '4. Concurrency'): Promise<Section> {
  const memoryMb = 2048;
  const perUser = b.smoke ? 2 : 40;
  const globalHeadroom = b.smoke ? 5 : 120;
  for (const id of creatorIds) {
    await b.db.query("DELETE FROM wp_usermeta WHERE user_id = ? AND meta_key = 'wp__spp_ram_limit_mb'", [id]);
    await b.db.query("INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (?, 'wp__spp_ram_limit_mb', ?)", [id, String(perUser * memoryMb + await quotaSum(b, id))]);
  }
  const globalLimit = (await quotaSum(b, null)) + globalHeadroom * memoryMb;
  b.afterSqlWrite();
  await putSettings(b, { globalRamLimitMb: globalLimit });

  const url = b.url;
  const reads: RequestSpec[] = [
    { path: `${url}${portal}/deployments?per_page=50` },
    { path: `${url}${portal}/deployments/${ownId}` },
    { path: `${url}${portal}/quota` },
  ];
  // One operation in five creates; the rest cycle through the three reads.
  const ours = (k: number, i: number): Operation => i % 5 === 4
    ? { client: b.creators[k % b.creators.length]!, spec: { method: 'POST', path: `${url}${portal}/deployments`, body: { templateId: 3 } }, ok: [201] }
    : { client: b.reader, spec: reads[(k + i) % reads.length]!, ok: [200] };
  const floors = (k: number, i: number): Operation => i % 5 === 4
    ? { client: b.creators[k % b.creators.length]!, spec: { method: 'POST', path: `${url}${floor}`, body: { templateId: 3 } }, ok: [201] }
    : { client: b.reader, spec: { path: `${url}${floor}` }, ok: [200] };

  const { clients, concurrencySeconds: seconds } = b.sizes;
  const pairs: { floorLoad: Load; ourLoad: Load }[] = [];
  for (let i = 0; i < b.sizes.repeats; i++) pairs.push({ floorLoad: await drive(clients, seconds, floors), ourLoad: await drive(clients, seconds, ours) });

  const overshoots: string[] = [];
  for (const id of creatorIds) {
    const [rows] = await b.db.query("SELECT meta_value FROM wp_usermeta WHERE user_id = ? AND meta_key = 'wp__spp_ram_limit_mb'", [id]);
    const limit = Number((rows as { meta_value: string }[])[0]!.meta_value);
    if (await quotaSum(b, id) > limit) overshoots.push(`user ${id}`);
  }
  if (await quotaSum(b, null) > globalLimit) overshoots.push('global');
  await putSettings(b, { globalRamLimitMb: 0 });
  await b.db.query("DELETE FROM wp_usermeta WHERE meta_key = 'wp__spp_ram_limit_mb'");
  b.afterSqlWrite();

  const rps = (load: Load): number => load.requests / load.seconds;
  const ratio = repeated(pairs.map((p) => rps(p.ourLoad) / rps(p.floorLoad)), fmt.x);
  const errors = pairs.reduce((sum, p) => sum + p.ourLoad.errors + p.floorLoad.errors, 0);
  const row = (name: string, load: Load): string[] =>
    [name, String(load.requests), fmt.s(load.seconds), rps(load).toFixed(1), String(load.errors), String(load.refusedByQuota)];
  return {
    title,
    figures: [
      { figure: `${title.replace(/^\d+\. /, '')}: ${clients} clients, 4 PHP workers: requests/s against the floor, median of ${pairs.length} (range)`, value: ratio.text, aim: '≥ 0.90×', met: ratio.median >= 0.9 },
      { figure: 'Errors under load', value: String(errors), aim: '0', met: errors === 0 },
      { figure: 'Quota overshot under load', value: overshoots.length === 0 ? 'never' : overshoots.join(', '), aim: 'never', met: overshoots.length === 0 },
    ],
    detail: [
      `Each client sends its next request as soon as the last one answered. One request in five is a create (4 creator users, round robin), the others cycle through GET deployments (per_page=50), GET deployments/:id and GET quota. ` +
        `Each creator may add ${perUser} deployments of ${memoryMb} MB and the global contingent leaves room for ${globalHeadroom}, so both limits are reached under load: ` +
        'a 409 quota_exceeded is the correct answer then, counted apart, and the stored RAM per user and in total is checked against the limits afterwards.',
      '',
      `${pairs.length} repeats of ${seconds} s each, floor and portal alternating.`,
      '',
      ...table(['Load', 'Requests', 'Duration', 'Requests/s', 'Errors', '409 quota_exceeded'],
        pairs.flatMap((p, i) => [row(`${i + 1}: floor (same mix, floor routes)`, p.floorLoad), row(`${i + 1}: portal routes`, p.ourLoad)])),
      ...pairs.flatMap((p) => [...p.floorLoad.errorSamples, ...p.ourLoad.errorSamples]).slice(0, 3).map((s) => `\nError sample: \`${s.replace(/`/g, "'")}\``),
    ],
  };
}
