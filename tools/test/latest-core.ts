import type { CoreSource } from '../wp-stack/core.ts';

/** The newest WordPress the stack serves (wordpress-builds.ts): the second WordPress of npm test. */
export const latestCore: CoreSource = '6.6';

/**
 * The REST and browser test files a whole `npm test` runs a second time, against `latestCore`:
 * the ones that exercise what changes between WordPress releases, within the run's time budget.
 * Why these: docs/decisions/wordpress-versions.md. `npm run test:wp-latest` runs every file.
 */
export const latestCoreFiles: readonly string[] = [
  'tests/api/schema.test.ts',
  'tests/api/settings.test.ts',
  'tests/api/users.test.ts',
  'tests/api/deployments.test.ts',
  'tests/api/multisite.test.ts',
  'tests/api/uninstall.test.ts',
  'tests/e2e/admin-page.test.ts',
  'tests/e2e/i18n-german.test.ts',
];
