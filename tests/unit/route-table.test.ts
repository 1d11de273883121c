import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRouteTable, liveRoutes } from '../support/matrix/route-table.ts';

// The comparison behind tests/api/route-table.test.ts, on a REST index as WordPress writes it.
const prefix = '/support-provisioning/v1';
const index = {
  [prefix]: { endpoints: [{ methods: ['GET'] }] },
  [`${prefix}/deployments`]: { endpoints: [{ methods: ['GET'] }, { methods: ['POST'] }] },
  [`${prefix}/deployments/(?P<id>\\d+)/shares/(?P<user_id>\\d+)`]: { endpoints: [{ methods: ['DELETE'] }] },
  [`${prefix}/settings`]: { endpoints: [{ methods: ['PUT', 'PATCH'] }] },
  '/other/v1/things': { endpoints: [{ methods: ['GET'] }] },
};
const rows = ['GET deployments', 'GET deployments?owner=:id', 'POST deployments', 'DELETE deployments/:id/shares/:user_id', 'PUT settings', 'PATCH settings'];

test('the index becomes "METHOD path" with named parameters, without the namespace index or other namespaces', () => {
  assert.deepEqual(liveRoutes(prefix, index), [
    'DELETE deployments/:id/shares/:user_id', 'GET deployments', 'PATCH settings', 'POST deployments', 'PUT settings',
  ]);
});

test('rows and routes that match, query variants included, leave no difference', () => {
  assert.deepEqual(compareRouteTable(rows, liveRoutes(prefix, index)), { withoutRow: [], withoutRoute: [] });
});

test('a route without a row and a row without a route are both reported', () => {
  const served = [...liveRoutes(prefix, index), 'POST deployments/:id/clone'];
  assert.deepEqual(compareRouteTable(rows.filter((row) => row !== 'PATCH settings'), served), {
    withoutRow: ['PATCH settings', 'POST deployments/:id/clone'],
    withoutRoute: [],
  });
  assert.deepEqual(compareRouteTable([...rows, 'GET reports'], liveRoutes(prefix, index)), { withoutRow: [], withoutRoute: ['GET reports'] });
});
