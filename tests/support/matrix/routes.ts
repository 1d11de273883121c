import assert from 'node:assert/strict';
import { query } from '../db.ts';
import { templates } from '../deployments.ts';
import type { Relation } from './callers.ts';
import type { MatrixFixture } from './fixture.ts';

/** What a cell must answer: a status, and for refusals the error code. */
export interface Expectation {
  status: number;
  code?: string;
}

/** The caller's relation to the targeted deployment; `gone` = deleted or never existed. */
export type Reach = Relation | 'gone';

type Refusal = (rights: ReadonlySet<string>, reach: Reach) => Expectation | null;

/** One route of the API (method + path), with a request that passes validation. */
export interface RouteRow {
  /** "METHOD path" as the contract names it. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route's spp_audit action; null for routes that write no audit row. */
  audit: string | null;
  /** The status when the caller may do it. */
  success: number;
  /**
   * The error code of an allowed cell whose target the matrix cannot provide in mock mode (a drift
   * action on a deployment without drift answers 409 `spp_no_drift`): the permission is what counts.
   */
  allowedCode?: string;
  /** Why an authenticated caller is refused, or null when allowed. */
  refusal: Refusal;
  /**
   * Prepares the state the cell needs and returns the request. `ghost` replaces the deployment of
   * routes on one deployment (deployments/:id…) with an id nobody may see; it prepares nothing.
   */
  request(fixture: MatrixFixture, ghost?: number): Promise<{ path: string; body?: unknown }>;
  /** Repairs what the request consumed, given the answer's status. */
  settle?(fixture: MatrixFixture, status: number): Promise<void>;
  /** More checks of a successful answer, beyond its status. */
  verify?(fixture: MatrixFixture, rights: ReadonlySet<string>, relation: Relation, body: unknown): void;
  /** The cells race on shared state (one VM, one share, one template), so they run one at a time. */
  serial?: true;
  /** The route acts on one deployment, so it can be aimed at a ghost. */
  onDeployment?: true;
  /** A bulk route's per-item action: an allowed cell (one id) writes one such row besides its own. */
  itemAudit?: string;
}

export const notLoggedIn: Expectation = { status: 401, code: 'rest_not_logged_in' };
const forbidden: Expectation = { status: 403, code: 'rest_forbidden' };
const notFound: Expectation = { status: 404, code: 'spp_deployment_not_found' };

/** Route guarded by rights alone: all of `rights` (effective rights are empty without portal_access). */
function needsAll(...rights: string[]): Refusal {
  return (held) => (rights.every((right) => held.has(right)) ? null : forbidden);
}

function needsAny(...rights: string[]): Refusal {
  return (held) => (rights.some((right) => held.has(right)) ? null : forbidden);
}

/**
 * Deployment routes, in the order of docs/decisions/domain-rules.md: the right (403), then
 * visibility (404), then owner-or-manage_all for delete and shares (403).
 */
function onDeployment(right: string, ownerOrManager = false): Refusal {
  return (held, reach) => {
    if (!held.has('portal_access') || !held.has(right)) return forbidden;
    const managesAll = held.has('manage_all');
    if (reach === 'gone' || (reach === 'none' && !managesAll)) return notFound;
    if (ownerOrManager && reach !== 'owner' && !managesAll) return forbidden;
    return null;
  };
}

/** The deployment actions of `allowedActions`, in the order the API lists them, with who may take them. */
const deploymentActions: readonly [string, Refusal][] = [
  ['view', onDeployment('portal_access')],
  ['start', onDeployment('start')],
  ['stop', onDeployment('stop')],
  ['prolong', onDeployment('prolong')],
  ['refresh_ips', onDeployment('refresh_ips')],
  ['delete', onDeployment('delete', true)],
  ['share', onDeployment('portal_access', true)],
  ['snapshot', onDeployment('snapshot')],
];
const refusalOf = (action: string): Refusal => deploymentActions.find(([name]) => name === action)?.[1] ?? (() => forbidden);

