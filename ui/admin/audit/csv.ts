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

export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
