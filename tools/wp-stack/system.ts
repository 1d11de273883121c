import { execFileSync, spawnSync } from 'node:child_process';

/** Debian packages the stack, the tests and the browser need, with a file that proves each. */
const requiredPackages: ReadonlyArray<{ pkg: string; proof: () => boolean }> = [
  { pkg: 'php-cli', proof: () => hasCommand('php') },
  { pkg: 'php-mysql', proof: () => hasPhpExtension('mysqli') },
  { pkg: 'php-curl', proof: () => hasPhpExtension('curl') },
  { pkg: 'php-xml', proof: () => hasPhpExtension('dom') },
  { pkg: 'php-mbstring', proof: () => hasPhpExtension('mbstring') },
  { pkg: 'php-intl', proof: () => hasPhpExtension('intl') },
  { pkg: 'wordpress', proof: () => isInstalled('wordpress') },
  { pkg: 'wordpress-theme-twentytwentythree', proof: () => isInstalled('wordpress-theme-twentytwentythree') },
  { pkg: 'wordpress-theme-twentytwentyone', proof: () => isInstalled('wordpress-theme-twentytwentyone') },
  { pkg: 'phpunit', proof: () => hasCommand('phpunit') },
  { pkg: 'php-codesniffer', proof: () => hasCommand('phpcs') },
  { pkg: 'chromium', proof: () => hasCommand('chromium') },
];

let phpModules: string[] | undefined;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function hasPhpExtension(name: string): boolean {
  if (!hasCommand('php')) return false;
  phpModules ??= execFileSync('php', ['-m'], { encoding: 'utf8' }).toLowerCase().split('\n');
  return phpModules.includes(name);
}

function isInstalled(pkg: string): boolean {
  const out = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.includes('install ok installed');
}

/**
 * Installs missing Debian packages when we may (root with apt); otherwise names the exact
 * command and stops, so nothing half-works.
 */
export function ensureSystemPackages(): void {
  const missing = requiredPackages.filter((p) => !p.proof()).map((p) => p.pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    throw new Error(`Missing system packages: ${missing.join(', ')}.\nInstall them as root with:\n  ${command}`);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env });
  phpModules = undefined;
  const still = requiredPackages.filter((p) => !p.proof()).map((p) => p.pkg);
  if (still.length > 0) throw new Error(`Still missing after apt-get: ${still.join(', ')}`);
}
