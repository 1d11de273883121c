import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testSite } from '../test-site.ts';
import type { TestUser, UserSpec } from '../users.ts';

const run = promisify(execFile);
const createUserScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'php', 'create-user.php');

/**
 * createUser() for many users: the same fixture script, `parallel` PHP processes at a time, since
 * each one spends most of its time loading WordPress. Answers in the order of `specs`.
 */
export async function createUsers(specs: readonly UserSpec[], parallel = 2): Promise<TestUser[]> {
  const site = testSite();
  const users: TestUser[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length) {
      const index = next++;
      const { stdout } = await run('php', ['-d', 'display_errors=stderr', createUserScript, site.coreDir], {
        encoding: 'utf8',
        env: { ...process.env, SPP_WP_SITE_CONFIG: site.siteConfig, SPP_USER: JSON.stringify(specs[index]) },
      });
      users[index] = JSON.parse(stdout) as TestUser;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return users;
}
