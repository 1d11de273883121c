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

async function rows(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const connection = await connect(localMariaDb, site.databaseName);
  try {
    const [result] = await connection.query(sql, params);
    return result as Array<Record<string, unknown>>;
  } finally {
    await connection.end();
  }
}

async function count(sql: string): Promise<number> {
  return (await rows(sql)).length;
}

/** Every option the plugin writes, and one of another plugin that shares its prefix. */
const pluginOptions = ['spp_settings', 'spp_token_secret', 'spp_schema_version', 'spp_delete_data_on_uninstall', 'spp_mock_faults', 'spp_ticket_url_pattern', 'spp_orphan_owner', 'spp_last_tick', 'spp_mail_settings', 'spp_drift_report'];
const foreignOption = 'spp_other_plugin_settings';

test('deactivation unschedules cron; uninstall keeps every row unless the admin opted in', async () => {
  const result = JSON.parse(runSitePhp(site, uninstall)) as { tickScheduledAfterDeactivation: boolean };
  assert.equal(result.tickScheduledAfterDeactivation, false);
  assert.equal(await count("SHOW TABLES LIKE 'wp\\_spp\\_%'"), 9);
  assert.equal(await count("SELECT option_name FROM wp_options WHERE option_name = 'spp_schema_version'"), 1);
});

test('with the opt-in, uninstall removes the tables, its own options and the user options, and no other plugin\'s', async () => {
  runSitePhp(site, path.join(path.dirname(uninstall), 'reactivate.php'));
  for (const name of [...pluginOptions, foreignOption]) {
    await rows("INSERT INTO wp_options (option_name, option_value, autoload) VALUES (?, 'x', 'no') ON DUPLICATE KEY UPDATE option_value = option_value", [name]);
  }
  for (const key of ['wp__spp_rights', 'wp__spp_ram_limit_mb', 'wp__spp_vm_limit']) {
    await rows("INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (1, ?, '1')", [key]);
  }
  runSitePhp(site, uninstall, {}, ['opt-in']);
  assert.equal(await count("SHOW TABLES LIKE 'wp\\_spp\\_%'"), 0);
  const left = await rows("SELECT option_name FROM wp_options WHERE option_name LIKE 'spp\\_%'");
  assert.deepEqual(left.map((row) => row.option_name), [foreignOption]);
  assert.equal(await count("SELECT meta_key FROM wp_usermeta WHERE meta_key LIKE 'wp\\_\\_spp\\_%'"), 0);
});
