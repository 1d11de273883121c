import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api } from '../support/api.ts';
import { query } from '../support/db.ts';
import { assertOneRow, AuditLedger, describeAudit, judgeCellRows, maxAuditId } from '../support/matrix/audit.ts';
import { bootstrapAdmin, effectiveRights, mainCallers, type CallerSpec } from '../support/matrix/callers.ts';
import { describeExpectation, expected, outcome, runCell } from '../support/matrix/cells.ts';
import { cookieApi, logInCookie } from '../support/matrix/cookies.ts';
import { deploymentName, MatrixFixture, withoutRightsManagers } from '../support/matrix/fixture.ts';
import { routes, type RouteRow } from '../support/matrix/routes.ts';
import { siteUser, testSite } from '../support/test-site.ts';
import { allRights, fixtureAdmin, type TestUser } from '../support/users.ts';
import { mockFaults } from '../support/wordpress.ts';

// Every route × every kind of caller, each request sent once and judged twice: its answer against
// CONTRACT §2, §3 and §6, and the audit rows it left against §7. How the table is built:
// docs/decisions/authorization-matrix.md.
const callerCount = mainCallers.length + 1;
const cellCount = routes.length * callerCount;
const counts = { run: 0, audited: 0, silent: 0 };
let fixture: MatrixFixture;

before(async () => {
  fixture = await MatrixFixture.open('azm_', 990101);
});

after(async () => {
  await fixture?.close();
});

async function check(ledger: AuditLedger, row: RouteRow, caller: CallerSpec): Promise<void> {
  const actorId = fixture.userOf(caller)?.id ?? null;
  let path = '';
  const { response, rows } = await ledger.during(actorId, (beforeSend) => runCell(fixture, row, caller, {
    beforeSend: async (sentPath) => {
      path = sentPath;
      await beforeSend();
    },
  }));
  counts.run++;
  assert.deepEqual(outcome(response), expected(row, caller), `${row.name} as ${caller.name}: ${JSON.stringify(response.body).slice(0, 300)}`);
  const rights = effectiveRights(caller);
  if (response.status < 300 && rights !== null) row.verify?.(fixture, rights, caller.relation, response.body);
  if (judgeCellRows(row, caller, actorId, rows, response, path)) counts.audited++;
  else counts.silent++;
}

const cellName = (row: RouteRow, caller: CallerSpec) => `${caller.name} → ${describeExpectation(expected(row, caller))}, ${describeAudit(row, caller)}`;

async function me(): Promise<{ rights: string[]; bootstrap: boolean }> {
  const response = await api<{ rights: string[]; bootstrap: boolean }>(fixtureAdmin(), 'GET', '/me');
  assert.equal(response.status, 200);
  return response.body;
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
    // One caller, so one cell at a time: every row written while a request ran is its own.
    const ledger = new AuditLedger(true);
    for (const row of routes) test(`${row.name}: ${cellName(row, bootstrapAdmin)}`, () => check(ledger, row, bootstrapAdmin));
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

  // Rows whose cells race on shared state (`serial`) run one cell at a time; the others three at a
  // time, their audit rows told apart by caller (each caller is a user of its own).
  for (const row of routes) {
    const ledger = new AuditLedger(row.serial === true);
    describe(row.name, { concurrency: ledger.exclusive ? 1 : 3 }, () => {
      for (const caller of mainCallers) test(cellName(row, caller), () => check(ledger, row, caller));
      if (!ledger.exclusive) {
        test('no audit row but the cells\' own: none from a preparation, none in the name of a caller who did not send it', async () => {
          assert.deepEqual(await ledger.unclaimed(), []);
        });
      }
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

describe('failures other than refusals are audited as error', () => {
  const user = (name: string): TestUser => {
    const caller = mainCallers.find((c) => c.name === name);
    if (!caller) throw new Error(`No caller ${name}`);
    return fixture.userOf(caller) as TestUser;
  };

  async function expectErrorRow(actor: TestUser, method: string, path: string, body: unknown, status: number, action: string) {
    const { response, rows } = await new AuditLedger(true).during(actor.id, async (beforeSend) => {
      await beforeSend();
      return api(actor, method, path, body);
    });
    assert.equal(response.status, status, JSON.stringify(response.body));
    assertOneRow(rows, actor.id, action, response, path);
    assert.equal(rows[0]?.result, 'error');
  }

  test('400 for a bad argument, after authentication', async () => {
    await expectErrorRow(user('owner'), 'POST', `/deployments/${fixture.deploymentId}/prolong`, { hours: 0 }, 400, 'deployment.prolong');
    await expectErrorRow(user('portal_access + manage_rights'), 'PUT', `/users/${fixture.target.id}`, { rights: ['root'] }, 400, 'rights.update');
  });

  test('502 when Proxmox fails', async () => {
    const owner = user('owner');
    assert.equal((await api(owner, 'POST', `/deployments/${fixture.deploymentId}/stop`)).status, 200);
    mockFaults({ start: 'start failed: no bootable device' });
    try {
      await expectErrorRow(owner, 'POST', `/deployments/${fixture.deploymentId}/start`, undefined, 502, 'deployment.start');
    } finally {
      mockFaults({});
    }
  });

  test('an anonymous request with a bad argument leaves no row either', async () => {
    const { response, rows } = await new AuditLedger(true).during(null, async (beforeSend) => {
      await beforeSend();
      return api(null, 'POST', `/deployments/${fixture.deploymentId}/prolong`, { hours: 0 });
    });
    assert.equal(response.status, 400, 'WordPress validates arguments before the permission callback');
    assert.deepEqual(rows, []);
  });
});

test(`the matrix has ${cellCount} cells: ${routes.length} routes × ${callerCount} callers, each answer and its audit rows judged`, (t) => {
  const mutating = routes.filter((row) => row.audit !== null).length;
  const authenticated = mainCallers.filter((caller) => caller.rights !== null).length + 1;
  t.diagnostic(`cells run: ${counts.run}; ${counts.audited} requests with one audit row each, ${counts.silent} without`);
  assert.equal(cellCount, 60 * 31);
  assert.equal(counts.run, cellCount);
  assert.equal(counts.audited, mutating * authenticated);
  assert.equal(counts.audited + counts.silent, cellCount);
});
