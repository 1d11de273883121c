import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { phpScriptsDir } from '../../tools/wp-stack/paths.ts';
import type { Bench } from './context.ts';
import type { Client, RequestSpec } from './http.ts';
import { table } from './report.ts';

// Instruction counts per request: a second, single-process PHP built-in server on the bench site,
// run under Valgrind's callgrind. Collection is on only from php_request_startup to the end of
// php_request_shutdown (the script in between), and each request is dumped on its own, so a dump's
// total is the instructions PHP ran for exactly that request (the database's work is MariaDB's, not
// counted here). Unlike milliseconds or CPU samples, the count does not move with the machine's load:
// two identical requests differ by well under 0.1 %.

export interface CountedRequest {
  label: string;
  client: Client;
  spec: RequestSpec;
}

interface CallgrindServer {
  port: number;
  dir: string;
  child: ChildProcess;
}

async function waitForServer(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`callgrind's PHP server exited with code ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = new net.Socket();
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => { socket.destroy(); resolve(false); });
      socket.connect(port, '127.0.0.1');
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error('callgrind\'s PHP server did not listen');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startCallgrindServer(b: Bench, dir: string): Promise<CallgrindServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SPP_WP_SITE_CONFIG: b.site.siteConfig };
  delete env.PHP_CLI_SERVER_WORKERS;
  const child = spawn('valgrind', [
    '--tool=callgrind', '--collect-atstart=no',
    '--toggle-collect=php_request_startup', '--toggle-collect=zend_execute_scripts', '--toggle-collect=php_request_shutdown',
    '--dump-after=php_request_shutdown', `--callgrind-out-file=${path.join(dir, 'callgrind.out.%p')}`,
    'php', '-d', 'display_errors=0', '-d', 'log_errors=1', '-d', `error_log=${b.site.phpErrorLog}`, '-d', 'memory_limit=256M',
    '-S', `127.0.0.1:${port}`, '-t', path.join(b.site.dir, 'public'), path.join(phpScriptsDir, 'router.php'),
  ], { env, stdio: ['ignore', fs.openSync(path.join(dir, 'server.log'), 'a'), fs.openSync(path.join(dir, 'server.log'), 'a')], detached: true });
  await waitForServer(port, child);
  return { port, dir, child };
}

/** One request to the callgrind server, sent with the site's own Host, so WordPress sees its URL. */
function send(server: CallgrindServer, b: Bench, client: Client, spec: RequestSpec): Promise<{ status: number; queries: number | null; cacheRoundTrips: number | null }> {
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const headers: Record<string, string> = { Host: new URL(b.url).host };
  if (client.authorization) headers.Authorization = client.authorization;
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = String(Buffer.byteLength(body)); }
  if (spec.pluginOff) headers['X-SPP-Bench-Plugin'] = 'off';
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: server.port, method: spec.method ?? 'GET', path: spec.path, headers, timeout: 600_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => {
        const counted = response.headers['x-spp-queries'] ?? /<!-- spp-queries: (\d+) -->\s*$/.exec(text)?.[1];
        const roundTrips = response.headers['x-spp-cache-round-trips'];
        resolve({
          status: response.statusCode ?? 0,
          queries: counted === undefined ? null : Number(counted),
          cacheRoundTrips: typeof roundTrips === 'string' ? Number(roundTrips) : null,
        });
      });
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** The totals of the dumps written so far, in order (callgrind.out.<pid>.<n>, n from 1). */
function dumpTotals(dir: string, pid: number): number[] {
  const files = fs.readdirSync(dir).filter((f) => f.startsWith(`callgrind.out.${pid}.`))
    .sort((x, y) => Number(x.split('.').pop()) - Number(y.split('.').pop()));
  return files.map((f) => Number(/^(?:summary|totals): (\d+)/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1] ?? NaN));
}

async function waitForDumps(dir: string, pid: number, count: number): Promise<number[]> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const totals = dumpTotals(dir, pid);
    if (totals.length >= count && totals.slice(0, count).every((t) => Number.isFinite(t))) return totals.slice(0, count);
    if (Date.now() > deadline) throw new Error(`callgrind wrote ${totals.length} of ${count} dumps`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface Counts {
  label: string;
  instructions: number[];
  queries: number | null;
  /** Commands the Redis drop-in sent (REST requests with Redis only). */
  cacheRoundTrips: number | null;
  /** The dump of the last counted request, for callgrind_annotate. */
  dump: string;
}

/**
 * `warmup` rounds (opcache, caches), then `rounds` counted rounds, each sending every request once
 * in order. Returns the instruction counts of the counted rounds per label.
 */
export async function countInstructions(b: Bench, requests: CountedRequest[], rounds: number, warmup: number, dir: string): Promise<Counts[]> {
  fs.mkdirSync(dir, { recursive: true });
  const server = await startCallgrindServer(b, dir);
  const pid = server.child.pid!;
  const counts: Counts[] = requests.map((r) => ({ label: r.label, instructions: [], queries: null, cacheRoundTrips: null, dump: '' }));
  try {
    let sent = 0;
    for (let round = 0; round < warmup + rounds; round++) {
      for (const [i, r] of requests.entries()) {
        const answer = await send(server, b, r.client, r.spec);
        if (answer.status >= 400) throw new Error(`${r.label}: HTTP ${answer.status}`);
        sent++;
        const totals = await waitForDumps(dir, pid, sent);
        if (round >= warmup) {
          counts[i]!.instructions.push(totals[sent - 1]!);
          counts[i]!.queries = answer.queries;
          counts[i]!.cacheRoundTrips = answer.cacheRoundTrips;
          counts[i]!.dump = path.join(dir, `callgrind.out.${pid}.${sent}`);
        }
      }
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (server.child.exitCode !== null) { resolve(); return; }
      server.child.once('exit', () => resolve());
      process.kill(-pid, 'SIGTERM');
    });
  }
  return counts;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const millions = (n: number): string => (n / 1e6).toFixed(2);

/** Markdown: median instructions per request (millions), spread, and the difference against a base. */
export function renderCounts(counts: Counts[], baseOf: (label: string) => string | null): string[] {
  const byLabel = new Map(counts.map((c) => [c.label, c]));
  const withCache = counts.some((c) => c.cacheRoundTrips !== null);
  const head = ['Request', 'Instructions (M), median', 'Spread', 'Over its base', 'Queries', ...(withCache ? ['Redis commands'] : [])];
  return table(head, counts.map((c) => {
    const m = median(c.instructions);
    const spread = (Math.max(...c.instructions) - Math.min(...c.instructions)) / m;
    const base = baseOf(c.label);
    const baseCount = base === null ? undefined : byLabel.get(base);
    const over = baseCount === undefined ? '–' : `${(m / median(baseCount.instructions)).toFixed(3)}× (${m >= median(baseCount.instructions) ? '+' : ''}${millions(m - median(baseCount.instructions))} M, ${base})`;
    const cells = [c.label, millions(m), `${(spread * 100).toFixed(2)} %`, over, c.queries === null ? '–' : String(c.queries)];
    return withCache ? [...cells, c.cacheRoundTrips === null ? '–' : String(c.cacheRoundTrips)] : cells;
  }));
}
