import type { AcceptedSkip } from './skips.ts';
import { judgeSkips } from './skips.ts';
import type { SuiteResult } from './suite-result.ts';

export interface ClosingSummary {
  /** The lines after the suites' output, the last one "N passed, N failed". */
  lines: string[];
  passed: number;
  /** Failed tests plus every skipped or todo test nobody accepted: the run fails when above 0. */
  failed: number;
}

/** The run's closing summary: each suite's counts, the skips nobody accepted (each a failure), the totals. */
export function closingSummary(results: readonly SuiteResult[], accepted: readonly AcceptedSkip[], wallSeconds: number): ClosingSummary {
  const skips = judgeSkips(results, accepted);
  const lines = ['', 'Suites:'];
  for (const result of results) {
    const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : '';
    lines.push(`  ${result.failed === 0 ? 'ok  ' : 'FAIL'} ${result.name}: ${result.passed} passed, ${result.failed} failed${skipped}`);
  }
  for (const test of skips.unaccepted) lines.push(`  FAIL skipped, not in tests/accepted-skips.json: ${test}`);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0) + skips.unaccepted.length;
  lines.push(`Wall time: ${wallSeconds.toFixed(1)} s`);
  lines.push(`Skipped or todo: ${skips.accepted.length + skips.unaccepted.length} (${skips.accepted.length} accepted in tests/accepted-skips.json)`);
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed };
}
