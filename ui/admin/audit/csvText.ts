import type { AuditEntry } from '../../api/types.ts';
import { csvText } from '../../components/csv.ts';

const columns: Array<keyof AuditEntry> = [
  'id', 'createdAt', 'actorId', 'actorLogin', 'action', 'objectType', 'objectId', 'deploymentId', 'deploymentName', 'result', 'details', 'ip',
];

/** The entries as CSV, one column per field. */
export function toCsv(entries: AuditEntry[]): string {
  return csvText(columns, entries.map((entry) => columns.map((column) => entry[column])));
}
