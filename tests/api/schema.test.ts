import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { query } from '../support/db.ts';
import { testSite } from '../support/test-site.ts';

const reactivate = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reactivate.php');

const expectedIndexes: Record<string, string[][]> = {
  wp_spp_templates: [['id'], ['active', 'name'], ['proxmox_vmid']],
  wp_spp_deployments: [['id'], ['owner_id', 'status'], ['status', 'expires_at'], ['status', 'claimed_until'], ['template_id']],
  wp_spp_deployment_shares: [['deployment_id', 'user_id'], ['user_id']],
  wp_spp_audit_logs: [['id'], ['created_at'], ['actor_id', 'id'], ['action', 'id'], ['deployment_id', 'id']],
  // The usage report's reads (docs/decisions/usage-report.md): one open stretch per deployment, and covering ranges.
  wp_spp_usage_history: [
    ['id'],
    ['open_deployment'],
    ['started_at', 'ended_at', 'ram_mb', 'holds_vm', 'owner_id', 'template_id', 'deployment_id'],
    ['ended_at', 'started_at', 'ram_mb', 'holds_vm', 'owner_id', 'template_id', 'deployment_id'],
  ],
};

interface IndexRow {
  Key_name: string;
  Seq_in_index: number;
  Column_name: string;
}

async function indexColumns(table: string): Promise<string[][]> {
  const rows = await query<IndexRow>(`SHOW INDEX FROM \`${table}\``);
  const byKey = new Map<string, string[]>();
  for (const row of [...rows].sort((a, b) => a.Seq_in_index - b.Seq_in_index)) {
    byKey.set(row.Key_name, [...(byKey.get(row.Key_name) ?? []), row.Column_name]);
  }
  return [...byKey.values()];
}

test('activation creates the four tables with an index for every filter', async () => {
  for (const [table, indexes] of Object.entries(expectedIndexes)) {
    const actual = await indexColumns(table);
    for (const columns of indexes) {
      assert.ok(
        actual.some((index) => index.join() === columns.join()),
        `${table} lacks an index on (${columns.join(', ')}); has ${JSON.stringify(actual)}`,
      );
    }
  }
});

test('the three approved templates are seeded once, whatever happens to the schema version', async () => {
  const version = Number(runSitePhp(testSite(), reactivate));
  assert.ok(version >= 2, `schema version after activation is ${version}`);
  assert.equal(Number(runSitePhp(testSite(), reactivate)), version, 'second activation');
  assert.equal(Number(runSitePhp(testSite(), reactivate, {}, ['forget-version'])), version, 'upgrade from no version');

  const templates = await query<{ name: string; proxmox_vmid: number; copies: number }>(
    'SELECT name, proxmox_vmid, COUNT(*) AS copies FROM wp_spp_templates GROUP BY name, proxmox_vmid ORDER BY proxmox_vmid',
  );
  assert.deepEqual(
    templates.map((t) => [t.name, t.proxmox_vmid, Number(t.copies)]),
    [
      ['Turnkey PBX Test Appliance', 9001, 1],
      ['Windows Support Client', 9002, 1],
      ['Linux Utility VM', 9003, 1],
    ],
  );
});

test('the options every portal request reads exist and are autoloaded, so no request asks for them (migrations 13 and 17)', async () => {
  // Other files remove the settings when they clean up; the migrations run again from no version.
  runSitePhp(testSite(), reactivate, {}, ['forget-version']);
  const rows = await query<{ option_name: string; autoload: string }>(
    "SELECT option_name, autoload FROM wp_options WHERE option_name IN ('spp_mail_settings', 'spp_settings', 'spp_ticket_url_pattern') ORDER BY option_name",
  );
  // WordPress 6.1 writes 'yes', 6.6 writes 'on' (and 'auto-on' for its own choice).
  const autoloaded = (value: string | undefined): boolean => ['yes', 'on', 'auto-on'].includes(value ?? '');
  assert.deepEqual(rows.map((r) => [r.option_name, autoloaded(r.autoload)]), [['spp_mail_settings', true], ['spp_settings', true], ['spp_ticket_url_pattern', true]]);
  // Never the secret: it stays out of every request's memory.
  const [secret] = await query<{ autoload: string }>("SELECT autoload FROM wp_options WHERE option_name = 'spp_token_secret'");
  assert.equal(autoloaded(secret?.autoload), false);
});
