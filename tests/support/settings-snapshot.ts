import assert from 'node:assert/strict';
import type { Settings } from '../../ui/api/types.ts';
import { api } from './api.ts';
import { query } from './db.ts';
import type { TestUser } from './users.ts';

const secretOption = "option_name = 'spp_token_secret'";

/**
 * Remembers the site's Proxmox settings and the sealed token secret, so a test file that
 * switches the shared test site to HTTP mode can put everything back for the files after it.
 */
export async function snapshotSettings(manager: TestUser): Promise<{ restore(): Promise<void> }> {
  const saved = await api<Settings>(manager, 'GET', '/settings');
  assert.equal(saved.status, 200);
  const [secret] = await query<{ option_value: string }>(`SELECT option_value FROM wp_options WHERE ${secretOption}`);
  return {
    restore: async () => {
      const { mode, baseUrl, tokenId, node, caCertificate, defaultUserRamLimitMb, globalRamLimitMb, deleteDataOnUninstall } = saved.body;
      const restored = await api(manager, 'PUT', '/settings', {
        mode, baseUrl, tokenId, node, caCertificate, defaultUserRamLimitMb, globalRamLimitMb, deleteDataOnUninstall,
      });
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      if (secret === undefined) await query(`DELETE FROM wp_options WHERE ${secretOption}`);
      else await query(`UPDATE wp_options SET option_value = ? WHERE ${secretOption}`, [secret.option_value]);
    },
  };
}
