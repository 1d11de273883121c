import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { namespace } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createDeployment, provisioned, templates } from '../support/deployments.ts';
import { testTokenSecret } from '../support/secrets.ts';
import { allRights, createUser, type TestUser } from '../support/users.ts';
import { cronTick } from '../support/wordpress.ts';
import { hostile, overflowingIntegers, payloads, plausible } from '../soak/inputs.ts';
import { PhpLogWatch } from '../soak/php-log.ts';
import { PluginStateProbe } from '../soak/plugin-state.ts';
import { endpoints, fillPath, type ArgSchema, type Endpoint } from '../soak/routes.ts';
import { counters, encodeParams, send, type RawRequest, type RawResponse, type Transport } from '../soak/http.ts';

// Quick in `npm test`; `npm run soak` raises the runs (SPP_FUZZ_RUNS) and may change the seed.
const runsPerEndpoint = Number(process.env.SPP_FUZZ_RUNS ?? 6);
const seed = Number(process.env.SPP_FUZZ_SEED ?? 20261125);

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];
const logins = { actor: 'fz_actor', peer: 'fz_peer', target: 'fz_target' };
const missingIds = ['2147483647', '999999999999', '99999999999999999999999'];
const badPathSegments = ['0', '-1', 'abc', '1.5', '1%00', '%2e%2e', '1e3', '0x1', '١'];
const fuzzTemplateVmid = 919_001;
/** Connection profiles for templates/:id/connection-profile: valid ones and entries that must be refused. */
const connectionEntries: unknown[] = [
  [],
  [{ kind: 'ssh', user: 'root' }, { kind: 'rdp', port: 3389, user: 'EXAMPLE\\admin' }, { kind: 'web', path: '/admin' }, { kind: 'note', text: 'hi' }],
  [{ kind: 'ssh', port: 70000 }],
  [{ kind: 'rdp', user: 'a\r\nalternate shell:s:cmd' }],
  [{ kind: 'web', scheme: 'javascript', path: '/' }],
  [{ kind: 'note' }],
  [{ kind: 'ssh' }, 'ssh', null, 7],
  Array.from({ length: 25 }, () => ({ kind: 'note', text: 'x' })),
];

let actor: TestUser;
let peer: TestUser;
let target: TestUser;
let fuzzTemplateId: number;
let actorDeployments: number[];
let peerDeployment: number;
let probe: PluginStateProbe;
let logs: PhpLogWatch;
let savedOptions: { option_name: string; option_value: string; autoload: string }[];
const violations: string[] = [];
let inputs = 0;

interface Case {
  caller: 'actor' | 'peer' | 'anonymous';
  path: Record<string, string>;
  params: Record<string, unknown>;
  transport: Transport;
  raw: string;
}

before(async () => {
  actor = createUser({ login: logins.actor, rights: [...allRights], ramLimitMb: 0 });
  peer = createUser({ login: logins.peer, rights: lifecycle, ramLimitMb: 0 });
  target = createUser({ login: logins.target, rights: ['portal_access'] });
  // Every plugin option the fuzz may change (settings, mail, hand-over, faults…), restored after it.
  savedOptions = await query("SELECT option_name, option_value, autoload FROM wp_options WHERE option_name LIKE 'spp\\_%'");
  const stored = await send(actor, { method: 'PUT', path: '/settings', params: { mode: 'mock', tokenSecret: testTokenSecret } });
  assert.equal(stored.status, 200, stored.text);
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  await query(
    `INSERT INTO wp_spp_templates (name, description, os_type, proxmox_vmid, node, cpu_cores, memory_mb, disk_gb,
      default_ttl_hours, max_ttl_hours, start_after_create, active, created_at, updated_at)
     VALUES ('Fuzz template (not on the node)', '', 'l26', ?, 'pve', 1, 512, 8, 24, 720, 0, 1, ?, ?)`,
    [fuzzTemplateVmid, now, now],
  );
  const [row] = await query<{ id: number }>('SELECT MAX(id) AS id FROM wp_spp_templates WHERE proxmox_vmid = ?', [fuzzTemplateVmid]);
  fuzzTemplateId = Number(row?.id);
  actorDeployments = [];
  for (const body of [{}, { neverExpire: true }, { templateId: templates.pbx, ttlHours: 2 }]) {
    const created = await createDeployment(actor, { name: 'fz pool', ...body });
    actorDeployments.push((await provisioned(actor, created.id)).id);
  }
  peerDeployment = (await provisioned(peer, (await createDeployment(peer, { name: 'fz peer' })).id)).id;
  probe = await PluginStateProbe.open();
  logs = new PhpLogWatch();
});

