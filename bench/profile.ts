import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orExit } from '../tools/wp-stack/prerequisites.ts';
import { launchBench } from './lib/context.ts';
import { clientOf, expectStatus } from './lib/http.ts';
import { readProfile, renderProfiles } from './lib/profile.ts';
import { ensureBenchPackages } from './lib/prerequisites.ts';
import { seedAudit, seedDeployments, seedUsers } from './lib/seed.ts';
import { probes, readerDeploymentId } from './sections/routes.ts';

// `npm run bench:profile [-- --smoke] [-- --rounds N] [-- --wall]`: the route probes of figure 1 and the
// foreign pages of figure 3 on the large data set, each request sampled by Excimer (CPU time, every
// 0.5 ms; with --wall real time, every 0.1 ms, so that waits for MariaDB show), and prints the top
// frames per request kind as Markdown (docs/benchmarks.md quotes them), then the SQL of one request
// of each kind.

const smoke = process.argv.includes('--smoke');
const roundsArg = process.argv.indexOf('--rounds');
const wall = process.argv.includes('--wall');
const periodMs = wall ? 0.1 : 0.5;

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function main(): Promise<void> {
  await orExit('npm run bench:profile', async () => ensureBenchPackages());
  // Read by bench/php/profile.php in the site's PHP processes.
  process.env.SPP_BENCH_PROFILE_CLOCK = wall ? 'real' : 'cpu';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-bench-profile-'));
  const b = await launchBench(smoke, dir);
  // An interrupted run still removes its site (server, database, folder).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void b.site.stop().finally(() => process.exit(130)));
  try {
    const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : (smoke ? 3 : 200);
    b.people = await seedUsers(b.db, b.sizes.users);
    await seedDeployments(b.db, b.people, { readerId: b.readerId, uiUserId: b.site.users.bench_ui!.id, total: b.sizes.largeDeployments, uiRows: 0 });
    await seedAudit(b.db, b.people, b.sizes.auditRows);
    await b.db.query('ANALYZE TABLE wp_spp_deployments, wp_spp_deployment_shares, wp_spp_audit_logs, wp_users, wp_usermeta');
    const list = probes(await readerDeploymentId(b));
    const anonymous = clientOf(null);
    const foreign = [
      { label: 'posts-plugin-active', path: '/wp-json/wp/v2/posts', pluginOff: false },
      { label: 'posts-plugin-inactive', path: '/wp-json/wp/v2/posts', pluginOff: true },
    ];
    const warmup = 3;
    for (let round = 0; round < warmup + rounds; round++) {
      // The last warm-up round records the SQL; the rounds after it are sampled.
      const label = (name: string): { profile?: string; queries?: string } =>
        (round >= warmup ? { profile: name } : round === warmup - 1 ? { queries: name } : {});
      for (const probe of list) {
        await expectStatus(b.url, probe.client(b), { ...probe.spec(b), ...label(slug(probe.name)) }, probe.status);
      }
      for (const page of foreign) {
        await expectStatus(b.url, anonymous, { path: page.path, pluginOff: page.pluginOff, ...label(page.label) }, 200);
      }
    }
    const labels = [...list.map((p) => slug(p.name)), ...foreign.map((p) => p.label)];
    console.log(`Profile: ${rounds} requests of each kind; ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} load; stacks in ${dir}\n`);
    console.log(renderProfiles(labels.map((label) => readProfile(dir, label, rounds)), periodMs, 12, wall ? 'Wall' : 'CPU').join('\n'));
    for (const label of labels) {
      const sql = path.join(dir, `${label}.sql`);
      if (fs.existsSync(sql)) console.log(`\n#### ${label}: SQL of one request\n\n\`\`\`\n${fs.readFileSync(sql, 'utf8').trim()}\n\`\`\``);
    }
  } finally {
    await b.db.end();
    await b.site.stop();
  }
}

await main();
