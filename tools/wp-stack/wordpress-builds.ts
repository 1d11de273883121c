import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stackDir } from './paths.ts';
import { PrerequisiteError } from './prerequisite-error.ts';
import { hasCommand } from './system.ts';

/**
 * WordPress releases newer than Debian's, from the npm package @wp-playground/wordpress-builds.
 * Each release is a zip of its PHP files (comments stripped by Playground's build, the code
 * unchanged) plus its static files under `public/`; together they are the whole release without
 * Akismet and the themes other than the default one. The stack serves them natively on PHP and
 * MariaDB, like Debian's core; Playground's SQLite integration is a mu-plugin in neither part.
 */
const spec = '@wp-playground/wordpress-builds@0.9.19';
/** The tarball's integrity as the npm registry publishes it; checked before anything is unpacked. */
const integrity = 'sha512-dlqvh/MJDpE5W68vgPPKUjpip6zMuBh59L3D18ZX+pdwurC4q4ydrTww/3sTMV69BBcoH6kF93YtAtujNC5Mpw==';
/** The package's build of each WordPress branch; its 6.6 build is the beta channel, 6.6-RC3. */
export const wordPressBuilds = {
  '6.2': 'wp-6.2',
  '6.3': 'wp-6.3',
  '6.4': 'wp-6.4',
  '6.5': 'wp-6.5',
  '6.6': 'wp-beta',
} as const;
export type WordPressBranch = keyof typeof wordPressBuilds;

const buildsDir = path.join(stackDir, 'wordpress-builds');

function run(step: string, command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new PrerequisiteError(`${step} failed:\n${`${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim()}`);
  }
  return result.stdout;
}

function sha512(file: string): string {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/** `npm pack` fetches the tarball through npm's own client and cache, once per clone. */
function ensureTarball(): string {
  const tarball = path.join(buildsDir, 'wp-playground-wordpress-builds-0.9.19.tgz');
  if (fs.existsSync(tarball) && sha512(tarball) === integrity) return tarball;
  fs.mkdirSync(buildsDir, { recursive: true });
  console.log(`Fetching newer WordPress releases (npm pack ${spec})`);
  run('npm pack', 'npm', ['pack', spec, '--pack-destination', buildsDir, '--silent'], buildsDir);
  if (sha512(tarball) !== integrity) {
    fs.rmSync(tarball, { force: true });
    throw new PrerequisiteError(`${spec} does not have the integrity this stack pins (${integrity}).`);
  }
  return tarball;
}

/** The unpacked release of `branch`: PHP from its zip, static files from `public/` laid over it. */
export function ensureWordPressBuild(branch: WordPressBranch): string {
  const build = wordPressBuilds[branch];
  const tree = path.join(buildsDir, build);
  if (fs.existsSync(path.join(tree, '.complete'))) return tree;
  if (!hasCommand('unzip')) throw new PrerequisiteError('Unpacking a WordPress build needs unzip (apt-get install unzip).');
  const tarball = ensureTarball();
  const work = fs.mkdtempSync(path.join(buildsDir, 'unpack-'));
  try {
    run('Unpacking the builds', 'tar', ['xzf', tarball, '-C', work, `package/src/wordpress/${build}.zip`, `package/public/${build}`], work);
    const unpacked = path.join(work, 'wordpress');
    run(`Unzipping ${build}.zip`, 'unzip', ['-q', path.join(work, 'package', 'src', 'wordpress', `${build}.zip`), '-d', unpacked], work);
    fs.cpSync(path.join(work, 'package', 'public', build), unpacked, { recursive: true });
    // Playground's list of the files it serves from elsewhere; no part of WordPress.
    fs.rmSync(path.join(unpacked, 'wordpress-remote-asset-paths'), { force: true });
    fs.writeFileSync(path.join(unpacked, '.complete'), spec);
    fs.rmSync(tree, { recursive: true, force: true });
    fs.renameSync(unpacked, tree);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return tree;
}
