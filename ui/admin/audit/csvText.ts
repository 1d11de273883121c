import type { AuditEntry } from '../../api/types.ts';

const columns: Array<keyof AuditEntry> = [
  'id', 'createdAt', 'actorId', 'actorLogin', 'action', 'objectType', 'objectId', 'deploymentId', 'deploymentName', 'result', 'details', 'ip',
];

/**
 * Spreadsheets run a cell starting with = + - @ as a formula, and one starting with a tab or a
 * carriage return as well once they trim it: such cells get a leading apostrophe.
 */
const formulaStart = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = formulaStart.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The entries as RFC 4180 CSV with every cell quoted. */
export function toCsv(entries: AuditEntry[]): string {
  const lines = [columns.join(','), ...entries.map((entry) => columns.map((column) => cell(entry[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
