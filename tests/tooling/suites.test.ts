import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Output } from '../../tools/test/jobs.ts';
import { nodeTests, run, withTool } from '../../tools/test/suites.ts';

/** An Output that keeps what a suite writes. */
function captured(): Output & { text: () => string } {
  const parts: string[] = [];
  return { write: (text) => parts.push(text), text: () => parts.join('') };
}

describe('a suite whose tool is missing (tools/test/suites.ts)', () => {
  it('says so in one line and counts as one failure, without running', async () => {
    const out = captured();
    let ran = false;
    const result = await withTool('PHPUnit', 'spp-no-such-tool', out, async () => {
      ran = true;
      return { name: 'PHPUnit', passed: 5, failed: 0, skipped: [] };
    });
    assert.deepEqual(result, { name: 'PHPUnit', passed: 0, failed: 1, skipped: [] });
    assert.equal(ran, false);
    assert.equal(out.text(), 'PHPUnit: spp-no-such-tool is not installed, so this suite cannot run and counts as failed.\n');
  });

  it('runs the suite when the tool is there', async () => {
    assert.deepEqual(await withTool('Shell', 'sh', captured(), async () => ({ name: 'Shell', passed: 2, failed: 0, skipped: [] })), { name: 'Shell', passed: 2, failed: 0, skipped: [] });
  });
});

describe('a suite given no test file (tools/test/suites.ts)', () => {
  it('counts as failed instead of "ok, 0 passed"', async () => {
    const out = captured();
    const result = await nodeTests('Unit (TypeScript)', [], out);
    assert.deepEqual(result, { name: 'Unit (TypeScript)', passed: 0, failed: 1, skipped: [] });
    assert.equal(out.text(), 'Unit (TypeScript): no test files, so this suite counts as failed.\n');
  });
});

describe('a suite whose test process crashes (tools/test/suites.ts)', () => {
  it('counts as failed, and its output names the file', async () => {
    const out = captured();
    const result = await nodeTests('Crashing', ['tests/tooling/fixtures/crash.fixture.ts'], out);
    assert.ok(result.failed >= 1, JSON.stringify(result));
    assert.match(out.text(), /✖ .*crash\.fixture\.ts/);
  });
});

describe('a command that outlives its limit (tools/test/suites.ts)', () => {
  it('is stopped, says so in one line and fails, so a hung test file cannot hold the whole run', async () => {
    const out = captured();
    const started = Date.now();
    const status = await run(out, process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {}, { ms: 300, what: 'tests/api/hangs.test.ts' });
    assert.notEqual(status, 0);
    assert.ok(Date.now() - started < 30_000);
    assert.equal(out.text(), 'tests/api/hangs.test.ts: still running after 0.005 min, so it was stopped and counts as failed.\n');
  });

  it('is left alone when it ends in time', async () => {
    const out = captured();
    assert.equal(await run(out, process.execPath, ['-e', 'process.stdout.write("done")'], {}, { ms: 60_000, what: 'quick' }), 0);
    assert.equal(out.text(), 'done');
  });
});
