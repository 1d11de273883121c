import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { api } from '../support/api.ts';
import { startClusterPortal } from '../support/cluster-portal.ts';
import { query } from '../support/db.ts';
import { cronTick, setOption, siteHealth } from '../support/wordpress.ts';

// The plugin's Site Health tests (docs/decisions/site-health.md), read from WordPress's own list of
// direct tests. The test site runs in mock mode with DISABLE_WP_CRON, and no SPP_ENCRYPTION_KEY.

const SIM_SECRET = 'hlth-sim-secret-7e2a4c91-5b0d-4f38-a6c1-d93e8b2f0a57';
const BAD_SECRET = 'hlth-bad-secret-3f9d1a6e';

const statusOf = (results: ReturnType<typeof siteHealth>) =>
  Object.fromEntries(Object.entries(results).map(([id, result]) => [id, result.status]));

async function optionValue(name: string): Promise<string | undefined> {
  const [row] = await query<{ option_value: string }>('SELECT option_value FROM wp_options WHERE option_name = ?', [name]);
  return row?.option_value;
}

after(() => {
  cronTick();
});

test('a healthy test site: tick on time by a system cron, schema current; the mock and the salt-derived key are only recommendations', () => {
  cronTick();
  const results = siteHealth();
  assert.deepEqual(statusOf(results), {
    spp_proxmox: 'recommended',
    spp_tick: 'good',
    spp_cron: 'good',
    spp_schema: 'good',
    spp_encryption_key: 'recommended',
  });
  assert.match(results.spp_tick!.description, /^<p>Last tick: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d .+\. Deployments waiting for it: \d+\.<\/p>$/);
});

test('a tick an hour late is critical, and so is a disabled WP-Cron without a system cron', () => {
  setOption('spp_last_tick', Math.floor(Date.now() / 1000) - 3600);
  const results = siteHealth();
  assert.deepEqual([results.spp_tick?.status, results.spp_cron?.status], ['critical', 'critical']);
  assert.equal(results.spp_tick?.label, "The portal's tick is late");
  cronTick();
  assert.equal(siteHealth().spp_tick?.status, 'good', 'the next tick heals it');
});

test('a schema the plugin does not know is critical', async () => {
  const installed = Number(await optionValue('spp_schema_version'));
  setOption('spp_schema_version', installed + 1);
  try {
    const result = siteHealth().spp_schema;
    assert.equal(result?.status, 'critical');
    assert.match(result?.description ?? '', new RegExp(`Database schema ${installed + 1}; this plugin version needs ${installed}\\.`));
  } finally {
    setOption('spp_schema_version', installed);
  }
});

test('a stored token secret the key cannot open is critical', async () => {
  const saved = await optionValue('spp_token_secret');
  setOption('spp_token_secret', `sodium:${Buffer.alloc(48, 7).toString('base64')}`);
  try {
    const result = siteHealth().spp_encryption_key;
    assert.deepEqual([result?.status, result?.label], ['critical', 'The stored Proxmox token secret cannot be decrypted']);
  } finally {
    if (saved === undefined) await query("DELETE FROM wp_options WHERE option_name = 'spp_token_secret'");
    else await query("UPDATE wp_options SET option_value = ? WHERE option_name = 'spp_token_secret'", [saved]);
  }
});

test('in HTTP mode: good when every check of the connection test passes with the stored settings, critical with the failed check when one does not', async () => {
  const portal = await startClusterPortal('health', SIM_SECRET);
  try {
    await portal.useHttp();
    const good = siteHealth().spp_proxmox;
    assert.deepEqual([good?.status, good?.label], ['good', 'Proxmox answers with the stored settings'], JSON.stringify(good));

    // The stored token secret no longer matches the token: pveproxy answers 401 "Authentication
    // failed!" (the simulator's tools/pve-sim/auth.ts follows it).
    const stored = await api(portal.manager, 'PATCH', '/settings', { tokenSecret: BAD_SECRET });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    const bad = siteHealth().spp_proxmox;
    assert.deepEqual([bad?.status, bad?.label], ['critical', 'Proxmox cannot be used with the stored settings'], JSON.stringify(bad));
    assert.match(bad?.description ?? '', /HTTP 401/);
  } finally {
    await portal.close();
  }
  assert.equal(siteHealth().spp_proxmox?.status, 'recommended', 'back in mock mode');
});
