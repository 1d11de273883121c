import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, errorOf } from '../support/api.ts';
import { query } from '../support/db.ts';
import { allRights, createUser, fixtureAdmin, type TestUser } from '../support/users.ts';
import { lastAuditId, type AuditRow } from '../support/audit.ts';

interface UserResource {
  id: number;
  login: string;
  email: string;
  displayName: string;
  rights: string[];
  effectiveRights: string[];
  ramLimitMb: number | null;
  vmLimit: number | null;
}

interface Me {
  id: number;
  login: string;
  displayName: string;
  rights: string[];
  bootstrap: boolean;
  rightsManagers: string[];
}

const rightsKey = 'wp__spp_rights';
const managerRights = ['portal_access', 'manage_rights'];
const everythingButManaging = allRights.filter((right) => right !== 'manage_rights');

/** Rights managers left by other test files; stripped of manage_rights while this file runs. */
let foreignManagers: { user_id: number; meta_value: string }[] = [];
let managerA: TestUser;
let managerB: TestUser;
let plain: TestUser;
let noAccess: TestUser;
let target: TestUser;

/** Stores rights straight in the database; createUser() works only once per login. */
async function storeRights(user: TestUser, rights: readonly string[]): Promise<void> {
  const keys = allRights.filter((right) => rights.includes(right));
  await query('UPDATE wp_usermeta SET meta_value = ? WHERE meta_key = ? AND user_id = ?', [
    keys.length === 0 ? '' : `,${keys.join(',')},`,
    rightsKey,
    user.id,
  ]);
}

async function auditRowsSince(id: number, objectId: number): Promise<AuditRow[]> {
  return query<AuditRow>(
    "SELECT * FROM wp_spp_audit_logs WHERE id > ? AND action = 'rights.update' AND object_id = ? ORDER BY id",
    [id, String(objectId)],
  );
}

async function managerCount(): Promise<number> {
  const [row] = await query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM wp_usermeta WHERE meta_key = ? AND meta_value LIKE '%,manage_rights,%' AND meta_value LIKE '%,portal_access,%'",
    [rightsKey],
  );
  return Number(row?.n ?? 0);
}

async function storedRights(user: TestUser): Promise<string[]> {
  const response = await api<UserResource>(managerA, 'GET', `/users/${user.id}`);
  assert.equal(response.status, 200);
  return response.body.rights;
}

function put(actor: TestUser, user: TestUser, body: unknown) {
  return api<UserResource>(actor, 'PUT', `/users/${user.id}`, body);
}

before(async () => {
  foreignManagers = await query<{ user_id: number; meta_value: string }>(
    "SELECT user_id, meta_value FROM wp_usermeta WHERE meta_key = ? AND meta_value LIKE '%,manage_rights,%'",
    [rightsKey],
  );
  await query("UPDATE wp_usermeta SET meta_value = REPLACE(meta_value, ',manage_rights,', ',') WHERE meta_key = ?", [rightsKey]);
  managerA = createUser({ login: 'usr_manager_a', rights: [...allRights] });
  managerB = createUser({ login: 'usr_manager_b', rights: [...allRights] });
  plain = createUser({ login: 'usr_plain', rights: ['portal_access'], displayName: 'Usr Plain' });
  noAccess = createUser({ login: 'usr_no_access', rights: ['create'], ramLimitMb: 2048 });
  target = createUser({ login: 'usr_target', rights: ['portal_access'] });
});

after(async () => {
  // Leave the bootstrap state as this file found it: only the other files' managers manage rights.
  await query(
    "UPDATE wp_usermeta m JOIN wp_users u ON u.ID = m.user_id SET m.meta_value = REPLACE(m.meta_value, ',manage_rights,', ',') WHERE m.meta_key = ? AND u.user_login LIKE 'usr\\_%'",
    [rightsKey],
  );
  for (const row of foreignManagers) {
    await query('UPDATE wp_usermeta SET meta_value = ? WHERE meta_key = ? AND user_id = ?', [row.meta_value, rightsKey, row.user_id]);
  }
});

