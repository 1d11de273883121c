import wpApiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';
import type { Page } from './types.ts';

/**
 * window.wp.apiFetch. The bundle's default import is the function itself; TypeScript's NodeNext
 * resolution (shared with the Node tooling) models the CommonJS wrapper around it instead.
 */
const apiFetch = wpApiFetch as unknown as <T>(options: APIFetchOptions) => Promise<T>;

export const namespace = '/support-provisioning/v1';

/** A failed request, normalised from whatever apiFetch rejected with. */
export class ApiError extends Error {
  constructor(
    /** The WordPress REST error code, or fetch_error / invalid_json for transport failures. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field messages of a 400 rest_invalid_param, keyed by request field. */
  get fieldErrors(): Record<string, string> {
    const params = this.data.params;
    if (typeof params !== 'object' || params === null) return {};
    return Object.fromEntries(Object.entries(params).map(([field, text]) => [field, String(text)]));
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  data?: unknown;
}

function pathWithQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${namespace}${path}${search === '' ? '' : `?${search}`}`;
}

async function errorFrom(failure: unknown): Promise<ApiError> {
  if (failure instanceof ApiError) return failure;
  if (failure instanceof Response) {
    const body: unknown = await failure.json().catch(() => null);
    const parsed = asErrorBody(body);
    return parsed
      ? new ApiError(parsed.code, parsed.message, failure.status, parsed.data)
      : new ApiError('invalid_json', '', failure.status);
  }
  const parsed = asErrorBody(failure);
  if (parsed) return new ApiError(parsed.code, parsed.message, Number(parsed.data.status ?? 0), parsed.data);
  return new ApiError('fetch_error', failure instanceof Error ? failure.message : '', 0);
}

function asErrorBody(value: unknown): { code: string; message: string; data: Record<string, unknown> } | null {
  if (typeof value !== 'object' || value === null || !('code' in value)) return null;
  const { code, message, data } = value as { code: unknown; message?: unknown; data?: unknown };
  return {
    code: String(code),
    message: typeof message === 'string' ? message : '',
    data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {},
  };
}

/** One request through wp.apiFetch (which adds the REST nonce); answers the response too, for headers. */
async function send(path: string, options: RequestOptions): Promise<Response> {
  try {
    return await apiFetch<Response>({
      path: pathWithQuery(path, options.query),
      method: options.method ?? 'GET',
      ...(options.data === undefined ? {} : { data: options.data }),
      parse: false,
    });
  } catch (failure) {
    throw await errorFrom(failure);
  }
}

async function json<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('invalid_json', '', response.status);
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return json<T>(await send(path, options));
}

/** A file the API serves as a download (an .rdp file), with the name its Content-Disposition gives. */
export async function requestFile(path: string, query: Query = {}): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(path, { query });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return { blob: await response.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download' };
}

/** A paged list: the items and what X-WP-Total / X-WP-TotalPages say. */
export async function requestPage<T>(path: string, query: Query): Promise<Page<T>> {
  const response = await send(path, { query });
  return {
    items: await json<T[]>(response),
    total: Number(response.headers.get('X-WP-Total') ?? 0),
    totalPages: Math.max(1, Number(response.headers.get('X-WP-TotalPages') ?? 1)),
  };
}
