/** One figure of the summary table. `met` is null where there is no aim. */
export interface Figure {
  figure: string;
  value: string;
  aim: string;
  met: boolean | null;
}

export interface Section {
  title: string;
  figures: Figure[];
  /** Markdown: the detail tables and notes of the section. */
  detail: string[];
}

export function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

export function verdict(met: boolean | null): string {
  if (met === null) return '–';
  return met ? 'yes' : '**no**';
}
