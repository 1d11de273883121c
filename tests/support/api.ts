import { testSite } from './test-site.ts';
import type { TestUser } from './users.ts';

export const namespace = '/wp-json/support-provisioning/v1';

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiError {
  code: string;
  message: string;
  data: { status: number; [key: string]: unknown };
}

/**
 * Calls the plugin's REST API as a user (application password) or anonymously (null).
 * `path` is relative to the plugin's namespace unless it starts with /wp-json.
 */
export async function api<T = unknown>(
  user: TestUser | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (user) headers.Authorization = `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const url = `${testSite().url}${path.startsWith('/wp-json') ? path : namespace + path}`;
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  // A download (an .rdp file) is no JSON: its text is the body. Anything else must be JSON.
  if (response.ok && /^application\/x-rdp\b/.test(response.headers.get('content-type') ?? '')) {
    return { status: response.status, headers: response.headers, body: text as T };
  }
  let parsed: unknown;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path} answered ${response.status} with non-JSON: ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Asserts-free accessor for an error body. */
export function errorOf(response: ApiResponse<unknown>): ApiError {
  return response.body as ApiError;
}