after(async () => {
  await probe.close();
  // Leave the site as found: no deployment, right, setting or template of ours stays active.
  const owners = [actor.id, peer.id, target.id];
  const left = await query<{ id: number }>(
    `SELECT id FROM wp_spp_deployments WHERE owner_id IN (?, ?, ?) AND status NOT IN ('DELETED', 'DELETING')`,
    owners,
  );
  for (const { id } of left) await send(actor, { method: 'DELETE', path: `/deployments/${id}` });
  for (let i = 0; i < 5; i++) cronTick();
  await query("DELETE FROM wp_options WHERE option_name LIKE 'spp\\_%'");
  for (const option of savedOptions) {
    await query('INSERT INTO wp_options (option_name, option_value, autoload) VALUES (?, ?, ?)', [
      option.option_name, option.option_value, option.autoload,
    ]);
  }
  // Its deployments are all DELETED by now; their rows stay, as deleted deployments' rows do.
  await query('DELETE FROM wp_spp_templates WHERE id = ?', [fuzzTemplateId]);
  for (const login of Object.values(logins)) createUser({ login, rights: [] });
  console.log(`fuzz: ${inputs} inputs tried, ${counters.requests} requests made, ${violations.length} violations found (seed ${seed}, ${runsPerEndpoint} runs per endpoint)`);
});

/** Limits and pages near and past their maximums, which once overflowed into negative numbers. */
const boundedIntegers = new Set(['page', 'per_page', 'ramLimitMb', 'vmLimit', 'defaultUserRamLimitMb', 'globalRamLimitMb', 'defaultUserVmLimit']);

/** Valid values that are safe to send at random: nothing stays changed, nothing leaves the machine. */
function safeValues(endpoint: Endpoint, name: string): fc.Arbitrary<unknown> | undefined {
  const route = endpoint.route;
  if (boundedIntegers.has(name)) {
    const max = endpoint.args[name]?.maximum ?? 2 ** 31 - 1;
    return fc.constantFrom(1, max, max + 1, ...overflowingIntegers);
  }
  if (route === '/settings' && name === 'mode') return fc.constant('mock');
  if (name === 'baseUrl') return fc.constantFrom('https://127.0.0.1:9', 'https://[::1]:9/pve', 'http://127.0.0.1:9');
  if (name === 'tokenSecret') return fc.constantFrom(testTokenSecret, '', '   ', `${testTokenSecret}${'x'.repeat(300)}`);
  if (name === 'templateId') return fc.constantFrom(templates.linux, templates.pbx, templates.windows, fuzzTemplateId, 0, 2 ** 31);
  if (name === 'user') return fc.constantFrom(target.login, `${target.login}@example.test`, logins.actor, 'nobody-here', ...payloads.slice(0, 8));
  if (name === 'owner') return fc.constantFrom(actor.id, peer.id, target.id, 2 ** 31);
  if (name === 'actor') return fc.constantFrom(String(actor.id), actor.login, '0', '%', "' OR 1=1 --");
  if (name === 'entries') return fc.constantFrom(...connectionEntries);
  if (name === 'ticketRef') return fc.constantFrom('SUP-1234', '#4711', 'CASE:7/2', '', ' SUP-1', 'SUP 1', '-x', 'x'.repeat(65));
  if (name === 'customer' || name === 'purpose') return fc.constantFrom('ACME', 'Müller & Söhne', '', 'a\nb', 'bidi\u202e', 'c'.repeat(501));
  if (name === 'ticketUrlPattern') {
    return fc.constantFrom('', 'https://tracker.example/browse/{ticket}', 'https://tracker.example/', 'javascript:{ticket}', '{ticket}{ticket}');
  }
  if (name === 'address') return fc.constantFrom('192.0.2.1', '2001:db8::1', '::1', '256.0.0.1', 'not-an-ip');
  if (name === 'entry') return fc.constantFrom(0, 1, 19, 20, -1);
  return undefined;
}

