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
      // Without a saved secret, moving the settings back to another host needs none (the saved
      // secret only goes where it was saved for); the sealed secret is put back below.
      await query(`DELETE FROM wp_options WHERE ${secretOption}`);
      const { tokenSecretSet: _set, tokenSecretFromConstant: _constant, ...editable } = saved.body;
      const restored = await api(manager, 'PUT', '/settings', editable);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      if (secret !== undefined) {
        await query("INSERT INTO wp_options (option_name, option_value, autoload) VALUES ('spp_token_secret', ?, 'no')", [secret.option_value]);
      }
    },
  };
}