/** allowedActions must list what the matrix allows, minus the no-ops (start when RUNNING, stop when STOPPED). */
function verifyAllowedActions(_f: MatrixFixture, rights: ReadonlySet<string>, relation: Relation, body: unknown): void {
  const { status, allowedActions } = body as { status: string; allowedActions: string[] };
  const noOp = status === 'RUNNING' ? 'start' : status === 'STOPPED' ? 'stop' : null;
  const wanted = deploymentActions.filter(([action, refusal]) => action !== noOp && refusal(rights, relation) === null).map(([action]) => action);
  assert.deepEqual(allowedActions, wanted, `allowedActions of a ${status} deployment`);
}

/** The list shows the matrix's deployment exactly to those who may view it. */
function verifyListed(f: MatrixFixture, rights: ReadonlySet<string>, relation: Relation, body: unknown): void {
  const listed = (body as { id: number }[]).some((d) => d.id === f.deploymentId);
  assert.equal(listed, refusalOf('view')(rights, relation) === null, 'whether the list shows the deployment');
}

const fixed = (path: string, body?: unknown) => async () => ({ path, ...(body === undefined ? {} : { body }) });

/** The drift actions on one deployment (docs/decisions/drift.md): the rights, then a ghost is 404. */
function onDrifted(...rights: string[]): Refusal {
  return (held, reach) => needsAll('portal_access', 'manage_all', ...rights)(held, reach) ?? (reach === 'gone' ? notFound : null);
}

/** A drift action the matrix's healthy deployment (or a VMID no VM has) turns down: allowed, and nothing to do. */
function driftRow(name: string, audit: string, refusal: Refusal, path: (f: MatrixFixture, ghost?: number) => string, body?: (f: MatrixFixture) => unknown): RouteRow {
  return {
    name, method: 'POST', audit, success: 409, allowedCode: 'spp_no_drift', refusal,
    request: async (f, ghost) => ({ path: path(f, ghost), ...(body === undefined ? {} : { body: body(f) }) }),
  };
}
const driftMarker = 'spp-1-aaaaaaaaaaaa';

/** A route on the matrix's main deployment; `prepare` runs only for the real one. */
function deploymentRoute(suffix: string, body?: unknown, prepare?: (f: MatrixFixture) => Promise<void>) {
  return async (f: MatrixFixture, ghost?: number) => {
    if (ghost === undefined) await prepare?.(f);
    return { path: `/deployments/${ghost ?? f.deploymentId}${suffix}`, ...(body === undefined ? {} : { body }) };
  };
}

