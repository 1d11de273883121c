import type { SiteUser } from '../../tools/wp-stack/site.ts';

/** A benchmark client: application-password Basic auth, exactly as the portal's REST clients use. */
export interface Client {
  login: string;
  authorization: string | null;
}

export function clientOf(user: SiteUser | null): Client {
  if (!user) return { login: 'anonymous', authorization: null };
  if (!user.appPassword) throw new Error(`User ${user.login} has no application password`);
  return { login: user.login, authorization: `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}` };
}

export interface Timed {
  status: number;
  ms: number;
  /** Database queries the request ran (from the floor mu-plugin's header or HTML comment). */
  queries: number | null;
  body: string;
}

export interface RequestSpec {
  method?: string;
  path: string;
  body?: unknown;
  /** Runs the request with the portal plugin inactive (see bench/php/floor.php). */
  pluginOff?: boolean;
  /** Samples the request with the profiler under this label (bench/php/profile.php). */
  profile?: string;
  /** Records the request's SQL under this label (bench/php/profile.php). */
  queries?: string;
  timeoutMs?: number;
}

export const portal = '/wp-json/support-provisioning/v1';
export const floor = '/wp-json/spp-bench/v1/floor';

/** One request, timed from sending to the last byte of the body. */
export async function timed(baseUrl: string, client: Client, spec: RequestSpec): Promise<Timed> {
  const headers: Record<string, string> = {};
  if (client.authorization) headers.Authorization = client.authorization;
  if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
  if (spec.pluginOff) headers['X-SPP-Bench-Plugin'] = 'off';
  if (spec.profile) headers['X-SPP-Bench-Profile'] = spec.profile;
  if (spec.queries) headers['X-SPP-Bench-Queries'] = spec.queries;
  const started = performance.now();
  const response = await fetch(`${baseUrl}${spec.path}`, {
    method: spec.method ?? 'GET',
    headers,
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
    signal: AbortSignal.timeout(spec.timeoutMs ?? 30_000),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  const counted = response.headers.get('X-SPP-Queries') ?? /<!-- spp-queries: (\d+) -->\s*$/.exec(body)?.[1];
  return { status: response.status, ms, queries: counted === undefined || counted === null ? null : Number(counted), body };
}

/** Like timed(), but fails unless the answer has the expected status. */
export async function expectStatus(baseUrl: string, client: Client, spec: RequestSpec, status: number): Promise<Timed> {
  const result = await timed(baseUrl, client, spec);
  if (result.status !== status) {
    throw new Error(`${spec.method ?? 'GET'} ${spec.path} as ${client.login}: ${result.status} (wanted ${status}): ${result.body.slice(0, 300)}`);
  }
  return result;
}
