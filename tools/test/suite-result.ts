export interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
}

export function countTap(tap: string): { passed: number; failed: number } {
  const number = (label: string): number => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return { passed: number('pass'), failed: number('fail') + number('cancelled') };
}

export function countJunit(xml: string): { passed: number; failed: number } {
  const suite = /<testsuite [^>]*>/.exec(xml)?.[0] ?? '';
  const attr = (name: string): number => Number(new RegExp(`${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = attr('failures') + attr('errors') + attr('skipped');
  return { passed: attr('tests') - failed, failed };
}
