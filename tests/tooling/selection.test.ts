import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../tools/wp-stack/paths.ts';
import { inRunOrder, runLast, selectTestFiles, splitPlan, testFiles } from '../../tools/test/selection.ts';

const dirs = ['tests/tooling', 'tests/api'];

describe('choosing test files (tools/test/selection.ts)', () => {
  it('accepts a file however it is spelled: plain, with ./, or absolute', () => {
    const file = 'tests/tooling/dev-site.test.ts';
    const selection = selectTestFiles(repoRoot, dirs, [file, `./${file}`, path.join(repoRoot, file)]);
    assert.deepEqual([...selection.byDir], [['tests/tooling', [file]]]);
    assert.deepEqual(selection.rejected, []);
  });

  it('rejects, with the reason, what names no test file of a suite', () => {
    const selection = selectTestFiles(repoRoot, dirs, ['tests/api/no-such.test.ts', 'README.md', 'tests/sim/auth.test.ts']);
    assert.equal(selection.byDir.size, 0);
    assert.deepEqual(selection.rejected, [
      'tests/api/no-such.test.ts: no such file',
      'README.md: not a .test.ts file under tests/tooling, tests/api',
      'tests/sim/auth.test.ts: not a .test.ts file under tests/tooling, tests/api',
    ]);
  });

  it('lists a folder\'s test files, and none for a missing folder', () => {
    assert.ok(testFiles(repoRoot, 'tests/tooling').includes('tests/tooling/selection.test.ts'));
    assert.ok(!testFiles(repoRoot, 'tests/tooling').some((file) => file.includes('fixture')));
    assert.deepEqual(testFiles(repoRoot, 'tests/unit-that-does-not-exist'), []);
  });

  it('runs the secrets scan after the rest of the API suite, by a declared list rather than its name', () => {
    const api = testFiles(repoRoot, 'tests/api');
    assert.deepEqual(runLast, ['tests/api/secrets-scan.test.ts']);
    assert.equal(api.at(-1), 'tests/api/secrets-scan.test.ts');
    assert.ok(api.some((file) => file > 'tests/api/secrets-scan.test.ts'), 'a file whose name sorts after it still runs before it');
    const chosen = selectTestFiles(repoRoot, dirs, ['tests/api/secrets-scan.test.ts', 'tests/api/fuzz.test.ts', 'tests/api/two-servers.test.ts']);
    assert.deepEqual(chosen.byDir.get('tests/api'), ['tests/api/fuzz.test.ts', 'tests/api/two-servers.test.ts', 'tests/api/secrets-scan.test.ts']);
    assert.deepEqual(inRunOrder(['b', 'last', 'a'], ['last', 'absent']), ['b', 'a', 'last']);
  });

  it('a suite spread over sites: each part starts with a file the secrets scan needs, ends with the scan, and shares the rest', () => {
    const plan = splitPlan(['a', 'fuzz', 'b', 'scan', 'race', 'c'], 2, ['scan'], ['fuzz', 'race']);
    assert.deepEqual(plan, { first: [['fuzz'], ['race']], queue: ['a', 'b', 'c'], last: ['scan'] });
    assert.equal(splitPlan(['a', 'fuzz', 'scan'], 2, ['scan'], ['fuzz', 'race']).first.length, 1, 'never a part whose scan would find no captured response');
    assert.deepEqual(splitPlan(['a', 'b', 'c'], 2, ['scan'], ['fuzz']), { first: [[], []], queue: ['a', 'b', 'c'], last: [] }, 'without a scan any file may start a part');
    assert.equal(splitPlan(['a'], 3, [], []).first.length, 1, 'no more parts than files');
    const api = testFiles(repoRoot, 'tests/api');
    const whole = splitPlan(api, 2);
    assert.equal(whole.first.length, 2, 'the API suite has a fuzz or race test for each of two parts');
    assert.deepEqual([...whole.first.flat(), ...whole.queue].sort(), api.filter((file) => !runLast.includes(file)).sort(), 'every other file once');
    assert.deepEqual(whole.last, runLast);
  });

  it('npm test -- ./file runs that file, and a wrong name fails the run', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/test/run.ts', './tests/tooling/dev-site.test.ts', 'tests/api/no-such.test.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /ok {3}Tooling \(prerequisites, runner, dev site\): 2 passed, 0 failed/);
    assert.match(run.stdout, /FAIL Selection: tests\/api\/no-such\.test\.ts: no such file: 0 passed, 1 failed/);
    assert.match(run.stdout, /Skipped or todo: 0 \(0 accepted in tests\/accepted-skips\.json\)\n2 passed, 1 failed\n$/);
  });
});