describe('permissions', () => {
  it('answers 401 to anonymous callers on every route', async () => {
    for (const [method, path] of [['GET', '/users'], ['GET', `/users/${plain.id}`], ['PUT', `/users/${plain.id}`], ['GET', '/me']] as const) {
      const response = await api(null, method, path, method === 'PUT' ? { rights: [] } : undefined);
      assert.equal(response.status, 401, `${method} ${path}`);
      assert.equal(errorOf(response).code, 'rest_not_logged_in');
    }
  });

  it('answers 403 without manage_rights, and audits the refused PUT as denied', async () => {
    assert.equal(errorOf(await api(plain, 'GET', '/users')).code, 'rest_forbidden');
    assert.equal((await api(plain, 'GET', `/users/${target.id}`)).status, 403);
    const since = await lastAuditId();
    const response = await put(plain, target, { rights: allRights });
    assert.equal(response.status, 403);
    assert.equal(errorOf(response).code, 'rest_forbidden');
    const rows = await auditRowsSince(since, target.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.result, 'denied');
    assert.equal(Number(rows[0]?.actor_id), plain.id);
    assert.equal(rows[0]?.actor_login, 'usr_plain');
    assert.deepEqual(await storedRights(target), ['portal_access']);
  });

  it('does not count manage_rights without portal_access', async () => {
    const orphan = createUser({ login: 'usr_orphan_manager', rights: ['manage_rights'] });
    assert.equal((await api(orphan, 'GET', '/users')).status, 403);
    assert.equal((await api(orphan, 'GET', '/me')).status, 200);
  });
});

describe('GET users', () => {
  before(() => {
    for (const n of [1, 2, 3, 4, 5]) createUser({ login: `usr_page_${n}`, rights: [], displayName: `Paging Person ${n}` });
    createUser({ login: 'usr_search_mail', rights: [], email: 'quokka.unique@usr-mail.example.test' });
    createUser({ login: 'usr_search_name', rights: [], displayName: 'Zebulon Wombatson' });
  });

  it('pages with X-WP-Total and X-WP-TotalPages, ordered by login', async () => {
    const first = await api<UserResource[]>(managerA, 'GET', '/users?search=usr_page_&per_page=2');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-wp-total'), '5');
    assert.equal(first.headers.get('x-wp-totalpages'), '3');
    assert.deepEqual(first.body.map((u) => u.login), ['usr_page_1', 'usr_page_2']);
    const last = await api<UserResource[]>(managerA, 'GET', '/users?search=usr_page_&per_page=2&page=3');
    assert.deepEqual(last.body.map((u) => u.login), ['usr_page_5']);
    const beyond = await api<UserResource[]>(managerA, 'GET', '/users?search=usr_page_&per_page=2&page=4');
    assert.deepEqual(beyond.body, []);
  });

  it('lists every user of the site, including the administrator without plugin rights', async () => {
    const [row] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM wp_users');
    const all = await api<UserResource[]>(managerA, 'GET', '/users?per_page=1');
    assert.equal(all.headers.get('x-wp-total'), String(row?.n));
    assert.equal(all.headers.get('x-wp-totalpages'), String(row?.n));
    const admin = await api<UserResource[]>(managerA, 'GET', '/users?search=admin@example.test');
    // The search also finds other files' users whose e-mail ends the same (plc_admin@…).
    assert.deepEqual(admin.body.filter((u) => u.login === 'admin').map((u) => [u.login, u.rights]), [['admin', []]]);
  });

  it('searches login, email and display name', async () => {
    const byEmail = await api<UserResource[]>(managerA, 'GET', '/users?search=quokka.unique');
    assert.deepEqual(byEmail.body.map((u) => u.login), ['usr_search_mail']);
    const byName = await api<UserResource[]>(managerA, 'GET', '/users?search=wombatson');
    assert.deepEqual(byName.body.map((u) => u.login), ['usr_search_name']);
    const byLogin = await api<UserResource[]>(managerA, 'GET', '/users?search=usr_search_');
    assert.deepEqual(byLogin.body.map((u) => u.login), ['usr_search_mail', 'usr_search_name']);
    const literal = await api<UserResource[]>(managerA, 'GET', `/users?search=${encodeURIComponent('usr%page')}`);
    assert.deepEqual(literal.body, [], 'LIKE wildcards in the search are literal');
  });

  it('rejects bad paging and search arguments', async () => {
    for (const qs of ['per_page=101', 'per_page=0', 'page=0', 'page=x', `search=${'x'.repeat(101)}`]) {
      const response = await api(managerA, 'GET', `/users?${qs}`);
      assert.equal(response.status, 400, qs);
      assert.equal(errorOf(response).code, 'rest_invalid_param', qs);
    }
  });
});

