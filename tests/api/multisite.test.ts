import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, localMariaDb } from '../../tools/wp-stack/database.ts';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { launchSite, type RunningSite } from '../../tools/wp-stack/site.ts';
import { spawnMailCatcher, type MailCatcher } from '../../tools/test/mail-catcher.ts';
import { fixtureUsers, testSiteMuPlugins } from '../support/fixture-users.ts';
import { mailsIn } from '../support/mail.ts';

// CONTRACT §1 on multisite. Converting a site into a network cannot be undone, so this file builds
// a throwaway site of its own. The network is driven through PHP CLI fixtures that load WordPress
// as a request to one of its sites would (see docs/decisions/multisite.md).
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const admin = fixtureUsers.find((user) => user.role === 'administrator')!;
const allRights = [
  'portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete',
  'manage_all', 'manage_templates', 'manage_settings', 'manage_rights', 'snapshot',
];
/** The network's domain: WordPress strips ports from site domains, so not the server's host:port. */
const host = 'multisite.test';
let site: RunningSite;
let mail: MailCatcher;
/** What plain activation gave the single site: every site of the network should get the same. */
let fresh: { tables: string[]; templates: number; version: string | null };
let secondSite: number;
let laterSite: number;
/** Created by the rights fixture: ms_manager (site 2 only) and ms_member (both sites), with the admin. */
let users: Record<string, number>;
let appPasswords: Record<string, string>;

function fixture(name: string, args: string[] = []): string {
  return runSitePhp(site, path.join(fixtures, `multisite-${name}.php`), { SPP_MULTISITE_HOST: host }, args);
}

/**
 * A plugin REST request to one site of the network, as a user created by the rights fixture.
 * Multisite tells sites apart by host and path, so the request names the network's host; the
 * route goes in ?rest_route= because every site's home URL is the stack's WP_HOME.
 */
