import { namespace } from '../api.ts';
import { testSite } from '../test-site.ts';

/** The routes of one side that the other lacks, as "METHOD path" (path with `:param`s). */
export interface RouteTableDiff {
  /** Served by the plugin, but no row of the matrix tests it. */
  withoutRow: string[];
  /** A row of the matrix for a route the plugin does not serve. */
  withoutRoute: string[];
}

/** A matrix row's name without its query, e.g. "GET deployments?owner=:id" → "GET deployments". */
export const rowRoute = (name: string): string => name.replace(/\?.*$/, '');

interface IndexRoute {
  endpoints: { methods: string[] }[];
}

/**
 * "METHOD path" for every endpoint of the namespace's REST index (`GET /wp-json/<namespace>`),
 * leaving out the index itself; `(?P<id>\d+)` becomes `:id`, as the matrix writes it.
 */
export function liveRoutes(prefix: string, routes: Record<string, IndexRoute>): string[] {
  const found = new Set<string>();
  for (const [full, { endpoints }] of Object.entries(routes)) {
    const path = full.slice(prefix.length).replace(/^\//, '').replace(/\(\?P<(\w+)>[^)]*\)/g, ':$1');
    if (!full.startsWith(prefix) || path === '') continue;
    for (const method of endpoints.flatMap((endpoint) => endpoint.methods)) found.add(`${method} ${path}`);
  }
  return [...found].sort();
}

export function compareRouteTable(rowNames: readonly string[], live: readonly string[]): RouteTableDiff {
  const rows = new Set(rowNames.map(rowRoute));
  const served = new Set(live);
  return {
    withoutRow: [...served].filter((route) => !rows.has(route)).sort(),
    withoutRoute: [...rows].filter((route) => !served.has(route)).sort(),
  };
}

/** The live REST index of the plugin's namespace, read anonymously like any client can. */
export async function fetchLiveRoutes(): Promise<string[]> {
  const response = await fetch(`${testSite().url}${namespace}`);
  if (!response.ok) throw new Error(`GET ${namespace} answered ${response.status}`);
  const index = (await response.json()) as { routes: Record<string, IndexRoute> };
  return liveRoutes(namespace.replace('/wp-json', ''), index.routes);
}
