import { api } from '../api.ts';
import { query } from '../db.ts';
import { createDeployment, provisioned, templates } from '../deployments.ts';
import { fixtureAdmin, type TestUser } from '../users.ts';
import { cronTick } from '../wordpress.ts';
import { loginOf, mainCallers, type CallerSpec } from './callers.ts';
import { createUsers } from './users.ts';

/** The name of every deployment the matrix creates, so the clean-up finds them all. */
export const deploymentName = 'Authorization matrix';
const rightsKey = 'wp__spp_rights';
/** The mock node's template that the POST templates cells re-import (see routes.ts). */
const importVmid = 9001;

interface TemplateRow {
  id: number;
  name: string;
  description: string;
  os_type: string;
  node: string;
  cpu_cores: number;
  memory_mb: number;
  disk_gb: number;
  default_ttl_hours: number;
  max_ttl_hours: number;
  start_after_create: number;
  active: number;
  updated_at: string;
}

interface RightsRow {
  user_id: number;
  meta_value: string;
}

/** Stored rights rows holding manage_rights, optionally only of users outside the file's prefix. */
async function managerRows(exceptPrefix?: string): Promise<RightsRow[]> {
  return query<RightsRow>(
    `SELECT m.user_id, m.meta_value FROM wp_usermeta m JOIN wp_users u ON u.ID = m.user_id
     WHERE m.meta_key = ? AND m.meta_value LIKE '%,manage_rights,%' AND u.user_login NOT LIKE ?`,
    [rightsKey, exceptPrefix === undefined ? '' : `${exceptPrefix.replace(/_/g, '\\_')}%`],
  );
}

async function restoreRights(rows: readonly RightsRow[]): Promise<void> {
  for (const row of rows) {
    await query('UPDATE wp_usermeta SET meta_value = ? WHERE meta_key = ? AND user_id = ?', [row.meta_value, rightsKey, row.user_id]);
  }
}

/**
 * Brings the bootstrap back: strips manage_rights from every user, so the administrator holds
 * every right again. Returns the function that puts the stripped rights back.
 */
export async function withoutRightsManagers(): Promise<() => Promise<void>> {
  const rows = await managerRows();
  await query("UPDATE wp_usermeta SET meta_value = REPLACE(meta_value, ',manage_rights,', ',') WHERE meta_key = ?", [rightsKey]);
  return () => restoreRights(rows);
}

/**
 * The users, deployments, templates and settings one test file's matrix runs against. Every
 * login starts with `prefix`; `close()` puts the site back as the file found it.
 */
export class MatrixFixture {
  private readonly users = new Map<string, TestUser>();
  private deleteTargetId: number | null = null;
  /** The deployment the cells act on: the owner's, shared with the shared user. */
  deploymentId = 0;
  readonly deploymentName: string;
  /** Deployment ids nobody may see: one deleted (of the owner, shared), one that never existed. */
  readonly ghosts: { name: string; id: number }[] = [];
  templateId = 0;
  importBody: Record<string, unknown> = {};
  private importRow!: TemplateRow;
  private foreignManagers: RightsRow[] = [];
  private savedSettings: string | null = null;

  private constructor(
    private readonly prefix: string,
    readonly victim: TestUser,
    readonly target: TestUser,
    private readonly keeper: TestUser,
  ) {
    this.deploymentName = `${deploymentName} ${prefix}main`;
  }

