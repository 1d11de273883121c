import type { Route } from './call.ts';

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface Match {
  route: Route;
  pathParams: Record<string, string>;
}

/** Matches `/nodes/pve/qemu/100/config` against templates like `/nodes/{node}/qemu/{vmid}/config`. */
export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const body = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${body}/?$`), names };
    });
  }

  match(method: string, path: string): Match | undefined {
    for (const { route, pattern, names } of this.compiled) {
      if (route.method !== method) continue;
      const m = pattern.exec(path);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => (pathParams[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { route, pathParams };
    }
    return undefined;
  }
}
