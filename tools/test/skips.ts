import fs from 'node:fs';
import type { SuiteResult } from './suite-result.ts';

/** One entry of the accepted-skips file: a test that may be skipped, and why. */
export interface AcceptedSkip {
  suite: string;
  test: string;
  reason: string;
}

export interface SkipVerdict {
  accepted: string[];
  /** Skips nobody accepted: each counts as a failure. */
  unaccepted: string[];
}

const label = (suite: string, test: string): string => `${suite} › ${test}`;

/** Reads the accepted-skips file (a JSON array); a missing file accepts nothing. */
export function readAcceptedSkips(file: string): AcceptedSkip[] {
  if (!fs.existsSync(file)) return [];
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${file} must hold a JSON array of {suite, test, reason}`);
  return entries.map((entry: Partial<AcceptedSkip>, index) => {
    if (typeof entry.suite !== 'string' || typeof entry.test !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim() === '') {
      throw new Error(`${file} entry ${index}: needs a suite, a test and a non-empty reason`);
    }
    return { suite: entry.suite, test: entry.test, reason: entry.reason };
  });
}

/** Sorts every skipped or todo test of the run into accepted (listed with a reason) or not. */
export function judgeSkips(results: readonly SuiteResult[], accepted: readonly AcceptedSkip[]): SkipVerdict {
  const allowed = new Set(accepted.map((entry) => label(entry.suite, entry.test)));
  const skipped = results.flatMap((result) => result.skipped.map((test) => label(result.name, test)));
  return {
    accepted: skipped.filter((test) => allowed.has(test)),
    unaccepted: skipped.filter((test) => !allowed.has(test)),
  };
}
