import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned } from '../support/deployments.ts';
import { createUser, type TestUser } from '../support/users.ts';
import type { AuditEntry as AuditLog } from '../../ui/api/types.ts';
import { toCsv } from '../../ui/admin/audit/csvText.ts';


let settingsManager: TestUser;
let allManager: TestUser;
let rightsManager: TestUser;
let plain: TestUser;
let actor: TestUser;
/** Ids of the rows inserted below, oldest first. */
const ids: number[] = [];

async function insertRow(row: {
  createdAt: string;
  actorId: number;
  actorLogin: string;
  action: string;
  deploymentId: number | null;
  result: string;
  details: string;
  ip: string;
}): Promise<number> {
  const result = (await query(
    'INSERT INTO wp_spp_audit_logs (created_at, actor_id, actor_login, action, object_type, object_id, deployment_id, result, details, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [row.createdAt, row.actorId, row.actorLogin, row.action, 'deployment', String(row.deploymentId ?? ''), row.deploymentId, row.result, row.details, row.ip],
  )) as unknown as { insertId: number };
  return result.insertId;
}

async function list(qs: string, user: TestUser = settingsManager) {
  const response = await api<AuditLog[]>(user, 'GET', `/audit-logs?${qs}`);
  assert.equal(response.status, 200, `${qs}: ${JSON.stringify(response.body)}`);
  return response;
}

async function listIds(qs: string): Promise<number[]> {
  return (await list(qs)).body.map((row) => row.id);
}

async function rowCount(): Promise<number> {
  const [row] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM wp_spp_audit_logs');
  return Number(row?.n);
}

before(async () => {
  // audlog_, not aud_: audit-completeness.test.ts's matrix users are aud_* (its aud_owner was ours too).
  settingsManager = createUser({ login: 'audlog_settings', rights: ['portal_access', 'manage_settings'] });
  allManager = createUser({ login: 'audlog_all', rights: ['portal_access', 'manage_all'] });
  rightsManager = createUser({ login: 'audlog_rights', rights: ['portal_access', 'manage_rights'] });
  plain = createUser({ login: 'audlog_plain', rights: ['portal_access'] });
  actor = createUser({ login: 'audlog_actor', rights: ['portal_access'] });
  const rows = [
    { createdAt: '2001-02-03 10:00:00', actorId: actor.id, actorLogin: 'audlog_actor', action: 'audtest.start', deploymentId: 900001, result: 'success', details: '{"hours":2,"names":["a"]}', ip: '192.0.2.10' },
    { createdAt: '2001-02-04 10:00:00', actorId: actor.id, actorLogin: 'audlog_actor', action: 'audtest.stop', deploymentId: 900002, result: 'error', details: '[]', ip: '2001:db8::1' },
    { createdAt: '2001-02-05 10:00:00', actorId: 0, actorLogin: '', action: 'audtest.start', deploymentId: 900001, result: 'success', details: '{}', ip: '' },
    { createdAt: '2001-02-06 10:00:00', actorId: 987650, actorLogin: 'audlog_gone', action: 'audtest.stop', deploymentId: null, result: 'denied', details: '{"error":"rest_forbidden"}', ip: '198.51.100.7' },
  ];
  for (const row of rows) ids.push(await insertRow(row));
});

after(async () => {
  // audlog_rights ended the bootstrap; give the later test files the site as it was.
  await query("UPDATE wp_usermeta SET meta_value = '' WHERE meta_key = 'wp__spp_rights' AND user_id = ?", [rightsManager.id]);
  // The hand-made rows (2001, deployments 900001 and 900002) are no history of this site.
  if (ids.length > 0) await query('DELETE FROM wp_spp_audit_logs WHERE id IN (?)', [ids]);
});

