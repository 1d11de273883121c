// Installs the npm dependencies when they are missing or older than the lockfile: the first step
// of npm start and npm test. Plain JavaScript on purpose: it runs before TypeScript tooling exists
// on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale =
  !existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing npm dependencies (npm ci)…');
  const status = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' }).status;
  if (status !== 0) {
    console.error('\nInstalling npm dependencies failed (see npm\'s output above). Fix that, then run the command again.');
    process.exit(1);
  }
}
