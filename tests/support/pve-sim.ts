import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HandMadeVm, HttpFaultRule, TaskFaultRule } from '../../tools/pve-sim/index.ts';

// The Proxmox VE simulator (tools/pve-sim) as a child process over real TLS, for tests that
// point the portal at it. Only its CA is trusted; verification is never switched off.

const simCli = fileURLToPath(new URL('../../tools/pve-sim/cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** The one JSON line `cli.ts --json` prints. */
export interface SimBanner {
  url: string;
  /** The first node: the one that answers the API and holds the seed. */
  node: string;
  /** Every node of the simulated cluster (default `pve-sim`, `pve-sim-2`, `pve-sim-3`). */
  nodes: string[];
  caPath: string;
  tokenId: string;
  tokenSecret: string;
  controlToken: string;
}

export interface SimGuest {
  vmid: number;
  node: string;
  name: string;
  status: string;
  template: boolean;
  lock: string | null;
  config: Record<string, string | number>;
}

export interface SimTask {
  upid: string;
  type: string;
  id: string;
  status: string;
  exitstatus?: string;
}

export interface SimState {
  node: string;
  nodes: string[];
  guests: SimGuest[];
  tasks: SimTask[];
  tokens: string[];
}

export interface PveSimProcess extends SimBanner {
  /** The CA certificate (PEM) that signed the simulator's server certificate. */
  ca: string;
  /** The simulator's /_sim control API: resolves with `data`, rejects with its `error`. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  state(): Promise<SimState>;
  guest(vmid: number): Promise<SimGuest | undefined>;
  /** Someone else's VM (`POST /_sim/vms`); rejects when the VMID is taken on any node. */
  createVm(vm: HandMadeVm): Promise<void>;
  /** Moves a guest to another node out of band, keeping its power state (`POST /_sim/vms/<id>/migrate`). */
  migrateVm(vmid: number, node: string): Promise<void>;
  /** Sets (e.g. `backup`) or clears (null) a guest's config lock, templates included. */
  lockVm(vmid: number, lock: string | null): Promise<void>;
  /** The next matching API call(s) fail: `error`, `timeout`, `reset`, or `lose-answer` (runs, then no answer). */
  httpFault(rule: HttpFaultRule): Promise<void>;
  /** The next task(s) of a type fail, warn, run slower, or wait (`hold` after, `holdAtStart` before their work). */
  taskFault(rule: TaskFaultRule): Promise<void>;
  /** Lets every held task go on; resolves with how many there were. */
  releaseTasks(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `cli.ts --fast --port 0 --json` plus `args` (e.g. `--token-secret <s>`). */
export async function startPveSimProcess(args: string[] = []): Promise<PveSimProcess> {
  const child = spawn(process.execPath, [tsx, simCli, '--fast', '--port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`pve-sim exited with ${String(code)} before it listened`))),
  ]);
  const banner = JSON.parse(first) as SimBanner;
  const ca = await readFile(banner.caPath, 'utf8');
  const control = <T>(method: string, path: string, body?: unknown): Promise<T> => controlCall<T>(banner, ca, method, path, body);
  const state = (): Promise<SimState> => control<SimState>('GET', '/state');
  return {
    ...banner,
    ca,
    control,
    state,
    guest: async (vmid) => (await state()).guests.find((g) => g.vmid === vmid),
    createVm: async (vm) => {
      await control('POST', '/vms', vm);
    },
    migrateVm: async (vmid, node) => {
      await control('POST', `/vms/${vmid}/migrate`, { node });
    },
    lockVm: async (vmid, lock) => {
      await control('PATCH', `/vms/${vmid}`, { lock });
    },
    httpFault: async (rule) => {
      await control('POST', '/faults/http', rule);
    },
    taskFault: async (rule) => {
      await control('POST', '/faults/task', rule);
    },
    releaseTasks: async () => (await control<{ released: number }>('POST', '/tasks/release')).released,
    stop: () => stopChild(child),
  };
}

function controlCall<T>(sim: SimBanner, ca: string, method: string, path: string, body?: unknown): Promise<T> {
  const text = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}/_sim${path}`, {
      method,
      ca,
      // A fresh connection per call: a kept-alive socket may have been closed by the server while
      // the test sat in a synchronous PHP call, which shows up as "socket hang up".
      agent: false,
      headers: { Authorization: `Bearer ${sim.controlToken}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
    }, (res) => {
      let raw = '';
      res.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      res.on('end', () => {
        const parsed = JSON.parse(raw) as { data?: T; error?: string };
        if (res.statusCode === 200) resolve(parsed.data as T);
        else reject(new Error(`/_sim${path}: ${parsed.error ?? raw}`));
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
