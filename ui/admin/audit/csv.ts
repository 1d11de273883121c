import { listAuditLogs } from '../../api/endpoints.ts';
import type { AuditEntry, AuditQuery } from '../../api/types.ts';

const columns: Array<keyof AuditEntry> = [
  'id', 'createdAt', 'actorId', 'actorLogin', 'action', 'objectType', 'objectId', 'deploymentId', 'result', 'details', 'ip',
];

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Quote everything; a leading = + - @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(entries: AuditEntry[]): string {
  const lines = [columns.join(','), ...entries.map((entry) => columns.map((column) => cell(entry[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

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
