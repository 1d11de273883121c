/**
 * The resources of the support-provisioning/v1 REST API, as support-provisioning-portal/src/Rest
 * answers them (CONTRACT §6). The browser tests read every field through the UI.
 */

export const rightKeys = [
  'portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete',
  'manage_all', 'manage_templates', 'manage_settings', 'manage_rights', 'snapshot',
] as const;
export type RightKey = (typeof rightKeys)[number];

export const statuses = ['PROVISIONING', 'STOPPED', 'RUNNING', 'EXPIRED', 'DELETING', 'FAILED'] as const;
/** DELETED deployments never leave the API. */
export type Status = (typeof statuses)[number];

export type DeploymentAction = 'view' | 'start' | 'stop' | 'prolong' | 'refresh_ips' | 'delete' | 'share' | 'snapshot';

export interface Deployment {
  id: number;
  name: string;
  status: Status;
  /** The background step in flight; '' when none. */
  step: string;
  templateId: number;
  templateName: string;
  osType: string;
  ownerId: number;
  ownerLogin: string;
  ownerName: string;
  node: string;
  /** Its VM was made on another connection (the mock before a switch to HTTP, another cluster): only its record can be deleted. */
  otherConnection: boolean;
  vmid: number | null;
  cpuCores: number;
  memoryMb: number;
  diskGb: number;
  neverExpire: boolean;
  ttlHours: number | null;
  expiresAt: string | null;
  /** Expires within the site's longest warning lead time (24 h by default). */
  expiresSoon: boolean;
  createdAt: string;
  updatedAt: string;
  ipAddresses: string[];
  ipAddressesUpdatedAt: string | null;
  lastError: string | null;
  sharedWithMe: boolean;
  allowedActions: DeploymentAction[];
  /** Only on refresh-ips answers: why no address could be read. */
  ipAddressesHint?: string | null;
  ticketRef: string | null;
  /** The ticket reference as a link to the tracker (the site's ticket URL pattern), or null. */
  ticketUrl: string | null;
  customer: string | null;
  purpose: string | null;
  /** Whether the caller may edit ticketRef, customer and purpose (owner or manage_all). */
  detailsEditable: boolean;
  /** The template's connection profile applied to the addresses; null until an address is known. */
  connection: ConnectionKit | null;
  /** The VM's console in the Proxmox web UI: managers only, HTTP mode only. */
  consoleUrl: string | null;
  /** Where placement put the VM and why: manage_all only, null before placement (docs/decisions/placement.md). */
  placement: Placement | null;
  /** The snapshot work running now (a snapshot, a rollback, a deletion), or null. */
  snapshotTask: { kind: SnapshotKind; name: string } | null;
}

export type PlacementPolicyName = 'memory' | 'fixed' | 'spread';

export interface Placement {
  node: string;
  policy: PlacementPolicyName;
  /** Free MB after the reserve per eligible node when it was chosen; null = offline. */
  freeMb: Record<string, number | null>;
  reason: string;
}

export type SnapshotKind = 'take' | 'rollback' | 'delete';

/** The snapshot provisioning takes; "reset to clean" rolls back to it. */
export const BASELINE_SNAPSHOT = 'spp_baseline';

export interface Snapshot {
  name: string;
  description: string;
  takenAt: string | null;
  /** The VM's RAM was saved too: rolling back to it resumes the running VM. */
  withRam: boolean;
  baseline: boolean;
}

export interface SnapshotList {
  deployment: Deployment;
  /** User snapshots a deployment may have beside its baseline. */
  limit: number;
  snapshots: Snapshot[];
}

/** The case a deployment belongs to; '' clears a field. */
export interface DeploymentDetails {
  ticketRef?: string;
  customer?: string;
  purpose?: string;
}

export type ConnectionEntry =
  | { kind: 'ssh' | 'rdp'; label: string; port: number; user: string }
  | { kind: 'web'; label: string; scheme: 'https' | 'http'; port: number; path: string }
  | { kind: 'note'; text: string };

export type ConnectionKind = ConnectionEntry['kind'];

export interface ConnectionTarget {
  address: string;
  family: 4 | 6;
  /** ssh */
  command?: string;
  /** rdp: host:port as the .rdp file holds it */
  fullAddress?: string;
  /** web */
  url?: string;
}

export type ResolvedEntry =
  | (Exclude<ConnectionEntry, { kind: 'note' }> & { index: number; targets: ConnectionTarget[] })
  | Extract<ConnectionEntry, { kind: 'note' }>;

export interface ConnectionKit {
  /** IPv4 first. */
  addresses: string[];
  entries: ResolvedEntry[];
}

export interface ConnectionProfile {
  templateId: number;
  entries: ConnectionEntry[];
}

export interface TicketLinks {
  ticketUrlPattern: string;
}

export interface DeploymentQuery {
  page?: number;
  per_page?: number;
  status?: Status | '';
  search?: string;
  owner?: number;
}

