import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, type ApiResponse } from '../support/api.ts';
import { query } from '../support/db.ts';
import { bootstrapAdmin, mainCallers, type CallerSpec } from '../support/matrix/callers.ts';
import { runCell } from '../support/matrix/cells.ts';
import { MatrixFixture, withoutRightsManagers } from '../support/matrix/fixture.ts';
import { routes, type RouteRow } from '../support/matrix/routes.ts';
import type { TestUser } from '../support/users.ts';
import { mockFaults } from '../support/wordpress.ts';

// CONTRACT §7: one audit row per mutating request of an authenticated caller, whatever its outcome,
// none for anonymous callers and none for reads. Runs every cell of the authorization matrix
// (tests/support/matrix) and compares the rows written while each request ran.

interface AuditRow {
  id: number;
  actor_id: number;
  action: string;
  result: string;
  deployment_id: number | null;
}

const auditedActions = new Set(routes.flatMap((row) => (row.audit === null ? [] : [row.audit])));
const counts = { audited: 0, silent: 0 };
let fixture: MatrixFixture;

before(async () => {
  fixture = await MatrixFixture.open('aud_', 990102);
});

after(async () => {
  await fixture?.close();
});

async function maxAuditId(): Promise<number> {
  const [row] = await query<{ id: number | null }>('SELECT MAX(id) AS id FROM wp_spp_audit_logs');
  return Number(row?.id ?? 0);
}

/** The result the contract gives an answer's status. */
function resultFor(status: number): string {
  if (status < 400) return 'success';
  return [401, 403, 404].includes(status) ? 'denied' : 'error';
}

/**
 * Sends a request and returns the rows written by requests while it ran: rows of system events
 * (actor 0: provisioning steps, expiry) are left out, after checking they are no request action.
 */
async function rowsWhile(send: (beforeSend: () => Promise<void>) => Promise<ApiResponse<unknown>>) {
  let from = 0;
  const response = await send(async () => {
    from = await maxAuditId();
  });
  const rows = await query<AuditRow>(
    'SELECT id, actor_id, action, result, deployment_id FROM wp_spp_audit_logs WHERE id > ? AND id <= ? ORDER BY id',
    [from, await maxAuditId()],
  );
  for (const row of rows.filter((r) => r.actor_id === 0)) assert.ok(!auditedActions.has(row.action), `system row ${row.action}`);
  return { response, rows: rows.filter((r) => r.actor_id !== 0) };
}

/** Exactly one row, by the actor, with the route's action, the result for the status, and the deployment of the path. */
function assertOneRow(rows: AuditRow[], actor: TestUser, action: string, response: ApiResponse<unknown>, path: string): void {
  const detail = `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
  assert.equal(rows.length, 1, `one audit row (${detail})`);
  const [row] = rows as [AuditRow];
  assert.deepEqual(
    { actorId: row.actor_id, action: row.action, result: row.result },
    { actorId: actor.id, action, result: resultFor(response.status) },
    detail,
  );
  const deploymentId = /^\/deployments\/(\d+)/.exec(path)?.[1];
  if (deploymentId !== undefined) assert.equal(row.deployment_id, Number(deploymentId), 'the row names the deployment');
}

async function checkCell(row: RouteRow, caller: CallerSpec): Promise<void> {
  let path = '';
  const { response, rows } = await rowsWhile((beforeSend) => runCell(fixture, row, caller, {
    beforeSend: async (sentPath) => {
      path = sentPath;
      await beforeSend();
    },
  }));
  const user = fixture.userOf(caller);
  if (row.audit === null || user === null) {
    counts.silent++;
    assert.deepEqual(rows, [], `${row.method} by ${caller.name} writes no audit row (${response.status})`);
    return;
  }
  counts.audited++;
  // A bulk request also writes its items' rows (docs/decisions/bulk-actions.md): the cell sends one id.
  const items = rows.filter((r) => r.action === row.itemAudit);
  assert.equal(items.length, row.itemAudit !== undefined && response.status === 200 ? 1 : 0, 'one row per item of a bulk request');
  assert.ok(items.every((item) => item.actor_id === user.id), 'the item rows are the caller\'s');
  assertOneRow(rows.filter((r) => !items.includes(r)), user, row.audit, response, path);
}

/** Mutating rows run one cell at a time, so each request's rows are its own. */
const concurrency = (row: RouteRow) => (row.audit === null ? 3 : 1);
const cellName = (row: RouteRow, caller: CallerSpec) => {
  if (caller.rights === null) return `${caller.name} → no row`;
  return row.audit === null ? `${caller.name} → no row (read)` : `${caller.name} → one ${row.audit} row`;
};

describe('during the bootstrap', () => {
  let restoreManagers: () => Promise<void>;
  before(async () => {
    restoreManagers = await withoutRightsManagers();
  });
  after(async () => {
    await restoreManagers();
  });

  for (const row of routes) test(`${row.name}: ${cellName(row, bootstrapAdmin)}`, () => checkCell(row, bootstrapAdmin));
});

describe('after the bootstrap', () => {
  for (const row of routes) {
    describe(row.name, { concurrency: concurrency(row) }, () => {
      for (const caller of mainCallers) test(cellName(row, caller), () => checkCell(row, caller));
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
    const { response, rows } = await rowsWhile(async (beforeSend) => {
      await beforeSend();
      return api(actor, method, path, body);
    });
    assert.equal(response.status, status, JSON.stringify(response.body));
    assertOneRow(rows, actor, action, response, path);
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
    const { response, rows } = await rowsWhile(async (beforeSend) => {
      await beforeSend();
      return api(null, 'POST', `/deployments/${fixture.deploymentId}/prolong`, { hours: 0 });
    });
    assert.equal(response.status, 400, 'WordPress validates arguments before the permission callback');
    assert.deepEqual(rows, []);
  });
});

test('every cell was checked', (t) => {
  const mutating = routes.filter((row) => row.audit !== null).length;
  const authenticated = mainCallers.filter((caller) => caller.rights !== null).length + 1;
  t.diagnostic(`${counts.audited} requests with one audit row each, ${counts.silent} without`);
  assert.equal(counts.audited, mutating * authenticated);
  assert.equal(counts.audited + counts.silent, routes.length * (mainCallers.length + 1));
});
