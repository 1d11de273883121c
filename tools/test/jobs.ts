import type { SuiteResult } from './suite-result.ts';

/** Where a job writes what its suites print. */
export interface Output {
  write(text: string): void;
}

/**
 * One piece of `npm test` that can run beside others: a suite, or a few that must run in order.
 * `after` names jobs whose end it waits for (e.g. the browser suites need the UI build).
 */
export interface Job {
  name: string;
  after?: readonly string[];
  run(out: Output): Promise<SuiteResult[]>;
}

/**
 * The console, shared by jobs running side by side without mixing their lines: one job at a time
 * holds it and writes through; the others keep what they print. A job that ends without holding
 * it waits, whole, until the holder ends; then the ended ones are printed and the longest running
 * job takes the console over, first printing what it kept.
 */
class Console {
  private holder: Buffered | null = null;
  private readonly running: Buffered[] = [];
  private readonly ended: Buffered[] = [];

  constructor(private readonly sink: (text: string) => void) {}

  open(): Buffered {
    const output = new Buffered(this.sink);
    this.running.push(output);
    this.holder ??= output.hold();
    return output;
  }

  close(output: Buffered): void {
    this.running.splice(this.running.indexOf(output), 1);
    this.ended.push(output);
    if (this.holder !== output) return;
    for (const done of this.ended.splice(0)) done.release();
    this.holder = this.running[0]?.hold() ?? null;
  }
}

class Buffered implements Output {
  private kept: string[] = [];
  private live = false;

  constructor(private readonly sink: (text: string) => void) {}

  write(text: string): void {
    if (this.live) this.sink(text);
    else this.kept.push(text);
  }

  hold(): this {
    this.live = true;
    this.release();
    return this;
  }

  /** Prints what was kept. */
  release(): void {
    if (this.kept.length > 0) this.sink(this.kept.join(''));
    this.kept = [];
  }
}

/**
 * Runs `jobs` at most `concurrency` at a time, each as soon as the jobs it comes `after` have
 * ended, in the order given otherwise. Returns each job's results by its name, whatever order
 * they ended in. A job that throws counts as one failed suite under its name; so does a job
 * that waits for one that does not exist or never ends, so no suite can silently drop out.
 */
export async function runJobs(jobs: readonly Job[], concurrency: number, sink: (text: string) => void = (text) => process.stdout.write(text)): Promise<Map<string, SuiteResult[]>> {
  if (new Set(jobs.map((job) => job.name)).size !== jobs.length) throw new Error('Two jobs of one run have the same name');
  const shared = new Console(sink);
  const results = new Map<Job, SuiteResult[]>();
  const ended = new Set<string>();
  const names = new Set(jobs.map((job) => job.name));
  const waiting = [...jobs];
  const active = new Set<Promise<void>>();

  const start = (job: Job): void => {
    const out = shared.open();
    const began = Date.now();
    out.write(`── ${job.name} ──\n`);
    const done = (async () => {
      try {
        results.set(job, await job.run(out));
      } catch (error) {
        out.write(`${job.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        results.set(job, [{ name: job.name, passed: 0, failed: 1, skipped: [] }]);
      }
    })().finally(() => {
      out.write(`── ${job.name}: ${((Date.now() - began) / 1000).toFixed(1)} s ──\n`);
      shared.close(out);
      ended.add(job.name);
      active.delete(done);
    });
    active.add(done);
  };

  for (const job of jobs) {
    const missing = (job.after ?? []).filter((name) => !names.has(name));
    if (missing.length === 0) continue;
    waiting.splice(waiting.indexOf(job), 1);
    sink(`${job.name}: waits for ${missing.join(', ')}, which is no job of this run\n`);
    results.set(job, [{ name: job.name, passed: 0, failed: 1, skipped: [] }]);
  }
  while (waiting.length > 0 || active.size > 0) {
    for (const job of [...waiting]) {
      if (active.size >= Math.max(1, concurrency)) break;
      if (!(job.after ?? []).every((name) => ended.has(name))) continue;
      waiting.splice(waiting.indexOf(job), 1);
      start(job);
    }
    if (active.size === 0) break;
    await Promise.race(active);
  }
  // Only jobs waiting on each other are left here.
  for (const job of waiting) {
    sink(`${job.name}: waits for ${(job.after ?? []).join(', ')}, which never ended\n`);
    results.set(job, [{ name: job.name, passed: 0, failed: 1, skipped: [] }]);
  }
  return new Map(jobs.map((job) => [job.name, results.get(job) ?? []]));
}