export interface NewDeployment {
  templateId: number;
  name?: string;
  ttlHours?: number;
  neverExpire?: boolean;
  ticketRef?: string;
  customer?: string;
  purpose?: string;
}

/** Who a deployment is shared with: never their e-mail address, which the owner may not know. */
export interface Share {
  userId: number;
  login: string;
  displayName: string;
  createdAt: string;
}

export interface Template {
  id: number;
  name: string;
  description: string;
  osType: string;
  proxmoxVmid: number;
  node: string;
  cpuCores: number;
  memoryMb: number;
  diskGb: number;
  defaultTtlHours: number;
  maxTtlHours: number;
  startAfterCreate: boolean;
  /** Creating a deployment from it needs a ticket reference. */
  requireTicketRef: boolean;
  /** Provisioning takes a baseline snapshot, so deployments can be reset to clean. */
  baselineSnapshot: boolean;
  /** Creation to expiry, prolongs included; 0 = no cap. */
  maxLifetimeHours: number;
  allowNeverExpire: boolean;
  /** Stops its running deployments at this site-local time ("HH:MM"; '' = off) … */
  autoStopTime: string;
  /** … on these ISO weekdays (1 = Monday). */
  autoStopDays: number[];
  connectionProfile: ConnectionEntry[];
  active: boolean;
  /** Full copies, or linked clones (seconds instead of minutes; storage permitting). */
  cloneMode: CloneMode;
  /** Every disk on shared storage: clonable to any node. */
  sharedStorage: boolean;
  /** Its storage makes linked clones. */
  linkedClone: boolean;
  /** Copies on other nodes: node => VMID. */
  nodeCopies: Record<string, number>;
  /** The nodes it can run on; ['*'] = any node (shared storage). */
  runsOn: string[];
  createdAt: string;
  updatedAt: string;
}

export type CloneMode = 'full' | 'linked';

/** What an admin may set on import and edit. */
export type TemplatePolicy = Pick<
  Template,
  'name' | 'description' | 'osType' | 'cpuCores' | 'memoryMb' | 'diskGb' | 'defaultTtlHours' | 'maxTtlHours' | 'startAfterCreate'
  | 'requireTicketRef' | 'baselineSnapshot' | 'cloneMode' | 'nodeCopies' | 'maxLifetimeHours' | 'allowNeverExpire'
  | 'autoStopTime' | 'autoStopDays'
>;

export interface ProxmoxTemplate {
  vmid: number;
  name: string;
  osType: string;
  cpuCores: number;
  memoryMb: number;
  diskGb: number;
  /** The node it lives on ('' in mock mode: the configured node). */
  node: string;
  sharedStorage: boolean;
  linkedClone: boolean;
  approved: boolean;
  approvedTemplateId: number | null;
}

export interface QuotaScope {
  /** null = unlimited */
  limitMb: number | null;
  usedMb: number;
  /** null = unlimited */
  availableMb: number | null;
}

/** The caller's deployments that hold a VM on Proxmox (expired ones included), against their cap. */
export interface VmQuota {
  /** null = unlimited */
  limit: number | null;
  used: number;
  /** null = unlimited */
  available: number | null;
}

export interface Quota {
  user: QuotaScope;
  global: QuotaScope;
  vms: VmQuota;
}

export type ProxmoxMode = 'mock' | 'http';

export interface Settings {
  mode: ProxmoxMode;
  baseUrl: string;
  tokenId: string;
  node: string;
  caCertificate: string;
  defaultUserRamLimitMb: number;
  globalRamLimitMb: number;
  /** Deployments holding a VM each user may have; 0 = unlimited. */
  defaultUserVmLimit: number;
  /** User snapshots a deployment may have beside its baseline; 0 = none. */
  snapshotLimit: number;
  /** How a create chooses its node (docs/decisions/placement.md). */
  placementPolicy: PlacementPolicyName;
  /** The node of the `fixed` policy. */
  placementNode: string;
  /** Nodes new VMs may go to, comma-separated; '' = every node. */
  placementNodes: string;
  /** MB kept free on every node. */
  nodeReserveMb: number;
  /** Per-node exceptions: "pve1=4096, pve2=8192". */
  nodeReserves: string;
  deleteDataOnUninstall: boolean;
  tokenSecretSet: boolean;
  tokenSecretFromConstant: boolean;
}

/** A settings update: absent fields, and an empty tokenSecret, keep what is stored. */
export type SettingsInput = Partial<Omit<Settings, 'tokenSecretSet' | 'tokenSecretFromConstant'>> & {
  tokenSecret?: string;
};

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface ConnectionTest {
  ok: boolean;
  checks: ConnectionCheck[];
}

export interface PortalUser {
  id: number;
  login: string;
  email: string;
  displayName: string;
  /** Stored rights. */
  rights: RightKey[];
  /** What the user holds now (the bootstrap rule included). */
  effectiveRights: RightKey[];
  /** null = the default limit applies; 0 = unlimited. */
  ramLimitMb: number | null;
  /** Deployments holding a VM: null = the default limit applies; 0 = unlimited. */
  vmLimit: number | null;
}

