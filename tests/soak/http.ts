import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { namespace } from '../support/api.ts';
import { testSite } from '../support/test-site.ts';
import type { TestUser } from '../support/users.ts';

/** How a request carries its parameters. */
export type Transport = 'json' | 'query' | 'form' | 'raw';

export interface RawRequest {
  method: string;
  /** Relative to the plugin's namespace. */
  path: string;
  params?: Record<string, unknown>;
  transport?: Transport;
  /** The body as sent, for `raw`. */
  raw?: string;
  contentType?: string;
  /** Another web server of the same site. */
  baseUrl?: string;
}

export interface RawResponse {
  status: number;
  text: string;
  json: unknown;
  contentType: string;
}

export const counters = { requests: 0 };

/** Every response body is appended here, for the secrets scan at the end of the suite. */
export function captureFile(): string {
  return path.join(path.dirname(testSite().debugLog), 'captured-responses.txt');
}

/** Percent-encodes a lone surrogate as its (invalid) three UTF-8-style bytes: hostile, but sendable. */
function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= 0xd800 && code <= 0xdfff
      ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
      : encodeURIComponent(char);
  }
  return out;
}

/** PHP's bracket syntax for nested query and form values. */
export function encodeParams(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === null || value === undefined) pairs.push(`${percentEncode(key)}=`);
    else if (Array.isArray(value)) value.forEach((item, i) => add(`${key}[${i}]`, item));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else pairs.push(`${percentEncode(key)}=${percentEncode(String(value))}`);
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return pairs.join('&');
}

export async function send(user: TestUser | null, request: RawRequest): Promise<RawResponse> {
  const transport = request.transport ?? (request.method === 'GET' ? 'query' : 'json');
  const params = request.params ?? {};
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (user) headers.Authorization = `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}`;
  let url = `${request.baseUrl ?? testSite().url}${namespace}${request.path}`;
  let body: string | undefined;
  if (transport === 'query') {
    const query = encodeParams(params);
    if (query !== '') url += `?${query}`;
  } else if (transport === 'form') {
    body = encodeParams(params);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (transport === 'json') {
    body = JSON.stringify(params);
    headers['Content-Type'] = 'application/json';
  } else {
    body = request.raw ?? '';
    headers['Content-Type'] = request.contentType ?? 'application/json';
  }
  counters.requests++;
  const response = await exchange(url, request.method, headers, body);
  const text = response.text;
  fs.appendFileSync(captureFile(), `${request.method} ${request.path} ${response.status}\n${text}\n`);
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, contentType: response.contentType };
}

/** node:http rather than fetch, which refuses a body on GET: hostile clients send one anyway. */
function exchange(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    // The path as written, only what HTTP cannot carry escaped: URL parsing would also resolve dot
    // segments such as %2e%2e before sending, so the server would never see them.
    const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[^\x21-\x7e]/gu, encodeURIComponent);
    const request = http.request(url, { method, headers, path }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode ?? 0,
        text: Buffer.concat(chunks).toString('utf8'),
        contentType: response.headers['content-type'] ?? '',
      }));
      response.on('error', reject);
    });
    request.on('error', reject);
    // A length, not chunks: PHP's built-in server cannot read a chunked request.
    request.setHeader('Content-Length', Buffer.byteLength(body ?? ''));
    request.end(body);
  });
}