  static async open(prefix: string, ownTemplateVmid: number): Promise<MatrixFixture> {
    const foreignManagers = await managerRows(prefix);
    const callers = mainCallers.filter((caller) => caller.rights !== null && !caller.admin);
    const fixtureUsers: [string, readonly string[]][] = [
      ['share_victim', ['portal_access']],
      ['rights_target', ['portal_access']],
      ['keeper', ['portal_access', 'manage_all', 'delete', 'manage_settings']],
      ...callers.map((caller): [string, readonly string[]] => [loginOf('', caller), caller.rights ?? []]),
    ];
    // Unlimited RAM for everyone the matrix creates deployments for; the global limit follows below.
    const [victim, target, keeper, ...callerUsers] = await createUsers(
      fixtureUsers.map(([login, rights]) => ({ login: prefix + login, rights: [...rights], ramLimitMb: 0 })),
    );
    if (!victim || !target || !keeper) throw new Error('The fixture users were not created');
    const f = new MatrixFixture(prefix, victim, target, keeper);
    f.foreignManagers = foreignManagers;
    callers.forEach((caller, index) => f.users.set(caller.name, callerUsers[index] as TestUser));
    const [settings] = await query<{ option_value: string }>("SELECT option_value FROM wp_options WHERE option_name = 'spp_settings'");
    f.savedSettings = settings?.option_value ?? null;
    const put = await api(f.keeper, 'PUT', '/settings', { mode: 'mock', globalRamLimitMb: 0, defaultUserRamLimitMb: 0 });
    if (put.status !== 200) throw new Error(`Cannot prepare the settings: ${JSON.stringify(put.body)}`);
    f.deploymentId = await f.newDeployment(f.deploymentName);
    await f.addGhosts();
    f.templateId = await f.insertOwnTemplate(ownTemplateVmid);
    await f.snapshotImportTemplate();
    return f;
  }

  /** The TestUser behind a caller; null for the anonymous caller. */
  userOf(caller: CallerSpec): TestUser | null {
    if (caller.rights === null) return null;
    if (caller.admin) return fixtureAdmin();
    const user = this.users.get(caller.name);
    if (!user) throw new Error(`No user for caller ${caller.name}`);
    return user;
  }

  get ownerId(): number {
    return this.byRelation('owner').id;
  }

  get ownerLogin(): string {
    return this.byRelation('owner').login;
  }

  /** A STOPPED deployment of the owner, shared with the shared user, for a DELETE cell. */
  async deleteTarget(): Promise<number> {
    this.deleteTargetId ??= await this.newDeployment();
    return this.deleteTargetId;
  }

  consumeDeleteTarget(): void {
    this.deleteTargetId = null;
  }

  async shareVictim(): Promise<void> {
    await query(
      'INSERT IGNORE INTO wp_spp_deployment_shares (deployment_id, user_id, created_by, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())',
      [this.deploymentId, this.victim.id, this.ownerId],
    );
  }

  async unshareVictim(): Promise<void> {
    await query('DELETE FROM wp_spp_deployment_shares WHERE deployment_id = ? AND user_id = ?', [this.deploymentId, this.victim.id]);
  }

  /** A user snapshot `matrix_kept` of the main deployment's VM, in the mock node's table. */
  async keepSnapshot(): Promise<void> {
    await query(
      `INSERT IGNORE INTO wp_spp_mock_snapshots (vmid, name, description, snaptime, vmstate, config)
       SELECT vmid, 'matrix_kept', '', UNIX_TIMESTAMP(), 0, '{}' FROM wp_spp_deployments WHERE id = ?`,
      [this.deploymentId],
    );
  }

  /** Ends whatever snapshot work a cell started and removes the snapshots the cells made. */
  async endSnapshotWork(): Promise<void> {
    await query("UPDATE wp_spp_deployments SET step = '', snapshot_job = NULL, task_upid = '', last_error = '' WHERE id = ?", [this.deploymentId]);
    await query(
      "DELETE s FROM wp_spp_mock_snapshots s JOIN wp_spp_deployments d ON d.vmid = s.vmid WHERE d.id = ? AND s.name LIKE 'matrix\\_%'",
      [this.deploymentId],
    );
  }

  async retireImportTemplate(): Promise<void> {
    await query('UPDATE wp_spp_templates SET active = 0 WHERE id = ?', [this.importRow.id]);
  }

  /** Puts the re-imported template back exactly as it was (the import re-reads some values). */
  async restoreImportTemplate(): Promise<void> {
    const r = this.importRow;
    await query(
      `UPDATE wp_spp_templates SET name = ?, description = ?, os_type = ?, node = ?, cpu_cores = ?, memory_mb = ?, disk_gb = ?,
       default_ttl_hours = ?, max_ttl_hours = ?, start_after_create = ?, active = ?, updated_at = ? WHERE id = ?`,
      [r.name, r.description, r.os_type, r.node, r.cpu_cores, r.memory_mb, r.disk_gb, r.default_ttl_hours, r.max_ttl_hours,
        r.start_after_create, r.active, r.updated_at, r.id],
    );
  }

