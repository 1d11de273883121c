import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { api, namespace } from '../support/api.ts';
import { createDeployment, provisioned, templates, type Deployment } from '../support/deployments.ts';
import { fetchLiveRoutes } from '../support/matrix/route-table.ts';
import { TypeFile, violations, type JsonSchema } from '../support/schema-types.ts';
import { testSite } from '../support/test-site.ts';
import { fixtureAdmin } from '../support/users.ts';
import { cronTick } from '../support/wordpress.ts';

// Each route's schema (OPTIONS, from the controller's get_item_schema()) against the type the UI
// reads it as in ui/api/types.ts, and real answers against the schema: PHP, schema and TypeScript
// cannot drift apart. How and why: docs/decisions/response-schemas.md.

/** The type in ui/api/types.ts of what each route answers (lists answer arrays of it). */
const answers: Record<string, string> = {
  'templates': 'Template',
  'templates/:id': 'Template',
  'templates/:id/connection-profile': 'ConnectionProfile',
  'proxmox/templates': 'ProxmoxTemplate',
  'quota': 'Quota',
  'deployments': 'Deployment',
  'deployments/:id': 'Deployment',
  'deployments/:id/start': 'Deployment',
  'deployments/:id/stop': 'Deployment',
  'deployments/:id/prolong': 'Deployment',
  'deployments/:id/refresh-ips': 'Deployment',
  'deployments/:id/transfer': 'Deployment',
  'deployments/bulk': 'BulkAnswer',
  'deployments/:id/shares': 'Share',
  'deployments/:id/shares/:user_id': 'Share',
  'deployments/:id/snapshots': 'SnapshotList',
  'deployments/:id/snapshots/:name/rollback': 'SnapshotList',
  'deployments/:id/snapshots/:name': 'SnapshotList',
  'settings': 'Settings',
  'settings/test-connection': 'ConnectionTest',
  'settings/ticket-links': 'TicketLinks',
  'settings/handover': 'HandoverSettings',
  'settings/mail': 'MailSettings',
  'me/mail-preferences': 'MailPreferences',
  'users': 'PortalUser',
  'users/:id': 'PortalUser',
  'me': 'Me',
  'audit-logs': 'AuditEntry',
  'reports/usage': 'UsageReport',
  'drift': 'DriftReport',
  'drift/check': 'DriftReport',
  'drift/orphans/:vmid/adopt': 'Deployment',
  'drift/orphans/:vmid/destroy': 'DriftDestroyed',
  'drift/deployments/:id/gone': 'Deployment',
  'drift/deployments/:id/reapply': 'Deployment',
  'drift/deployments/:id/stop': 'Deployment',
};
/** Routes whose answer is no JSON: their schema says string. */
const downloads = ['deployments/:id/connection/rdp/:entry'];

const schemas = new Map<string, JsonSchema>();
const admin = fixtureAdmin();
let profileBefore: unknown[] = [];
let deployment: Deployment | undefined;

async function optionsSchema(route: string): Promise<JsonSchema> {
  const response = await fetch(`${testSite().url}${namespace}/${route.replace(/:\w+/g, '1')}`, { method: 'OPTIONS' });
  assert.equal(response.status, 200, route);
  const body = (await response.json()) as { schema?: JsonSchema };
  assert.ok(body.schema, `OPTIONS ${route} describes no schema`);
  return body.schema;
}

/** Asserts that a real answer fits the route's schema (each item for a list). */
function fits(route: string, body: unknown): void {
  const schema = schemas.get(route);
  assert.ok(schema, route);
  const items = Array.isArray(body) && schema.type !== 'array' ? body : [body];
  assert.ok(items.length > 0, `${route}: an answer to check`);
  assert.deepEqual(items.flatMap((item) => violations(schema, item)), [], route);
}

before(async () => {
  const me = await api<{ bootstrap: boolean }>(admin, 'GET', '/me');
  assert.equal(me.body.bootstrap, true, 'the administrator holds every right while nobody manages rights');
  for (const route of [...Object.keys(answers), ...downloads]) schemas.set(route, await optionsSchema(route));
  const profile = await api<{ entries: unknown[] }>(admin, 'GET', `/templates/${templates.linux}/connection-profile`);
  profileBefore = profile.body.entries;
});