/** A hostile value can still be a real URL; no request may leave the machine. */
function offline(name: string, value: unknown): unknown {
  return name === 'baseUrl' && typeof value === 'string' && /^\s*https?:/i.test(value) ? `x${value}` : value;
}

function pathValues(endpoint: Endpoint, param: string): string[] {
  if (param === 'entry') return ['0', '1', '19', '20', ...missingIds];
  if (param === 'user_id') return [String(target.id), String(peer.id), ...missingIds];
  if (endpoint.route.startsWith('/deployments/')) return [...actorDeployments, peerDeployment].map(String).concat(missingIds);
  if (endpoint.route.startsWith('/templates/')) return [String(fuzzTemplateId), ...missingIds];
  if (endpoint.route.startsWith('/users/')) return [String(target.id), ...missingIds];
  return missingIds;
}

function caseFor(endpoint: Endpoint): fc.Arbitrary<Case> {
  const args = Object.fromEntries(Object.entries(endpoint.args).map(([name, schema]: [string, ArgSchema]) => [
    name,
    fc.oneof(
      { weight: 3, arbitrary: safeValues(endpoint, name) ?? plausible(schema) },
      { weight: 2, arbitrary: hostile.map((value) => offline(name, value)) },
    ),
  ]));
  const path = Object.fromEntries(endpoint.pathParams.map((param) => [
    param,
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pathValues(endpoint, param)) }, { weight: 1, arbitrary: fc.constantFrom(...badPathSegments) }),
  ]));
  // Parameters WordPress itself reads (but not _method or _envelope, which change what a response means).
  const extra = fc.option(fc.tuple(fc.constantFrom('context', '_fields', '_embed', 'unknown', 'id'), hostile), { nil: undefined });
  const transports: Transport[] = endpoint.mutating ? ['json', 'json', 'json', 'form', 'query', 'raw'] : ['query', 'query', 'query', 'json'];
  return fc.record({
    caller: fc.constantFrom<Case['caller']>('actor', 'actor', 'actor', 'actor', 'peer', 'anonymous'),
    path: fc.record(path),
    params: fc.tuple(fc.record(args, { requiredKeys: [] }), extra)
      .map(([params, more]) => (more ? { ...params, [more[0]]: more[1] } : params)),
    transport: fc.constantFrom(...transports),
    raw: fc.constantFrom('{"a":', '{"hours": 1', '[1,2', 'null', '"text"', '{"x":"\\uD800"}', '\u0000', '{"hours":1e999}', 'not json'),
  });
}

function callerOf(which: Case['caller']): TestUser | null {
  return which === 'actor' ? actor : which === 'peer' ? peer : null;
}

function expectedResult(status: number): string {
  if (status < 400) return 'success';
  return [401, 403, 404].includes(status) ? 'denied' : 'error';
}

/**
 * A bulk request answered 200 also writes one row per item it answered, each as the item's own
 * route would (docs/decisions/bulk-actions.md), besides its `deployment.bulk` row.
 */
function bulkItems(endpoint: Endpoint, response: RawResponse): number {
  const results = (response.json as { results?: unknown } | null)?.results;
  return endpoint.route === '/deployments/bulk' && response.status === 200 && Array.isArray(results) ? results.length : 0;
}

function isBulkItemRow(endpoint: Endpoint, action: string): boolean {
  return endpoint.route === '/deployments/bulk' && action !== 'deployment.bulk';
}

