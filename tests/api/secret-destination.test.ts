import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCertificates } from '../../tools/pve-sim/certs.ts';
import { freePort } from '../../tools/wp-stack/ports.ts';
import { api, errorOf, type ApiResponse } from '../support/api.ts';
import { audited, type AuditRow } from '../support/audit.ts';
import { query } from '../support/db.ts';
import { foreignCaPem } from '../support/certificates.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';
import { testSite } from '../support/test-site.ts';
import { createUser, type TestUser } from '../support/users.ts';
import type { ConnectionTest, Settings } from '../../ui/api/types.ts';

// The saved token secret may only go to the saved destination (scheme, host, port, token ID, CA).
// A second TLS server, with a CA of its own, plays a host a settings manager points the portal at,
// and records every Authorization header it receives.

const SAVED_ID = 'portal@pve!saved';
const SAVED_SECRET = 'saved-secret-6a1f0c3e-2b7d-4e95-8c14-0f9b3d2a7e61';
const POSTED_SECRET = 'posted-secret-1d4b';
const underConstantFixture = fileURLToPath(new URL('./fixtures/settings-under-constant.php', import.meta.url));

type ServiceOutcome = { ok: true; result: unknown } | { ok: false; code: string; message: string; data: Record<string, unknown> };

/**
 * SettingsService in a PHP process where wp-config.php would define SPP_PROXMOX_TOKEN_SECRET. Run
 * asynchronously, so the listener in this process can answer the requests it makes.
 */
async function underConstant(method: 'update' | 'testConnection', input: Record<string, unknown>): Promise<ServiceOutcome> {
  const site = testSite();
  const env = { ...process.env, SPP_WP_SITE_CONFIG: site.siteConfig, SPP_CONSTANT_SECRET: SAVED_SECRET, SPP_SETTINGS_CALL: JSON.stringify({ method, input }) };
  const { stdout } = await promisify(execFile)('php', ['-d', 'display_errors=stderr', underConstantFixture, site.coreDir], { env });
  return JSON.parse(stdout) as ServiceOutcome;
}

interface Listener {
  url: string;
  ca: string;
  authorizations: string[];
  server: Server;
}

let manager: TestUser;
let snapshot: { restore(): Promise<void> };
let listener: Listener;
let certDir: string;
let closedUrl: string;

