/** Hours (or GB-hours) as the table shows them: up to three decimals, the browser's digits. */
export function formatHours(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 3 });
}