after(async () => {
  await api(admin, 'PUT', `/templates/${templates.linux}/connection-profile`, { entries: profileBefore });
  if (deployment) await api(admin, 'DELETE', `/deployments/${deployment.id}`);
  cronTick();
});

test('every route of the live REST index has its answer type here, and every route named here exists', async () => {
  const live = new Set((await fetchLiveRoutes()).map((route) => route.replace(/^\S+ /, '')));
  assert.deepEqual([...live].sort(), [...Object.keys(answers), ...downloads].sort());
});

test('each route\'s schema has the shape of its type in ui/api/types.ts', () => {
  const types = new TypeFile(path.resolve('ui/api/types.ts'));
  const differences = Object.entries(answers).flatMap(([route, type]) => types.compare(schemas.get(route) ?? {}, type).map((d) => `${route}: ${d}`));
  assert.deepEqual(differences, []);
});

test('a download route describes its answer as text', () => {
  for (const route of downloads) assert.equal(schemas.get(route)?.type, 'string', route);
});

test('real answers fit the schemas: a deployment through create, start and refresh-ips, and every readable list', async () => {
  // A profile of every kind, so the kit holds each entry shape.
  const entries = [{ kind: 'ssh', user: 'support' }, { kind: 'web', scheme: 'https', path: '/admin' }, { kind: 'rdp', user: 'tester' }, { kind: 'note', text: 'Reset on Fridays' }];
  const profile = await api(admin, 'PUT', `/templates/${templates.linux}/connection-profile`, { entries });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  fits('templates/:id/connection-profile', profile.body);

  const created = await createDeployment(admin, { name: 'Response schema check', ticketRef: 'SCHEMA-1' });
  deployment = created;
  fits('deployments', created);
  await provisioned(admin, created.id);
  const started = await api<Deployment>(admin, 'POST', `/deployments/${created.id}/start`);
  assert.equal(started.body.status, 'RUNNING', JSON.stringify(started.body));
  fits('deployments/:id/start', started.body);
  const refreshed = await api<Deployment & { connection: unknown }>(admin, 'POST', `/deployments/${created.id}/refresh-ips`);
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
  assert.ok('ipAddressesHint' in refreshed.body && refreshed.body.connection !== null, 'refresh-ips answers its hint and a connection kit');
  fits('deployments/:id/refresh-ips', refreshed.body);
  const taken = await api(admin, 'POST', `/deployments/${created.id}/snapshots`, { name: 'schema_check', description: 'with RAM', vmstate: true });
  assert.equal(taken.status, 202, JSON.stringify(taken.body));
  fits('deployments/:id/snapshots', taken.body);
  fits('deployments/:id/snapshots', (await api(admin, 'GET', `/deployments/${created.id}/snapshots`)).body);
  fits('deployments/:id', (await api(admin, 'GET', `/deployments/${created.id}`)).body);
  fits('deployments', (await api(admin, 'GET', '/deployments?search=Response%20schema%20check')).body);

  // After the writes above, so the audit log has rows of every kind to check.
  const reads = ['templates', 'proxmox/templates', 'quota', 'settings', 'settings/ticket-links', 'users', 'me', 'audit-logs'];
  for (const route of reads) {
    const response = await api(admin, 'GET', `/${route}${route === 'templates' ? '?include_inactive=1' : ''}`);
    assert.equal(response.status, 200, route);
    fits(route, response.body);
  }
  fits('users/:id', (await api(admin, 'GET', `/users/${admin.id}`)).body);
  const day = new Date(Date.now() - 86400_000).toISOString();
  for (const groupBy of ['user', 'template', 'site']) {
    const usage = await api(admin, 'GET', `/reports/usage?from=${day}&to=${new Date().toISOString()}&groupBy=${groupBy}`);
    assert.equal(usage.status, 200, JSON.stringify(usage.body));
    fits('reports/usage', usage.body);
  }
});
