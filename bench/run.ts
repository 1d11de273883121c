import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../tools/wp-stack/paths.ts';
import { creatorCount, launchBench, workers, type Bench } from './lib/context.ts';
import { orExit } from '../tools/wp-stack/prerequisites.ts';
import { ensureBenchPackages } from './lib/prerequisites.ts';
import { table, verdict, type Section } from './lib/report.ts';
import { seedAudit, seedDeployments, seedUsers } from './lib/seed.ts';
import { runTicks, stopTicks } from './lib/ticks.ts';
import { concurrencySection } from './sections/concurrency.ts';
import { expirySection } from './sections/expiry.ts';
import { foreignSection } from './sections/foreign.ts';
import { placementSection } from './sections/placement.ts';
import { provisioningSection } from './sections/provisioning.ts';
import { probes, readerDeploymentId, routeSections, sample, type Samples } from './sections/routes.ts';
import { redisSections } from './sections/redis.ts';
import { setupSection } from './sections/setup.ts';
import { uiSection } from './sections/ui.ts';

// `npm run bench` measures the portal against WordPress's own floor and writes docs/benchmarks.md.
// `--smoke` runs every part at tiny sizes and writes nothing (npm test runs it, so the harness
// cannot rot); `--npm-test` also times a whole `npm test`.

const smoke = process.argv.includes('--smoke');
const withNpmTest = process.argv.includes('--npm-test');
const docFile = path.join(repoRoot, 'docs', 'benchmarks.md');
const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`${name}…`);
  const result = await work();
  log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const section of [result].flat() as unknown[]) {
    const figures = (section as Partial<Section> | null)?.figures ?? [];
    for (const f of figures) log(`  ${f.figure}: ${f.value} (aim ${f.aim})`);
  }
  return result;
}

async function measure(b: Bench, launchSeconds: number): Promise<Section[]> {
  const { sizes } = b;
  const users = b.site.users;
  const ui = users.bench_ui!.id;
  b.people = await step('seed users', () => seedUsers(b.db, sizes.users));
  const layout = { readerId: b.readerId, uiUserId: ui };
  await step('seed small data set', async () => {
    await seedDeployments(b.db, b.people!, { ...layout, total: sizes.smallDeployments, uiRows: 0 });
    await seedAudit(b.db, b.people!, sizes.auditRows / 100);
  });
  const smallProbes = probes(await readerDeploymentId(b));
  const small = await step('requests on the small data set', () => sample(b, smallProbes, Math.max(3, Math.round(sizes.rounds / 5))));
  await step('seed large data set', async () => {
    await seedDeployments(b.db, b.people!, { ...layout, total: sizes.largeDeployments, uiRows: sizes.dashboardRows });
    await seedAudit(b.db, b.people!, sizes.auditRows);
    await b.db.query('ANALYZE TABLE wp_spp_deployments, wp_spp_deployment_shares, wp_spp_audit_logs, wp_users, wp_usermeta');
  });
  const ownId = await readerDeploymentId(b);
  const largeProbes = probes(ownId);
  const large = await step('requests on the large data set', async () => {
    const repeats: Samples[] = [];
    for (let i = 0; i < sizes.repeats; i++) repeats.push(await sample(b, largeProbes, sizes.rounds));
    return repeats;
  });
  const sections = await step('route figures', async () =>
    routeSections(small, large, { small: sizes.smallDeployments, large: sizes.largeDeployments }, largeProbes));
  sections.push(await step('requests that are not ours', () => foreignSection(b)));
  const creatorIds = Array.from({ length: creatorCount }, (_, i) => users[`bench_creator${i}`]!.id);
  sections.push(await step('concurrency', () => concurrencySection(b, ownId, creatorIds)));
  // Measured before the expiry sweep changes the data; reported last.
  const withRedis = await step('with Redis as the object cache', () => redisSections(b, largeProbes, ownId, creatorIds));
  await step('settle the created deployments', () => runTicks(b.site, 100_000));
  sections.push(await step('expiry sweep', () => expirySection(b)));
  sections.push(await step('provisioning in HTTP mode', () => provisioningSection(b)));
  sections.push(await step('UI', () => uiSection(b)));
  if (!smoke) sections.push(await step('set-up times', () => setupSection(launchSeconds, withNpmTest)));
  const placement = await step('placement across three nodes', () => placementSection(b));
  return [...sections, ...withRedis, placement];
}

function render(sections: Section[], context: { before: string; after: string; stack: string[]; started: Date; minutes: number }): string {
  const figures = sections.flatMap((s) => s.figures.map((f) => [s.title.split('.')[0]!, f.figure, f.value, f.aim, verdict(f.met)]));
  const notes = path.join(repoRoot, 'bench', 'notes.md');
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts); the findings at the end come from bench/notes.md. Do not edit by hand. -->',
    '',
    `- Date: ${context.started.toISOString()} (run took ${context.minutes.toFixed(1)} min)`,
    `- Command: \`npm run bench${withNpmTest ? ' -- --npm-test' : ''}\``,
    `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${os.release()}`,
    `- Load before: \`${context.before}\``,
    `- Load after: \`${context.after}\``,
    ...context.stack.map((line) => `- ${line}`),
    '',
    'Every latency is a ratio against a baseline measured in the same run on the same server, interleaved request by request, so machine load hits both alike.',
    '',
    '## Figures',
    '',
    ...table(['#', 'Figure', 'Result', 'Aim', 'Met'], figures),
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', ...s.detail, '']),
    ...(fs.existsSync(notes) ? [fs.readFileSync(notes, 'utf8').trim(), ''] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const before = uptime();
  log(`${smoke ? 'smoke run' : 'full run'}; ${before}`);
  await orExit('npm run bench', async () => ensureBenchPackages());
  const launchStarted = performance.now();
  const b = await step('launch site', () => launchBench(smoke));
  const launchSeconds = (performance.now() - launchStarted) / 1000;
  // An interrupted run still removes its site (server, database, folder).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopTicks();
      void b.site.stop().finally(() => process.exit(130));
    });
  }
  try {
    const sections = await measure(b, launchSeconds);
    const [[version]] = (await b.db.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
    const wpVersion = /\$wp_version = '([^']+)'/.exec(fs.readFileSync(path.join(b.site.coreDir, 'wp-includes', 'version.php'), 'utf8'))?.[1];
    const stack = [
      `Stack: WordPress ${wpVersion}, ${execFileSync('php', ['-r', 'echo "PHP ", PHP_VERSION;'], { encoding: 'utf8' })} (built-in server, ${workers} workers, opcache on), MariaDB ${version!.v}, Node ${process.version}`,
      `Sizes: ${JSON.stringify(b.sizes)}`,
    ];
    const minutes = (Date.now() - started.getTime()) / 60_000;
    const doc = render(sections, { before, after: uptime(), stack, started, minutes });
    if (smoke) {
      console.log(doc.split('\n## 1.')[0]);
    } else {
      fs.writeFileSync(docFile, doc);
      log(`wrote ${path.relative(repoRoot, docFile)}`);
      console.log(doc.split('\n## 1.')[0]);
    }
  } finally {
    await b.db.end();
    await b.site.stop();
  }
}

await main();
