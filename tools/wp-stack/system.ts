import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { PrerequisiteError } from './prerequisite-error.ts';

export interface RequiredPackage {
  pkg: string;
  /** What the stack actually uses from the package, checked the way the stack uses it. */
  proof: () => boolean;
}

/**
 * Debian packages the stack, the test suites and the browser need. WordPress itself is not here:
 * Debian's `wordpress` package depends on a web server (Apache first), so its files are fetched
 * with `apt-get download` instead (debian-wordpress.ts).
 */
const requiredPackages: readonly RequiredPackage[] = [
  { pkg: 'php-cli', proof: () => hasCommand('php') },
  { pkg: 'php-mysql', proof: () => hasPhpExtension('mysqli') },
  { pkg: 'php-curl', proof: () => hasPhpExtension('curl') },
  { pkg: 'php-xml', proof: () => hasPhpExtension('dom') },
  { pkg: 'php-mbstring', proof: () => hasPhpExtension('mbstring') },
  { pkg: 'php-intl', proof: () => hasPhpExtension('intl') },
  { pkg: 'phpunit', proof: () => hasCommand('phpunit') },
  { pkg: 'php-codesniffer', proof: () => hasCommand('phpcs') },
  { pkg: 'chromium', proof: () => hasCommand('chromium') },
  // The simulator's certificates; WordPress's CA bundle links to the system one.
  { pkg: 'openssl', proof: () => hasCommand('openssl') },
  { pkg: 'ca-certificates', proof: () => fs.existsSync('/etc/ssl/certs/ca-certificates.crt') },
  // The newer WordPress releases come as zips (wordpress-builds.ts).
  { pkg: 'unzip', proof: () => hasCommand('unzip') },
];

let phpModules: string[] | undefined;

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

export function hasPhpExtension(name: string): boolean {
  if (!hasCommand('php')) return false;
  phpModules ??= execFileSync('php', ['-m'], { encoding: 'utf8' }).toLowerCase().split('\n');
  return phpModules.includes(name);
}

function missingPackages(packages: readonly RequiredPackage[]): string[] {
  phpModules = undefined;
  return packages.filter((p) => !p.proof()).map((p) => p.pkg);
}

export const installCommand = (packages: readonly string[]): string =>
  `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;

/**
 * Installs missing Debian packages when we may (root with apt-get), without recommended packages
 * (they would bring a web server and printing libraries nobody uses); otherwise names the exact
 * command and stops, so nothing half-works.
 */
export function ensureSystemPackages(packages: readonly RequiredPackage[] = requiredPackages): void {
  const missing = missingPackages(packages);
  if (missing.length === 0) return;
  const command = installCommand(missing);
  const canInstall = process.getuid?.() === 0 && hasCommand('apt-get');
  if (!canInstall) {
    const why = hasCommand('apt-get') ? 'Installing them needs root.' : 'apt-get is not available here.';
    throw new PrerequisiteError(
      `Missing Debian packages: ${missing.join(', ')}. ${why}\nInstall them as root with:\n  ${command}`,
    );
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  const result = spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missingPackages(packages);
  if (result.status !== 0 || still.length > 0) {
    throw new PrerequisiteError(
      `Installing Debian packages failed (see apt-get's output above); still missing: ${still.join(', ') || 'none'}.\nRetry as root with:\n  ${command}`,
    );
  }
}
