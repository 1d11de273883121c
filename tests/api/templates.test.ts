import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, errorOf, type ApiResponse } from '../support/api.ts';
import { query } from '../support/db.ts';
import { createUser, type TestUser } from '../support/users.ts';
import { audited, type AuditRow } from '../support/audit.ts';
import { snapshotSettings } from '../support/settings-snapshot.ts';
import type { ProxmoxTemplate, Template } from '../../ui/api/types.ts';



interface TemplateRow {
  id: number;
  name: string;
  description: string;
  os_type: string;
  proxmox_vmid: number;
  node: string;
  cpu_cores: number;
  memory_mb: number;
  disk_gb: number;
  default_ttl_hours: number;
  max_ttl_hours: number;
  start_after_create: number;
  active: number;
}

const resourceKeys = [
  'id', 'name', 'description', 'osType', 'proxmoxVmid', 'node', 'cpuCores', 'memoryMb', 'diskGb',
  'defaultTtlHours', 'maxTtlHours', 'startAfterCreate', 'requireTicketRef', 'baselineSnapshot', 'connectionProfile', 'active', 'createdAt', 'updatedAt',
  'maxLifetimeHours', 'allowNeverExpire', 'autoStopTime', 'autoStopDays',
  'cloneMode', 'sharedStorage', 'linkedClone', 'nodeCopies', 'runsOn',
].sort();

// The mock node's templates (src/Proxmox/MockCatalog.php).
const mockNode: Omit<ProxmoxTemplate, 'approved' | 'approvedTemplateId'>[] = [
  { vmid: 9001, name: 'turnkey-pbx-template', osType: 'l26', cpuCores: 2, memoryMb: 2048, diskGb: 20, node: '', sharedStorage: false, linkedClone: false },
  { vmid: 9002, name: 'windows-11-support-template', osType: 'win11', cpuCores: 4, memoryMb: 8192, diskGb: 64, node: '', sharedStorage: false, linkedClone: false },
  { vmid: 9003, name: 'debian-utility-template', osType: 'l26', cpuCores: 2, memoryMb: 2048, diskGb: 32, node: '', sharedStorage: false, linkedClone: false },
];

// Where a template of the mock's one node runs, and how it is cloned (docs/decisions/placement.md).
const mockPlacement = { cloneMode: 'full', sharedStorage: false, linkedClone: false, nodeCopies: {}, runsOn: ['pve'] };

// A seeded template's VMID is moved here while the tests import VMID 9003 afresh.
const parkedVmid = 909003;

let manager: TestUser;
let viewer: TestUser;
let noPortal: TestUser;
let seededUtilityId: number;
let imported: Template | undefined;

/** Asserts exactly one audit row with this actor, action and result, and returns its details. */
function oneAuditRow(rows: AuditRow[], actor: TestUser, action: string, result: string): Record<string, unknown> {
  assert.equal(rows.length, 1, `audit rows: ${JSON.stringify(rows)}`);
  const [row] = rows;
  assert.ok(row);
  assert.equal(Number(row.actor_id), actor.id);
  assert.equal(row.actor_login, actor.login);
  assert.equal(row.action, action);
  assert.equal(row.result, result);
  assert.equal(row.object_type, 'template');
  assert.equal(row.deployment_id, null);
  return JSON.parse(row.details) as Record<string, unknown>;
}

async function row(id: number): Promise<TemplateRow | undefined> {
  const [found] = await query<TemplateRow>('SELECT * FROM wp_spp_templates WHERE id = ?', [id]);
  return found;
}

async function templateCount(): Promise<number> {
  const [found] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM wp_spp_templates');
  return Number(found?.n);
}

function assertError(response: ApiResponse<unknown>, status: number, code: string): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(errorOf(response).code, code);
  assert.equal(errorOf(response).data.status, status);
}

function requireImported(): Template {
  assert.ok(imported, 'the fresh import test ran first');
  return imported;
}

before(async () => {
  manager = createUser({ login: 'tpl_manager', rights: ['portal_access', 'manage_templates', 'manage_settings'] });
  viewer = createUser({ login: 'tpl_viewer', rights: ['portal_access', 'create', 'manage_all'] });
  noPortal = createUser({ login: 'tpl_no_portal', rights: ['manage_templates'] });
  const [seeded] = await query<{ id: number }>('SELECT id FROM wp_spp_templates WHERE proxmox_vmid = 9003');
  assert.ok(seeded, 'the Linux Utility VM template is seeded');
  seededUtilityId = seeded.id;
  await query('UPDATE wp_spp_templates SET proxmox_vmid = ? WHERE id = ?', [parkedVmid, seededUtilityId]);
});

