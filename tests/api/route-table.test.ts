import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routes } from '../support/matrix/routes.ts';
import { compareRouteTable, fetchLiveRoutes } from '../support/matrix/route-table.ts';

// Every route the plugin serves has a row in the authorization matrix (and so its authorization
// and audit cells), and every row names a route that exists: a new route fails here until it has one.
test('the authorization matrix has a row for exactly the routes of the live REST index', async () => {
  const live = await fetchLiveRoutes();
  assert.ok(live.length >= 30, `${live.length} routes in the index`);
  assert.deepEqual(compareRouteTable(routes.map((row) => row.name), live), { withoutRow: [], withoutRoute: [] });
});
