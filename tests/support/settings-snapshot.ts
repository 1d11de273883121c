import assert from 'node:assert/strict';
import type { Settings } from '../../ui/api/types.ts';
import { api } from './api.ts';
import { query } from './db.ts';
import type { TestUser } from './users.ts';

/**
 * Options put back as stored, beside the settings: the sealed token secret, and the identity the
 * portal learnt for a base URL (Service/Connections.php). A later file's simulator may listen on
 * the same port; it must not inherit this file's cluster identity.
 */
const keptOptions = ['spp_token_secret', 'spp_connection_identity'];

/**
 * Remembers the site's Proxmox settings, the sealed token secret and the learnt connection
 * identity, so a test file that switches the shared test site to HTTP mode can put everything back
 * for the files after it.
 */
export async function snapshotSettings(manager: TestUser): Promise<{ restore(): Promise<void> }> {
  const saved = await api<Settings>(manager, 'GET', '/settings');
  assert.equal(saved.status, 200);
  const options = await query<{ option_name: string; option_value: string; autoload: string }>(
    'SELECT option_name, option_value, autoload FROM wp_options WHERE option_name IN (?)',
    [keptOptions],
  );
  return {
    restore: async () => {
      // Without a saved secret, moving the settings back to another host needs none (the saved
      // secret only goes where it was saved for); the sealed secret is put back below.
      await query('DELETE FROM wp_options WHERE option_name IN (?)', [keptOptions]);
      const { tokenSecretSet: _set, tokenSecretFromConstant: _constant, ...editable } = saved.body;
      const restored = await api(manager, 'PUT', '/settings', editable);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      await query('DELETE FROM wp_options WHERE option_name IN (?)', [keptOptions]);
      for (const option of options) {
        await query('INSERT INTO wp_options (option_name, option_value, autoload) VALUES (?, ?, ?)', [option.option_name, option.option_value, option.autoload]);
      }
    },
  };
}