describe('permissions', () => {
  it('answers 401 when anonymous', async () => {
    const response = await api(null, 'GET', '/audit-logs');
    assert.equal(response.status, 401);
    assert.equal(errorOf(response).code, 'rest_not_logged_in');
  });

  it('answers 403 without manage_all or manage_settings', async () => {
    for (const user of [plain, rightsManager]) {
      const response = await api(user, 'GET', '/audit-logs');
      assert.equal(response.status, 403, user.login);
      assert.equal(errorOf(response).code, 'rest_forbidden');
    }
  });

  it('lets holders of manage_all or manage_settings read', async () => {
    await list('action=audtest.start', settingsManager);
    assert.deepEqual((await list('action=audtest.start', allManager)).body.map((r) => r.id), [ids[2], ids[0]]);
  });

  it('offers no route that edits or deletes rows', async () => {
    const before = await rowCount();
    for (const [method, path] of [
      ['DELETE', '/audit-logs'],
      ['PUT', '/audit-logs'],
      ['PATCH', '/audit-logs'],
      ['POST', '/audit-logs'],
      ['DELETE', `/audit-logs/${ids[0]}`],
      ['PUT', `/audit-logs/${ids[0]}`],
      ['GET', `/audit-logs/${ids[0]}`],
    ] as const) {
      const response = await api(allManager, method, path, method === 'GET' || method === 'DELETE' ? undefined : { result: 'success' });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(errorOf(response).code, 'rest_no_route', `${method} ${path}`);
    }
    assert.equal(await rowCount(), before);
  });
});

