import { ensureSystemPackages, hasPhpExtension } from '../../tools/wp-stack/system.ts';

/** Debian packages only the benchmark needs: the sampling profiler and Redis for the object cache. */
const benchPackages = [
  { pkg: 'php-excimer', proof: () => hasPhpExtension('excimer') },
  { pkg: 'php-redis', proof: () => hasPhpExtension('redis') },
];

export const ensureBenchPackages = (): void => ensureSystemPackages(benchPackages);
