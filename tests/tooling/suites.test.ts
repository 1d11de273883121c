import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { nodeTests, withTool } from '../../tools/test/suites.ts';

describe('a suite whose tool is missing (tools/test/suites.ts)', () => {
  it('says so in one line and counts as one failure, without running', () => {
    const log = mock.method(console, 'log', () => undefined);
    let ran = false;
    const result = withTool('PHPUnit', 'spp-no-such-tool', () => {
      ran = true;
      return { name: 'PHPUnit', passed: 5, failed: 0, skipped: [] };
    });
    log.mock.restore();
    assert.deepEqual(result, { name: 'PHPUnit', passed: 0, failed: 1, skipped: [] });
    assert.equal(ran, false);
    assert.deepEqual(log.mock.calls.map((call) => call.arguments), [['PHPUnit: spp-no-such-tool is not installed, so this suite cannot run and counts as failed.']]);
  });

  it('runs the suite when the tool is there', () => {
    assert.deepEqual(withTool('Shell', 'sh', () => ({ name: 'Shell', passed: 2, failed: 0, skipped: [] })), { name: 'Shell', passed: 2, failed: 0, skipped: [] });
  });
});

describe('a suite given no test file (tools/test/suites.ts)', () => {
  it('counts as failed instead of "ok, 0 passed"', () => {
    const log = mock.method(console, 'log', () => undefined);
    const result = nodeTests('Unit (TypeScript)', []);
    log.mock.restore();
    assert.deepEqual(result, { name: 'Unit (TypeScript)', passed: 0, failed: 1, skipped: [] });
    assert.deepEqual(log.mock.calls.map((call) => call.arguments), [['Unit (TypeScript): no test files, so this suite counts as failed.']]);
  });
});
