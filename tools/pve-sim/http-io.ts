import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PveError } from './errors.ts';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form data as Proxmox sees it: JSON booleans become 1/0, everything else a string. */
function scalar(value: unknown): string {
  if (value === true) return '1';
  if (value === false) return '0';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Parameters from a form-encoded or JSON body. */
export function parseBody(body: string, contentType: string | undefined): Record<string, string> {
  if (body === '') return {};
  if ((contentType ?? '').toLowerCase().startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new PveError(400, 'malformed JSON in request body');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PveError(400, 'JSON body must be an object');
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, scalar(v)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function send(res: ServerResponse, status: number, reason: string, body: string | undefined): void {
  res.writeHead(status, reason, {
    Server: 'pve-api-daemon/3.0',
    'Cache-Control': 'max-age=0',
    Pragma: 'no-cache',
    ...(body !== undefined ? { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(body) } : { 'Content-Length': 0 }),
  });
  res.end(body);
}

export function sendData(res: ServerResponse, data: unknown, extra: Record<string, unknown> = {}): void {
  send(res, 200, 'OK', JSON.stringify({ ...extra, data: data ?? null }));
}

/** HTTP reason phrases may not hold control characters. */
const reasonPhrase = (message: string): string => (message.split('\n')[0] ?? '').replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/** Reason phrase = the message's first line; body `{"data":null,"message":"...\n"}` (+ `errors`). */
export function sendError(res: ServerResponse, error: PveError): void {
  const body = error.bare
    ? undefined
    : JSON.stringify({ data: null, message: `${error.message}\n`, ...(error.errors ? { errors: error.errors } : {}) });
  send(res, error.status, reasonPhrase(error.message), body);
}

/** Drops the connection without an answer (a TCP reset where the platform allows it). */
export function resetConnection(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
