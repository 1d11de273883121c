import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api } from '../support/api.ts';
import { testSite } from '../support/test-site.ts';
import { createUser } from '../support/users.ts';

// The plugin registers its routes only for requests that can reach them (Rest/Routes): a REST
// request for another namespace is spared the work, one in the plugin's namespace registers the
// controllers of its path's shape. Everything that can reach a route must still find it: the index,
// the route's own path (pretty and ?rest_route= URLs, any case) and batches.

const reader = createUser({ login: 'routes_reader', rights: ['portal_access'] });

interface IndexRoute {
  endpoints: { methods: string[] }[];
}

/** A path the route's pattern matches: each named group filled with a value of its kind. */
function pathOf(pattern: string): string {
  return pattern.replace(/\(\?P<(\w+)>([^)]*)\)/g, (_group, _name: string, inner: string) => (inner.startsWith('\\d') ? '7' : 'n1'));
}

const methodsOf = (route: IndexRoute): string[] => route.endpoints.flatMap((e) => e.methods).sort();

describe('route registration', () => {
  test('the REST index lists the namespace and its routes', async () => {
    const index = await api<{ namespaces: string[]; routes: Record<string, unknown> }>(null, 'GET', '/wp-json/');
    assert.equal(index.status, 200);
    assert.ok(index.body.namespaces.includes('support-provisioning/v1'));
    assert.ok('/support-provisioning/v1/deployments' in index.body.routes);
    const own = await api<{ namespace: string; routes: Record<string, unknown> }>(null, 'GET', '/wp-json/support-provisioning/v1');
    assert.equal(own.body.namespace, 'support-provisioning/v1');
    assert.ok('/support-provisioning/v1/quota' in own.body.routes);
  });

  test('every route of the namespace answers at its own path with the methods the index lists', async () => {
    const own = await api<{ routes: Record<string, IndexRoute> }>(null, 'GET', '/wp-json/support-provisioning/v1');
    const routes = Object.entries(own.body.routes).filter(([pattern]) => pattern !== '/support-provisioning/v1');
    assert.ok(routes.length > 0, 'the namespace lists its routes');
    for (const [pattern, route] of routes) {
      // OPTIONS answers the matched route's description (no permission check), so it proves the
      // request registered the route with all its endpoints; upper case, as WordPress ignores case.
      const path = pathOf(pattern);
      for (const asked of [path, path.toUpperCase()]) {
        const options = await api<IndexRoute & { code?: string }>(null, 'OPTIONS', `/wp-json${asked}`);
        assert.equal(options.status, 200, `OPTIONS ${asked} (${pattern}): ${options.body.code ?? ''}`);
        assert.deepEqual(methodsOf(options.body), methodsOf(route), `OPTIONS ${asked} (${pattern})`);
      }
    }
  });

  test('the plain ?rest_route= form reaches the routes as the pretty one does', async () => {
    const response = await fetch(`${testSite().url}/?rest_route=/support-provisioning/v1/quota`, {
      headers: { Authorization: `Basic ${Buffer.from(`${reader.login}:${reader.appPassword}`).toString('base64')}` },
    });
    const body = (await response.json()) as { user?: { limitMb: number | null } };
    assert.equal(response.status, 200);
    assert.ok(body.user && 'limitMb' in body.user);
  });

  test('a batch request finds the routes (they exist, and refuse batching), another namespace still works', async () => {
    const batch = await api<{ responses: { body: { code?: string } }[] }>(null, 'POST', '/wp-json/batch/v1', {
      requests: [{ method: 'POST', path: '/support-provisioning/v1/deployments', body: { templateId: 1 } }],
    });
    assert.equal(batch.body.responses[0]?.body.code, 'rest_batch_not_allowed');
    const posts = await api<unknown[]>(null, 'GET', '/wp-json/wp/v2/posts');
    assert.equal(posts.status, 200);
    assert.ok(Array.isArray(posts.body));
  });
});