  /** Deletes what the matrix created and restores rights managers, settings and templates. */
  async close(): Promise<void> {
    cronTick(); // finishes provisioning, so every deployment can be deleted
    const left = await query<{ id: number }>(
      "SELECT id FROM wp_spp_deployments WHERE name LIKE ? AND status NOT IN ('DELETED', 'DELETING')",
      [`${deploymentName}%`],
    );
    for (const { id } of left) await api(this.keeper, 'DELETE', `/deployments/${id}`);
    cronTick();
    await this.restoreImportTemplate();
    await query('DELETE FROM wp_spp_templates WHERE id = ?', [this.templateId]);
    if (this.savedSettings === null) await query("DELETE FROM wp_options WHERE option_name = 'spp_settings'");
    else await query("UPDATE wp_options SET option_value = ? WHERE option_name = 'spp_settings'", [this.savedSettings]);
    await query(
      `UPDATE wp_usermeta m JOIN wp_users u ON u.ID = m.user_id SET m.meta_value = REPLACE(m.meta_value, ',manage_rights,', ',')
       WHERE m.meta_key = ? AND u.user_login LIKE ?`,
      [rightsKey, `${this.prefix.replace(/_/g, '\\_')}%`],
    );
    await restoreRights(this.foreignManagers);
  }

  private byRelation(relation: 'owner' | 'shared'): TestUser {
    const caller = mainCallers.find((c) => c.relation === relation);
    if (!caller) throw new Error(`No ${relation} caller`);
    return this.userOf(caller) as TestUser;
  }

  /** A provisioned (STOPPED) deployment of the owner, shared with the shared user. */
  private async newDeployment(name = deploymentName): Promise<number> {
    const owner = this.byRelation('owner');
    const { id } = await createDeployment(owner, { templateId: templates.linux, name, ttlHours: 24 });
    await provisioned(owner, id);
    await query(
      'INSERT INTO wp_spp_deployment_shares (deployment_id, user_id, created_by, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())',
      [id, this.byRelation('shared').id, owner.id],
    );
    return id;
  }

  private async addGhosts(): Promise<void> {
    const deleted = await this.newDeployment();
    const response = await api(this.byRelation('owner'), 'DELETE', `/deployments/${deleted}`);
    if (response.status !== 202) throw new Error(`Cannot delete deployment ${deleted}: ${JSON.stringify(response.body)}`);
    cronTick();
    const [row] = await query<{ status: string }>('SELECT status FROM wp_spp_deployments WHERE id = ?', [deleted]);
    if (row?.status !== 'DELETED') throw new Error(`Deployment ${deleted} is ${row?.status}, not DELETED`);
    this.ghosts.push({ name: 'a deleted deployment', id: deleted }, { name: 'a deployment that never existed', id: 999999999 });
  }

  /** A retired template of a VMID the node does not have: PUT and DELETE cells edit it, nothing deploys it. */
  private async insertOwnTemplate(vmid: number): Promise<number> {
    const result = (await query(
      `INSERT INTO wp_spp_templates (name, description, os_type, proxmox_vmid, node, cpu_cores, memory_mb, disk_gb,
       default_ttl_hours, max_ttl_hours, start_after_create, active, created_at, updated_at)
       VALUES (?, '', 'l26', ?, '', 1, 512, 8, 24, 48, 0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())`,
      [`${deploymentName} ${this.prefix}`, vmid],
    )) as unknown as { insertId: number };
    return result.insertId;
  }

  private async snapshotImportTemplate(): Promise<void> {
    const [row] = await query<TemplateRow>(
      `SELECT id, name, description, os_type, node, cpu_cores, memory_mb, disk_gb, default_ttl_hours, max_ttl_hours,
       start_after_create, active, CAST(updated_at AS CHAR) AS updated_at FROM wp_spp_templates WHERE proxmox_vmid = ? AND active = 1`,
      [importVmid],
    );
    if (!row) throw new Error(`No active template approves VMID ${importVmid}`);
    this.importRow = row;
    this.importBody = {
      proxmoxVmid: importVmid,
      name: row.name,
      description: row.description,
      osType: row.os_type,
      cpuCores: row.cpu_cores,
      memoryMb: row.memory_mb,
      diskGb: row.disk_gb,
      defaultTtlHours: row.default_ttl_hours,
      maxTtlHours: row.max_ttl_hours,
      startAfterCreate: row.start_after_create === 1,
    };
  }
}