describe('GET audit-logs', () => {
  it('returns rows in the documented shape, details always an object', async () => {
    const rows = (await list('action=audtest.start')).body;
    assert.deepEqual(rows[1], {
      id: ids[0],
      createdAt: '2001-02-03T10:00:00Z',
      actorId: actor.id,
      actorLogin: 'audlog_actor',
      action: 'audtest.start',
      objectType: 'deployment',
      objectId: '900001',
      deploymentId: 900001,
      deploymentName: null,
      result: 'success',
      details: { hours: 2, names: ['a'] },
      ip: '192.0.2.10',
    });
    const stop = (await list(`actor=${actor.id}&action=audtest.stop`)).body;
    assert.deepEqual(stop.map((r) => [r.details, r.ip]), [[{}, '2001:db8::1']]);
    const gone = (await list('actor=audlog_gone')).body;
    assert.deepEqual(gone.map((r) => r.deploymentId), [null]);
  });

  it('names the deployment next to its id, also after the deployment was deleted', async () => {
    const owner = createUser({ login: 'audlog_owner', rights: ['portal_access', 'create', 'delete'] });
    const d = await createDeployment(owner, { name: 'Audit & “named” PBX' });
    const named = async (): Promise<Array<[number | null, string | null]>> =>
      (await list(`deployment=${d.id}`, allManager)).body.map((r) => [r.deploymentId, r.deploymentName]);
    assert.deepEqual(await named(), [[d.id, 'Audit & “named” PBX']]);
    await provisioned(owner, d.id);
    assert.equal((await api(owner, 'DELETE', `/deployments/${d.id}`)).status, 202);
    // Each read advances the deletion; the deployment leaves the API once its VM is gone.
    for (let read = 0; read < 20 && (await api(owner, 'GET', `/deployments/${d.id}`)).status === 200; read++);
    assert.equal((await api(owner, 'GET', `/deployments/${d.id}`)).status, 404, 'deleted');
    const rows = await named();
    assert.ok(rows.length >= 3, JSON.stringify(rows));
    assert.ok(rows.every(([id, name]) => id === d.id && name === 'Audit & “named” PBX'), JSON.stringify(rows));
  });

  it('lists newest first and pages with X-WP-Total and X-WP-TotalPages', async () => {
    const range = 'after=2001-01-01T00:00:00Z&before=2002-01-01T00:00:00Z';
    const first = await list(`${range}&per_page=3`);
    assert.equal(first.headers.get('x-wp-total'), '4');
    assert.equal(first.headers.get('x-wp-totalpages'), '2');
    assert.deepEqual(first.body.map((r) => r.id), [ids[3], ids[2], ids[1]]);
    assert.deepEqual(await listIds(`${range}&per_page=3&page=2`), [ids[0]]);
    const everything = await list('per_page=2');
    assert.equal(everything.headers.get('x-wp-total'), String(await rowCount()));
    assert.ok(everything.body[0]!.id > everything.body[1]!.id);
  });

  it('filters by actor id or login, action and deployment', async () => {
    assert.deepEqual(await listIds(`actor=${actor.id}`), [ids[1], ids[0]]);
    assert.deepEqual(await listIds('actor=audlog_actor'), [ids[1], ids[0]]);
    assert.deepEqual(await listIds('actor=987650'), [ids[3]]);
    assert.deepEqual(await listIds('actor=audlog_gone'), [ids[3]]);
    assert.deepEqual(await listIds('actor=0&action=audtest.start'), [ids[2]]);
    assert.deepEqual(await listIds('action=audtest.stop'), [ids[3], ids[1]]);
    assert.deepEqual(await listIds('deployment=900001'), [ids[2], ids[0]]);
    assert.deepEqual(await listIds(`deployment=900001&actor=${actor.id}`), [ids[0]]);
    assert.deepEqual(await listIds('actor=nobody_by_that_login'), []);
  });

  it('filters by time: after is inclusive, before exclusive, offsets honoured', async () => {
    assert.deepEqual(await listIds('after=2001-02-04T10:00:00Z&before=2001-02-06T10:00:00Z'), [ids[2], ids[1]]);
    assert.deepEqual(await listIds('after=2001-02-04T12:00:00%2B02:00&before=2001-02-05T00:00:00Z'), [ids[1]]);
    assert.deepEqual(await listIds('before=2001-02-04T00:00:00Z'), [ids[0]]);
    const recent = await listIds('after=2001-02-06T10:00:01Z&action=audtest.stop');
    assert.deepEqual(recent, []);
  });

  it('rejects bad filters with 400 rest_invalid_param', async () => {
    for (const qs of ['after=yesterday', 'before=2001-02-30', 'deployment=0', 'deployment=abc', 'actor=', 'per_page=101', 'page=0']) {
      const response = await api(settingsManager, 'GET', `/audit-logs?${qs}`);
      assert.equal(response.status, 400, qs);
      assert.equal(errorOf(response).code, 'rest_invalid_param', qs);
    }
  });

  it('shows refused rights changes as denied rows of the refused actor', async () => {
    const response = await api(plain, 'PUT', `/users/${actor.id}`, { rights: ['portal_access', 'manage_rights'] });
    assert.equal(response.status, 403);
    const rows = (await list(`actor=audlog_plain&action=rights.update`)).body;
    assert.equal(rows.length, 1);
    assert.deepEqual(
      [rows[0]!.actorId, rows[0]!.result, rows[0]!.objectId, rows[0]!.details],
      [plain.id, 'denied', String(actor.id), { error: 'rest_forbidden' }],
    );
    assert.match(rows[0]!.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(rows[0]!.ip !== '', 'the client IP is recorded');
  });
});

describe('paging bounds', () => {
  it('refuses a page past the maximum with 400 instead of a negative SQL offset', async () => {
    for (const [path, user] of [['/audit-logs', allManager], ['/deployments', allManager], ['/users', rightsManager]] as const) {
      for (const page of [10_000_001, 2 ** 62, 1e19]) {
        const response = await api(user, 'GET', `${path}?page=${page}`);
        assert.equal(response.status, 400, `${path} page ${page}: ${JSON.stringify(response.body)}`);
        assert.equal(errorOf(response).code, 'rest_invalid_param');
      }
    }
    const last = await api<AuditLog[]>(allManager, 'GET', '/audit-logs?page=10000000&per_page=100');
    assert.equal(last.status, 200);
    assert.deepEqual(last.body, []);
  });
});

describe('CSV export (the admin UI\'s audit download)', () => {
  it('neutralises cells a spreadsheet would run as a formula, tab and carriage return first included', async () => {
    const hostile = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    const inserted: number[] = [];
    for (const login of hostile) {
      inserted.push(await insertRow({ createdAt: '2001-03-01 10:00:00', actorId: actor.id, actorLogin: login, action: 'audtest.csv', deploymentId: null, result: 'success', details: '{}', ip: '' }));
    }
    const entries = (await list('action=audtest.csv&per_page=100', allManager)).body;
    assert.deepEqual(entries.map((entry) => entry.actorLogin).sort(), [...hostile].sort());
    const lines = toCsv(entries).split('\r\n');
    assert.equal(lines[0], 'id,createdAt,actorId,actorLogin,action,objectType,objectId,deploymentId,deploymentName,result,details,ip');
    for (const entry of entries) {
      const line = lines.find((text) => text.startsWith(`"${entry.id}",`));
      assert.ok(line?.includes(`,"'${entry.actorLogin}",`), `${JSON.stringify(entry.actorLogin)} in ${JSON.stringify(line)}`);
    }
    await query('DELETE FROM wp_spp_audit_logs WHERE id IN (?)', [inserted]);
  });
});
