import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { runJobs, type Job } from '../../tools/test/jobs.ts';
import { nodeTests } from '../../tools/test/suites.ts';

const result = (name: string, failed = 0) => ({ name, passed: failed === 0 ? 1 : 0, failed, skipped: [] });

/** A job that writes `lines` one by one, yielding between them, and passes (or fails `failed` tests). */
function writer(name: string, lines: string[], { after, failed = 0, log }: { after?: string[]; failed?: number; log?: string[] } = {}): Job {
  return {
    name,
    ...(after ? { after } : {}),
    run: async (out) => {
      log?.push(`start ${name}`);
      for (const line of lines) {
        out.write(`${line}\n`);
        await sleep(1);
      }
      log?.push(`end ${name}`);
      return [result(name, failed)];
    },
  };
}

describe('suites side by side (tools/test/jobs.ts)', () => {
  it('every result comes back under its job, and failures still count', async () => {
    const ran = await runJobs([writer('a', ['a1', 'a2', 'a3']), writer('b', ['b1'], { failed: 2 }), writer('c', ['c1', 'c2'])], 3, () => undefined);
    assert.deepEqual([...ran.entries()], [['a', [result('a')]], ['b', [result('b', 2)]], ['c', [result('c')]]]);
  });

  it('each job\'s output is printed whole, never mixed with another\'s', async () => {
    const printed: string[] = [];
    await runJobs([writer('a', ['a1', 'a2', 'a3']), writer('b', ['b1', 'b2']), writer('c', ['c1', 'c2', 'c3', 'c4'])], 3, (text) => printed.push(text));
    const lines = printed.join('').trimEnd().split('\n').filter((line) => !line.startsWith('──'));
    assert.equal(lines.length, 9);
    const blocks = lines.map((line) => line[0]).filter((job, i, all) => job !== all[i - 1]);
    assert.deepEqual([...blocks].sort(), ['a', 'b', 'c'], `one block per job: ${lines.join(' ')}`);
    for (const job of ['a', 'b', 'c']) assert.deepEqual(lines.filter((line) => line[0] === job), [...lines.filter((line) => line[0] === job)].sort());
  });

  it('a job that ends while another writes through waits until that one has ended', async () => {
    const printed: string[] = [];
    await runJobs([writer('long', ['l1', 'l2', 'l3', 'l4', 'l5', 'l6']), writer('short', ['s1'])], 2, (text) => printed.push(text));
    const lines = printed.join('').split('\n').filter((line) => line !== '').map((line) => line.replace(/\d+\.\d s/, 'N s'));
    assert.deepEqual(lines, ['── long ──', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', '── long: N s ──', '── short ──', 's1', '── short: N s ──']);
  });

  it('runs at most `concurrency` jobs at once, and a job only after the jobs it waits for', async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const counted = (job: Job): Job => ({
      ...job,
      run: async (out) => {
        most = Math.max(most, ++running);
        try {
          return await job.run(out);
        } finally {
          running--;
        }
      },
    });
    const jobs = [writer('site', ['s1', 's2', 's3', 's4', 's5']), writer('browser', ['x'], { after: ['build'], log }), writer('build', ['b1', 'b2'], { log }), writer('lint', ['l'])];
    await runJobs(jobs.map(counted), 2, () => undefined);
    assert.equal(most, 2);
    assert.ok(log.indexOf('start browser') > log.indexOf('end build'), log.join(', '));
  });

  it('one at a time writes straight through, in order, each between its name and its time', async () => {
    const printed: string[] = [];
    await runJobs([writer('a', ['a1', 'a2']), writer('b', ['b1'])], 1, (text) => printed.push(text));
    assert.deepEqual(printed.map((text) => text.replace(/\d+\.\d s/, 'N s')), ['── a ──\n', 'a1\n', 'a2\n', '── a: N s ──\n', '── b ──\n', 'b1\n', '── b: N s ──\n']);
  });

  it('a job that throws fails as one suite under its name, and prints why', async () => {
    const printed: string[] = [];
    const broken: Job = { name: 'Throwaway WordPress site', run: () => Promise.reject(new Error('MariaDB is not running')) };
    const ran = await runJobs([broken, writer('b', ['b1'])], 2, (text) => printed.push(text));
    assert.deepEqual(ran.get('Throwaway WordPress site'), [result('Throwaway WordPress site', 1)]);
    assert.deepEqual(ran.get('b'), [result('b')]);
    assert.match(printed.join(''), /Throwaway WordPress site: Error: MariaDB is not running/);
  });

  it('a job waiting for a job that is not there, or for one waiting on it, fails instead of vanishing', async () => {
    const printed: string[] = [];
    const ran = await runJobs([writer('a', [], { after: ['no such job'] }), writer('b', [], { after: ['c'] }), writer('c', [], { after: ['b'] })], 2, (text) => printed.push(text));
    assert.deepEqual([...ran.values()], [[result('a', 1)], [result('b', 1)], [result('c', 1)]]);
    assert.match(printed.join(''), /a: waits for no such job, which is no job of this run/);
  });

  it('two jobs of one name are refused', async () => {
    await assert.rejects(runJobs([writer('a', []), writer('a', [])], 2, () => undefined), /same name/);
  });

  it('real test processes side by side: a crashed one fails, the other passes, each one\'s output whole', async () => {
    const printed: string[] = [];
    const suite = (name: string, file: string): Job => ({ name, run: async (out) => [await nodeTests(name, [file], out)] });
    const ran = await runJobs([suite('Crashing', 'tests/tooling/fixtures/crash.fixture.ts'), suite('Fine', 'tests/tooling/fixtures/passes.fixture.ts')], 2, (text) => printed.push(text));
    assert.ok((ran.get('Crashing')?.[0]?.failed ?? 0) >= 1, JSON.stringify(ran.get('Crashing')));
    assert.deepEqual(ran.get('Fine'), [{ name: 'Fine', passed: 2, failed: 0, skipped: [] }]);
    const output = printed.join('');
    assert.match(output, /✖ .*crash\.fixture\.ts/);
    const fine = /✔ adds[\s\S]*?ℹ duration_ms/.exec(output)?.[0] ?? '';
    assert.match(fine, /multiplies/);
    assert.doesNotMatch(fine, /crash/, 'nothing of the other suite inside this one\'s output');
  });
});
