import type mysql from 'mysql2/promise';

// Bulk seeding with plain SQL and MariaDB's SEQUENCE engine (seq_1_to_N): a million rows take
// seconds this way, where the REST API would take hours. Times are UTC, as the plugin stores them.

export const allUserRights = ',portal_access,create,start,stop,prolong,refresh_ips,delete,';
const subscriber = 'a:1:{s:10:"subscriber";b:1;}';

export interface Population {
  firstUserId: number;
  userCount: number;
}

/** `count` subscribers (bench_u00001…) holding the owner rights; the first also manages rights. */
export async function seedUsers(db: mysql.Connection, count: number): Promise<Population> {
  const [[row]] = await db.query<mysql.RowDataPacket[]>('SELECT COALESCE(MAX(ID), 0) + 1 AS first FROM wp_users');
  const first = Number(row!.first);
  await db.query(
    `INSERT INTO wp_users (ID, user_login, user_pass, user_nicename, user_email, user_url, user_registered, user_activation_key, user_status, display_name)
     SELECT ? + seq - 1, CONCAT('bench_u', LPAD(seq, 5, '0')), '', CONCAT('bench-u', seq), CONCAT('bench_u', seq, '@example.test'), '',
            UTC_TIMESTAMP(), '', 0, CONCAT('Bench user ', seq)
     FROM seq_1_to_${count}`,
    [first],
  );
  await db.query(
    `INSERT INTO wp_usermeta (user_id, meta_key, meta_value)
     SELECT ? + seq - 1, k.meta_key, CASE WHEN k.meta_key = 'wp__spp_rights' AND seq = 1 THEN CONCAT(?, 'manage_rights,') ELSE k.meta_value END
     FROM seq_1_to_${count}
     JOIN (SELECT 'wp_capabilities' AS meta_key, ? AS meta_value UNION ALL SELECT 'wp_user_level', '0'
           UNION ALL SELECT 'wp__spp_rights', ?) k`,
    [first, allUserRights, subscriber, allUserRights],
  );
  return { firstUserId: first, userCount: count };
}

export interface DeploymentLayout {
  total: number;
  /** Owns 45 deployments spread over the whole id range, and has 5 more shared with it. */
  readerId: number;
  /** Owns `uiRows` deployments (the dashboard's user), or none. */
  uiUserId: number;
  uiRows: number;
}

/** Deployments of the recent past: older ones are all deleted (a cluster holds only so many VMs). */
export const recentWindow = 10_000;

/**
 * Replaces all deployments with `total` rows. Of the last `recentWindow` rows, others' are 78 % DELETED,
 * 10 % STOPPED, 7 % RUNNING, 4 % EXPIRED, 1 % FAILED; every older row is DELETED, so 100,000 rows hold
 * about 1,700 live VMs, each on the mock node with its deployment's marker and power state. Nothing
 * is due, has a step pending or lost its VM, so reads find no work to do.
 */
