import { ensureSystemPackages, hasCommand, hasPhpExtension } from '../../tools/wp-stack/system.ts';

/** Debian packages only the benchmark needs: the sampling profiler and Redis for the object cache. */
const benchPackages = [
  { pkg: 'php-excimer', proof: () => hasPhpExtension('excimer') },
  { pkg: 'php-redis', proof: () => hasPhpExtension('redis') },
];

export const ensureBenchPackages = (): void => ensureSystemPackages(benchPackages);

/** `npm run bench:instructions` counts instructions with Valgrind's callgrind. */
export const ensureValgrind = (): void => ensureSystemPackages([{ pkg: 'valgrind', proof: () => hasCommand('valgrind') }]);
