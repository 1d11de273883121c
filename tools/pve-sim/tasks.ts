import type { Faults, TaskFaultRule } from './faults.ts';

export interface TaskContext {
  log(line: string): void;
  warn(line: string): void;
  /** Simulated work. Injected task faults act here: extra delay, then the injected failure. */
  sleep(ms: number): Promise<void>;
}

export interface Task {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
  status: 'running' | 'stopped';
  exitstatus?: string;
  endtime?: number;
  lines: string[];
}

const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');

const UPID = /^UPID:([a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/i;

/** Splits a UPID into its fields, or undefined when it does not parse. */
export function parseUpid(upid: string): { node: string; type: string; id: string; user: string } | undefined {
  const m = UPID.exec(upid);
  return m ? { node: m[1] ?? '', type: m[5] ?? '', id: m[6] ?? '', user: m[7] ?? '' } : undefined;
}

/** Runs worker tasks the way `fork_worker` does: a UPID at once, the work in the background. */
export class TaskRunner {
  private readonly tasks = new Map<string, Task>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private held: (() => void)[] = [];
  /** Tasks with a hold fault that have not reached it yet: a release lets them pass it. */
  private readonly armed = new Set<Task>();
  private readonly passes = new Set<Task>();
  private nextPid = 100_000 + Math.floor(Math.random() * 100_000);
  private readonly bootTime = Date.now() - 3_600_000;

  constructor(private readonly faults: Faults) {}

  /**
   * Starts `work` as a task on `node` and returns its UPID; a throw from `work` becomes the
   * exitstatus.
   */
  start(node: string, type: string, id: string | number, user: string, work: (ctx: TaskContext) => Promise<void>): string {
    const now = Date.now();
    const pid = this.nextPid++;
    const pstart = Math.floor((now - this.bootTime) / 10);
    const starttime = Math.floor(now / 1000);
    const upid = `UPID:${node}:${hex8(pid)}:${hex8(pstart)}:${hex8(starttime)}:${type}:${id}:${user}:`;
    const task: Task = { upid, node, pid, pstart, starttime, type, id: String(id), user, status: 'running', lines: [] };
    this.tasks.set(upid, task);
    void this.run(task, work, this.faults.takeTask(type));
    return upid;
  }

  private async run(task: Task, work: (ctx: TaskContext) => Promise<void>, fault: TaskFaultRule | undefined): Promise<void> {
    let warnings = 0;
    let pendingFault = fault;
    const ctx: TaskContext = {
      log: (line) => task.lines.push(line),
      warn: (line) => {
        warnings += 1;
        task.lines.push(`WARN: ${line}`);
      },
      sleep: async (ms) => {
        const injected = pendingFault;
        pendingFault = undefined;
        await this.delay(ms + (injected?.extraDelayMs ?? 0));
        if (injected?.hold) await this.holdUntilReleased(task);
        if (injected?.warnings) for (let i = 0; i < injected.warnings; i++) ctx.warn('simulated warning');
        if (injected?.fail) throw new Error(injected.fail);
      },
    };
    if (fault?.hold || fault?.holdAtStart) this.armed.add(task);
    let exitstatus: string;
    try {
      if (fault?.holdAtStart) await this.holdUntilReleased(task);
      await work(ctx);
      if (pendingFault) await ctx.sleep(0);
      exitstatus = warnings > 0 ? `WARNINGS: ${warnings}` : 'OK';
    } catch (err) {
      exitstatus = (err instanceof Error ? err.message : String(err)).replace(/\n+$/, '');
    }
    task.lines.push(exitstatus === 'OK' || exitstatus.startsWith('WARNINGS: ') ? `TASK ${exitstatus}` : `TASK ERROR: ${exitstatus}`);
    task.exitstatus = exitstatus;
    task.endtime = Math.floor(Date.now() / 1000);
    task.status = 'stopped';
  }

  private async holdUntilReleased(task: Task): Promise<void> {
    this.armed.delete(task);
    if (this.passes.delete(task)) return;
    await new Promise<void>((resolve) => this.held.push(resolve));
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, Math.max(0, ms));
      this.timers.add(timer);
    });
  }

  /**
   * Lets every task held by a `hold` or `holdAtStart` fault go on, and lets those still on their
   * way to the hold pass it, so a release never races the task's own timing; returns how many.
   */
  releaseHeld(): number {
    const released = this.held;
    this.held = [];
    for (const resolve of released) resolve();
    for (const task of this.armed) this.passes.add(task);
    const passing = this.armed.size;
    this.armed.clear();
    return released.length + passing;
  }

  get(upid: string): Task | undefined {
    return this.tasks.get(upid);
  }

  list(): Task[] {
    return [...this.tasks.values()];
  }

  /** Forgets every task and abandons the running ones. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = [];
    this.armed.clear();
    this.passes.clear();
    this.tasks.clear();
  }
}