export async function seedDeployments(db: mysql.Connection, people: Population, layout: DeploymentLayout): Promise<void> {
  await db.query('TRUNCATE wp_spp_deployments');
  await db.query('TRUNCATE wp_spp_deployment_shares');
  const readerStride = Math.floor(layout.total / 50);
  const uiStride = layout.uiRows > 0 ? Math.floor(layout.total / layout.uiRows) : 0;
  await db.query(
    `INSERT INTO wp_spp_deployments (name, status, step, template_id, owner_id, vm_connection, node, vmid, vm_marker, cpu_cores, memory_mb, disk_gb,
       never_expire, ttl_hours, expires_at, ip_addresses, last_error, created_at, updated_at, deleted_at)
     SELECT CONCAT('bench-', seq), st, '', 1 + seq % 3, owner, 'mock', 'pve', 100000 + seq, CONCAT('bench', seq), 2, 2048, 32,
            0, 72, UTC_TIMESTAMP() + INTERVAL (1 + seq % 30) DAY, '[]', IF(st = 'FAILED', 'bench failure', ''),
            UTC_TIMESTAMP() - INTERVAL (? - seq) MINUTE, UTC_TIMESTAMP() - INTERVAL (? - seq) MINUTE,
            IF(st = 'DELETED', UTC_TIMESTAMP(), NULL)
     FROM (SELECT seq,
             CASE WHEN mine > 0 THEN 'STOPPED' WHEN seq <= ? - ? OR seq % 100 < 78 THEN 'DELETED' WHEN seq % 100 < 88 THEN 'STOPPED'
                  WHEN seq % 100 < 95 THEN 'RUNNING' WHEN seq % 100 < 99 THEN 'EXPIRED' ELSE 'FAILED' END AS st,
             CASE mine WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? + seq % ? END AS owner
           FROM (SELECT seq,
                   CASE WHEN seq % ? = 0 AND seq DIV ? <= 45 THEN 1
                        WHEN ? > 0 AND seq % GREATEST(?, 1) = 1 AND seq DIV GREATEST(?, 1) < ? THEN 2 ELSE 0 END AS mine
                 FROM seq_1_to_${layout.total}) m) s`,
    [
      layout.total, layout.total, layout.total, recentWindow,
      layout.readerId, layout.uiUserId, people.firstUserId, people.userCount,
      readerStride, readerStride, uiStride, uiStride, uiStride, layout.uiRows,
    ],
  );
  // A detail read compares the row with its VM: without one it would measure a lost VM's path.
  await db.query('DELETE FROM wp_spp_mock_vms WHERE vmid BETWEEN 100001 AND ?', [100000 + layout.total]);
  await db.query(
    `INSERT INTO wp_spp_mock_vms (vmid, name, template_vmid, status, cores, memory_mb, description, tags, protected)
     SELECT vmid, CONCAT('spp-', id, '-', vm_marker), 9003, IF(status = 'RUNNING', 'running', 'stopped'), 2, 2048, '', '', status = 'EXPIRED'
     FROM wp_spp_deployments WHERE status IN ('RUNNING', 'STOPPED', 'EXPIRED')`,
  );
  await db.query(
    `INSERT INTO wp_spp_deployment_shares (deployment_id, user_id, created_by, created_at)
     SELECT id, ?, owner_id, UTC_TIMESTAMP() FROM wp_spp_deployments
     WHERE status = 'STOPPED' AND owner_id NOT IN (?, ?) AND id % 7 = 0 ORDER BY id LIMIT 5`,
    [layout.readerId, layout.readerId, layout.uiUserId],
  );
}

/** Tops the audit log up to `total` rows. */
export async function seedAudit(db: mysql.Connection, people: Population, total: number): Promise<void> {
  const [[row]] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM wp_spp_audit_logs');
  const missing = total - Number(row!.n);
  // Chunks keep each transaction (and its undo log) small on a busy machine.
  for (let done = 0; done < missing; done += 250_000) {
    const size = Math.min(250_000, missing - done);
    await db.query(
      `INSERT INTO wp_spp_audit_logs (created_at, actor_id, actor_login, action, object_type, object_id, deployment_id, result, details, ip)
       SELECT UTC_TIMESTAMP() - INTERVAL seq SECOND, ? + seq % ?, CONCAT('bench_u', LPAD(1 + seq % ?, 5, '0')),
              ELT(1 + seq % 4, 'deployment.create', 'deployment.start', 'deployment.stop', 'deployment.delete'),
              'deployment', seq % 100000, 1 + seq % 100000, 'success', '{}', '127.0.0.1'
       FROM seq_1_to_${size}`,
      [people.firstUserId, people.userCount, people.userCount],
    );
  }
}

/**
 * `count` deployments of seeded users whose time ran out a minute ago, each with its (mock) VM,
 * half of them running: the expiry sweep has to expire them and stop or protect every VM.
 */
export async function seedExpiring(db: mysql.Connection, people: Population, count: number): Promise<void> {
  await db.query(
    `INSERT INTO wp_spp_deployments (name, status, step, template_id, owner_id, vm_connection, node, vmid, vm_marker, cpu_cores, memory_mb,
       disk_gb, never_expire, ttl_hours, expires_at, ip_addresses, last_error, created_at, updated_at)
     SELECT CONCAT('bench-due-', seq), IF(seq % 2 = 0, 'RUNNING', 'STOPPED'), '', 3, ? + seq % ?, 'mock', 'pve', 300000 + seq,
            CONCAT('bench', seq), 2, 2048, 32,
            0, 1, UTC_TIMESTAMP() - INTERVAL 1 MINUTE, '[]', '', UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 HOUR
     FROM seq_1_to_${count}`,
    [people.firstUserId, people.userCount],
  );
  // Each VM carries its deployment's marker (spp-<id>-<nonce>), so the expiry may stop and protect it.
  await db.query(
    `INSERT INTO wp_spp_mock_vms (vmid, name, template_vmid, status, cores, memory_mb, description, tags, protected)
     SELECT vmid, CONCAT('spp-', id, '-', vm_marker), 9003, IF(status = 'RUNNING', 'running', 'stopped'), 2, 2048, '', '', 0
     FROM wp_spp_deployments WHERE vmid BETWEEN 300001 AND ?`,
    [300000 + count],
  );
}