async function check(endpoint: Endpoint, request: RawRequest, input: Case): Promise<RawResponse> {
  const user = callerOf(input.caller);
  const before = await probe.snapshot();
  const response: RawResponse = await send(user, request);
  const label = `${input.caller} ${request.method} ${request.path} ${request.transport} ${JSON.stringify(input.transport === 'raw' ? input.raw : input.params).slice(0, 300)} → ${response.status} ${response.text.slice(0, 200)}`;
  const problems: string[] = [];
  if (response.status >= 500) problems.push('5xx');
  // The one download (an .rdp file) is the only answer that is not JSON.
  const download = response.status === 200 && response.contentType === 'application/x-rdp';
  if (response.json === undefined && !download) problems.push('response is not JSON');
  problems.push(...logs.problems().map((line) => `PHP log: ${line.slice(0, 400)}`));
  const code = (response.json as { code?: unknown } | null)?.code;
  const routed = code !== 'rest_no_route';
  const newRows = await probe.auditRowsAfter(before.auditUpTo);
  const mine = newRows.filter((row) => user !== null && Number(row.actor_id) === user.id);
  const expectedRows = endpoint.mutating && user !== null && routed ? 1 + bulkItems(endpoint, response) : 0;
  if (mine.length !== expectedRows) problems.push(`${mine.length} audit rows by the caller, expected ${expectedRows}`);
  const own = mine.find((row) => !isBulkItemRow(endpoint, row.action)) ?? mine[0];
  if (mine.length > 0 && own?.result !== expectedResult(response.status)) problems.push(`audit result ${own?.result}`);
  if (response.status >= 400) {
    const changed = await probe.changes(before, await probe.snapshot());
    if (changed.length > 0) problems.push(`refused but changed: ${changed.join(', ')}`);
    if (newRows.length !== mine.length) problems.push(`refused but ${newRows.length - mine.length} other audit rows`);
  }
  // Another user's deployment is invisible to a caller without manage_all (IDOR): 404, or 400 for bad input.
  const othersDeployment = input.caller === 'peer' && endpoint.route.startsWith('/deployments/')
    && actorDeployments.map(String).includes(input.path.id ?? '');
  if (othersDeployment && ![400, 404].includes(response.status)) problems.push('peer reached the actor\'s deployment');
  if (input.caller === 'anonymous' && ![400, 401, 404].includes(response.status) && !climbedToIndex(input, response)) problems.push('anonymous not refused');
  if (problems.length > 0) violations.push(`${problems.join('; ')} :: ${label}`);
  // Work a successful request started (provisioning, deletion) finishes before the next refusal is judged.
  if (endpoint.mutating && response.status < 300) cronTick();
  return response;
}

/**
 * A `%2e%2e` segment is a step up, as in any URL: `/deployments/%2e%2e` is the namespace's own
 * index, which WordPress shows to anyone (its routes, no data).
 */
function climbedToIndex(input: Case, response: RawResponse): boolean {
  const index = response.json as { namespace?: unknown; routes?: unknown } | null;
  return Object.values(input.path).includes('%2e%2e') && response.status === 200
    && `/wp-json/${String(index?.namespace)}` === namespace && typeof index?.routes === 'object';
}

test('every route refuses hostile input cleanly: no 5xx, no PHP warning, no changed row, one audit row', async (t) => {
  const list = await endpoints(actor);
  assert.ok(list.length >= 20, `the REST index lists ${list.length} endpoints`);
  for (const endpoint of list) {
    await fc.assert(
      fc.asyncProperty(caseFor(endpoint), async (input) => {
        inputs++;
        const request: RawRequest = {
          method: endpoint.method,
          path: fillPath(endpoint.route, input.path),
          params: input.params,
          // Web servers refuse URLs past 8 KB before PHP runs; such inputs go in a JSON body instead.
          transport: input.transport === 'query' && encodeParams(input.params).length > 8000 ? 'json' : input.transport,
          raw: input.raw,
        };
        await check(endpoint, request, input);
      }),
      { seed, numRuns: runsPerEndpoint, endOnFailure: true },
    );
  }
  t.diagnostic(`${list.length} endpoints, ${inputs} inputs, ${counters.requests} requests`);
  assert.deepEqual(violations, []);
});

test('limits and pages past their maximums answer 400 on every route, never wrap around', async () => {
  const before = violations.length;
  for (const endpoint of await endpoints(actor)) {
    const names = Object.keys(endpoint.args).filter((name) => boundedIntegers.has(name));
    const path = Object.fromEntries(endpoint.pathParams.map((param) => [param, pathValues(endpoint, param)[0]!]));
    // The rights a PUT users/:id must carry, so the limit is what the schema judges.
    const required = 'rights' in endpoint.args ? { rights: ['portal_access'] } : {};
    for (const name of names) {
      for (const value of [2 ** 31, 2 ** 62, 1e19, -1e19]) {
        inputs++;
        const transport: Transport = endpoint.mutating ? 'json' : 'query';
        const input: Case = { caller: 'actor', path, params: { ...required, [name]: value }, transport, raw: '' };
        const request: RawRequest = { method: endpoint.method, path: fillPath(endpoint.route, path), params: input.params, transport };
        const response = await check(endpoint, request, input);
        if (response.status !== 400) violations.push(`${endpoint.method} ${endpoint.route} ${name}=${value} answered ${response.status}, not 400`);
      }
    }
  }
  assert.deepEqual(violations.slice(before), []);
});

