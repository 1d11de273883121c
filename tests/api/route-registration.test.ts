import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { api } from '../support/api.ts';
import { testSite } from '../support/test-site.ts';
import { createUser } from '../support/users.ts';

// The plugin registers its routes only for requests that can reach them (Rest/Routes::mayServe):
// a REST request for another namespace is spared the work. Everything that can reach them must
// still find them: the index, the plugin's namespace (pretty and ?rest_route= URLs) and batches.

const reader = createUser({ login: 'routes_reader', rights: ['portal_access'] });

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
