/** Nearest-rank percentile of a sample (p in 0–100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function ratio(value: number, baseline: number): number {
  return value / baseline;
}

export const fmt = {
  ms: (value: number): string => `${value.toFixed(1)} ms`,
  x: (value: number): string => `${value.toFixed(2)}×`,
  pct: (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`,
  s: (value: number): string => `${value.toFixed(1)} s`,
  kb: (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`,
  mb: (value: number): string => `${Math.round(value)} MB`,
};

/** The median of repeated figures with their range, e.g. "1.04× (1.01–1.07×)". */
export function repeated(values: number[], format: (value: number) => string): { median: number; text: string } {
  const median = percentile(values, 50);
  const sorted = [...values].sort((a, b) => a - b);
  const range = values.length > 1 ? ` (${format(sorted[0]!)} – ${format(sorted[sorted.length - 1]!)})` : '';
  return { median, text: `${format(median)}${range}` };
}
