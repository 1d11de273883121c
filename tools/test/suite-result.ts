export interface Counts {
  passed: number;
  failed: number;
  /** Names of skipped and todo tests: they neither pass nor fail, so the runner judges them. */
  skipped: string[];
}

export interface SuiteResult extends Counts {
  name: string;
}

/** Counts from Node's TAP reporter: its closing `# pass` / `# fail` lines, and each skip/todo line. */
export function countTap(tap: string): Counts {
  const number = (label: string): number => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const named = [...tap.matchAll(/^\s*(?:not )?ok \d+ - (.*?) # (?:SKIP|TODO)\b/gim)].map((match) => match[1] ?? '');
  return {
    passed: number('pass'),
    failed: number('fail') + number('cancelled'),
    skipped: withUnnamed(named, number('skipped') + number('todo')),
  };
}

/** Counts from PHPUnit's JUnit log: the outer testsuite's totals and each skipped testcase. */
export function countJunit(xml: string): Counts {
  const suite = /<testsuite [^>]*>/.exec(xml)?.[0] ?? '';
  const attr = (text: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(text)?.[1];
  const total = (name: string): number => Number(attr(suite, name) ?? 0);
  const named = [...xml.matchAll(/<testcase\s([^>]*[^/])>\s*<skipped\b/g)].map((match) => {
    const testcase = match[1] ?? '';
    return `${attr(testcase, 'class') ?? attr(testcase, 'classname') ?? ''}::${attr(testcase, 'name') ?? ''}`;
  });
  const failed = total('failures') + total('errors');
  const skipped = withUnnamed(named, total('skipped'));
  return { passed: total('tests') - failed - skipped.length, failed, skipped };
}

/** The named skips, plus a placeholder for each one the totals report but no line named. */
function withUnnamed(named: string[], total: number): string[] {
  return [...named, ...Array.from({ length: Math.max(0, total - named.length) }, () => '(unnamed skipped test)')];
}

/** One result per suite name, in the order names first appear: the parts of a suite add up. */
export function mergeByName(results: readonly SuiteResult[]): SuiteResult[] {
  const merged = new Map<string, SuiteResult>();
  for (const result of results) {
    const seen = merged.get(result.name);
    merged.set(result.name, seen
      ? { name: seen.name, passed: seen.passed + result.passed, failed: seen.failed + result.failed, skipped: [...seen.skipped, ...result.skipped] }
      : { ...result, skipped: [...result.skipped] });
  }
  return [...merged.values()];
}
