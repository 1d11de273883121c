import assert from 'node:assert/strict';
import type { ApiResponse } from '../api.ts';
import { query } from '../db.ts';
import type { CallerSpec } from './callers.ts';
import { routes, type RouteRow } from './routes.ts';

// CONTRACT §7: one audit row per mutating request of an authenticated caller, whatever its outcome,
// none for anonymous callers and none for reads.

export interface AuditRow {
  id: number;
  actor_id: number;
  action: string;
  result: string;
  deployment_id: number | null;
}

const requestActions = new Set(routes.flatMap((row) => (row.audit === null ? [] : [row.audit])));

export async function maxAuditId(): Promise<number> {
  const [row] = await query<{ id: number | null }>('SELECT MAX(id) AS id FROM wp_spp_audit_logs');
  return Number(row?.id ?? 0);
}

/**
 * The rows written by requests with an id in (from, to], of one actor when given: rows of system
 * events (actor 0: provisioning steps, expiry) are left out, after checking they are no request action.
 */
export async function requestRows(from: number, to: number, actorId?: number): Promise<AuditRow[]> {
  const rows = await query<AuditRow>(
    'SELECT id, actor_id, action, result, deployment_id FROM wp_spp_audit_logs WHERE id > ? AND id <= ? ORDER BY id',
    [from, to],
  );
  for (const row of rows.filter((r) => r.actor_id === 0)) assert.ok(!requestActions.has(row.action), `system row ${row.action}`);
  return rows.filter((r) => r.actor_id !== 0 && (actorId === undefined || r.actor_id === actorId));
}

/** The result the contract gives an answer's status. */
function resultFor(status: number): string {
  if (status < 400) return 'success';
  return [401, 403, 404].includes(status) ? 'denied' : 'error';
}

/** Exactly one row, by the actor, with the route's action, the result for the status, and the deployment of the path. */
export function assertOneRow(rows: readonly AuditRow[], actorId: number, action: string, response: ApiResponse<unknown>, path: string): void {
  const detail = `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
  assert.equal(rows.length, 1, `one audit row (${detail})`);
  const [row] = rows as [AuditRow];
  assert.deepEqual(
    { actorId: row.actor_id, action: row.action, result: row.result },
    { actorId, action, result: resultFor(response.status) },
    detail,
  );
  const deploymentId = /^\/deployments\/(\d+)/.exec(path)?.[1];
  if (deploymentId !== undefined) assert.equal(row.deployment_id, Number(deploymentId), 'the row names the deployment');
}

/** The route's action when the cell must leave a row (a mutation by an authenticated caller), else null. */
export const auditOf = (row: RouteRow, caller: CallerSpec): string | null => (caller.rights === null ? null : row.audit);

export function describeAudit(row: RouteRow, caller: CallerSpec): string {
  const action = auditOf(row, caller);
  if (action !== null) return `one ${action} row`;
  return caller.rights === null || row.audit !== null ? 'no audit row' : 'no audit row (read)';
}

/**
 * Judges the rows one cell's caller wrote while its request ran; answers whether the cell had to
 * leave a row. A bulk request also writes its items' rows (docs/decisions/bulk-actions.md): the
 * cell sends one id.
 */
export function judgeCellRows(row: RouteRow, caller: CallerSpec, actorId: number | null, rows: readonly AuditRow[], response: ApiResponse<unknown>, path: string): boolean {
  const action = auditOf(row, caller);
  if (action === null || actorId === null) {
    assert.deepEqual(rows, [], `${row.method} by ${caller.name} writes no audit row (${response.status})`);
    return false;
  }
  const items = rows.filter((r) => r.action === row.itemAudit);
  assert.equal(items.length, row.itemAudit !== undefined && response.status === 200 ? 1 : 0, 'one row per item of a bulk request');
  assert.ok(items.every((item) => item.actor_id === actorId), 'the item rows are the caller\'s');
  assertOneRow(rows.filter((r) => !items.includes(r)), actorId, action, response, path);
  return true;
}

/**
 * The audit rows written while one matrix row's cells ran. When the cells run one at a time
 * (`exclusive`), every row written while a request ran is that request's. When they overlap, each
 * caller is a user of its own, so a cell takes the rows in its window that carry its caller's id;
 * `unclaimed()` then lists every row written since the first cell that no cell took: a row a
 * preparation wrote, or one in the name of someone who sent no request of this row.
 */
export class AuditLedger {
  private start: Promise<number> | null = null;
  private readonly claimed = new Set<number>();
  private readonly cells: Promise<unknown>[] = [];

  constructor(readonly exclusive: boolean) {}

  /**
   * Sends one cell (`send` calls `beforeSend` once its preparation is done) and answers with the
   * rows its caller (`actorId`, null = anonymous) wrote meanwhile.
   */
  during<T>(actorId: number | null, send: (beforeSend: () => Promise<void>) => Promise<T>): Promise<{ response: T; rows: AuditRow[] }> {
    const cell = this.window(actorId, send);
    this.cells.push(cell.catch(() => undefined));
    return cell;
  }

  /** Waits for every cell started so far, then answers the rows since the first that no cell took. */
  async unclaimed(): Promise<AuditRow[]> {
    await Promise.all(this.cells);
    if (this.start === null) return [];
    const rows = await requestRows(await this.start, await maxAuditId());
    return rows.filter((row) => !this.claimed.has(row.id));
  }

  private async window<T>(actorId: number | null, send: (beforeSend: () => Promise<void>) => Promise<T>) {
    this.start ??= maxAuditId();
    await this.start;
    let from = 0;
    const response = await send(async () => {
      from = await maxAuditId();
    });
    const rows = await requestRows(from, await maxAuditId(), this.exclusive ? undefined : (actorId ?? -1));
    for (const row of rows) this.claimed.add(row.id);
    return { response, rows };
  }
}
