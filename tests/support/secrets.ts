/**
 * Token secrets the test suite sends to the site. The secrets scan (tests/api/secrets-scan.test.ts,
 * run after every other API file) proves that none of them shows up in plain text anywhere: tables,
 * logs, captured responses.
 */

/** The secret this suite's own settings writes use. */
export const testTokenSecret = 'spp-suite-secret-6d2f0b8e-1c4a-4f7e-9a35-0e8b7c2d1f90';

/**
 * Every fixed secret value the suite uses, including other files' own (kept in step by hand;
 * tests/unit/known-secrets.test.ts fails when an API test file sends one that is not listed).
 */
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
  // tests/api/templates.test.ts
  'tpl-unreachable-secret',
  // tests/api/http-mode.test.ts
  'htm-sim-secret-5a8e2c71-94d0-4f3b-b6e1-0c7d9a2f4e18',
  'htm-bad-secret-8d3c0a6f',
  'htm-limited-secret-2b9f7e41',
  // tests/api/secret-destination.test.ts
  'saved-secret-6a1f0c3e-2b7d-4e95-8c14-0f9b3d2a7e61',
  'posted-secret-1d4b',
  // the files on the three-node simulator (tests/support/cluster-portal.ts)
  'plc-sim-secret-2b7d9e41-6c0a-4f53-8e1d-a9c4b7f2e613',
  'cow-sim-secret-1f6b2d84-7a3e-4c59-9e07-b58d3a2c61f0',
  'snap-sim-secret-5d1c7e42-93b0-4f6a-8c2e-0a7b9d3f1e64',
  'drift-sim-secret-5c1d7e20-3b8a-4f6e-a9d2-7e41c0b9f583',
  'crc-sim-secret-8c2e5f19-3d74-4b0a-91c6-e2a7f0b4d853',
  // tests/api/site-health.test.ts
  'hlth-sim-secret-7e2a4c91-5b0d-4f38-a6c1-d93e8b2f0a57',
  'hlth-bad-secret-3f9d1a6e',
];
