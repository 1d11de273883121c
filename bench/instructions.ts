import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orExit } from '../tools/wp-stack/prerequisites.ts';
import { launchBench, type Bench } from './lib/context.ts';
import { clientOf } from './lib/http.ts';
import { countInstructions, renderCounts, type CountedRequest } from './lib/instructions.ts';
import { ensureBenchPackages, ensureValgrind } from './lib/prerequisites.ts';
import { seedAudit, seedDeployments, seedUsers } from './lib/seed.ts';
import { probes, readerDeploymentId } from './sections/routes.ts';
import { useRedis } from './sections/redis.ts';

// `npm run bench:instructions [-- --smoke] [-- --rounds N]`: the requests of figures 1 and 3 on the
// large data set, each counted in instructions by Valgrind's callgrind (bench/lib/instructions.ts),
// without and with Redis as the object cache. Prints Markdown (docs/benchmarks.md quotes it).

const smoke = process.argv.includes('--smoke');
const roundsArg = process.argv.indexOf('--rounds');

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Each request's base: the floor of its method, or the same page with the plugin inactive. */
function baseOf(label: string): string | null {
  if (label.startsWith('floor-') || label.endsWith('-inactive')) return null;
  if (label.endsWith('-active')) return label.replace(/-active$/, '-inactive');
  return label.startsWith('post-') ? 'floor-post' : 'floor-get';
}

function countedRequests(b: Bench, ownId: number): CountedRequest[] {
  const anonymous = clientOf(null);
  return [
    ...probes(ownId).map((p) => ({ label: slug(p.name), client: p.client(b), spec: p.spec(b) })),
    { label: 'posts-plugin-active', client: anonymous, spec: { path: '/wp-json/wp/v2/posts' } },
    { label: 'posts-plugin-inactive', client: anonymous, spec: { path: '/wp-json/wp/v2/posts', pluginOff: true } },
  ];
}

async function main(): Promise<void> {
  await orExit('npm run bench:instructions', async () => {
    ensureBenchPackages();
    ensureValgrind();
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-bench-instructions-'));
  const b = await launchBench(smoke);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void b.site.stop().finally(() => process.exit(130)));
  try {
    const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
    b.people = await seedUsers(b.db, b.sizes.users);
    await seedDeployments(b.db, b.people, { readerId: b.readerId, uiUserId: b.site.users.bench_ui!.id, total: b.sizes.largeDeployments, uiRows: 0 });
    await seedAudit(b.db, b.people, b.sizes.auditRows);
    await b.db.query('ANALYZE TABLE wp_spp_deployments, wp_spp_deployment_shares, wp_spp_audit_logs, wp_users, wp_usermeta');
    const requests = countedRequests(b, await readerDeploymentId(b));
    const plain = await countInstructions(b, requests, rounds, 2, path.join(dir, 'plain'));
    const undo = await useRedis(b);
    let redis;
    try {
      redis = await countInstructions(b, requests, rounds, 2, path.join(dir, 'redis'));
    } finally {
      undo();
    }
    console.log(`Instructions per request (callgrind), ${rounds} counted rounds after 2 warm-up rounds; dumps in ${dir}\n`);
    console.log(['#### Without a persistent object cache', '', ...renderCounts(plain, baseOf), '',
      '#### With Redis as the object cache', '', ...renderCounts(redis, baseOf)].join('\n'));
  } finally {
    await b.db.end();
    await b.site.stop();
  }
}

await main();
