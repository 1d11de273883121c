/**
 * Token secrets the test suite sends to the site. The secrets scan (tests/api/secrets-scan.test.ts,
 * run after every other API file) proves that none of them shows up in plain text anywhere: tables,
 * logs, captured responses.
 */

/** The secret this suite's own settings writes use. */
export const testTokenSecret = 'spp-suite-secret-6d2f0b8e-1c4a-4f7e-9a35-0e8b7c2d1f90';

/** Every fixed secret value the suite uses, including other files' own (kept in step by hand). */
export const knownSecrets: readonly string[] = [
  testTokenSecret,
  // tests/api/settings.test.ts
  'set-secret-4f1c9a27-8d3e-4b6a-9c10-5e7f2a1b3c4d',
  'set-other-secret-0b9e',
  'set-probe-secret',
  // tests/api/http-adapter.test.ts (its simulator's own secret is random and never reaches the site)
  'limited-secret-4b1e9f',
  'wrong-secret-7c0d2a',
  // tests/api/faults.test.ts
  'flt-sim-secret-3e7a9c15-0b4d-4f82-a6e9-71c2d8b05f43',
  'flt-rotated-secret-94b1e6d2',
];
