import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../tools/wp-stack/paths.ts';
import { judgeSkips, readAcceptedSkips } from '../../tools/test/skips.ts';
import { closingSummary } from '../../tools/test/summary.ts';
import { countJunit, countTap, mergeByName } from '../../tools/test/suite-result.ts';

const fixtures = path.join(repoRoot, 'tests', 'tooling', 'fixtures');
const scratch = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'spp-results-'));

describe('counting results from the tools\' own reports (tools/test/suite-result.ts)', () => {
  it('Node TAP: passes, failures, and each skipped or todo test by name', () => {
    const tap = path.join(scratch(), 'out.tap');
    spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', `--test-reporter-destination=${tap}`, path.join(fixtures, 'skips.fixture.ts')], {
      cwd: repoRoot,
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    assert.deepEqual(countTap(fs.readFileSync(tap, 'utf8')), { passed: 1, failed: 1, skipped: ['is skipped', 'is todo'] });
  });

  it('PHPUnit JUnit: skipped and incomplete tests are neither passed nor failed, and named', () => {
    const junit = path.join(scratch(), 'junit.xml');
    spawnSync('phpunit', ['--no-configuration', '--log-junit', junit, path.join(fixtures, 'SkipsFixture.php')], { cwd: repoRoot });
    const fixture = 'SupportProvisioningPortal\\Tests\\Tooling\\SkipsFixture';
    assert.deepEqual(countJunit(fs.readFileSync(junit, 'utf8')), {
      passed: 1,
      failed: 1,
      skipped: [`${fixture}::testIsSkipped`, `${fixture}::testIsIncomplete`],
    });
  });

  it('the parts of a suite spread over sites add up to one result, where its name first appears', () => {
    const parts = [
      { name: 'REST API', passed: 3, failed: 1, skipped: ['x'] },
      { name: 'PHPUnit', passed: 9, failed: 0, skipped: [] },
      { name: 'REST API', passed: 4, failed: 0, skipped: ['y'] },
    ];
    assert.deepEqual(mergeByName(parts), [{ name: 'REST API', passed: 7, failed: 1, skipped: ['x', 'y'] }, { name: 'PHPUnit', passed: 9, failed: 0, skipped: [] }]);
  });

  it('a total without names still counts every skip', () => {
    assert.deepEqual(countTap('# pass 3\n# fail 0\n# skipped 1\n# todo 1\n').skipped, ['(unnamed skipped test)', '(unnamed skipped test)']);
  });
});

describe('skipped tests fail the run unless accepted with a reason (tools/test/skips.ts)', () => {
  const results = [
    { name: 'PHPUnit', passed: 3, failed: 0, skipped: ['Foo::testA'] },
    { name: 'Proxmox simulator', passed: 9, failed: 0, skipped: ['waits for the cluster'] },
  ];

  it('sorts skips into accepted and unaccepted by suite and test name', () => {
    const verdict = judgeSkips(results, [{ suite: 'PHPUnit', test: 'Foo::testA', reason: 'needs the intl extension on this platform' }]);
    assert.deepEqual(verdict, { accepted: ['PHPUnit › Foo::testA'], unaccepted: ['Proxmox simulator › waits for the cluster'] });
  });

  it('the closing summary fails a run whose only fault is a skip nobody accepted, and passes it once accepted', () => {
    const green = [{ name: 'Proxmox simulator', passed: 9, failed: 0, skipped: ['waits for the cluster'] }];
    const refused = closingSummary(green, [], 1);
    assert.equal(refused.failed, 1);
    assert.ok(refused.lines.includes('  FAIL skipped, not in tests/accepted-skips.json: Proxmox simulator › waits for the cluster'));
    assert.equal(refused.lines.at(-1), '9 passed, 1 failed');
    const accepted = closingSummary(green, [{ suite: 'Proxmox simulator', test: 'waits for the cluster', reason: 'the cluster fixture is shared' }], 1);
    assert.equal(accepted.failed, 0);
    assert.deepEqual(accepted.lines.slice(-2), ['Skipped or todo: 1 (1 accepted in tests/accepted-skips.json)', '9 passed, 0 failed']);
  });

  it('reads the file, refuses entries without a reason, and accepts nothing when it is missing', () => {
    const dir = scratch();
    const file = path.join(dir, 'accepted-skips.json');
    assert.deepEqual(readAcceptedSkips(file), []);
    fs.writeFileSync(file, JSON.stringify([{ suite: 'PHPUnit', test: 'Foo::testA', reason: ' ' }]));
    assert.throws(() => readAcceptedSkips(file), /entry 0: needs a suite, a test and a non-empty reason/);
    fs.writeFileSync(file, JSON.stringify({ suite: 'PHPUnit' }));
    assert.throws(() => readAcceptedSkips(file), /must hold a JSON array/);
    const accepted = [{ suite: 'PHPUnit', test: 'Foo::testA', reason: 'documented upstream bug' }];
    fs.writeFileSync(file, JSON.stringify(accepted));
    assert.deepEqual(readAcceptedSkips(file), accepted);
  });

  it('the repository\'s own file is valid', () => {
    assert.ok(Array.isArray(readAcceptedSkips(path.join(repoRoot, 'tests', 'accepted-skips.json'))));
  });
});
