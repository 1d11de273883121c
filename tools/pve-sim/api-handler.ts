import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkMethodPermissions } from './acl.ts';
import { authenticate } from './auth.ts';
import { Reply } from './call.ts';
import { fail, PveError } from './errors.ts';
import { parseBody, readBody, sendData, sendError } from './http-io.ts';
import { Params } from './params.ts';
import { Router } from './router.ts';
import { ROUTES } from './routes.ts';
import { validateParams } from './schema.ts';
import type { Simulator } from './sim.ts';

const BASE = '/api2/json';

/**
 * One /api2/json request, in pveproxy's order: authenticate (401), refuse a body on
 * GET/DELETE (501), find the method (501), reach the node, check permissions (403),
 * verify parameters (400), run the handler (500 on failure).
 */
export function createApiHandler(sim: Simulator): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const router = new Router(ROUTES);
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
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
      const node = match.pathParams['node'];
      if (node !== undefined && node !== sim.node) {
        throw fail(`hostname lookup '${node}' failed - failed to get address info for: ${node}: Name or service not known`);
      }
      // Query parameters override body parameters; path parameters override both.
      const raw = { ...parseBody(body, req.headers['content-type']), ...Object.fromEntries(url.searchParams), ...match.pathParams };
      const info = sim.schema.require(method, match.route.path);
      checkMethodPermissions(info.permissions, token, raw);
      const params = new Params(info, `${method} ${match.route.path}`, validateParams(info, raw));
      const result = await match.route.handler({ sim, params, token, user: token.tokenId });
      if (result instanceof Reply) sendData(res, result.data, result.extra);
      else sendData(res, result);
    } catch (err) {
      sendError(res, err instanceof PveError ? err : new PveError(500, err instanceof Error ? err.message : String(err)));
    }
  };
}
