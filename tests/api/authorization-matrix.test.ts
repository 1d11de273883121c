import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, namespace } from '../support/api.ts';
import { query } from '../support/db.ts';
import { bootstrapAdmin, effectiveRights, mainCallers, type CallerSpec } from '../support/matrix/callers.ts';
import { describeExpectation, expected, outcome, runCell } from '../support/matrix/cells.ts';
import { deploymentName, MatrixFixture, withoutRightsManagers } from '../support/matrix/fixture.ts';
import { routes, type RouteRow } from '../support/matrix/routes.ts';
import { siteUser, testSite } from '../support/test-site.ts';
import { allRights, fixtureAdmin } from '../support/users.ts';

// Every route × every kind of caller, against CONTRACT §2, §3 and §6; how the table is built:
// docs/decisions/authorization-matrix.md.
const callerCount = mainCallers.length + 1;
const cellCount = routes.length * callerCount;
let cellsRun = 0;
let fixture: MatrixFixture;

before(async () => {
  fixture = await MatrixFixture.open('azm_', 990101);
});

after(async () => {
  await fixture?.close();
});

async function check(row: RouteRow, caller: CallerSpec): Promise<void> {
  const response = await runCell(fixture, row, caller);
  cellsRun++;
  assert.deepEqual(outcome(response), expected(row, caller), `${row.name} as ${caller.name}: ${JSON.stringify(response.body).slice(0, 300)}`);
  const rights = effectiveRights(caller);
  if (response.status < 300 && rights !== null) row.verify?.(fixture, rights, caller.relation, response.body);
}

const cellName = (row: RouteRow, caller: CallerSpec) => `${caller.name} → ${describeExpectation(expected(row, caller))}`;

async function me(): Promise<{ rights: string[]; bootstrap: boolean }> {
  const response = await api<{ rights: string[]; bootstrap: boolean }>(fixtureAdmin(), 'GET', '/me');
  assert.equal(response.status, 200);
  return response.body;
}

async function maxAuditId(): Promise<number> {
  const [row] = await query<{ id: number | null }>('SELECT MAX(id) AS id FROM wp_spp_audit_logs');
  return Number(row?.id ?? 0);
}

/** Logs in through wp-login.php like a browser and returns the Cookie header of the session. */
async function logInCookie(login: string, password: string): Promise<string> {
  const { url } = testSite();
  const response = await fetch(`${url}/wp-login.php`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
    body: new URLSearchParams({ log: login, pwd: password, 'wp-submit': 'Log In', redirect_to: `${url}/wp-admin/`, testcookie: '1' }),
  });
  assert.equal(response.status, 302, 'wp-login.php redirects after a successful login');
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  assert.ok(cookies.some((cookie) => cookie.startsWith('wordpress_logged_in_')), cookies.join('; '));
  return cookies.join('; ');
}

async function cookieApi(cookie: string, method: string, path: string, nonce?: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: 'application/json', Cookie: cookie };
  if (nonce !== undefined) headers['X-WP-Nonce'] = nonce;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${testSite().url}${namespace}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as { code?: string; id?: number; rights?: string[] } };
}

