import fs from 'node:fs';
import path from 'node:path';

export interface Selection {
  /** Selected test files per suite folder, as repository-relative paths. */
  byDir: Map<string, string[]>;
  /** Arguments that name no test file of any suite folder, each with why. */
  rejected: string[];
}

/** A command-line path as the repository-relative, `/`-separated path the suites list. */
export function repoRelative(root: string, arg: string): string {
  return path.relative(root, path.resolve(root, arg)).split(path.sep).join('/');
}

/**
 * `npm test -- tests/api/x.test.ts ./tests/sim/y.test.ts …`: each argument must name an existing
 * `.test.ts` file inside one of `dirs`, however it is spelled (leading `./`, absolute).
 */
export function selectTestFiles(root: string, dirs: readonly string[], args: readonly string[]): Selection {
  const byDir = new Map<string, string[]>();
  const rejected: string[] = [];
  for (const arg of args) {
    const file = repoRelative(root, arg);
    const dir = dirs.find((candidate) => file.startsWith(`${candidate}/`));
    if (!dir || !file.endsWith('.test.ts')) rejected.push(`${arg}: not a .test.ts file under ${dirs.join(', ')}`);
    else if (!fs.existsSync(path.join(root, file))) rejected.push(`${arg}: no such file`);
    else byDir.set(dir, [...new Set([...(byDir.get(dir) ?? []), file])]);
  }
  return { byDir, rejected };
}

/** Every `.test.ts` file under `dir` (recursively), sorted; none when the folder is missing. */
export function testFiles(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs.readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => `${dir}/${file.split(path.sep).join('/')}`);
}
