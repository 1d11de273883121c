import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { testSite } from './test-site.ts';

/** The named lock the plugin takes for a purpose (Domain/LockName.php): the site's scope hashed. */
export function lockName(purpose: string): string {
  const scope = createHash('sha1').update(`${testSite().databaseName}\0wp_\0${purpose}`).digest('hex');
  return `spp:${purpose.slice(0, 16)}:${scope}`;
}

/**
 * Takes the plugin's named locks for the purposes on a connection of the test's own, as another
 * request holding them would; `release()` ends the connection, which frees them.
 */
export async function holdLocks(purposes: readonly string[]): Promise<{ release(): Promise<void> }> {
  const holder = await connect(localMariaDb, testSite().databaseName);
  for (const purpose of purposes) {
    const [rows] = await holder.query('SELECT GET_LOCK(?, 0) AS got', [lockName(purpose)]);
    assert.equal(Number((rows as Array<{ got: number }>)[0]?.got), 1, `${purpose} lock taken by the test`);
  }
  return { release: () => holder.end() };
}
