import { saveFile } from './saveFile.ts';

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

/** A header and rows as RFC 4180 CSV with every cell quoted and none a formula. */
export function csvText(header: string[], rows: unknown[][]): string {
  const lines = [header.join(','), ...rows.map((row) => row.map(cell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(filename: string, text: string): void {
  saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}
