/** Injected failures: HTTP-level (500, hang, reset, lost answer) for matching requests, and task outcomes. */

export const HTTP_FAULT_KINDS = ['error', 'timeout', 'reset', 'lose-answer'] as const;
export type HttpFaultKind = (typeof HTTP_FAULT_KINDS)[number];

export interface HttpFaultRule {
  /** HTTP method to match; any when absent. */
  method?: string;
  /**
   * Path below /api2/json (a leading /api2/json is ignored). `*` matches within one segment,
   * `**` across segments: `/nodes/ * /qemu/ * /clone` (without spaces).
   */
  path: string;
  /**
   * `error`: answer `status` (default 500) with `message`; `timeout`: never answer; `reset`: drop
   * the connection before the call runs; `lose-answer`: run the call, then drop the connection
   * instead of answering.
   */
  kind: HttpFaultKind;
  /** How many matching calls it affects (default 1). */
  count?: number;
  status?: number;
  message?: string;
}

export interface TaskFaultRule {
  /** Task type, e.g. `qmclone`, `qmstart`. */
  type: string;
  /** How many tasks of the type it affects (default 1). */
  count?: number;
  /** The task ends with this error as its exitstatus. */
  fail?: string;
  /** The task succeeds with `WARNINGS: n`. */
  warnings?: number;
  /** The task takes this much longer. */
  extraDelayMs?: number;
  /**
   * The task stays running after its simulated work until released (`TaskRunner.releaseHeld`,
   * `POST /_sim/tasks/release`).
   */
  hold?: boolean;
  /** The task stays running before its work begins (for qmclone: before any lock or config write) until released. */
  holdAtStart?: boolean;
}

interface Counted<T> {
  rule: T;
  remaining: number;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\/api2\/json(?=\/)/, '')
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function take<T>(list: Counted<T>[], matches: (rule: T) => boolean): T | undefined {
  const found = list.find((c) => matches(c.rule));
  if (!found) return undefined;
  found.remaining -= 1;
  if (found.remaining <= 0) list.splice(list.indexOf(found), 1);
  return found.rule;
}

export class Faults {
  private http: Counted<HttpFaultRule & { pattern: RegExp }>[] = [];
  private task: Counted<TaskFaultRule>[] = [];

  addHttp(rule: HttpFaultRule): void {
    this.http.push({ rule: { ...rule, pattern: globToRegExp(rule.path) }, remaining: rule.count ?? 1 });
  }

  addTask(rule: TaskFaultRule): void {
    this.task.push({ rule, remaining: rule.count ?? 1 });
  }

  /** The fault for this call, if any (consumes one count). `path` is relative to /api2/json. */
  takeHttp(method: string, path: string): HttpFaultRule | undefined {
    return take(this.http, (r) => (!r.method || r.method.toUpperCase() === method) && r.pattern.test(path));
  }

  takeTask(type: string): TaskFaultRule | undefined {
    return take(this.task, (r) => r.type === type);
  }

  clear(): void {
    this.http = [];
    this.task = [];
  }

  describe(): { http: (HttpFaultRule & { remaining: number })[]; task: (TaskFaultRule & { remaining: number })[] } {
    return {
      http: this.http.map(({ rule: { pattern: _p, ...rule }, remaining }) => ({ ...rule, remaining })),
      task: this.task.map(({ rule, remaining }) => ({ ...rule, remaining })),
    };
  }
}
