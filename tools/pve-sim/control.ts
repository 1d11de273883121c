import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { aclWithout, type AclEntry } from './acl.ts';
import { HTTP_FAULT_KINDS, type HttpFaultRule, type TaskFaultRule } from './faults.ts';
import { readBody } from './http-io.ts';
import type { Timings } from './options.ts';
import type { GuestTampering, HandMadeVm, Simulator } from './sim.ts';

/** Paths of the control API; it lives outside /api2/json and has its own bearer token. */
export const CONTROL_BASE = '/_sim';

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function requireString(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new ControlError(400, `'${key}' must be a non-empty string`);
  return value;
}

function tokenFromBody(body: Body): { tokenId: string; secret: string; acl?: AclEntry[] } {
  const tokenId = requireString(body, 'tokenId');
  const secret = requireString(body, 'secret');
  if (Array.isArray(body['withoutPrivileges'])) return { tokenId, secret, acl: aclWithout(body['withoutPrivileges'].map(String)) };
  if (Array.isArray(body['acl'])) return { tokenId, secret, acl: body['acl'] as AclEntry[] };
  return { tokenId, secret };
}

function httpFaultFromBody(body: Body): HttpFaultRule {
  const kind = HTTP_FAULT_KINDS.find((k) => k === body['kind']);
  if (kind === undefined) throw new ControlError(400, `'kind' must be one of ${HTTP_FAULT_KINDS.join(', ')}`);
  return { ...(body as Partial<HttpFaultRule>), path: requireString(body, 'path'), kind };
}

function handMadeVmFromBody(body: Body): HandMadeVm {
  const { vmid, status, node, config } = body;
  if (typeof vmid !== 'number') throw new ControlError(400, "'vmid' must be a number");
  if (status !== undefined && status !== 'running' && status !== 'stopped') throw new ControlError(400, "'status' must be running or stopped");
  if (node !== undefined && typeof node !== 'string') throw new ControlError(400, "'node' must be a string");
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) throw new ControlError(400, "'config' must be an object");
  return {
    vmid, name: requireString(body, 'name'),
    ...(node !== undefined ? { node } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(config !== undefined ? { config: config as HandMadeVm['config'] } : {}),
  };
}

/** The control API: `Authorization: Bearer <controlToken>`, JSON in and out. */
export function createControlHandler(sim: Simulator, controlToken: string): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const expected = Buffer.from(`Bearer ${controlToken}`);
  const authorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const guestAction = (vmid: number, done: boolean): Body => {
    if (!done) throw new ControlError(404, `no guest ${vmid}`);
    return { ok: true };
  };

  const dispatch = (method: string, path: string, body: Body): unknown => {
    const vm = /^\/vms\/(\d+)(?:\/(delete|start|stop|migrate))?$/.exec(path);
    if (vm) {
      const vmid = Number(vm[1]);
      if (method === 'POST' && vm[2] === 'delete') return guestAction(vmid, sim.removeGuest(vmid));
      if (method === 'POST' && vm[2] === 'migrate') return guestAction(vmid, sim.migrateGuest(vmid, requireString(body, 'node')));
      if (method === 'POST' && vm[2]) return guestAction(vmid, sim.setPower(vmid, vm[2] === 'start'));
      if (method === 'PATCH' && !vm[2]) return guestAction(vmid, sim.tamper(vmid, body as GuestTampering));
    }
    const member = /^\/nodes\/([^/]+)\/(offline|online)$/.exec(path);
    if (member && method === 'POST') {
      sim.setOnline(decodeURIComponent(member[1] ?? ''), member[2] === 'online');
      return { ok: true };
    }
    switch (`${method} ${path}`) {
      case 'GET /state':
        return sim.dump();
      case 'POST /vms':
        sim.createGuest(handMadeVmFromBody(body));
        return { vmid: body['vmid'] };
      case 'POST /reset':
        sim.reset();
        return { ok: true };
      case 'POST /faults/http':
        sim.faults.addHttp(httpFaultFromBody(body));
        return { ok: true };
      case 'POST /faults/task':
        sim.faults.addTask({ ...(body as Partial<TaskFaultRule>), type: requireString(body, 'type') });
        return { ok: true };
      case 'POST /tasks/release':
        return { released: sim.tasks.releaseHeld() };
      case 'DELETE /faults':
        sim.faults.clear();
        return { ok: true };
      case 'PUT /timings':
        return sim.setTimings(body as Partial<Timings>);
      case 'POST /tokens':
        return { tokenId: sim.setToken(tokenFromBody(body)).tokenId };
      default:
        throw new ControlError(404, `no control route ${method} ${CONTROL_BASE}${path}`);
    }
  };

  return async (req, res, url) => {
    try {
      if (!authorized(req)) throw new ControlError(401, 'control token required');
      const text = await readBody(req);
      let body: Body = {};
      if (text !== '') {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ControlError(400, 'body must be a JSON object');
        body = parsed as Body;
      }
      send(res, 200, { data: dispatch(req.method ?? 'GET', url.pathname.slice(CONTROL_BASE.length), body) });
    } catch (err) {
      const status = err instanceof ControlError ? err.status : 400;
      send(res, status, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
