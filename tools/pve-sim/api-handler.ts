import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkMethodPermissions } from './acl.ts';
import { authenticate } from './auth.ts';
import { Reply } from './call.ts';
import { fail, PveError } from './errors.ts';
import { parseBody, readBody, resetConnection, sendData, sendError } from './http-io.ts';
import { Params } from './params.ts';
import { Router } from './router.ts';
import { ROUTES } from './routes.ts';
import { validateParams } from './schema.ts';
import type { Simulator } from './sim.ts';

const BASE = '/api2/json';

/**
 * `hostname lookup` fails for a node outside the cluster (pve-manager PVE/HTTPServer.pm proxy →
 * `remote_node_ip`). A member that is down cannot be reached: pve-http-server
 * PVE/APIServer/AnyEvent.pm `proxy_request` passes on AnyEvent::HTTP's pseudo-status 595 and its
 * reason (the connect error) with an empty body.
 */
function resolveNode(sim: Simulator, node: string): string {
  if (node === 'localhost') return sim.node; // resolve_proxyto: 'localhost' is the answering node
  if (!sim.nodes.includes(node)) throw fail(`hostname lookup '${node}' failed - failed to get address info for: ${node}: Name or service not known`);
  if (sim.offline.has(node)) throw new PveError(595, 'No route to host', { bare: true });
  return node;
}

/**
 * One /api2/json request, in pveproxy's order: authenticate (401), refuse a body on
 * GET/DELETE (501), find the method (501), check permissions (403), proxy to the node,
 * verify parameters (400), run the handler (500 on failure). With `loseAnswer` the call runs
 * but the connection is dropped instead of answered.
 */
export function createApiHandler(sim: Simulator): (req: IncomingMessage, res: ServerResponse, url: URL, loseAnswer?: boolean) => Promise<void> {
  const router = new Router(ROUTES);
  return async (req, res, url, loseAnswer = false) => {
    const method = req.method ?? 'GET';
    const respond = (send: () => void): void => (loseAnswer ? resetConnection(req.socket) : send());
    try {
      if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) throw new PveError(501, 'no such uri', { bare: true });
      const relPath = url.pathname.slice(BASE.length) || '/';
      const token = await authenticate(req.headers, sim.tokens, sim.timings.authFailureDelayMs);
      const body = await readBody(req);
      if (body.length > 0 && method !== 'POST' && method !== 'PUT') {
        throw new PveError(501, `Unexpected content for method '${method}'`, { bare: true });
      }
      const match = router.match(method, relPath);
      if (!match) throw new PveError(501, `Method '${method} ${relPath}' not implemented`);
      // Query parameters override body parameters; path parameters override both.
      const raw = { ...parseBody(body, req.headers['content-type']), ...Object.fromEntries(url.searchParams), ...match.pathParams };
      const info = sim.schema.require(method, match.route.path);
      checkMethodPermissions(info.permissions, token, raw);
      const pathNode = match.pathParams['node'];
      if (pathNode !== undefined) raw['node'] = resolveNode(sim, pathNode);
      const params = new Params(info, `${method} ${match.route.path}`, validateParams(info, raw));
      const result = await match.route.handler({ sim, params, token, user: token.tokenId });
      respond(() => (result instanceof Reply ? sendData(res, result.data, result.extra) : sendData(res, result)));
    } catch (err) {
      respond(() => sendError(res, err instanceof PveError ? err : new PveError(500, err instanceof Error ? err.message : String(err))));
    }
  };
}