describe('during the bootstrap (no user holds manage_rights + portal_access)', () => {
  let restoreManagers: () => Promise<void>;
  before(async () => {
    restoreManagers = await withoutRightsManagers();
  });
  after(async () => {
    await restoreManagers();
  });

  test('the administrator holds every right', async () => {
    const body = await me();
    assert.deepEqual([body.rights, body.bootstrap], [[...allRights], true]);
  });

  describe('as the administrator', () => {
    for (const row of routes) test(`${row.name}: ${cellName(row, bootstrapAdmin)}`, () => check(row, bootstrapAdmin));
  });

  describe('cookie authentication needs the REST nonce', () => {
    let cookie: string;
    before(async () => {
      cookie = await logInCookie('admin', siteUser('admin').password);
    });

    test('without X-WP-Nonce the session counts as logged out: 401, and a mutation leaves no audit row', async () => {
      const read = await cookieApi(cookie, 'GET', '/me');
      assert.deepEqual([read.status, read.body.code], [401, 'rest_not_logged_in']);
      const before = await maxAuditId();
      const write = await cookieApi(cookie, 'POST', '/deployments', undefined, { templateId: 3, name: deploymentName });
      assert.deepEqual([write.status, write.body.code], [401, 'rest_not_logged_in']);
      assert.equal(await maxAuditId(), before);
    });

    test('a wrong X-WP-Nonce is refused before any route runs (WordPress: 403 rest_cookie_invalid_nonce)', async () => {
      const before = await maxAuditId();
      const write = await cookieApi(cookie, 'POST', '/deployments', 'not-a-nonce', { templateId: 3, name: deploymentName });
      assert.deepEqual([write.status, write.body.code], [403, 'rest_cookie_invalid_nonce']);
      assert.equal(await maxAuditId(), before);
    });

    test('the same cookie with the nonce from admin-ajax.php?action=rest-nonce is the administrator', async () => {
      const nonceResponse = await fetch(`${testSite().url}/wp-admin/admin-ajax.php?action=rest-nonce`, { headers: { Cookie: cookie } });
      assert.equal(nonceResponse.status, 200);
      const nonce = (await nonceResponse.text()).trim();
      assert.match(nonce, /^[0-9a-f]{10}$/);
      const read = await cookieApi(cookie, 'GET', '/me', nonce);
      assert.equal(read.status, 200);
      assert.equal(read.body.id, fixtureAdmin().id);
      assert.deepEqual(read.body.rights, [...allRights]);
      const before = await maxAuditId();
      const write = await cookieApi(cookie, 'POST', '/deployments', nonce, { templateId: 3, name: deploymentName });
      assert.equal(write.status, 201, JSON.stringify(write.body));
      const rows = await query<{ actor_id: number; action: string; result: string }>(
        'SELECT actor_id, action, result FROM wp_spp_audit_logs WHERE id > ? AND deployment_id = ? AND action = ?',
        [before, write.body.id, 'deployment.create'],
      );
      assert.deepEqual(rows, [{ actor_id: fixtureAdmin().id, action: 'deployment.create', result: 'success' }]);
    });
  });
});

describe('after the bootstrap (a user holds manage_rights + portal_access)', () => {
  test('the administrator holds no right at all', async () => {
    const body = await me();
    assert.deepEqual([body.rights, body.bootstrap], [[], false]);
  });

  for (const row of routes) {
    describe(row.name, { concurrency: row.serial ? 1 : 3 }, () => {
      for (const caller of mainCallers) test(cellName(row, caller), () => check(row, caller));
    });
  }
});

// Callers refused for a missing right get the same 403 whatever the id (the permission callback
// never reads it); these are the callers who get past it, for whom a leak could happen.
describe('a deleted or never existing deployment answers 404 like an invisible one, so existence does not leak', () => {
  for (const row of routes.filter((r) => r.onDeployment)) {
    describe(row.name, { concurrency: 3 }, () => {
      for (const caller of mainCallers.filter((c) => expected(row, c, 'gone').status === 404)) {
        test(`${caller.name} → ${describeExpectation(expected(row, caller, 'gone'))}`, async () => {
          for (const ghost of fixture.ghosts) {
            const response = await runCell(fixture, row, caller, { ghost: ghost.id });
            assert.deepEqual(outcome(response), expected(row, caller, 'gone'), `on ${ghost.name}: ${JSON.stringify(response.body).slice(0, 300)}`);
          }
        });
      }
    });
  }
});

test(`the matrix has ${cellCount} cells: ${routes.length} routes × ${callerCount} callers`, (t) => {
  t.diagnostic(`cells run: ${cellsRun}`);
  assert.equal(cellsRun, cellCount);
  assert.equal(cellCount, 60 * 31);
});