async function startListener(): Promise<Listener> {
  certDir = await mkdtemp(path.join(tmpdir(), 'spp-listener-'));
  const certs = await createCertificates(certDir);
  const authorizations: string[] = [];
  const server = createHttpsServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
    authorizations.push(String(req.headers.authorization ?? ''));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ data: req.url?.endsWith('/version') ? { version: '9.1.3', release: '9.1', repoid: 'f00d' } : [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { url: `https://127.0.0.1:${address.port}`, ca: certs.caPem, authorizations, server };
}


async function save(body: Record<string, unknown>): Promise<Settings> {
  const response = await api<Settings>(manager, 'PUT', '/settings', body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

function testConnection(body: Record<string, unknown>): Promise<{ response: ApiResponse<ConnectionTest>; rows: AuditRow[] }> {
  return audited(() => api<ConnectionTest>(manager, 'POST', '/settings/test-connection', body));
}

/** 422 spp_token_secret_required, the message under the token secret field, one audited error row. */
function assertSecretRequired(
  { response, rows }: { response: ApiResponse<unknown>; rows: AuditRow[] },
  action: string,
  changed: string[],
  target: string,
): void {
  assert.equal(response.status, 422, JSON.stringify(response.body));
  const error = errorOf(response);
  assert.equal(error.code, 'spp_token_secret_required');
  assert.match(error.message, /^Enter the token secret again/);
  assert.deepEqual(error.data.params, { tokenSecret: error.message });
  assert.deepEqual(error.data.changed, changed);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0]?.action, action);
  assert.equal(rows[0]?.result, 'error');
  const details = JSON.parse(rows[0]?.details ?? '{}') as Record<string, unknown>;
  assert.equal(details.error, 'spp_token_secret_required');
  assert.equal(details.target, target, 'the audit names the host the request aimed at');
  assert.ok(!rows[0]?.details.includes(SAVED_SECRET));
}

/** Checked before the status, so a leak is what a failure reports. */
function assertSavedSecretNotReceived(): void {
  const leaked = listener.authorizations.filter((header) => header.includes(SAVED_SECRET));
  assert.deepEqual(leaked, [], 'the listener received the saved token secret');
}

before(async () => {
  manager = createUser({ login: 'sd_manager', rights: ['portal_access', 'manage_settings', 'manage_templates'] });
  snapshot = await snapshotSettings(manager);
  listener = await startListener();
  closedUrl = `https://127.0.0.1:${await freePort()}`;
});

beforeEach(() => {
  listener.authorizations.length = 0;
});

after(async () => {
  await snapshot.restore();
  await new Promise<void>((resolve) => listener.server.close(() => resolve()));
  await rm(certDir, { recursive: true, force: true });
});

test('a new host and CA without the secret are refused: the saved secret never reaches them', async () => {
  const saved = await save({ mode: 'http', baseUrl: closedUrl, tokenId: SAVED_ID, tokenSecret: SAVED_SECRET, node: 'pve', caCertificate: '' });
  assert.equal(saved.tokenSecretSet, true);
  const elsewhere = { baseUrl: listener.url, caCertificate: listener.ca };

  const probe = await testConnection(elsewhere);
  assertSavedSecretNotReceived();
  assertSecretRequired(probe, 'settings.test_connection', ['baseUrl', 'caCertificate'], listener.url);

  const put = await audited(() => api(manager, 'PUT', '/settings', elsewhere));
  // The portal keeps talking to the saved host only.
  const templates = await api(manager, 'GET', '/proxmox/templates');
  assertSavedSecretNotReceived();
  assertSecretRequired(put, 'settings.update', ['baseUrl', 'caCertificate'], listener.url);
  assert.deepEqual((await api<Settings>(manager, 'GET', '/settings')).body, saved, 'nothing was saved');
  assert.equal(templates.status, 502, JSON.stringify(templates.body));
  assert.deepEqual(listener.authorizations, [], 'the listener received no request at all');
});

test('a secret sent with the new destination is the one used; the saved secret is not sent', async () => {
  await save({ mode: 'http', baseUrl: closedUrl, tokenId: SAVED_ID, tokenSecret: SAVED_SECRET, node: 'pve', caCertificate: '' });
  const { response, rows } = await testConnection({ baseUrl: listener.url, caCertificate: listener.ca, tokenSecret: POSTED_SECRET });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.ok(listener.authorizations.length > 0, 'the test reached the new host');
  for (const header of listener.authorizations) assert.equal(header, `PVEAPIToken=${SAVED_ID}=${POSTED_SECRET}`);
  const details = JSON.parse(rows[0]?.details ?? '{}') as Record<string, unknown>;
  assert.deepEqual(details.postedFields, ['baseUrl', 'tokenSecret', 'caCertificate']);
  assert.equal(details.target, listener.url);

  const moved = await audited(() => api<Settings>(manager, 'PUT', '/settings', { baseUrl: `${listener.url}/`, caCertificate: listener.ca, tokenSecret: POSTED_SECRET }));
  assert.equal(moved.response.status, 200, JSON.stringify(moved.response.body));
  assert.equal(moved.response.body.baseUrl, listener.url);
  const saved = JSON.parse(moved.rows[0]?.details ?? '{}') as Record<string, unknown>;
  assert.equal(saved.target, listener.url);
  assert.equal(saved.tokenSecretChanged, true);
});

test('a new CA alone or a new token ID alone needs the secret too', async () => {
  // Saved: the listener's address, but a CA that did not sign its certificate.
  await save({ mode: 'http', baseUrl: listener.url, tokenId: SAVED_ID, tokenSecret: SAVED_SECRET, node: 'pve', caCertificate: foreignCaPem });
  const untrusted = await testConnection({});
  assert.equal(untrusted.response.body.ok, false);
  assert.ok(untrusted.response.body.checks.some((check) => check.name === 'tls' && !check.ok));

  const newCa = await testConnection({ caCertificate: listener.ca });
  assertSavedSecretNotReceived();
  assertSecretRequired(newCa, 'settings.test_connection', ['caCertificate'], listener.url);
  assertSecretRequired(await testConnection({ tokenId: 'other@pve!probe' }), 'settings.test_connection', ['tokenId'], listener.url);
  assertSecretRequired(
    await testConnection({ baseUrl: listener.url.replace('https:', 'http:'), mode: 'mock' }),
    'settings.test_connection',
    ['baseUrl'],
    listener.url.replace('https:', 'http:'),
  );
  assert.deepEqual(listener.authorizations, []);
});

test('settings that keep the destination use the saved secret, and only there', async () => {
  await save({ mode: 'http', baseUrl: listener.url, tokenId: SAVED_ID, tokenSecret: SAVED_SECRET, node: 'pve', caCertificate: listener.ca });
  listener.authorizations.length = 0;
  // Another node and the API path spelled out: still the same destination.
  const sameHost = { node: 'pve2', baseUrl: `${listener.url}/api2/json/` };
  const { response } = await testConnection(sameHost);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.ok(listener.authorizations.length > 0);
  for (const header of listener.authorizations) assert.equal(header, `PVEAPIToken=${SAVED_ID}=${SAVED_SECRET}`);

  const renamed = await save({ node: 'pve2', globalRamLimitMb: 0 });
  assert.equal(renamed.node, 'pve2');
  assert.equal(renamed.tokenSecretSet, true);
});

test('with no saved secret there is nothing to protect: a new host needs no secret', async () => {
  await query("DELETE FROM wp_options WHERE option_name = 'spp_token_secret'");
  await save({ mode: 'mock', baseUrl: closedUrl, tokenId: SAVED_ID, node: 'pve', caCertificate: '' });
  const moved = await save({ baseUrl: 'https://pve.example.test:8006' });
  assert.equal(moved.baseUrl, 'https://pve.example.test:8006');
  assert.equal(moved.tokenSecretSet, false);
});


test('under SPP_PROXMOX_TOKEN_SECRET, a new destination is saved only with that very secret', async () => {
  await query("DELETE FROM wp_options WHERE option_name = 'spp_token_secret'");
  await save({ mode: 'http', baseUrl: closedUrl, tokenId: SAVED_ID, node: 'pve', caCertificate: '' });
  const moved = { baseUrl: listener.url, caCertificate: listener.ca };
  for (const input of [moved, { ...moved, tokenSecret: 'not-the-constant' }]) {
    const refused = await underConstant('update', input);
    assert.ok(!refused.ok, JSON.stringify(refused));
    assert.equal(refused.code, 'spp_token_secret_required');
    assert.equal(refused.data.status, 422);
    assert.match(refused.message, /SPP_PROXMOX_TOKEN_SECRET/);
  }
  assert.equal((await api<Settings>(manager, 'GET', '/settings')).body.baseUrl, closedUrl, 'nothing was saved');

  const saved = await underConstant('update', { ...moved, tokenSecret: SAVED_SECRET });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal((await api<Settings>(manager, 'GET', '/settings')).body.baseUrl, listener.url);

  // A test sends the secret it carries; without one, another token ID is refused as always.
  const probe = await underConstant('testConnection', { tokenId: 'other@pve!probe', tokenSecret: POSTED_SECRET });
  assert.ok(probe.ok, JSON.stringify(probe));
  assert.ok(listener.authorizations.length > 0, 'the test reached the listener');
  for (const header of listener.authorizations) assert.equal(header, `PVEAPIToken=other@pve!probe=${POSTED_SECRET}`);
  const refused = await underConstant('testConnection', { tokenId: 'other@pve!probe' });
  assert.ok(!refused.ok && refused.code === 'spp_token_secret_required', JSON.stringify(refused));
  assert.equal(listener.authorizations.filter((header) => header.includes(SAVED_SECRET)).length, 0);
});