export interface Me {
  id: number;
  login: string;
  displayName: string;
  rights: RightKey[];
  /** Whether the bootstrap rule applies: no rights manager yet, so administrators hold every right. */
  bootstrap: boolean;
  /** Display names of (up to five) users who manage rights: whom to ask for a missing right. */
  rightsManagers: string[];
}

export interface AuditEntry {
  id: number;
  createdAt: string;
  actorId: number;
  actorLogin: string;
  action: string;
  objectType: string;
  objectId: string;
  deploymentId: number | null;
  /** The deployment's name (kept after it was deleted); null without a deployment. */
  deploymentName: string | null;
  result: 'success' | 'denied' | 'error';
  details: Record<string, unknown>;
  ip: string;
}

export interface AuditQuery {
  page?: number;
  per_page?: number;
  actor?: string;
  action?: string;
  deployment?: number;
  after?: string;
  before?: string;
}

/** GET reports/usage (docs/decisions/usage-report.md). */
export type UsageGroup = 'user' | 'template' | 'site';

export interface UsageQuery {
  /** ISO-8601 instants; `to` is exclusive. */
  from: string;
  to: string;
  groupBy: UsageGroup;
}

export interface UsageRow {
  /** `user:ID`, `template:ID`, or for the site the bucket's start. */
  key: string;
  label: string;
  ramGbHours: number;
  vmHours: number;
  /** Deployments that held RAM or a VM in the period; null for the site's buckets. */
  deployments: number | null;
}

export interface UsagePoint {
  start: string;
  ramGbHours: number;
  vmHours: number;
  /** The RAM held on average in the bucket's counted time; null for a bucket wholly in the future. */
  averageRamMb: number | null;
}

export interface UsageReport {
  from: string;
  to: string;
  groupBy: UsageGroup;
  bucketSeconds: number;
  totals: { ramGbHours: number; vmHours: number };
  rows: UsageRow[];
  series: UsagePoint[];
  /** Today's global limit; null = unlimited. */
  globalLimitMb: number | null;
  currentRamMb: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalPages: number;
}

/** POST deployments/bulk (docs/decisions/bulk-actions.md). */
export type BulkAction = 'stop' | 'prolong' | 'delete' | 'transfer';

/** One item's outcome: its new status and owner, or the refusal its own request would have had. */
export interface BulkResult {
  id: number;
  ok: boolean;
  status?: Status;
  ownerLogin?: string;
  code?: string;
  message?: string;
}

/** What POST deployments/bulk answers. */
export interface BulkAnswer {
  results: BulkResult[];
}

/** GET|PUT settings/handover: who receives a deleted user's deployments (null = the deleting user). */
export interface HandoverSettings {
  orphanOwnerId: number | null;
  orphanOwnerLogin: string | null;
}

/** Why a VM carrying one of this site's markers is an orphan (docs/decisions/drift.md). */
export type OrphanReason = 'deleted' | 'failed' | 'duplicate';

/** A VM with the portal's marker and no live deployment of its own. */
export interface DriftOrphan {
  vmid: number;
  node: string;
  name: string;
  marker: string;
  deploymentId: number;
  running: boolean;
  memoryMb: number;
  cores: number;
  reason: OrphanReason;
  /** Deleted or failed records can be brought back; a duplicate can only be destroyed. */
  adoptable: boolean;
}

export type DriftKind = 'vm_gone' | 'vm_replaced' | 'changed' | 'running_after_expiry';

export interface DriftChange {
  field: 'memory' | 'cores' | 'name';
  expected: string;
  actual: string;
}

/** A deployment whose VM is gone, replaced, changed by hand, or running after its expiry. */
export interface DriftDeployment {
  id: number;
  name: string;
  ownerLogin: string;
  status: string;
  vmid: number;
  node: string;
  kind: DriftKind;
  changes: DriftChange[];
}

/** GET drift, POST drift/check: the last check's findings (checkedAt null: none yet). */
export interface DriftReport {
  checkedAt: string | null;
  /** False when the check ran out of config reads or time; the next one goes on. */
  complete: boolean;
  /** VMs carrying only markers this site never issued (another portal site's). */
  foreignMarkers: number;
  orphans: DriftOrphan[];
  deployments: DriftDeployment[];
}

/** POST drift/orphans/:vmid/destroy. */
export interface DriftDestroyed {
  vmid: number;
  node: string;
  marker: string;
  /** The destroy task finished within the wait. */
  destroyed: boolean;
}

/** GET|PUT settings/mail (docs/decisions/expiry-mail.md). */
export interface MailSettings {
  enabled: boolean;
  warningLeadHours: number[];
  warnSharees: boolean;
}

/** GET|PUT me/mail-preferences: which of the portal's mails the caller wants. */
export interface MailPreferences {
  expiryWarning: boolean;
  provisioned: boolean;
  provisionFailed: boolean;
  expired: boolean;
  shared: boolean;
  transferred: boolean;
}
