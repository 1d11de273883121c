import type { UsageGroup, UsageQuery } from '../../api/types.ts';

/** Whole local days, yyyy-mm-dd, both included. */
export interface DayRange {
  from: string;
  to: string;
}

function localDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last `days` days up to today. */
export function lastDays(days: number, today = new Date()): DayRange {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return { from: localDay(start), to: localDay(today) };
}

function midnight(day: string, plusDays = 0): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The range as the API takes it: from the first day's local midnight to the midnight after the last. Null while a day is missing. */
export function queryOf(range: DayRange, groupBy: UsageGroup): UsageQuery | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return null;
  return { from: midnight(range.from), to: midnight(range.to, 1), groupBy };
}
