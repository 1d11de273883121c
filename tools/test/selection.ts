import fs from 'node:fs';
import path from 'node:path';

/**
 * Files that run after every other file of their suite, whatever their name and however they were
 * selected: the secrets scan reads what the other API files left behind (tables, logs, captures).
 */
export const runLast: readonly string[] = ['tests/api/secrets-scan.test.ts'];

/** The files in run order: as given, with the `runLast` files moved to the end. */
export function inRunOrder(files: readonly string[], last: readonly string[] = runLast): string[] {
  return [...files.filter((file) => !last.includes(file)), ...last.filter((file) => files.includes(file))];
}

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
    else byDir.set(dir, inRunOrder([...new Set([...(byDir.get(dir) ?? []), file])]));
  }
  return { byDir, rejected };
}

/** Every `.test.ts` file under `dir` (recursively), sorted, `runLast` ones at the end; none when the folder is missing. */
export function testFiles(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!fs.existsSync(absolute)) return [];
  return inRunOrder(fs.readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => `${dir}/${file.split(path.sep).join('/')}`));
}
