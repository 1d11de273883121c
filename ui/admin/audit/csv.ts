import { listAuditLogs } from '../../api/endpoints.ts';
import type { AuditEntry, AuditQuery } from '../../api/types.ts';
import { saveFile } from '../../components/saveFile.ts';

/** Every entry matching the filters, read page by page (the API answers at most 100 a page). */
export async function allEntries(filters: AuditQuery): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let page = 1; ; page++) {
    const answer = await listAuditLogs({ ...filters, page, per_page: 100 });
    entries.push(...answer.items);
    if (page >= answer.totalPages) return entries;
  }
}

export function download(filename: string, text: string): void {
  saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}