after(async () => {
  if (imported) {
    await query('DELETE FROM wp_spp_templates WHERE id = ?', [imported.id]);
  }
  await query('UPDATE wp_spp_templates SET proxmox_vmid = 9003 WHERE id = ?', [seededUtilityId]);
});

test('GET templates lists the active templates by name to any portal user', async () => {
  const response = await api<Template[]>(viewer, 'GET', '/templates');
  assert.equal(response.status, 200);
  const names = response.body.map((template) => template.name);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  assert.ok(response.body.every((template) => template.active));

  const seeded = response.body.find((template) => template.id === seededUtilityId);
  assert.ok(seeded, 'seeded template listed');
  assert.deepEqual(Object.keys(seeded).sort(), resourceKeys);
  assert.deepEqual(
    { ...seeded, createdAt: undefined, updatedAt: undefined },
    {
      id: seededUtilityId, name: 'Linux Utility VM',
      description: 'Debian utility VM with common network and debugging tools.', osType: 'l26',
      proxmoxVmid: parkedVmid, node: 'pve', cpuCores: 2, memoryMb: 2048, diskGb: 32,
      defaultTtlHours: 48, maxTtlHours: 720, startAfterCreate: false, requireTicketRef: false, baselineSnapshot: true, connectionProfile: [], active: true,
      maxLifetimeHours: 0, allowNeverExpire: true, autoStopTime: '', autoStopDays: [1, 2, 3, 4, 5], ...mockPlacement, createdAt: undefined, updatedAt: undefined,
    },
  );
  assert.match(seeded.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(seeded.updatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('GET templates refuses anonymous callers and users without portal access', async () => {
  assertError(await api(null, 'GET', '/templates'), 401, 'rest_not_logged_in');
  assertError(await api(noPortal, 'GET', '/templates'), 403, 'rest_forbidden');
  assertError(await api(viewer, 'GET', '/templates?include_inactive=1'), 403, 'rest_forbidden');
  assertError(await api(manager, 'GET', '/templates?include_inactive=maybe'), 400, 'rest_invalid_param');
});

test('GET proxmox/templates lists the node\'s QEMU templates with their approval', async () => {
  assertError(await api(null, 'GET', '/proxmox/templates'), 401, 'rest_not_logged_in');
  assertError(await api(viewer, 'GET', '/proxmox/templates'), 403, 'rest_forbidden');
  assertError(await api(noPortal, 'GET', '/proxmox/templates'), 403, 'rest_forbidden');

  const response = await api<ProxmoxTemplate[]>(manager, 'GET', '/proxmox/templates');
  assert.equal(response.status, 200);
  const approvedIds = await query<{ id: number; proxmox_vmid: number }>(
    'SELECT id, proxmox_vmid FROM wp_spp_templates WHERE active = 1 AND proxmox_vmid IN (9001, 9002)',
  );
  const idOf = (vmid: number): number | null => approvedIds.find((r) => r.proxmox_vmid === vmid)?.id ?? null;
  assert.deepEqual(response.body, [
    { ...mockNode[0], approved: true, approvedTemplateId: idOf(9001) },
    { ...mockNode[1], approved: true, approvedTemplateId: idOf(9002) },
    { ...mockNode[2], approved: false, approvedTemplateId: null },
  ]);
  assert.notEqual(idOf(9001), null);
});

test('POST templates imports a node template with the values Proxmox reports', async () => {
  const count = await templateCount();
  const { response, rows } = await audited(() => api<Template>(manager, 'POST', '/templates', { proxmoxVmid: 9003 }));
  assert.equal(response.status, 201, JSON.stringify(response.body));
  imported = response.body;
  assert.deepEqual(Object.keys(imported).sort(), resourceKeys);
  assert.deepEqual(
    { ...imported, id: 0, createdAt: '', updatedAt: '' },
    {
      id: 0, name: 'debian-utility-template', description: '', osType: 'l26', proxmoxVmid: 9003, node: 'pve',
      cpuCores: 2, memoryMb: 2048, diskGb: 32, defaultTtlHours: 24, maxTtlHours: 720,
      startAfterCreate: false, requireTicketRef: false, baselineSnapshot: true, connectionProfile: [], active: true, ...mockPlacement, createdAt: '', updatedAt: '',
      maxLifetimeHours: 0, allowNeverExpire: true, autoStopTime: '', autoStopDays: [1, 2, 3, 4, 5],
    },
  );
  assert.equal(await templateCount(), count + 1);
  const stored = await row(imported.id);
  assert.equal(stored?.node, '', 'stored for the configured node');
  assert.equal(stored?.active, 1);

  const details = oneAuditRow(rows, manager, 'template.import', 'success');
  assert.equal(rows[0]?.object_id, String(imported.id));
  assert.equal(details.proxmoxVmid, 9003);
  assert.equal(details.reactivated, false);

  const node = await api<ProxmoxTemplate[]>(manager, 'GET', '/proxmox/templates');
  assert.deepEqual(node.body.find((t) => t.vmid === 9003), { ...mockNode[2], approved: true, approvedTemplateId: imported.id });
  const listed = await api<Template[]>(viewer, 'GET', '/templates');
  assert.ok(listed.body.some((t) => t.id === imported?.id));
});

test('POST templates refuses a VMID that is already approved', async () => {
  const template = requireImported();
  const count = await templateCount();
  const { response, rows } = await audited(() => api(manager, 'POST', '/templates', { proxmoxVmid: 9003, name: 'Twice' }));
  assertError(response, 409, 'spp_template_already_approved');
  assert.equal(errorOf(response).data.templateId, template.id);
  assert.equal(await templateCount(), count);
  const details = oneAuditRow(rows, manager, 'template.import', 'error');
  assert.equal(details.error, 'spp_template_already_approved');
  assert.equal(details.proxmoxVmid, 9003);
});

test('POST templates answers 404 for a VMID that is not a template on the node', async () => {
  const count = await templateCount();
  const { response, rows } = await audited(() => api(manager, 'POST', '/templates', { proxmoxVmid: 4242 }));
  assertError(response, 404, 'spp_template_not_found');
  assert.match(errorOf(response).message, /4242/);
  assert.equal(await templateCount(), count);
  const details = oneAuditRow(rows, manager, 'template.import', 'denied');
  assert.equal(details.proxmoxVmid, 4242);
});

test('POST templates needs manage_templates (and portal access)', async () => {
  const count = await templateCount();
  for (const user of [viewer, noPortal]) {
    const { response, rows } = await audited(() => api(user, 'POST', '/templates', { proxmoxVmid: 9003 }));
    assertError(response, 403, 'rest_forbidden');
    oneAuditRow(rows, user, 'template.import', 'denied');
  }
  assertError(await api(null, 'POST', '/templates', { proxmoxVmid: 9003 }), 401, 'rest_not_logged_in');
  assert.equal(await templateCount(), count);
});

const invalidPolicies: [string, Record<string, unknown>][] = [
  ['cpuCores', { cpuCores: 0 }],
  ['cpuCores', { cpuCores: 129 }],
  ['cpuCores', { cpuCores: 'two' }],
  ['memoryMb', { memoryMb: 127 }],
  ['memoryMb', { memoryMb: 1048577 }],
  ['diskGb', { diskGb: 0 }],
  ['diskGb', { diskGb: 65537 }],
  ['defaultTtlHours', { defaultTtlHours: 0 }],
  ['maxTtlHours', { maxTtlHours: 0 }],
  ['maxTtlHours', { maxTtlHours: 8761 }],
  ['name', { name: '' }],
  ['name', { name: '   ' }],
  ['name', { name: 'x'.repeat(191) }],
  ['osType', { osType: 'Windows 11!' }],
  ['startAfterCreate', { startAfterCreate: 'sometimes' }],
  ['requireTicketRef', { requireTicketRef: 'yes' }],
  ['baselineSnapshot', { baselineSnapshot: 'on' }],
  ['maxLifetimeHours', { maxLifetimeHours: -1 }],
  ['maxLifetimeHours', { maxLifetimeHours: 87601 }],
  ['allowNeverExpire', { allowNeverExpire: 'maybe' }],
  ['autoStopTime', { autoStopTime: '24:00' }],
  ['autoStopDays', { autoStopDays: [1, 1] }],
];

test('POST templates requires proxmoxVmid and validates every value', async () => {
  const count = await templateCount();
  const missing = await api(manager, 'POST', '/templates', { name: 'No VMID' });
  assertError(missing, 400, 'rest_missing_callback_param');
  assert.deepEqual(errorOf(missing).data.params, ['proxmoxVmid']);

  const cases: [string, Record<string, unknown>][] = [
    ['proxmoxVmid', { proxmoxVmid: 99 }],
    ['proxmoxVmid', { proxmoxVmid: 'abc' }],
    ...invalidPolicies.map(([field, body]): [string, Record<string, unknown>] => [field, { proxmoxVmid: 9001, ...body }]),
  ];
  for (const [field, body] of cases) {
    const response = await api(manager, 'POST', '/templates', body);
    assertError(response, 400, 'rest_invalid_param');
    assert.ok(field in (errorOf(response).data.params as object), `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
  }
  assert.equal(await templateCount(), count);

  const { response, rows } = await audited(() => api(manager, 'POST', '/templates', { proxmoxVmid: 9001, cpuCores: 0 }));
  assertError(response, 400, 'rest_invalid_param');
  assert.equal(oneAuditRow(rows, manager, 'template.import', 'error').error, 'rest_invalid_param');
});

test('POST templates checks defaultTtlHours against the maximum, given or default', async () => {
  const count = await templateCount();
  for (const body of [{ defaultTtlHours: 48, maxTtlHours: 24 }, { defaultTtlHours: 721 }]) {
    const response = await api(manager, 'POST', '/templates', { proxmoxVmid: 9002, ...body });
    assertError(response, 400, 'rest_invalid_param');
    assert.match(errorOf(response).message, /defaultTtlHours \(\d+\) must not be greater than maxTtlHours \(\d+\)/);
    assert.ok('defaultTtlHours' in (errorOf(response).data.params as object));
  }
  assert.equal(await templateCount(), count);
});

test('PUT templates/:id changes only the values sent and audits before and after', async () => {
  const template = requireImported();
  const { response, rows } = await audited(() => api<Template>(manager, 'PUT', `/templates/${template.id}`, {
    name: '  Utility (imported)  ', description: 'Imported in tests', defaultTtlHours: 6, cpuCores: 2,
  }));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual(
    { ...response.body, updatedAt: '' },
    { ...template, name: 'Utility (imported)', description: 'Imported in tests', defaultTtlHours: 6, updatedAt: '' },
  );
  const stored = await row(template.id);
  assert.equal(stored?.name, 'Utility (imported)');
  assert.equal(stored?.default_ttl_hours, 6);
  assert.equal(stored?.memory_mb, 2048);

  const details = oneAuditRow(rows, manager, 'template.update', 'success');
  assert.equal(rows[0]?.object_id, String(template.id));
  assert.deepEqual(details, {
    before: { name: 'debian-utility-template', description: '', defaultTtlHours: 24 },
    after: { name: 'Utility (imported)', description: 'Imported in tests', defaultTtlHours: 6 },
  });
  imported = response.body;
});

test('PUT templates/:id checks defaultTtlHours <= maxTtlHours after the merge', async () => {
  const template = requireImported();
  const { response, rows } = await audited(() => api(manager, 'PUT', `/templates/${template.id}`, { maxTtlHours: 4 }));
  assertError(response, 400, 'rest_invalid_param');
  assert.equal(errorOf(response).message, 'defaultTtlHours (6) must not be greater than maxTtlHours (4).');
  assert.deepEqual(errorOf(response).data.params, { defaultTtlHours: errorOf(response).message });
  assert.equal((await row(template.id))?.max_ttl_hours, 720);
  assert.equal(oneAuditRow(rows, manager, 'template.update', 'error').error, 'rest_invalid_param');

  const both = await api<Template>(manager, 'PUT', `/templates/${template.id}`, { maxTtlHours: 4, defaultTtlHours: 4 });
  assert.equal(both.status, 200, JSON.stringify(both.body));
  assert.equal(both.body.maxTtlHours, 4);
  assert.equal(both.body.defaultTtlHours, 4);
  imported = both.body;
});

test('PUT templates/:id validates every value and refuses unknown ids and missing rights', async () => {
  const template = requireImported();
  for (const [field, body] of invalidPolicies) {
    const response = await api(manager, 'PUT', `/templates/${template.id}`, body);
    assertError(response, 400, 'rest_invalid_param');
    assert.ok(field in (errorOf(response).data.params as object), `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
  }
  assert.deepEqual(await api(viewer, 'GET', '/templates').then((r) => (r.body as Template[]).find((t) => t.id === template.id)), template);

  const missing = await audited(() => api(manager, 'PUT', '/templates/987654321', { cpuCores: 2 }));
  assertError(missing.response, 404, 'spp_template_not_found');
  oneAuditRow(missing.rows, manager, 'template.update', 'denied');

  const forbidden = await audited(() => api(viewer, 'PUT', `/templates/${template.id}`, { cpuCores: 8 }));
  assertError(forbidden.response, 403, 'rest_forbidden');
  oneAuditRow(forbidden.rows, viewer, 'template.update', 'denied');
  assertError(await api(null, 'PUT', `/templates/${template.id}`, { cpuCores: 8 }), 401, 'rest_not_logged_in');
  assert.equal((await row(template.id))?.cpu_cores, 2);
});

test('DELETE templates/:id retires softly: the row stays, lists hide it', async () => {
  const template = requireImported();
  const forbidden = await audited(() => api(viewer, 'DELETE', `/templates/${template.id}`));
  assertError(forbidden.response, 403, 'rest_forbidden');
  oneAuditRow(forbidden.rows, viewer, 'template.retire', 'denied');
  assert.equal((await row(template.id))?.active, 1);

  const { response, rows } = await audited(() => api<Template>(manager, 'DELETE', `/templates/${template.id}`));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.deepEqual({ ...response.body, updatedAt: '' }, { ...template, active: false, updatedAt: '' });
  const details = oneAuditRow(rows, manager, 'template.retire', 'success');
  assert.equal(rows[0]?.object_id, String(template.id));
  assert.deepEqual(details, { proxmoxVmid: 9003, name: template.name, wasActive: true });

  const stored = await row(template.id);
  assert.equal(stored?.active, 0, 'the row is kept, inactive');
  const active = await api<Template[]>(viewer, 'GET', '/templates');
  assert.ok(!active.body.some((t) => t.id === template.id), 'hidden from GET templates');
  const all = await api<Template[]>(manager, 'GET', '/templates?include_inactive=1');
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.find((t) => t.id === template.id)?.active, false);
  assert.ok(all.body.some((t) => t.active), 'active ones too');
  const names = all.body.map((t) => t.name);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  const node = await api<ProxmoxTemplate[]>(manager, 'GET', '/proxmox/templates');
  assert.deepEqual(node.body.find((t) => t.vmid === 9003), { ...mockNode[2], approved: false, approvedTemplateId: null });

  const again = await audited(() => api<Template>(manager, 'DELETE', `/templates/${template.id}`));
  assert.equal(again.response.status, 200, 'retiring twice is harmless');
  assert.equal(again.response.body.active, false);
  assert.equal(oneAuditRow(again.rows, manager, 'template.retire', 'success').wasActive, false);

  const missing = await audited(() => api(manager, 'DELETE', '/templates/987654321'));
  assertError(missing.response, 404, 'spp_template_not_found');
  oneAuditRow(missing.rows, manager, 'template.retire', 'denied');
  imported = { ...template, active: false };
});

test('POST templates re-activates a retired template of the same VMID with the new values', async () => {
  const template = requireImported();
  const count = await templateCount();
  const { response, rows } = await audited(() => api<Template>(manager, 'POST', '/templates', {
    proxmoxVmid: 9003, name: 'Utility v2', maxTtlHours: 12, startAfterCreate: true, cpuCores: 4,
  }));
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.deepEqual(
    { ...response.body, createdAt: '', updatedAt: '' },
    {
      id: template.id, name: 'Utility v2', description: '', osType: 'l26', proxmoxVmid: 9003, node: 'pve',
      cpuCores: 4, memoryMb: 2048, diskGb: 32, defaultTtlHours: 12, maxTtlHours: 12,
      startAfterCreate: true, requireTicketRef: false, baselineSnapshot: true, connectionProfile: [], active: true, ...mockPlacement, createdAt: '', updatedAt: '',
      maxLifetimeHours: 0, allowNeverExpire: true, autoStopTime: '', autoStopDays: [1, 2, 3, 4, 5],
    },
  );
  assert.equal(response.body.createdAt, template.createdAt, 'the same row');
  assert.equal(await templateCount(), count, 'no second row');
  const details = oneAuditRow(rows, manager, 'template.import', 'success');
  assert.equal(details.reactivated, true);
  assert.equal(rows[0]?.object_id, String(template.id));
  imported = response.body;
});

test('Proxmox failures answer 502 spp_proxmox_error with the Proxmox message', async () => {
  const original = await snapshotSettings(manager);
  // A new host takes the secret along: the saved one is only sent where it was saved for.
  const switched = await api(manager, 'PUT', '/settings', { mode: 'http', baseUrl: 'https://pve.example.invalid:8006', tokenSecret: 'tpl-unreachable-secret' });
  assert.equal(switched.status, 200, JSON.stringify(switched.body));
  try {
    const listed = await api(manager, 'GET', '/proxmox/templates');
    assertError(listed, 502, 'spp_proxmox_error');
    assert.notEqual(errorOf(listed).message, '');

    const count = await templateCount();
    const { response, rows } = await audited(() => api(manager, 'POST', '/templates', { proxmoxVmid: 9001 }));
    assertError(response, 502, 'spp_proxmox_error');
    assert.equal(errorOf(response).message, errorOf(listed).message);
    assert.equal(await templateCount(), count);
    assert.equal(oneAuditRow(rows, manager, 'template.import', 'error').error, 'spp_proxmox_error');
  } finally {
    await original.restore();
  }
});
