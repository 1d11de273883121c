import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { launchSite, type RunningSite } from '../../tools/wp-stack/site.ts';
import { fixtureUsers } from '../support/fixture-users.ts';

// Uninstalling destroys data, so this file builds a throwaway site of its own.
const uninstall = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'uninstall.php');
let site: RunningSite;

before(async () => {
  site = await launchSite({ name: `uninstall_${process.pid}`, port: await freePort(), persistent: false, users: fixtureUsers });
});
after(async () => {
  await site.stop();
});

async function count(sql: string): Promise<number> {
  const connection = await connect(localMariaDb, site.databaseName);
  try {
    const [rows] = await connection.query(sql);
    return (rows as Array<Record<string, unknown>>).length;
  } finally {
    await connection.end();
  }
}

test('deactivation unschedules cron; uninstall keeps every row unless the admin opted in', async () => {
  const result = JSON.parse(runSitePhp(site, uninstall)) as { tickScheduledAfterDeactivation: boolean };
  assert.equal(result.tickScheduledAfterDeactivation, false);
  assert.equal(await count("SHOW TABLES LIKE 'wp\\_spp\\_%'"), 6);
  assert.equal(await count("SELECT option_name FROM wp_options WHERE option_name = 'spp_schema_version'"), 1);
});

test('with the opt-in, uninstall removes the tables, the options and the user options', async () => {
  runSitePhp(site, path.join(path.dirname(uninstall), 'reactivate.php'));
  runSitePhp(site, uninstall, {}, ['opt-in']);
  assert.equal(await count("SHOW TABLES LIKE 'wp\\_spp\\_%'"), 0);
  assert.equal(await count("SELECT option_name FROM wp_options WHERE option_name LIKE 'spp\\_%'"), 0);
  assert.equal(await count("SELECT meta_key FROM wp_usermeta WHERE meta_key LIKE 'wp\\_\\_spp\\_%'"), 0);
});
