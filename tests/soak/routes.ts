import { namespace } from '../support/api.ts';
import { testSite } from '../support/test-site.ts';
import type { TestUser } from '../support/users.ts';

/** One argument's JSON schema, as the REST index describes it. */
export interface ArgSchema {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  required?: boolean;
  items?: ArgSchema;
}

export interface Endpoint {
  method: string;
  /** The route pattern, e.g. /deployments/(?P<id>\d+)/shares. */
  route: string;
  pathParams: string[];
  /** Arguments carried in the query or body (path parameters excluded). */
  args: Record<string, ArgSchema>;
  mutating: boolean;
}

/** Every endpoint of the plugin's namespace, read from the live REST index (so none is missed). */
export async function endpoints(user: TestUser): Promise<Endpoint[]> {
  const auth = `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}`;
  const response = await fetch(`${testSite().url}${namespace}`, { headers: { Authorization: auth } });
  const index = (await response.json()) as {
    routes: Record<string, { endpoints: { methods: string[]; args: Record<string, ArgSchema> | [] }[] }>;
  };
  const prefix = namespace.replace('/wp-json', '');
  const found: Endpoint[] = [];
  for (const [fullRoute, { endpoints: list }] of Object.entries(index.routes)) {
    const route = fullRoute.slice(prefix.length);
    if (route === '') continue; // the namespace index itself
    const pathParams = [...route.matchAll(/\(\?P<(\w+)>/g)].map((m) => m[1] ?? '');
    for (const endpoint of list) {
      const args = Object.fromEntries(Object.entries(Array.isArray(endpoint.args) ? {} : endpoint.args)
        .filter(([name]) => !pathParams.includes(name)));
      // PUT and PATCH share a handler: fuzz the first method only.
      const method = endpoint.methods[0] ?? 'GET';
      found.push({ method, route, pathParams, args, mutating: method !== 'GET' });
    }
  }
  return found;
}

/** The concrete path for the route with the given path parameter values. */
export function fillPath(route: string, values: Record<string, string>): string {
  return route.replace(/\(\?P<(\w+)>[^)]*\)/g, (_, name: string) => values[name] ?? '1');
}