/**
 * The users and limits the IDOR test relies on, as it needs them: the fuzz before it changes the
 * share target's rights, the callers' limits and the site's limits at random, more of them the
 * more runs it makes (SPP_FUZZ_RUNS).
 */
async function resetCallers(): Promise<void> {
  actor = createUser({ login: logins.actor, rights: [...allRights], ramLimitMb: 0, vmLimit: 0 });
  peer = createUser({ login: logins.peer, rights: lifecycle, ramLimitMb: 0, vmLimit: 0 });
  target = createUser({ login: logins.target, rights: ['portal_access'] });
  const limits = { mode: 'mock', globalRamLimitMb: 0, defaultUserRamLimitMb: 0, defaultUserVmLimit: 0 };
  const stored = await send(actor, { method: 'PUT', path: '/settings', params: limits });
  assert.equal(stored.status, 200, stored.text);
}

test('IDOR: an `id` in the body or query never swaps the deployment or share of the path', async () => {
  await resetCallers();
  // Fresh deployments: the fuzz above may have deleted or stopped the pool's.
  const victim = (await provisioned(actor, (await createDeployment(actor, { name: 'fz victim' })).id)).id;
  const own = (await provisioned(peer, (await createDeployment(peer, { name: 'fz own' })).id)).id;
  for (const id of [victim, own]) {
    const owner = id === victim ? actor : peer;
    assert.equal((await send(owner, { method: 'POST', path: `/deployments/${id}/shares`, params: { user: target.login } })).status, 200);
  }
  const victimRow = async (): Promise<string> => JSON.stringify(await query(
    'SELECT d.status, d.expires_at, d.updated_at, s.user_id FROM wp_spp_deployments d LEFT JOIN wp_spp_deployment_shares s ON s.deployment_id = d.id WHERE d.id = ?',
    [victim],
  ));
  const victimBefore = await victimRow();
  const othersShare = await send(peer, { method: 'DELETE', path: `/deployments/${victim}/shares/${target.id}` });
  assert.equal(othersShare.status, 404);
  const since = await probe.snapshot();
  // WordPress lets body and query parameters shadow the path's in $request['id']; the plugin reads
  // route ids from the path only, so each request acts on the peer's own deployment.
  const attempts: Array<[RawRequest, number]> = [
    [{ method: 'GET', path: `/deployments/${own}/shares`, params: { id: victim } }, 200],
    [{ method: 'POST', path: `/deployments/${own}/stop`, params: { id: victim } }, 200],
    [{ method: 'POST', path: `/deployments/${own}/prolong`, params: { id: victim, hours: 1 }, transport: 'query' }, 200],
    [{ method: 'DELETE', path: `/deployments/${own}/shares/${target.id}`, params: { id: victim }, transport: 'query' }, 200],
    [{ method: 'DELETE', path: `/deployments/${own}`, params: { id: victim }, transport: 'query' }, 202],
  ];
  for (const [request, status] of attempts) {
    const response = await send(peer, request);
    assert.equal(response.status, status, `${request.method} ${request.path}: ${response.text}`);
  }
  assert.equal(await victimRow(), victimBefore, 'the victim and its share are untouched');
  const rows = await query<{ deployment_id: number | null; object_id: string }>(
    'SELECT deployment_id, object_id FROM wp_spp_audit_logs WHERE id > ? AND actor_id = ?',
    [since.auditUpTo, peer.id],
  );
  assert.equal(rows.length, 4, 'one row for each mutating request');
  assert.ok(rows.every((row) => Number(row.deployment_id) !== victim && row.object_id !== String(victim)), 'no audit row names the victim');
  const [ownRow] = await query<{ status: string }>('SELECT status FROM wp_spp_deployments WHERE id = ?', [own]);
  assert.equal(ownRow?.status, 'DELETING');
});