function siteRequest(
  method: string,
  sitePath: string,
  route: string,
  login: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    Host: host,
    Authorization: `Basic ${Buffer.from(`${login}:${appPasswords[login]}`).toString('base64')}`,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const requestPath = `${sitePath}?rest_route=/support-provisioning/v1${route}`;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: new URL(site.url).port, method, path: requestPath, headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** GET me of ms_member; `rightsManagers`: the site's, by display name. */
function meBody(rights: string[], bootstrap: boolean, rightsManagers: string[] = []): Record<string, unknown> {
  return { id: users.ms_member, login: 'ms_member', displayName: 'ms_member', rights, bootstrap, rightsManagers };
}

async function rows(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const connection = await connect(localMariaDb, site.databaseName);
  try {
    const [result] = await connection.query(sql, params);
    return result as Array<Record<string, unknown>>;
  } finally {
    await connection.end();
  }
}

/** The plugin's tables of one site, by their name without the site's prefix. */
async function siteTables(prefix: string): Promise<string[]> {
  const found = await rows('SHOW TABLES LIKE ?', [`${prefix.replace(/_/g, '\\_')}spp\\_%`]);
  return found.map((row) => String(Object.values(row)[0]).slice(`${prefix}spp_`.length)).sort();
}

async function siteOption(prefix: string, name: string): Promise<string | null> {
  const found = await rows(`SELECT option_value FROM ${prefix}options WHERE option_name = ?`, [name]);
  return found.length === 0 ? null : String(found[0]!.option_value);
}

async function templateCount(prefix: string): Promise<number> {
  return (await rows(`SELECT id FROM ${prefix}spp_templates`)).length;
}

async function assertInstalled(prefix: string): Promise<void> {
  assert.deepEqual(await siteTables(prefix), fresh.tables, prefix);
  assert.equal(await templateCount(prefix), fresh.templates, prefix);
  assert.equal(await siteOption(prefix, 'spp_schema_version'), fresh.version, prefix);
}

before(async () => {
  // The network's own SMTP server, as the runner gives the shared test site one (site-suite.ts).
  mail = await spawnMailCatcher(fs.mkdtempSync(path.join(os.tmpdir(), 'spp-multisite-mail-')), await freePort());
  site = await launchSite({
    name: `multisite_${process.pid}`,
    port: await freePort(),
    persistent: false,
    users: fixtureUsers,
    disableWpCron: true,
    extraConstants: { SPP_TEST_SMTP_PORT: mail.port },
    muPlugins: testSiteMuPlugins,
  });
  fresh = {
    tables: await siteTables('wp_'),
    templates: await templateCount('wp_'),
    version: await siteOption('wp_', 'spp_schema_version'),
  };
  assert.equal(fresh.tables.length, 9);
  fixture('convert', [admin.email]);
  site.rewriteConfig({
    WP_ALLOW_MULTISITE: true,
    MULTISITE: true,
    SUBDOMAIN_INSTALL: false,
    DOMAIN_CURRENT_SITE: host,
    PATH_CURRENT_SITE: '/',
    SITE_ID_CURRENT_SITE: 1,
    BLOG_ID_CURRENT_SITE: 1,
    SPP_TEST_SMTP_PORT: mail.port,
  });
});
after(async () => {
  // The mail catcher is a child process: left running, it would keep this file from ever ending.
  try {
    await site.stop();
  } finally {
    await mail.stop();
    fs.rmSync(mail.dir, { recursive: true, force: true });
  }
});

test('network activation gives every existing site its own tables, seeded templates and schema version', async () => {
  const activated = JSON.parse(fixture('network-activate', ['/second/'])) as { siteId: number; networkActive: boolean };
  secondSite = activated.siteId;
  assert.equal(activated.networkActive, true);
  assert.notEqual(secondSite, 1);
  await assertInstalled('wp_');
  await assertInstalled(`wp_${secondSite}_`);
});

test('a site created after network activation gets its tables at once, also when created outside wp-admin', async () => {
  laterSite = (JSON.parse(fixture('create-site', ['/later/'])) as { siteId: number }).siteId;
  await assertInstalled(`wp_${laterSite}_`);
});

interface RightsView {
  site: number;
  bootstrapOver: boolean;
  rights: Record<string, string[]>;
  members: string[];
}

test('rights are per site, and so is the bootstrap rule, also when one request switches sites', async () => {
  const result = JSON.parse(fixture('rights', [admin.login, String(secondSite)])) as {
    users: Record<string, number>;
    views: RightsView[];
    appPasswords: Record<string, string>;
  };
  ({ users, appPasswords } = result);
  // Site 1 has no rights manager: its administrator (the network's super admin) holds every right
  // there. On site 2 the manager ended the bootstrap, so the super admin holds no right there.
  const expected: Record<number, Omit<RightsView, 'site'>> = {
    1: {
      bootstrapOver: false,
      rights: { [admin.login]: allRights, ms_manager: [], ms_member: [] },
      members: [admin.login, 'ms_member'],
    },
    [secondSite]: {
      bootstrapOver: true,
      rights: { [admin.login]: [], ms_manager: ['portal_access', 'manage_rights'], ms_member: ['portal_access', 'create'] },
      members: ['ms_manager', 'ms_member'],
    },
  };
  assert.deepEqual(result.views, [1, secondSite, 1, secondSite].map((id) => ({ site: id, ...expected[id] })));
  // Stored as user options: under site 2's meta key only.
  const stored = await rows(
    "SELECT meta_key FROM wp_usermeta WHERE user_id IN (?, ?) AND meta_key LIKE '%\\_spp\\_rights'",
    [users.ms_manager, users.ms_member],
  );
  assert.deepEqual(stored.map((row) => row.meta_key), [`wp_${secondSite}__spp_rights`, `wp_${secondSite}__spp_rights`]);
});

test('over HTTP each site answers with its own rights, users, templates and audit log', async () => {
  const me = (sitePath: string) => siteRequest('GET', sitePath, '/me', 'ms_member');
  assert.deepEqual(await me('/'), { status: 200, body: meBody([], true) });
  assert.deepEqual(await me('/second/'), { status: 200, body: meBody(['portal_access', 'create'], false, ['ms_manager']) });

  const templatesOnMain = await siteRequest('GET', '/', '/templates', 'ms_member');
  assert.equal(templatesOnMain.status, 403);
  const templatesOnSecond = await siteRequest('GET', '/second/', '/templates', 'ms_member');
  assert.equal(templatesOnSecond.status, 200);
  assert.equal((templatesOnSecond.body as unknown[]).length, fresh.templates);

  const listed = await siteRequest('GET', '/second/', '/users', 'ms_manager');
  assert.equal(listed.status, 200);
  assert.deepEqual((listed.body as Array<{ login: string }>).map((user) => user.login), ['ms_manager', 'ms_member']);

  const grant = { rights: ['portal_access', 'create', 'start'] };
  const onMain = await siteRequest('PUT', '/', `/users/${users.ms_member}`, 'ms_manager', grant);
  assert.equal(onMain.status, 403);
  const onSecond = await siteRequest('PUT', '/second/', `/users/${users.ms_member}`, 'ms_manager', grant);
  assert.equal(onSecond.status, 200);
  assert.deepEqual((onSecond.body as { rights: string[] }).rights, grant.rights);
  assert.deepEqual(await me('/'), { status: 200, body: meBody([], true) });

  const audit = async (prefix: string) =>
    rows(`SELECT actor_login, result, object_id FROM ${prefix}spp_audit_logs WHERE action = 'rights.update' ORDER BY id`);
  const row = (result: string) => ({ actor_login: 'ms_manager', result, object_id: String(users.ms_member) });
  assert.deepEqual(await audit('wp_'), [row('denied')]);
  assert.deepEqual(await audit(`wp_${secondSite}_`), [row('success')]);
});

test('only members hold rights: options left on a site count for nothing, and removal from a site deletes them', async () => {
  // ms_manager is no member of the main site. Rights stored there anyway (by a plugin version
  // without this rule, or straight in the database) neither grant rights nor end the bootstrap.
  await rows("INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (?, 'wp__spp_rights', ',portal_access,manage_rights,')", [users.ms_manager]);
  try {
    assert.deepEqual(
      await siteRequest('GET', '/', '/me', 'ms_manager'),
      { status: 200, body: { id: users.ms_manager, login: 'ms_manager', displayName: 'ms_manager', rights: [], bootstrap: true, rightsManagers: [] } },
    );
  } finally {
    await rows("DELETE FROM wp_usermeta WHERE user_id = ? AND meta_key = 'wp__spp_rights'", [users.ms_manager]);
  }

  // Removed from the second site, its only rights manager leaves no rights behind there, so the
  // bootstrap rule applies again.
  const siteKey = `wp_${secondSite}__spp_rights`;
  assert.equal((await rows('SELECT umeta_id FROM wp_usermeta WHERE user_id = ? AND meta_key = ?', [users.ms_manager, siteKey])).length, 1);
  assert.deepEqual(JSON.parse(fixture('remove-user', ['ms_manager', String(secondSite)])), { removed: true });
  assert.deepEqual(await rows("SELECT meta_key FROM wp_usermeta WHERE user_id = ? AND meta_key LIKE '%spp%'", [users.ms_manager]), []);
  const memberOnSecond = await siteRequest('GET', '/second/', '/me', 'ms_member');
  assert.equal(memberOnSecond.status, 200);
  assert.equal((memberOnSecond.body as { bootstrap: boolean }).bootstrap, true);
  assert.equal((await siteRequest('GET', '/second/', '/users', 'ms_manager')).status, 403);
});

test('a user removed from a site hands their deployments there to the user named for it, audited with the former login', async () => {
  // ms_member still holds portal_access, create and start on the second site.
  const listed = await siteRequest('GET', '/second/', '/templates', 'ms_member');
  const templateId = (listed.body as Array<{ id: number }>)[0]?.id;
  const created = await siteRequest('POST', '/second/', '/deployments', 'ms_member', { templateId, name: 'Left on the second site' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = (created.body as { id: number }).id;
  const prefix = `wp_${secondSite}_`;
  const [before] = await rows(`SELECT status FROM ${prefix}spp_deployments WHERE id = ?`, [id]);

  assert.deepEqual(JSON.parse(fixture('remove-user', ['ms_member', String(secondSite), String(users[admin.login])])), { removed: true });
  assert.deepEqual(await rows(`SELECT owner_id FROM ${prefix}spp_deployments WHERE id = ?`, [id]), [{ owner_id: users[admin.login] }]);
  const audited = await rows(`SELECT details FROM ${prefix}spp_audit_logs WHERE action = 'deployment.transfer' AND deployment_id = ?`, [id]);
  assert.deepEqual(audited.map((row) => JSON.parse(String(row.details)) as unknown), [{
    reason: 'user_removed', status: before?.status, fromId: users.ms_member, fromLogin: 'ms_member', toId: users[admin.login], toLogin: admin.login,
  }]);
  // The main site's records are not touched: ms_member is still a member there.
  assert.deepEqual(await rows("SELECT id FROM wp_spp_audit_logs WHERE action = 'deployment.transfer'"), []);

  // The receiver is mailed about the second site's deployment, built there (WordPress switched
  // back to the main site before the request ended): its name and a link into that site's admin.
  const told = (await mailsIn(mail.dir, admin.email)).filter((m) => m.subject.endsWith('“Left on the second site” was handed over to you'));
  assert.equal(told.length, 1, JSON.stringify(told.map((m) => m.subject)));
  assert.match(told[0]?.text ?? '', /The deployment “Left on the second site” \(.+\) of .+ was handed over to you\./);
  assert.ok(told[0]?.links.some((href) => href.includes('/second/wp-admin/') && href.includes(`spp_open=${id}`)), JSON.stringify(told[0]?.links));
});

test('uninstall with the opt-in set on one site removes only that site\'s data', async () => {
  fixture('uninstall', [String(secondSite)]);
  assert.deepEqual(await siteTables(`wp_${secondSite}_`), []);
  assert.deepEqual(await rows(`SELECT option_name FROM wp_${secondSite}_options WHERE option_name LIKE 'spp\\_%'`), []);
  assert.deepEqual(await rows(`SELECT umeta_id FROM wp_usermeta WHERE meta_key LIKE 'wp\\_${secondSite}\\_\\_spp\\_%'`), []);
  await assertInstalled('wp_');
  await assertInstalled(`wp_${laterSite}_`);
  // The main site's user options stay (setup stored the administrator's empty rights there).
  assert.equal((await rows("SELECT umeta_id FROM wp_usermeta WHERE meta_key = 'wp__spp_rights'")).length, 1);
});
