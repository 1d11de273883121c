import { listAuditLogs } from '../../api/endpoints.ts';
import type { AuditEntry, AuditQuery } from '../../api/types.ts';

/** Every entry matching the filters, read page by page (the API answers at most 100 a page). */
export async function allEntries(filters: AuditQuery): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let page = 1; ; page++) {
    const answer = await listAuditLogs({ ...filters, page, per_page: 100 });
    entries.push(...answer.items);
    if (page >= answer.totalPages) return entries;
  }
}
