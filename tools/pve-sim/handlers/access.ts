import { privilegesAt, requireAll, type TokenDefinition } from '../acl.ts';
import type { Call } from '../call.ts';

/** Paths Proxmox always reports besides those named in ACLs (`get_effective_permissions`). */
const TOP_LEVEL_PATHS = ['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'];

type PrivilegeMap = Record<string, number>;

/** `{privilege: 1}`: every ACL entry of the simulator propagates. */
function privilegeMap(token: TokenDefinition | undefined, path: string): PrivilegeMap {
  const held = token ? [...privilegesAt(token, path)].sort() : [];
  return Object.fromEntries(held.map((priv) => [priv, 1]));
}

/**
 * `GET /access/permissions`: the effective privileges of the caller, or of another token with
 * Sys.Audit on /access. With `path`, that path alone (an empty map when nothing is held there);
 * without, the top-level and ACL paths where anything is held. Users other than the simulator's
 * tokens hold nothing.
 */
export function permissions({ sim, params, token }: Call): Record<string, PrivilegeMap> {
  const userid = params.str('userid') ?? token.tokenId;
  // Callers are tokens, which own no tokens: anyone else's permissions need Sys.Audit.
  if (userid !== token.tokenId) requireAll(token, '/access', ['Sys.Audit']);
  const subject = sim.tokens.get(userid);
  const path = params.str('path');
  if (path !== undefined && path !== '') return { [path]: privilegeMap(subject, path) };
  const paths = new Set([...TOP_LEVEL_PATHS, ...(subject?.acl.map((entry) => entry.path) ?? [])]);
  const result: Record<string, PrivilegeMap> = {};
  for (const candidate of paths) {
    const held = privilegeMap(subject, candidate);
    if (Object.keys(held).length > 0) result[candidate] = held;
  }
  return result;
}
