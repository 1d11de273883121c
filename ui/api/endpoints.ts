import { request, requestFile, requestPage } from './client.ts';
import type {
  AuditEntry, AuditQuery, BulkAction, BulkAnswer, DriftDestroyed, DriftReport, ConnectionEntry, ConnectionProfile, ConnectionTest, Deployment, DeploymentDetails, TicketLinks, DeploymentQuery, Me, NewDeployment, Page,
  HandoverSettings, MailPreferences, MailSettings, PortalUser, ProxmoxTemplate, Quota, RightKey, Settings, SettingsInput, Share, SnapshotList, Template, TemplatePolicy, UsageQuery, UsageReport,
} from './types.ts';

/** Every route of support-provisioning/v1 the UIs use, typed. */

export const getMe = (): Promise<Me> => request('/me');
export const getQuota = (): Promise<Quota> => request('/quota');

export const listDeployments = (query: DeploymentQuery): Promise<Page<Deployment>> =>
  requestPage('/deployments', { ...query });
export const getDeployment = (id: number): Promise<Deployment> => request(`/deployments/${id}`);
export const createDeployment = (body: NewDeployment): Promise<Deployment> =>
  request('/deployments', { method: 'POST', data: body });
export const deleteDeployment = (id: number): Promise<Deployment> =>
  request(`/deployments/${id}`, { method: 'DELETE' });

export const updateDeploymentDetails = (id: number, details: DeploymentDetails): Promise<Deployment> =>
  request(`/deployments/${id}`, { method: 'PATCH', data: details });
export const downloadRdpFile = (id: number, entry: number, address: string): Promise<{ blob: Blob; fileName: string }> =>
  requestFile(`/deployments/${id}/connection/rdp/${entry}`, { address });

export const getConnectionProfile = (templateId: number): Promise<ConnectionProfile> =>
  request(`/templates/${templateId}/connection-profile`);
export const saveConnectionProfile = (templateId: number, entries: ConnectionEntry[]): Promise<ConnectionProfile> =>
  request(`/templates/${templateId}/connection-profile`, { method: 'PUT', data: { entries } });

export const getTicketLinks = (): Promise<TicketLinks> => request('/settings/ticket-links');
export const saveTicketLinks = (links: TicketLinks): Promise<TicketLinks> =>
  request('/settings/ticket-links', { method: 'PUT', data: links });

export type LifecycleAction = 'start' | 'stop' | 'refresh-ips';
export const runAction = (id: number, action: LifecycleAction): Promise<Deployment> =>
  request(`/deployments/${id}/${action}`, { method: 'POST' });
export const prolongDeployment = (id: number, hours: number): Promise<Deployment> =>
  request(`/deployments/${id}/prolong`, { method: 'POST', data: { hours } });

export const listSnapshots = (id: number): Promise<SnapshotList> => request(`/deployments/${id}/snapshots`);
export const takeSnapshot = (id: number, snapshot: { name: string; description: string; vmstate: boolean }): Promise<SnapshotList> =>
  request(`/deployments/${id}/snapshots`, { method: 'POST', data: snapshot });
export const rollbackSnapshot = (id: number, name: string): Promise<SnapshotList> =>
  request(`/deployments/${id}/snapshots/${encodeURIComponent(name)}/rollback`, { method: 'POST' });
export const deleteSnapshot = (id: number, name: string): Promise<SnapshotList> =>
  request(`/deployments/${id}/snapshots/${encodeURIComponent(name)}`, { method: 'DELETE' });
/** Hands the deployment to another user (login or e-mail). */
export const transferDeployment = (id: number, to: string): Promise<Deployment> =>
  request(`/deployments/${id}/transfer`, { method: 'POST', data: { to } });
/** At most 25 ids per call; `hours` for prolong, `to` for transfer. */
export const runBulk = (action: BulkAction, ids: number[], extra: { hours?: number; to?: string } = {}): Promise<BulkAnswer> =>
  request('/deployments/bulk', { method: 'POST', data: { action, ids, ...extra } });

