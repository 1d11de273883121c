import { request as httpsRequest } from 'node:https';
import { startPveSim, type RunningPveSim, type SimOptions } from '../../tools/pve-sim/index.ts';

export interface Answer {
  status: number;
  reason: string;
  raw: string;
  /** Parsed JSON body, or undefined for an empty body. */
  body: { data?: unknown; message?: string; errors?: Record<string, string>; [key: string]: unknown } | undefined;
}

export interface RequestOptions {
  query?: Record<string, string>;
  /** Sent form-encoded (as the plugin does). */
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  /** Raw body with its content type (to test odd requests). */
  raw?: { body: string; type: string };
  /** Authorization header; the portal token by default, null for none. */
  auth?: string | null;
  timeoutMs?: number;
}

/** An HTTPS call that trusts only the simulator's CA (no verification is switched off). */
export function call(sim: RunningPveSim, method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
  const url = new URL(path.startsWith('/_sim') ? path : `/api2/json${path}`, sim.url);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  let body: string | undefined;
  let type: string | undefined;
  if (options.form) [body, type] = [new URLSearchParams(options.form).toString(), 'application/x-www-form-urlencoded'];
  if (options.json) [body, type] = [JSON.stringify(options.json), 'application/json'];
  if (options.raw) [body, type] = [options.raw.body, options.raw.type];
  const auth = options.auth === undefined ? sim.authorization : options.auth;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method,
        ca: sim.caPem,
        headers: {
          ...(auth !== null ? { Authorization: auth } : {}),
          ...(body !== undefined ? { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) } : {}),
        },
        ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', raw, body: raw === '' ? undefined : (JSON.parse(raw) as Answer['body']) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The control API with the simulator's control token. */
export async function control(sim: RunningPveSim, method: string, path: string, json?: Record<string, unknown>, auth = `Bearer ${sim.controlToken}`): Promise<Answer> {
  return call(sim, method, `/_sim${path}`, { auth, ...(json ? { json } : {}) });
}

export interface TaskStatus {
  status: string;
  exitstatus?: string;
  type: string;
  id: string;
  user: string;
  upid: string;
}

/** The node a UPID names (`UPID:<node>:...`): its task status lives there. */
export const upidNode = (upid: string): string => upid.split(':')[1] ?? '';

/** Polls a task until it stops (no wall-clock assertions: only the outcome is checked). */
export async function waitTask(sim: RunningPveSim, upid: string): Promise<TaskStatus> {
  for (;;) {
    const answer = await call(sim, 'GET', `/nodes/${upidNode(upid)}/tasks/${encodeURIComponent(upid)}/status`);
    if (answer.status !== 200) throw new Error(`task status: ${answer.status} ${answer.reason}`);
    const status = answer.body?.data as TaskStatus;
    if (status.status === 'stopped') return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function upidOf(answer: Answer): string {
  if (answer.status !== 200) throw new Error(`expected a UPID, got ${answer.status} ${answer.reason}`);
  return String(answer.body?.data);
}

/** Starts a simulator with test timings; the caller stops it. */
export function startTestSim(options: SimOptions = {}): Promise<RunningPveSim> {
  return startPveSim({ timings: { authFailureDelayMs: 5 }, ...options });
}

/** `/nodes/<node>/qemu/<vmid><rest>`, on the first node unless `node` is given. */
export const vmPath = (sim: RunningPveSim, vmid: number, rest = '', node = sim.node): string => `/nodes/${node}/qemu/${vmid}${rest}`;

/** Clones a template and waits for the task to finish successfully. */
export async function cloneAndWait(sim: RunningPveSim, template: number, newid: number, form: Record<string, string> = {}): Promise<void> {
  const status = await waitTask(sim, upidOf(await call(sim, 'POST', vmPath(sim, template, '/clone'), { form: { newid: String(newid), ...form } })));
  if (status.exitstatus !== 'OK') throw new Error(`clone failed: ${status.exitstatus}`);
}
