import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stackDir } from './paths.ts';
import { PrerequisiteError } from './prerequisite-error.ts';
import { hasCommand } from './system.ts';

/**
 * Debian's WordPress, its two themes, and the Debian packages its files link to (relative
 * symlinks into /usr/share/php and /usr/share/javascript). Installing `wordpress` would also
 * install Apache, its first-choice web server; the stack serves with PHP's built-in server.
 */
const packages = [
  'wordpress',
  'wordpress-theme-twentytwentythree',
  'wordpress-theme-twentytwentyone',
  'php-getid3',
  'libjs-underscore',
  'libjs-cropper',
] as const;

/** The packages' files, unpacked as if `/` were this folder. */
const unpackedRoot = path.join(stackDir, 'debian');
export const debianWordPress = path.join(unpackedRoot, 'usr', 'share', 'wordpress');

function fail(step: string, output: string): never {
  throw new PrerequisiteError(
    `${step} failed:\n${output.trim()}\nRefresh the package lists as root (apt-get update) and run the command again.`,
  );
}

function run(step: string, command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) fail(step, `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`);
}

/** Downloads (no root needed) and unpacks the packages once per clone. */
export function ensureDebianWordPress(): void {
  const marker = path.join(unpackedRoot, '.packages');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === packages.join(' ')) return;
  if (!hasCommand('apt-get') || !hasCommand('dpkg-deb')) {
    throw new PrerequisiteError('Fetching Debian\'s WordPress needs apt-get and dpkg-deb (a Debian or Ubuntu machine).');
  }
  console.log(`Fetching Debian's WordPress (apt-get download ${packages.join(' ')})`);
  fs.mkdirSync(stackDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(stackDir, 'debian-download-'));
  try {
    // apt-get as root otherwise warns that its sandbox user cannot write here.
    run('apt-get download', 'apt-get', ['-o', 'APT::Sandbox::User=root', 'download', ...packages], work);
    const unpacked = path.join(work, 'root');
    for (const deb of fs.readdirSync(work).filter((file) => file.endsWith('.deb'))) {
      run(`Unpacking ${deb}`, 'dpkg-deb', ['-x', deb, unpacked], work);
    }
    fs.writeFileSync(path.join(unpacked, '.packages'), packages.join(' '));
    fs.rmSync(unpackedRoot, { recursive: true, force: true });
    fs.renameSync(unpacked, unpackedRoot);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
