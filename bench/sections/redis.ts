import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { phpDir, type Bench } from '../lib/context.ts';
import { floor } from '../lib/http.ts';
import { table, type Section } from '../lib/report.ts';
import { concurrencySection } from './concurrency.ts';
import { latencyHead, latencyTable, sample, type Probe, type Samples } from './routes.ts';

// The route and concurrency figures again with a persistent object cache: Redis (127.0.0.1:6379)
// behind the bench-only drop-in bench/php/object-cache.php, linked into wp-content for this
// section only. Keys carry the site's prefix, so the flush below touches no other site's keys.

const flushScript = `$r = new Redis(); $r->connect('127.0.0.1', 6379); $it = null;
while (($keys = $r->scan($it, $argv[1] . '*', 1000)) !== false) { if ($keys) { $r->del($keys); } }`;

export const redisPrefix = (b: Bench): string => `${b.site.name}:`;

function flush(b: Bench): void {
  execFileSync('php', ['-r', flushScript, redisPrefix(b)]);
}

async function objectCacheOf(b: Bench): Promise<string | null> {
  const response = await fetch(`${b.url}${floor}`, { headers: { Authorization: b.reader.authorization! } });
  await response.text();
  return response.headers.get('X-SPP-Object-Cache');
}

/**
 * Links the Redis drop-in into the site (with its keys emptied) and proves it is in use; returns
 * what unlinks it and empties the keys again.
 */
export async function useRedis(b: Bench): Promise<() => void> {
  const link = path.join(b.site.dir, 'public', 'wp-content', 'object-cache.php');
  fs.symlinkSync(path.join(phpDir, 'object-cache.php'), link);
  // The bench writes some rows with SQL, past WordPress: the cache must forget what it held.
  b.afterSqlWrite = () => flush(b);
  const undo = (): void => {
    fs.rmSync(link, { force: true });
    b.afterSqlWrite = () => undefined;
    flush(b);
  };
  flush(b);
  const cache = await objectCacheOf(b);
  if (cache !== 'persistent') {
    undo();
    throw new Error(`The Redis drop-in is not in use (object cache: ${cache})`);
  }
  return undo;
}

/** Figures 1 and 4 with Redis as WordPress's object cache. */
export async function redisSections(b: Bench, list: Probe[], ownId: number, creatorIds: number[]): Promise<Section[]> {
  const undo = await useRedis(b);
  try {
    const repeats: Samples[] = [];
    for (let i = 0; i < b.sizes.repeats; i++) repeats.push(await sample(b, list, b.sizes.rounds));
    const latency = latencyTable(repeats, list, 'Redis: ');
    const concurrency = await concurrencySection(b, ownId, creatorIds, '9. Concurrency with Redis');
    return [
      {
        title: '9. REST overhead with a persistent object cache (Redis)',
        figures: latency.figures,
        detail: [
          'As figure 1 (same data, same requests, floor included), with Redis 127.0.0.1:6379 as WordPress\'s persistent object cache ' +
            '(bench/php/object-cache.php, Debian\'s php-redis; a bench-only drop-in, not shipped with the plugin). The plugin keeps what it may ' +
            'cache across requests (the rights managers\' count) in its own group `support-provisioning-portal`.',
          '',
          ...table(latencyHead, latency.rows),
        ],
      },
      concurrency,
    ];
  } finally {
    undo();
  }
}
