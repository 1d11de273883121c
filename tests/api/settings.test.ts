import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { query } from '../support/db.ts';
import { allRights, createUser, type TestUser } from '../support/users.ts';
import { audited, type AuditRow } from '../support/audit.ts';
import type { Settings, ConnectionTest } from '../../ui/api/types.ts';
import { foreignCaPem } from '../support/certificates.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';

interface OptionRow {
  option_value: string;
  autoload: string;
}

type Editable = Omit<Settings, 'tokenSecretSet' | 'tokenSecretFromConstant'>;

const secret = 'set-secret-4f1c9a27-8d3e-4b6a-9c10-5e7f2a1b3c4d';
const editableFields = [
  'mode', 'baseUrl', 'tokenId', 'node', 'caCertificate',
  'defaultUserRamLimitMb', 'globalRamLimitMb', 'defaultUserVmLimit', 'snapshotLimit', 'deleteDataOnUninstall',
  'placementPolicy', 'placementNode', 'placementNodes', 'nodeReserveMb', 'nodeReserves',
] as const;

let manager: TestUser;
let outsider: TestUser;
let original: Settings;
let snapshot: { restore(): Promise<void> };

function editable(settings: Settings): Editable {
  return Object.fromEntries(editableFields.map((field) => [field, settings[field]])) as unknown as Editable;
}

async function secretRow(): Promise<OptionRow | undefined> {
  const rows = await query<OptionRow>("SELECT option_value, autoload FROM wp_options WHERE option_name = 'spp_token_secret'");
  return rows[0];
}

/** Asserts exactly one audit row for the request and returns its details. */
function onlyRow(rows: AuditRow[], actor: TestUser, action: string, result: string): Record<string, unknown> {
  assert.equal(rows.length, 1, `audit rows: ${JSON.stringify(rows)}`);
  const [row] = rows;
  assert.ok(row);
  assert.equal(Number(row.actor_id), actor.id);
  assert.equal(row.action, action);
  assert.equal(row.object_type, 'settings');
  assert.equal(row.result, result);
  return JSON.parse(row.details) as Record<string, unknown>;
}

