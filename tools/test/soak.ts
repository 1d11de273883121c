import { spawnSync } from 'node:child_process';
import { repoRoot } from '../wp-stack/paths.ts';

/**
 * `npm run soak`: the quick reliability tests of `npm test` at length, on a fresh throwaway site —
 * the route fuzz with many more inputs and a new seed each time (printed, so a failure can be
 * replayed with SPP_FUZZ_SEED), the two-server race for several rounds, then the secrets scan.
 * Every loop is bounded; all traffic stays on 127.0.0.1.
 */
const env = {
  ...process.env,
  SPP_FUZZ_RUNS: process.env.SPP_FUZZ_RUNS ?? '100',
  SPP_FUZZ_SEED: process.env.SPP_FUZZ_SEED ?? String(Date.now() % 2 ** 31),
  SPP_SOAK_ROUNDS: process.env.SPP_SOAK_ROUNDS ?? '8',
  SPP_SOAK_CREATES: process.env.SPP_SOAK_CREATES ?? '16',
};
const files = ['tests/api/fuzz.test.ts', 'tests/api/two-servers.test.ts', 'tests/api/secrets-scan.test.ts'];
console.log(`Soak: fuzz ${env.SPP_FUZZ_RUNS} runs per endpoint (seed ${env.SPP_FUZZ_SEED}), ${env.SPP_SOAK_ROUNDS} race rounds of ${env.SPP_SOAK_CREATES} creates`);
const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/test/run.ts', ...files], { cwd: repoRoot, stdio: 'inherit', env });
process.exitCode = result.status ?? 1;
