import fs from 'node:fs';
import path from 'node:path';

/**
 * Files that run after every other file of their suite, whatever their name and however they were
 * selected: the secrets scan reads what the other API files left behind (tables, logs, captures).
 */
export const runLast: readonly string[] = ['tests/api/secrets-scan.test.ts'];

/**
 * Files whose leftovers the `runLast` files need on their site: the secrets scan fails without
 * responses captured by the fuzz or race test. A suite split over several sites starts each part
 * with one of them, so it is split into at most as many parts as it has of these.
 */
export const feedLast: readonly string[] = ['tests/api/fuzz.test.ts', 'tests/api/two-servers.test.ts'];

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

/** How the parts of a suite split over several sites share its files. */
export interface SplitPlan {
  /** The file each part starts with (a `feedLast` file where the suite has `runLast` files). */
  first: string[][];
  /** The rest, taken one at a time by whichever part is free, so the parts end close together. */
  queue: string[];
  /** The `runLast` files, which end every part. */
  last: string[];
}

export function splitPlan(files: readonly string[], parts: number, last: readonly string[] = runLast, feeders: readonly string[] = feedLast): SplitPlan {
  const lastHere = files.filter((file) => last.includes(file));
  const spread = files.filter((file) => !last.includes(file));
  const feeding = feeders.filter((file) => spread.includes(file));
  const most = lastHere.length > 0 ? Math.max(1, feeding.length) : parts;
  const count = Math.max(1, Math.min(parts, most, spread.length));
  const first = Array.from({ length: count }, (_, index): string[] => (feeding[index] === undefined ? [] : [feeding[index]]));
  const queue = spread.filter((file) => !first.flat().includes(file));
  return { first, queue, last: lastHere };
}
