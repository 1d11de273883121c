import type { ApiResponse } from './api.ts';
import { query } from './db.ts';

/** A row of wp_spp_audit_logs as MariaDB returns it. */
export interface AuditRow {
  id: number;
  created_at: Date;
  actor_id: number;
  actor_login: string;
  action: string;
  object_type: string;
  object_id: string;
  deployment_id: number | null;
  result: string;
  details: string;
  ip: string;
}

export async function lastAuditId(): Promise<number> {
  const [row] = await query<{ id: number | null }>('SELECT MAX(id) AS id FROM wp_spp_audit_logs');
  return Number(row?.id ?? 0);
}

/** Runs the request and returns it with the audit rows written meanwhile. */
export async function audited<T>(call: () => Promise<ApiResponse<T>>): Promise<{ response: ApiResponse<T>; rows: AuditRow[] }> {
  const since = await lastAuditId();
  const response = await call();
  const rows = await query<AuditRow>('SELECT * FROM wp_spp_audit_logs WHERE id > ? ORDER BY id', [since]);
  return { response, rows };
}