describe('GET users/:id', () => {
  it('returns stored and effective rights and the RAM override', async () => {
    const response = await api<UserResource>(managerA, 'GET', `/users/${noAccess.id}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      id: noAccess.id,
      login: 'usr_no_access',
      email: 'usr_no_access@example.test',
      displayName: 'Usr_no_access',
      rights: ['create'],
      effectiveRights: [],
      ramLimitMb: 2048,
      vmLimit: null,
    });
    const plainBody = (await api<UserResource>(managerA, 'GET', `/users/${plain.id}`)).body;
    assert.deepEqual([plainBody.displayName, plainBody.rights, plainBody.effectiveRights, plainBody.ramLimitMb], ['Usr Plain', ['portal_access'], ['portal_access'], null]);
  });

  it('answers 404 spp_user_not_found for an unknown id and 400 for a malformed one', async () => {
    const missing = await api(managerA, 'GET', '/users/987654321');
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing).code, 'spp_user_not_found');
    const zero = await api(managerA, 'GET', '/users/0');
    assert.equal(zero.status, 400);
    assert.equal(errorOf(zero).code, 'rest_invalid_param');
  });
});

describe('PUT users/:id', () => {
  it('replaces rights and RAM override and audits the change once', async () => {
    const since = await lastAuditId();
    const response = await put(managerA, target, { rights: ['create', 'portal_access', 'create', 'stop'], ramLimitMb: 0 });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.rights, ['portal_access', 'create', 'stop']);
    assert.deepEqual(response.body.effectiveRights, ['portal_access', 'create', 'stop']);
    assert.equal(response.body.ramLimitMb, 0);
    const rows = await auditRowsSince(since, target.id);
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.deepEqual(
      [Number(row.actor_id), row.actor_login, row.result, row.object_type],
      [managerA.id, 'usr_manager_a', 'success', 'user'],
    );
    assert.deepEqual(JSON.parse(row.details), {
      before: ['portal_access'],
      after: ['portal_access', 'create', 'stop'],
      ramLimitMbBefore: null,
      ramLimitMbAfter: 0,
      vmLimitBefore: null,
      vmLimitAfter: null,
    });
    const [stored] = await query<{ meta_value: string }>('SELECT meta_value FROM wp_usermeta WHERE meta_key = ? AND user_id = ?', [rightsKey, target.id]);
    assert.equal(stored?.meta_value, ',portal_access,create,stop,');
  });

  it('resets the RAM override to the default when ramLimitMb is null or absent', async () => {
    assert.equal((await put(managerA, target, { rights: ['portal_access'], ramLimitMb: 512 })).body.ramLimitMb, 512);
    assert.equal((await put(managerA, target, { rights: ['portal_access'], ramLimitMb: null })).body.ramLimitMb, null);
    assert.equal((await put(managerA, target, { rights: ['portal_access'], ramLimitMb: 256 })).body.ramLimitMb, 256);
    const absent = await put(managerA, target, { rights: [] });
    assert.equal(absent.status, 200);
    assert.deepEqual([absent.body.rights, absent.body.ramLimitMb], [[], null]);
    const rows = await query('SELECT 1 FROM wp_usermeta WHERE meta_key = ? AND user_id = ?', ['wp__spp_ram_limit_mb', target.id]);
    assert.equal(rows.length, 0);
  });

  it('replaces the VM limit override beside the RAM one: a number, 0 for unlimited, null or absent for the default', async () => {
    const set = await put(managerA, target, { rights: ['portal_access'], ramLimitMb: 1024, vmLimit: 3 });
    assert.equal(set.status, 200);
    assert.deepEqual([set.body.ramLimitMb, set.body.vmLimit], [1024, 3]);
    const [stored] = await query<{ meta_value: string }>('SELECT meta_value FROM wp_usermeta WHERE meta_key = ? AND user_id = ?', ['wp__spp_vm_limit', target.id]);
    assert.equal(stored?.meta_value, '3');
    assert.equal((await put(managerA, target, { rights: ['portal_access'], vmLimit: 0 })).body.vmLimit, 0);
    assert.equal((await put(managerA, target, { rights: ['portal_access'] })).body.vmLimit, null);
    assert.equal((await query('SELECT 1 FROM wp_usermeta WHERE meta_key = ? AND user_id = ?', ['wp__spp_vm_limit', target.id])).length, 0);
  });

  it('acts on the user of the path, whatever `id` the body or query names', async () => {
    const before = await storedRights(plain);
    const response = await api<UserResource>(managerA, 'PUT', `/users/${target.id}?id=${plain.id}`, { id: plain.id, rights: ['portal_access', 'start'] });
    assert.equal(response.status, 200);
    assert.equal(response.body.id, target.id);
    assert.deepEqual(await storedRights(target), ['portal_access', 'start']);
    assert.deepEqual(await storedRights(plain), before);
    const read = await api<UserResource>(managerA, 'GET', `/users/${target.id}?id=${plain.id}`);
    assert.equal(read.body.id, target.id);
    await put(managerA, target, { rights: [] });
  });

  it('rejects unknown rights and bad RAM limits with 400 rest_invalid_param, audited as error', async () => {
    const bodies: unknown[] = [
      { rights: ['portal_access', 'fly'] },
      { rights: 'portal_access,fly' },
      { rights: [7] },
      { rights: [], ramLimitMb: -1 },
      { rights: [], ramLimitMb: 1.5 },
      { rights: [], ramLimitMb: 'lots' },
      { rights: [], ramLimitMb: 1e19 },
      { rights: [], vmLimit: -1 },
      { rights: [], vmLimit: 2 ** 31 },
      { rights: [], vmLimit: 1e19 },
    ];
    for (const body of bodies) {
      const since = await lastAuditId();
      const response = await put(managerA, target, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(errorOf(response).code, 'rest_invalid_param', JSON.stringify(body));
      const rows = await auditRowsSince(since, target.id);
      assert.deepEqual(rows.map((r) => r.result), ['error'], JSON.stringify(body));
    }
    const missing = await put(managerA, target, { ramLimitMb: 1 });
    assert.equal(missing.status, 400);
    assert.equal(errorOf(missing).code, 'rest_missing_callback_param');
    assert.deepEqual(await storedRights(target), []);
  });

  it('answers 404 spp_user_not_found for an unknown user, audited as denied', async () => {
    const since = await lastAuditId();
    const response = await api(managerA, 'PUT', '/users/987654321', { rights: [] });
    assert.equal(response.status, 404);
    assert.equal(errorOf(response).code, 'spp_user_not_found');
    const rows = await auditRowsSince(since, 987654321);
    assert.deepEqual(rows.map((r) => [r.result, Number(r.actor_id)]), [['denied', managerA.id]]);
  });
});

describe('last rights manager', () => {
  before(async () => {
    await storeRights(managerA, allRights);
    await storeRights(managerB, ['portal_access']);
  });

  it('refuses the last manager removing their own manage_rights or portal_access (409)', async () => {
    assert.equal(await managerCount(), 1);
    for (const rights of [everythingButManaging, allRights.filter((r) => r !== 'portal_access'), []]) {
      const since = await lastAuditId();
      const response = await put(managerA, managerA, { rights });
      assert.equal(response.status, 409);
      assert.equal(errorOf(response).code, 'spp_last_rights_manager');
      const rows = await auditRowsSince(since, managerA.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.result, 'error');
      assert.equal(JSON.parse(rows[0]!.details).error, 'spp_last_rights_manager');
    }
    assert.deepEqual(await storedRights(managerA), [...allRights]);
  });

  it('lets the last manager change their other rights', async () => {
    const response = await put(managerA, managerA, { rights: managerRights, ramLimitMb: 100 });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.rights, ['portal_access', 'manage_rights']);
    assert.equal((await put(managerA, managerA, { rights: allRights })).status, 200);
  });

  it('lets a manager step down once another manager exists', async () => {
    assert.equal((await put(managerA, managerB, { rights: managerRights })).status, 200);
    const response = await put(managerA, managerA, { rights: ['portal_access'] });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.effectiveRights, ['portal_access']);
    assert.equal((await api(managerA, 'GET', '/users')).status, 403);
    assert.equal(await managerCount(), 1);
  });

  it('lets exactly one of two managers step down at the same time', async () => {
    for (let round = 0; round < 5; round++) {
      await storeRights(managerA, allRights);
      await storeRights(managerB, allRights);
      assert.equal(await managerCount(), 2);
      const responses = await Promise.all([
        put(managerA, managerA, { rights: everythingButManaging }),
        put(managerB, managerB, { rights: everythingButManaging }),
      ]);
      assert.deepEqual(responses.map((r) => r.status).sort(), [200, 409], `round ${round}`);
      assert.equal(errorOf(responses.find((r) => r.status === 409)!).code, 'spp_last_rights_manager');
      assert.equal(await managerCount(), 1);
    }
  });

  it('lets exactly one of two managers demote the other at the same time', async () => {
    for (let round = 0; round < 5; round++) {
      await storeRights(managerA, allRights);
      await storeRights(managerB, allRights);
      const responses = await Promise.all([
        put(managerA, managerB, { rights: ['portal_access'] }),
        put(managerB, managerA, { rights: ['portal_access'] }),
      ]);
      // The loser has lost manage_rights by the time its change is checked under the lock.
      assert.deepEqual(responses.map((r) => r.status).sort(), [200, 403], `round ${round}`);
      assert.equal(errorOf(responses.find((r) => r.status === 403)!).code, 'rest_forbidden');
      assert.equal(await managerCount(), 1);
    }
  });
});

describe('bootstrap rule and GET me', () => {
  before(async () => {
    await storeRights(managerA, ['portal_access']);
    await storeRights(managerB, ['portal_access']);
  });

  it('gives the administrator every right while no rights manager exists', async () => {
    assert.equal(await managerCount(), 0);
    const me = await api<Me>(fixtureAdmin(), 'GET', '/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, { id: fixtureAdmin().id, login: 'admin', displayName: 'Test Admin', rights: [...allRights], bootstrap: true, rightsManagers: [] });
    const adminRow = (await api<UserResource>(fixtureAdmin(), 'GET', `/users/${fixtureAdmin().id}`)).body;
    assert.deepEqual([adminRow.rights, adminRow.effectiveRights], [[], [...allRights]]);
    const plainMe = await api<Me>(plain, 'GET', '/me');
    assert.deepEqual([plainMe.body.rights, plainMe.body.bootstrap], [['portal_access'], true]);
  });

  it('ends the bootstrap once the administrator names a rights manager', async () => {
    const since = await lastAuditId();
    assert.equal((await put(fixtureAdmin(), managerA, { rights: managerRights })).status, 200);
    const rows = await auditRowsSince(since, managerA.id);
    assert.deepEqual(rows.map((r) => [r.result, r.actor_login]), [['success', 'admin']]);
    const me = await api<Me>(fixtureAdmin(), 'GET', '/me');
    assert.deepEqual([me.body.rights, me.body.bootstrap], [[], false]);
    assert.equal((await api(fixtureAdmin(), 'GET', '/users')).status, 403);
    assert.equal((await put(fixtureAdmin(), managerA, { rights: [] })).status, 403);
    const managerMe = await api<Me>(managerA, 'GET', '/me');
    assert.deepEqual([managerMe.body.rights, managerMe.body.bootstrap], [managerRights, false]);
    assert.deepEqual(me.body.rightsManagers, [managerMe.body.displayName], 'GET me names whom to ask for a right');
  });

  it('answers GET me for users without portal_access too', async () => {
    const me = await api<Me>(noAccess, 'GET', '/me');
    assert.equal(me.status, 200);
    const managerName = (await api<Me>(managerA, 'GET', '/me')).body.displayName;
    assert.deepEqual(me.body, { id: noAccess.id, login: 'usr_no_access', displayName: 'Usr_no_access', rights: [], bootstrap: false, rightsManagers: [managerName] });
  });
});