async function current(): Promise<Settings> {
  const response = await api<Settings>(manager, 'GET', '/settings');
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

before(async () => {
  manager = createUser({ login: 'set_manager', rights: ['portal_access', 'manage_settings'] });
  // Every right but manage_settings; manage_rights too is left out so the bootstrap stays as it is.
  outsider = createUser({
    login: 'set_outsider',
    rights: allRights.filter((right) => right !== 'manage_settings' && right !== 'manage_rights'),
  });
  original = await current();
  snapshot = await snapshotSettings(manager);
  // No saved secret to start with: then changing the host needs no secret (see secret-destination.test.ts).
  await query("DELETE FROM wp_options WHERE option_name = 'spp_token_secret'");
  original = await current();
});

after(() => snapshot.restore());

test('anonymous callers get 401 on every settings route and leave no audit row', async () => {
  for (const [method, path] of [['GET', '/settings'], ['PUT', '/settings'], ['POST', '/settings/test-connection']] as const) {
    const { response, rows } = await audited(() => api(null, method, path, method === 'GET' ? undefined : { node: 'pve' }));
    assert.equal(response.status, 401, `${method} ${path}`);
    assert.equal(errorOf(response).code, 'rest_not_logged_in');
    assert.equal(rows.length, 0);
  }
});

test('users without manage_settings get 403; the refused mutations are audited as denied', async () => {
  const read = await api(outsider, 'GET', '/settings');
  assert.equal(read.status, 403);
  assert.equal(errorOf(read).code, 'rest_forbidden');

  const put = await audited(() => api(outsider, 'PUT', '/settings', { globalRamLimitMb: 1 }));
  assert.equal(put.response.status, 403);
  assert.equal(errorOf(put.response).code, 'rest_forbidden');
  assert.equal(onlyRow(put.rows, outsider, 'settings.update', 'denied').error, 'rest_forbidden');

  const probe = await audited(() => api(outsider, 'POST', '/settings/test-connection', {}));
  assert.equal(probe.response.status, 403);
  assert.equal(onlyRow(probe.rows, outsider, 'settings.test_connection', 'denied').error, 'rest_forbidden');

  assert.deepEqual(await current(), original, 'nothing changed');
});

test('GET settings answers every field and never a secret', async () => {
  const settings = await current();
  assert.deepEqual(Object.keys(settings).sort(), [
    'baseUrl', 'caCertificate', 'defaultUserRamLimitMb', 'defaultUserVmLimit', 'deleteDataOnUninstall', 'globalRamLimitMb',
    'mode', 'node', 'nodeReserveMb', 'nodeReserves', 'placementNode', 'placementNodes', 'placementPolicy',
    'snapshotLimit', 'tokenId', 'tokenSecretFromConstant', 'tokenSecretSet',
  ]);
  assert.ok(['mock', 'http'].includes(settings.mode));
  assert.equal(typeof settings.tokenSecretSet, 'boolean');
  assert.equal(settings.tokenSecretFromConstant, false);
  assert.equal(typeof settings.defaultUserRamLimitMb, 'number');
  assert.equal(typeof settings.deleteDataOnUninstall, 'boolean');
});

test('PUT saves a full set, GET reads it back, and the audit row names the changed fields', async () => {
  await api(manager, 'PUT', '/settings', {
    mode: 'mock', baseUrl: '', tokenId: '', node: 'pve', caCertificate: '',
    defaultUserRamLimitMb: 0, globalRamLimitMb: 0, defaultUserVmLimit: 0, snapshotLimit: 3, deleteDataOnUninstall: false,
    placementPolicy: 'memory', placementNode: '', placementNodes: '', nodeReserveMb: 2048, nodeReserves: '',
  });
  const wanted: Editable = {
    mode: 'mock',
    baseUrl: 'http://pve.example.test:8006',
    tokenId: 'portal@pve!provisioning',
    node: 'pve-2',
    caCertificate: foreignCaPem,
    defaultUserRamLimitMb: 4096,
    globalRamLimitMb: 16384,
    defaultUserVmLimit: 5,
    snapshotLimit: 4,
    deleteDataOnUninstall: true,
    placementPolicy: 'fixed',
    placementNode: 'pve-2',
    placementNodes: 'pve-2, pve-3',
    nodeReserveMb: 4096,
    nodeReserves: 'pve-2=8192, pve-3=0',
  };
  const { response, rows } = await audited(() => api<Settings>(manager, 'PUT', '/settings', wanted));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(editable(response.body), wanted);
  assert.deepEqual(await current(), response.body);
  const details = onlyRow(rows, manager, 'settings.update', 'success');
  assert.deepEqual(details, {
    target: 'http://pve.example.test:8006',
    changed: [
      'baseUrl', 'tokenId', 'node', 'caCertificate', 'defaultUserRamLimitMb', 'globalRamLimitMb', 'defaultUserVmLimit', 'snapshotLimit',
      'placementPolicy', 'placementNode', 'placementNodes', 'nodeReserveMb', 'nodeReserves', 'deleteDataOnUninstall',
    ],
    tokenSecretChanged: false,
  });

  const partial = await audited(() => api<Settings>(manager, 'PUT', '/settings', { globalRamLimitMb: 0 }));
  assert.equal(partial.response.status, 200);
  assert.deepEqual(editable(partial.response.body), { ...wanted, globalRamLimitMb: 0 });
  assert.deepEqual(onlyRow(partial.rows, manager, 'settings.update', 'success').changed, ['globalRamLimitMb']);

  const same = await audited(() => api<Settings>(manager, 'PUT', '/settings', { node: 'pve-2', tokenId: 'portal@pve!provisioning' }));
  assert.equal(same.response.status, 200);
  assert.deepEqual(onlyRow(same.rows, manager, 'settings.update', 'success').changed, []);
});

test('PUT trims text fields and the base URL\'s trailing slash', async () => {
  const response = await api<Settings>(manager, 'PUT', '/settings', {
    baseUrl: ' https://pve.example.test:8006/ ', tokenId: ' root@pam!portal ', node: ' pve ', caCertificate: `\n${foreignCaPem}\n\n`,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.baseUrl, 'https://pve.example.test:8006');
  assert.equal(response.body.tokenId, 'root@pam!portal');
  assert.equal(response.body.node, 'pve');
  assert.equal(response.body.caCertificate, foreignCaPem);
});

const invalidBodies: [string, Record<string, unknown>][] = [
  ['mode', { mode: 'ssh' }],
  ['mode', { mode: '' }],
  ['baseUrl', { baseUrl: 'pve.example.test:8006' }],
  ['baseUrl', { baseUrl: 'ftp://pve.example.test' }],
  ['baseUrl', { baseUrl: 'https://' }],
  ['baseUrl', { baseUrl: 42 }],
  // Parsers disagree on the host of these; the secret must go to the host the check saw.
  ['baseUrl', { baseUrl: 'https://pve.example.test:8006@evil.example' }],
  ['baseUrl', { baseUrl: 'https://evil.example\\@pve.example.test:8006' }],
  ['baseUrl', { baseUrl: 'https://pve.example.test:8006/?next=https://evil.example' }],
  ['baseUrl', { baseUrl: 'https://pve.example.test:8006#frag' }],
  ['tokenId', { tokenId: 'portal@pve' }],
  ['tokenId', { tokenId: 'portal!provisioning' }],
  ['tokenId', { tokenId: 'por tal@pve!provisioning' }],
  ['tokenId', { tokenId: 'portal@pve!' }],
  ['node', { node: '' }],
  ['node', { node: 'pve_1' }],
  ['node', { node: '-pve' }],
  ['node', { node: 'pve.example.test' }],
  ['node', { node: 'a'.repeat(64) }],
  ['caCertificate', { caCertificate: 'not a certificate' }],
  ['caCertificate', { caCertificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }],
  ['caCertificate', { caCertificate: `${foreignCaPem}\ntrailing garbage` }],
  ['caCertificate', { caCertificate: 'file:///etc/ssl/certs/ca-certificates.crt' }],
  ['defaultUserRamLimitMb', { defaultUserRamLimitMb: -1 }],
  ['defaultUserRamLimitMb', { defaultUserRamLimitMb: 1.5 }],
  ['globalRamLimitMb', { globalRamLimitMb: '16 GB' }],
  ['globalRamLimitMb', { globalRamLimitMb: null }],
  // Beyond a signed 32-bit number: 1e19 used to wrap to a negative limit that broke every quota check.
  ['globalRamLimitMb', { globalRamLimitMb: 1e19 }],
  ['defaultUserRamLimitMb', { defaultUserRamLimitMb: 2 ** 31 }],
  ['defaultUserVmLimit', { defaultUserVmLimit: -1 }],
  ['defaultUserVmLimit', { defaultUserVmLimit: 1e19 }],
  ['snapshotLimit', { snapshotLimit: -1 }],
  ['snapshotLimit', { snapshotLimit: 21 }],
  ['deleteDataOnUninstall', { deleteDataOnUninstall: 'maybe' }],
  ['tokenSecret', { tokenSecret: 42 }],
  ['tokenSecret', { tokenSecret: 'x'.repeat(256) }],
  // A line break would end the Authorization header and start another one.
  ['tokenSecret', { tokenSecret: 'set-secret\r\nX-Injected: 1' }],
  ['tokenSecret', { tokenSecret: 'set-secret\tpart' }],
  ['tokenSecret', { tokenSecret: 'set-\u0000secret' }],
  ['tokenSecret', { tokenSecret: 'set-secret\u007f' }],
  ['placementPolicy', { placementPolicy: 'random' }],
  ['placementNode', { placementPolicy: 'fixed', placementNode: '' }],
  ['placementNodes', { placementNodes: 'pve1, -bad-' }],
  ['nodeReserveMb', { nodeReserveMb: -1 }],
  ['nodeReserves', { nodeReserves: 'pve1=lots' }],
];

test('PUT refuses every invalid field with 400 rest_invalid_param, saves nothing, audits one error row', async () => {
  const before = await current();
  for (const [field, body] of invalidBodies) {
    const label = JSON.stringify(body).slice(0, 80);
    // A valid change rides along, to show that an invalid field makes the whole request fail.
    const withValid = { globalRamLimitMb: 1, ...body };
    const { response, rows } = await audited(() => api(manager, 'PUT', '/settings', withValid));
    assert.equal(response.status, 400, label);
    const error = errorOf(response);
    assert.equal(error.code, 'rest_invalid_param', label);
    assert.ok(error.data.params && typeof error.data.params === 'object', label);
    assert.deepEqual(Object.keys(error.data.params as object), [field], label);
    assert.equal(onlyRow(rows, manager, 'settings.update', 'error').error, 'rest_invalid_param', label);
  }
  assert.deepEqual(await current(), before, 'nothing was saved, not even the valid globalRamLimitMb');
});

test('HTTP mode requires an https:// base URL, checked on the merged settings', async () => {
  const insecure = await api<Settings>(manager, 'PUT', '/settings', { mode: 'mock', baseUrl: 'http://pve.example.test:8006' });
  assert.equal(insecure.status, 200, 'mock mode tolerates a plain http URL');

  for (const body of [{ mode: 'http' }, { mode: 'http', baseUrl: '' }, { mode: 'http', baseUrl: 'HTTP://pve.example.test' }]) {
    const { response, rows } = await audited(() => api(manager, 'PUT', '/settings', body));
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.equal(errorOf(response).code, 'rest_invalid_param');
    assert.match(errorOf(response).message, /HTTPS is required/);
    assert.deepEqual(Object.keys(errorOf(response).data.params as object), ['baseUrl']);
    onlyRow(rows, manager, 'settings.update', 'error');
  }
  assert.equal((await current()).mode, 'mock');

  const secure = await api<Settings>(manager, 'PUT', '/settings', { mode: 'http', baseUrl: 'https://pve.example.test:8006' });
  assert.equal(secure.status, 200, JSON.stringify(secure.body));
  assert.equal(secure.body.mode, 'http');

  const downgrade = await api(manager, 'PUT', '/settings', { baseUrl: 'http://pve.example.test:8006' });
  assert.equal(downgrade.status, 400);
  assert.match(errorOf(downgrade).message, /HTTPS is required/);

  const back = await api<Settings>(manager, 'PUT', '/settings', { mode: 'mock' });
  assert.equal(back.status, 200);
  assert.equal(back.body.baseUrl, 'https://pve.example.test:8006');
});

test('the token secret is write-only, sealed at rest and kept by a blank or absent value', async () => {
  const set = await audited(() => api<Settings>(manager, 'PUT', '/settings', { tokenSecret: secret, tokenId: 'portal@pve!provisioning' }));
  assert.equal(set.response.status, 200);
  assert.equal(set.response.body.tokenSecretSet, true);
  assert.equal(set.response.body.tokenSecretFromConstant, false);
  assert.ok(!JSON.stringify(set.response.body).includes(secret));
  const details = onlyRow(set.rows, manager, 'settings.update', 'success');
  assert.equal(details.tokenSecretChanged, true);
  assert.ok(!(details.changed as string[]).includes('tokenSecret'));
  assert.ok(!set.rows[0]?.details.includes(secret));

  const read = await api<Settings>(manager, 'GET', '/settings');
  assert.equal(read.body.tokenSecretSet, true);
  assert.ok(!JSON.stringify(read.body).includes(secret));

  const stored = await secretRow();
  assert.ok(stored);
  assert.match(stored.option_value, /^sodium:/);
  assert.ok(!stored.option_value.includes(secret));
  assert.ok(!Buffer.from(stored.option_value.slice('sodium:'.length), 'base64').toString('latin1').includes(secret));
  // Explicitly not autoloaded: WordPress 6.1 writes 'no', 6.6 'off' (wp_determine_option_autoload_value
  // in wp-includes/option.php; 'auto' would leave it to WordPress's size rule).
  assert.ok(['no', 'off'].includes(stored.autoload), `autoload is ${stored.autoload}`);
  const [plain] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM wp_options WHERE option_value LIKE ?', [`%${secret}%`]);
  assert.equal(Number(plain?.n), 0, 'no option row holds the plain secret');

  for (const body of [{ tokenSecret: '', node: 'pve' }, { tokenSecret: '   ' }, { node: 'pve' }]) {
    const kept = await audited(() => api<Settings>(manager, 'PUT', '/settings', body));
    assert.equal(kept.response.status, 200);
    assert.equal(kept.response.body.tokenSecretSet, true);
    assert.equal(onlyRow(kept.rows, manager, 'settings.update', 'success').tokenSecretChanged, false);
    assert.equal((await secretRow())?.option_value, stored.option_value, `${JSON.stringify(body)} keeps the sealed secret`);
  }

  const other = 'set-other-secret-0b9e';
  const probe = await audited(() => api<ConnectionTest>(manager, 'POST', '/settings/test-connection', { tokenSecret: other, node: 'pve-3' }));
  assert.equal(probe.response.status, 200);
  assert.deepEqual(onlyRow(probe.rows, manager, 'settings.test_connection', 'success').postedFields, ['tokenSecret', 'node']);
  assert.ok(!JSON.stringify(probe.response.body).includes(other));
  assert.equal((await secretRow())?.option_value, stored.option_value, 'a tested secret is not stored');

  const leaks = await query<{ n: number }>(
    'SELECT COUNT(*) AS n FROM wp_spp_audit_logs WHERE details LIKE ? OR details LIKE ?',
    [`%${secret}%`, `%${other}%`],
  );
  assert.equal(Number(leaks[0]?.n), 0, 'no audit row holds a secret');
});

test('test-connection tries the saved mock settings and succeeds', async () => {
  const { response, rows } = await audited(() => api<ConnectionTest>(manager, 'POST', '/settings/test-connection'));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.ok, true);
  assert.ok(response.body.checks.length > 0);
  for (const check of response.body.checks) {
    assert.equal(check.ok, true);
    assert.equal(typeof check.name, 'string');
    assert.ok(check.message.length > 0);
  }
  assert.deepEqual(onlyRow(rows, manager, 'settings.test_connection', 'success'), { postedFields: [], target: 'https://pve.example.test:8006', ok: true });
});

test('test-connection tries posted settings without saving them', async () => {
  const before = await current();
  const { response, rows } = await audited(() => api<ConnectionTest>(manager, 'POST', '/settings/test-connection', {
    mode: 'http', baseUrl: 'https://pve.example.invalid:8006', tokenId: 'portal@pve!probe', tokenSecret: 'set-probe-secret',
  }));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.ok, false, 'an unreachable node does not pass');
  assert.ok(response.body.checks.some((check) => !check.ok && check.message.length > 0));
  assert.ok(!JSON.stringify(response.body).includes('set-probe-secret'));
  const details = onlyRow(rows, manager, 'settings.test_connection', 'success');
  assert.equal(details.ok, false);
  assert.deepEqual(await current(), before, 'posted settings are not stored');

  const invalid = await audited(() => api(manager, 'POST', '/settings/test-connection', { mode: 'http', baseUrl: 'http://pve.example.test' }));
  assert.equal(invalid.response.status, 400);
  assert.match(errorOf(invalid.response).message, /HTTPS is required/);
  assert.equal(onlyRow(invalid.rows, manager, 'settings.test_connection', 'error').error, 'rest_invalid_param');
});