export const routes: readonly RouteRow[] = [
  { name: 'GET templates', method: 'GET', audit: null, success: 200, refusal: needsAll('portal_access'), request: fixed('/templates') },
  {
    name: 'GET templates?include_inactive=1', method: 'GET', audit: null, success: 200,
    refusal: needsAll('manage_templates'), request: fixed('/templates?include_inactive=1'),
  },
  {
    name: 'POST templates', method: 'POST', serial: true, audit: 'template.import', success: 201, refusal: needsAll('manage_templates'),
    // Every VMID of the mock node is approved, so the cell re-imports a retired one with its own values.
    request: async (f) => {
      await f.retireImportTemplate();
      return { path: '/templates', body: f.importBody };
    },
    settle: (f) => f.restoreImportTemplate(),
  },
  {
    name: 'PUT templates/:id', method: 'PUT', audit: 'template.update', success: 200, refusal: needsAll('manage_templates'),
    request: async (f) => ({ path: `/templates/${f.templateId}`, body: { description: 'Edited by the authorization matrix' } }),
  },
  {
    name: 'DELETE templates/:id', method: 'DELETE', audit: 'template.retire', success: 200, refusal: needsAll('manage_templates'),
    request: async (f) => ({ path: `/templates/${f.templateId}` }),
  },
  { name: 'GET proxmox/templates', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_templates'), request: fixed('/proxmox/templates') },
  { name: 'GET quota', method: 'GET', audit: null, success: 200, refusal: needsAll('portal_access'), request: fixed('/quota') },
  {
    name: 'GET deployments', method: 'GET', audit: null, success: 200, refusal: needsAll('portal_access'),
    request: async (f) => ({ path: `/deployments?search=${encodeURIComponent(f.deploymentName)}` }), verify: verifyListed,
  },
  {
    name: 'GET deployments?owner=:id', method: 'GET', audit: null, success: 200, refusal: needsAll('portal_access', 'manage_all'),
    request: async (f) => ({ path: `/deployments?owner=${f.ownerId}` }),
  },
  {
    name: 'POST deployments', method: 'POST', audit: 'deployment.create', success: 201, refusal: needsAll('portal_access', 'create'),
    request: fixed('/deployments', { templateId: 3, name: 'Authorization matrix', ttlHours: 2 }),
  },
  {
    name: 'GET deployments/:id', method: 'GET', onDeployment: true, audit: null, success: 200,
    refusal: refusalOf('view'), request: deploymentRoute(''), verify: verifyAllowedActions,
  },
  {
    name: 'DELETE deployments/:id', method: 'DELETE', serial: true, onDeployment: true, audit: 'deployment.delete', success: 202,
    refusal: refusalOf('delete'),
    request: async (f, ghost) => ({ path: `/deployments/${ghost ?? (await f.deleteTarget())}` }),
    settle: async (f, status) => {
      if (status < 300) f.consumeDeleteTarget();
    },
  },
  {
    name: 'POST deployments/:id/start', method: 'POST', serial: true, onDeployment: true, audit: 'deployment.start', success: 200,
    refusal: refusalOf('start'), request: deploymentRoute('/start'),
  },
  {
    name: 'POST deployments/:id/stop', method: 'POST', serial: true, onDeployment: true, audit: 'deployment.stop', success: 200,
    refusal: refusalOf('stop'), request: deploymentRoute('/stop'),
  },
  {
    name: 'POST deployments/:id/prolong', method: 'POST', onDeployment: true, audit: 'deployment.prolong', success: 200,
    refusal: refusalOf('prolong'), request: deploymentRoute('/prolong', { hours: 1 }),
  },
  {
    name: 'POST deployments/:id/refresh-ips', method: 'POST', onDeployment: true, audit: 'deployment.refresh_ips', success: 200,
    refusal: refusalOf('refresh_ips'), request: deploymentRoute('/refresh-ips'),
  },
  {
    name: 'GET deployments/:id/shares', method: 'GET', onDeployment: true, audit: null, success: 200,
    refusal: refusalOf('share'), request: deploymentRoute('/shares'),
  },
  {
    name: 'POST deployments/:id/shares', method: 'POST', serial: true, onDeployment: true, audit: 'share.add', success: 200,
    refusal: refusalOf('share'),
    // The victim is not shared yet, so an allowed cell really adds the share.
    request: async (f, ghost) => deploymentRoute('/shares', { user: f.victim.login }, (fx) => fx.unshareVictim())(f, ghost),
  },
  {
    name: 'DELETE deployments/:id/shares/:user_id', method: 'DELETE', serial: true, onDeployment: true, audit: 'share.remove', success: 200,
    refusal: refusalOf('share'),
    request: async (f, ghost) => deploymentRoute(`/shares/${f.victim.id}`, undefined, (fx) => fx.shareVictim())(f, ghost),
  },
  {
    name: 'PUT deployments/:id', method: 'PUT', onDeployment: true, audit: 'deployment.update', success: 200,
    refusal: refusalOf('share'), request: deploymentRoute('', { purpose: 'Checked by the authorization matrix' }),
  },
  {
    name: 'PATCH deployments/:id', method: 'PATCH', onDeployment: true, audit: 'deployment.update', success: 200,
    refusal: refusalOf('share'), request: deploymentRoute('', { customer: 'Authorization matrix' }),
  },
  {
    // Handed to its own owner: allowed cells change nothing the later cells rely on.
    name: 'POST deployments/:id/transfer', method: 'POST', onDeployment: true, audit: 'deployment.transfer', success: 200,
    refusal: refusalOf('share'), request: async (f, ghost) => deploymentRoute('/transfer', { to: f.ownerLogin })(f, ghost),
  },
  {
    // Each item is checked as its own request; the route itself needs portal access only.
    name: 'POST deployments/bulk', method: 'POST', audit: 'deployment.bulk', itemAudit: 'deployment.prolong', success: 200,
    refusal: needsAll('portal_access'),
    request: async (f) => ({ path: '/deployments/bulk', body: { action: 'prolong', ids: [f.deploymentId], hours: 1 } }),
  },
  {
    name: 'GET deployments/:id/connection/rdp/:entry', method: 'GET', serial: true, onDeployment: true, audit: null, success: 200,
    refusal: refusalOf('view'),
    // The file needs an RDP entry on the deployment's template and a known address.
    request: deploymentRoute('/connection/rdp/0', undefined, async (f) => {
      await query('UPDATE wp_spp_templates SET connection_profile = ? WHERE id = ?', [JSON.stringify([{ kind: 'rdp', user: 'matrix' }]), templates.linux]);
      await query('UPDATE wp_spp_deployments SET ip_addresses = ? WHERE id = ?', [JSON.stringify(['192.0.2.200']), f.deploymentId]);
    }),
    settle: async () => {
      await query('UPDATE wp_spp_templates SET connection_profile = NULL WHERE id = ?', [templates.linux]);
    },
  },
  {
    name: 'GET deployments/:id/snapshots', method: 'GET', onDeployment: true, audit: null, success: 200,
    refusal: refusalOf('view'), request: deploymentRoute('/snapshots'),
  },
  {
    name: 'POST deployments/:id/snapshots', method: 'POST', serial: true, onDeployment: true, audit: 'deployment.snapshot', success: 202,
    refusal: refusalOf('snapshot'), request: deploymentRoute('/snapshots', { name: 'matrix_taken' }),
    settle: (f) => f.endSnapshotWork(),
  },
  {
    name: 'POST deployments/:id/snapshots/:name/rollback', method: 'POST', serial: true, onDeployment: true, audit: 'deployment.rollback',
    success: 202, refusal: refusalOf('snapshot'),
    request: deploymentRoute('/snapshots/matrix_kept/rollback', undefined, (f) => f.keepSnapshot()),
    settle: (f) => f.endSnapshotWork(),
  },
  {
    name: 'DELETE deployments/:id/snapshots/:name', method: 'DELETE', serial: true, onDeployment: true, audit: 'deployment.snapshot_delete',
    success: 202, refusal: refusalOf('snapshot'),
    request: deploymentRoute('/snapshots/matrix_kept', undefined, (f) => f.keepSnapshot()),
    settle: (f) => f.endSnapshotWork(),
  },
  {
    name: 'GET templates/:id/connection-profile', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_templates'),
    request: async (f) => ({ path: `/templates/${f.templateId}/connection-profile` }),
  },
  {
    name: 'PUT templates/:id/connection-profile', method: 'PUT', audit: 'template.connection_profile', success: 200,
    refusal: needsAll('manage_templates'),
    request: async (f) => ({ path: `/templates/${f.templateId}/connection-profile`, body: { entries: [{ kind: 'ssh', user: 'matrix' }] } }),
  },
  {
    name: 'DELETE templates/:id/connection-profile', method: 'DELETE', audit: 'template.connection_profile', success: 200,
    refusal: needsAll('manage_templates'), request: async (f) => ({ path: `/templates/${f.templateId}/connection-profile` }),
  },
  {
    name: 'GET settings/ticket-links', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/ticket-links'),
  },
  {
    name: 'PUT settings/ticket-links', method: 'PUT', audit: 'settings.ticket_links', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/ticket-links', { ticketUrlPattern: '' }),
  },
  {
    name: 'PATCH settings/ticket-links', method: 'PATCH', audit: 'settings.ticket_links', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/ticket-links', { ticketUrlPattern: '' }),
  },
  { name: 'GET settings/handover', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_settings'), request: fixed('/settings/handover') },
  {
    name: 'PUT settings/handover', method: 'PUT', audit: 'settings.handover', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/handover', { orphanOwner: '' }),
  },
  {
    name: 'PATCH settings/handover', method: 'PATCH', audit: 'settings.handover', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/handover', { orphanOwner: '' }),
  },
  { name: 'GET settings', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_settings'), request: fixed('/settings') },
  { name: 'GET settings/mail', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_settings'), request: fixed('/settings/mail') },
  {
    // An empty body changes nothing: later cells and files see the mail settings as they were.
    name: 'PUT settings/mail', method: 'PUT', audit: 'settings.mail', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/mail', {}),
  },
  {
    name: 'PATCH settings/mail', method: 'PATCH', audit: 'settings.mail', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings/mail', {}),
  },
  {
    name: 'GET me/mail-preferences', method: 'GET', audit: null, success: 200, refusal: needsAll('portal_access'),
    request: fixed('/me/mail-preferences'),
  },
  {
    name: 'PUT me/mail-preferences', method: 'PUT', audit: 'user.mail_preferences', success: 200, refusal: needsAll('portal_access'),
    request: fixed('/me/mail-preferences', {}),
  },
  {
    name: 'PATCH me/mail-preferences', method: 'PATCH', audit: 'user.mail_preferences', success: 200, refusal: needsAll('portal_access'),
    request: fixed('/me/mail-preferences', {}),
  },
  {
    name: 'PUT settings', method: 'PUT', audit: 'settings.update', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings', { globalRamLimitMb: 0 }),
  },
  {
    name: 'PATCH settings', method: 'PATCH', audit: 'settings.update', success: 200, refusal: needsAll('manage_settings'),
    request: fixed('/settings', { defaultUserRamLimitMb: 0 }),
  },
  {
    name: 'POST settings/test-connection', method: 'POST', audit: 'settings.test_connection', success: 200,
    refusal: needsAll('manage_settings'), request: fixed('/settings/test-connection', {}),
  },
  { name: 'GET users', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_rights'), request: fixed('/users') },
  {
    name: 'GET users/:id', method: 'GET', audit: null, success: 200, refusal: needsAll('manage_rights'),
    request: async (f) => ({ path: `/users/${f.target.id}` }),
  },
  {
    name: 'PUT users/:id', method: 'PUT', audit: 'rights.update', success: 200, refusal: needsAll('manage_rights'),
    request: async (f) => ({ path: `/users/${f.target.id}`, body: { rights: ['portal_access'], ramLimitMb: 0 } }),
  },
  { name: 'GET me', method: 'GET', audit: null, success: 200, refusal: () => null, request: fixed('/me') },
  { name: 'GET drift', method: 'GET', audit: null, success: 200, refusal: needsAll('portal_access', 'manage_all'), request: fixed('/drift') },
  {
    name: 'POST drift/check', method: 'POST', audit: 'drift.check', success: 200, refusal: needsAll('portal_access', 'manage_all'),
    request: fixed('/drift/check', {}),
  },
  driftRow('POST drift/orphans/:vmid/adopt', 'drift.adopt', needsAll('portal_access', 'manage_all'), () => '/drift/orphans/999999/adopt', (f) => ({ marker: driftMarker, owner: f.ownerLogin })),
  driftRow('POST drift/orphans/:vmid/destroy', 'drift.destroy', needsAll('portal_access', 'manage_all', 'delete'), () => '/drift/orphans/999999/destroy', () => ({ marker: driftMarker })),
  ...([['gone', 'drift.mark_gone', ['delete']], ['reapply', 'drift.reapply', []], ['stop', 'drift.stop', []]] as const).map(([action, audit, more]) => ({
    ...driftRow(`POST drift/deployments/:id/${action}`, audit, onDrifted(...more), (f, ghost) => `/drift/deployments/${ghost ?? f.deploymentId}/${action}`),
    onDeployment: true as const,
  })),
  {
    name: 'GET audit-logs', method: 'GET', audit: null, success: 200, refusal: needsAny('manage_all', 'manage_settings'),
    request: fixed('/audit-logs?per_page=1'),
  },
  {
    name: 'GET reports/usage', method: 'GET', audit: null, success: 200, refusal: needsAny('manage_all', 'manage_settings'),
    request: fixed('/reports/usage?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z'),
  },
];