/** The last drift check's findings, and a check now (docs/decisions/drift.md). */
export const getDrift = (): Promise<DriftReport> => request('/drift');
export const checkDrift = (): Promise<DriftReport> => request('/drift/check', { method: 'POST' });
export const adoptOrphan = (vmid: number, marker: string, owner: string): Promise<Deployment> =>
  request(`/drift/orphans/${vmid}/adopt`, { method: 'POST', data: { marker, owner } });
export const destroyOrphan = (vmid: number, marker: string): Promise<DriftDestroyed> =>
  request(`/drift/orphans/${vmid}/destroy`, { method: 'POST', data: { marker } });
export type DriftRepair = 'gone' | 'reapply' | 'stop';
export const repairDrift = (id: number, repair: DriftRepair): Promise<Deployment> =>
  request(`/drift/deployments/${id}/${repair}`, { method: 'POST' });

export const getHandoverSettings = (): Promise<HandoverSettings> => request('/settings/handover');
export const saveHandoverSettings = (orphanOwner: string): Promise<HandoverSettings> =>
  request('/settings/handover', { method: 'PUT', data: { orphanOwner } });

export const getMailSettings = (): Promise<MailSettings> => request('/settings/mail');
export const saveMailSettings = (settings: MailSettings): Promise<MailSettings> =>
  request('/settings/mail', { method: 'PUT', data: settings });
export const getMailPreferences = (): Promise<MailPreferences> => request('/me/mail-preferences');
export const saveMailPreferences = (preferences: MailPreferences): Promise<MailPreferences> =>
  request('/me/mail-preferences', { method: 'PUT', data: preferences });

export const listShares = (id: number): Promise<Share[]> => request(`/deployments/${id}/shares`);
export const addShare = (id: number, user: string): Promise<Share[]> =>
  request(`/deployments/${id}/shares`, { method: 'POST', data: { user } });
export const removeShare = (id: number, userId: number): Promise<Share[]> =>
  request(`/deployments/${id}/shares/${userId}`, { method: 'DELETE' });

export const listTemplates = (includeInactive = false): Promise<Template[]> =>
  request('/templates', { query: includeInactive ? { include_inactive: 1 } : {} });
export const listProxmoxTemplates = (): Promise<ProxmoxTemplate[]> => request('/proxmox/templates');
export const importTemplate = (proxmoxVmid: number, policy: Partial<TemplatePolicy> = {}): Promise<Template> =>
  request('/templates', { method: 'POST', data: { proxmoxVmid, ...policy } });
export const updateTemplate = (id: number, policy: Partial<TemplatePolicy>): Promise<Template> =>
  request(`/templates/${id}`, { method: 'PUT', data: policy });
export const retireTemplate = (id: number): Promise<Template> => request(`/templates/${id}`, { method: 'DELETE' });

export const getSettings = (): Promise<Settings> => request('/settings');
export const saveSettings = (input: SettingsInput): Promise<Settings> =>
  request('/settings', { method: 'PUT', data: input });
export const testConnection = (input: SettingsInput): Promise<ConnectionTest> =>
  request('/settings/test-connection', { method: 'POST', data: input });

export const listUsers = (query: { page?: number; per_page?: number; search?: string }): Promise<Page<PortalUser>> =>
  requestPage('/users', { ...query });
/** Replaces the stored rights and both overrides (null = the site default, 0 = unlimited). */
export const updateUser = (id: number, rights: RightKey[], ramLimitMb: number | null, vmLimit: number | null): Promise<PortalUser> =>
  request(`/users/${id}`, { method: 'PUT', data: { rights, ramLimitMb, vmLimit } });

export const getUsageReport = (query: UsageQuery): Promise<UsageReport> => request('/reports/usage', { query: { ...query } });
export const listAuditLogs = (query: AuditQuery): Promise<Page<AuditEntry>> => requestPage('/audit-logs', { ...query });
