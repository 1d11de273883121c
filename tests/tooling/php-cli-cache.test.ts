import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { phpCliCacheEnv } from '../../tools/test/php-cli-cache.ts';

const scratch = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'spp-opcache-'));
const php = (env: NodeJS.ProcessEnv, ...args: string[]): string =>
  spawnSync('php', args, { env: { ...process.env, ...env }, encoding: 'utf8' }).stdout;

describe('OPcache for the PHP command line of a test run (tools/test/php-cli-cache.ts)', () => {
  it('reaches every PHP through PHP_INI_SCAN_DIR and keeps Debian\'s own ini folder', () => {
    const env = phpCliCacheEnv({}, scratch());
    assert.match(env.PHP_INI_SCAN_DIR, /^:/);
    const said = php(env, '-r', 'echo json_encode([ini_get("opcache.enable_cli"), extension_loaded("mysqli"), opcache_get_status(false)["file_cache"] ?? null]);');
    const [enabled, mysqli, fileCache] = JSON.parse(said) as [string, boolean, string | null];
    assert.deepEqual([enabled, mysqli], ['1', true]);
    assert.ok(fileCache?.endsWith('opcache'), said);
  });

  it('adds its folder to a PHP_INI_SCAN_DIR already set', () => {
    const dir = scratch();
    assert.equal(phpCliCacheEnv({ PHP_INI_SCAN_DIR: '/etc/custom' }, dir).PHP_INI_SCAN_DIR, `/etc/custom:${dir}`);
  });

  it('a script changed between two runs is run as it is now, not as cached', () => {
    const dir = scratch();
    const env = phpCliCacheEnv({}, dir);
    const script = path.join(dir, 'changing.php');
    // OPcache leaves files alone that changed in the last two seconds (opcache.file_update_protection).
    const written = (code: string, minutesAgo: number): void => {
      fs.writeFileSync(script, code);
      const then = new Date(Date.now() - minutesAgo * 60_000);
      fs.utimesSync(script, then, then);
    };
    written('<?php echo "first";', 10);
    assert.equal(php(env, script), 'first');
    assert.ok(fs.readdirSync(path.join(dir, 'opcache'), { recursive: true }).some((file) => String(file).endsWith('changing.php.bin')), 'the first run filled the cache');
    written('<?php echo "second";', 5);
    assert.equal(php(env, script), 'second');
  });
});
