import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { query } from '../support/db.ts';
import { knownSecrets } from '../support/secrets.ts';
import { testSite } from '../support/test-site.ts';
import { allRights, createUser } from '../support/users.ts';
import { endpoints } from '../soak/routes.ts';
import { captureFile, send } from '../soak/http.ts';

// Runs after every other API file (runLast in tools/test/selection.ts): by then they have sent their
// secrets to the site. Each scan fails when it found nothing to read, so a missing log or capture
// (the scan run alone, a renamed file) cannot pass as clean.

/** The forms a leaked secret could take: plain, base64 (e.g. in a header dump) and URL-encoded. */
function forms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
}

function leaksIn(text: string): string[] {
  return knownSecrets.flatMap(forms).filter((form) => text.includes(form));
}

test('no token secret is stored in plain text in any table of the site', async () => {
  const tables = (await query<Record<string, string>>('SHOW TABLES')).map((row) => Object.values(row)[0] ?? '');
  assert.ok(tables.includes('wp_spp_audit_logs') && tables.includes('wp_options'));
  const found: string[] = [];
  for (const table of tables) {
    const rows = await query(`SELECT * FROM \`${table}\``);
    for (const row of rows) {
      const leaks = leaksIn(JSON.stringify(row));
      if (leaks.length > 0) found.push(`${table}: ${JSON.stringify(row).slice(0, 200)}`);
    }
  }
  assert.deepEqual(found, []);
});

test('no token secret appears in the PHP logs or the servers\' logs', () => {
  const site = testSite();
  const dir = path.dirname(site.debugLog);
  const logs = [site.debugLog, site.phpErrorLog, ...fs.readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => path.join(dir, f))];
  const read = [...new Set(logs)].filter((file) => fs.existsSync(file));
  const bytes = read.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  assert.ok(bytes > 0, `logs to scan: ${read.join(', ') || 'none'} (${bytes} bytes)`);
  for (const file of read) assert.deepEqual(leaksIn(fs.readFileSync(file, 'utf8')), [], file);
});

test('no token secret appears in any captured response, nor in any readable route or admin page now', async () => {
  assert.ok(fs.existsSync(captureFile()), `${captureFile()}: the fuzz and race tests captured no response; run the scan after them`);
  const captured = fs.readFileSync(captureFile(), 'utf8');
  assert.ok(captured.length > 0, 'captured responses to scan');
  assert.deepEqual(leaksIn(captured), [], 'responses captured by the fuzz and race tests');

  const reader = createUser({ login: 'zz_reader', rights: allRights.filter((right) => right !== 'manage_rights') });
  const pages: string[] = [];
  for (const endpoint of await endpoints(reader)) {
    if (endpoint.method !== 'GET' || endpoint.pathParams.length > 0) continue;
    const response = await send(reader, { method: 'GET', path: endpoint.route, params: { per_page: 100 } });
    pages.push(response.text);
  }
  assert.ok(pages.length >= 8, `${pages.length} readable routes`);
  assert.deepEqual(leaksIn(pages.join('\n')), []);
  createUser({ login: 'zz_reader', rights: [] });

  // The admin page, as the administrator sees it after logging in, whether or not the bootstrap
  // rule still gives them every right.
  const site = testSite();
  const admin = site.users.admin;
  assert.ok(admin);
  createUser({ login: admin.login, rights: allRights.filter((right) => right !== 'manage_rights') });
  const login = await fetch(`${site.url}/wp-login.php`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
    body: new URLSearchParams({ log: admin.login, pwd: admin.password, testcookie: '1' }).toString(),
  });
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  assert.match(cookies, /wordpress_logged_in_/);
  const page = await fetch(`${site.url}/wp-admin/admin.php?page=support-provisioning`, { headers: { Cookie: cookies } });
  const html = await page.text();
  createUser({ login: admin.login, rights: [] });
  assert.equal(page.status, 200);
  assert.deepEqual(leaksIn(html), []);
});
