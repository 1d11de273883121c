import { permissionError } from './errors.ts';

/** Every privilege Proxmox VE 9 knows (PVE 9 split VM.Monitor into VM.GuestAgent.*). */
export const ALL_PRIVILEGES: readonly string[] = [
  'Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit',
  'Group.Allocate', 'Mapping.Audit', 'Mapping.Modify', 'Mapping.Use', 'Permissions.Modify',
  'Pool.Allocate', 'Pool.Audit', 'Realm.Allocate', 'Realm.AllocateUser',
  'SDN.Allocate', 'SDN.Audit', 'SDN.Use',
  'Sys.AccessNetwork', 'Sys.Audit', 'Sys.Console', 'Sys.Incoming', 'Sys.Modify', 'Sys.PowerMgmt', 'Sys.Syslog',
  'User.Modify', 'VM.Allocate', 'VM.Audit', 'VM.Backup', 'VM.Clone',
  'VM.Config.CDROM', 'VM.Config.CPU', 'VM.Config.Cloudinit', 'VM.Config.Disk', 'VM.Config.HWType',
  'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.Options', 'VM.Console',
  'VM.GuestAgent.Audit', 'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt', 'VM.GuestAgent.FileWrite',
  'VM.GuestAgent.Unrestricted', 'VM.Migrate', 'VM.PowerMgmt', 'VM.Replicate', 'VM.Snapshot', 'VM.Snapshot.Rollback',
];

/** Privileges granted on a path and (as with `propagate=1`) everything below it. */
export interface AclEntry {
  path: string;
  privs: string[];
}

export interface TokenDefinition {
  /** `user@realm!tokenname` */
  tokenId: string;
  secret: string;
  acl: AclEntry[];
}

/** The full-privilege ACL: every privilege on `/`. */
export function fullAcl(): AclEntry[] {
  return [{ path: '/', privs: [...ALL_PRIVILEGES] }];
}

function normalize(path: string): string {
  const trimmed = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function covers(aclPath: string, path: string): boolean {
  return aclPath === '/' || path === aclPath || path.startsWith(`${aclPath}/`);
}

/** The privileges a token holds on a path: the most specific ACL entry wins, as in Proxmox. */
export function privilegesAt(token: TokenDefinition, path: string): Set<string> {
  const target = normalize(path);
  let best: AclEntry | undefined;
  for (const entry of token.acl) {
    const entryPath = normalize(entry.path);
    if (covers(entryPath, target) && (!best || entryPath.length > normalize(best.path).length)) best = entry;
  }
  return new Set(best?.privs ?? []);
}

export function hasPrivilege(token: TokenDefinition, path: string, priv: string): boolean {
  return privilegesAt(token, path).has(priv);
}

/** `$rpcenv->check`: all privileges, the first missing one is named. */
export function requireAll(token: TokenDefinition, path: string, privs: readonly string[]): void {
  const held = privilegesAt(token, path);
  const missing = privs.find((p) => !held.has(p));
  if (missing !== undefined) throw permissionError(`${normalize(path)}, ${missing}`);
}

/** `$rpcenv->check_any`: one privilege suffices, the message lists them all. */
export function requireAny(token: TokenDefinition, path: string, privs: readonly string[]): void {
  const held = privilegesAt(token, path);
  if (!privs.some((p) => held.has(p))) throw permissionError(`${normalize(path)}, ${privs.join('|')}`);
}

type Params = Record<string, unknown>;

function fillTemplate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/**
 * Evaluates a schema `permissions.check` expression (`exec_api2_perm_check`):
 * `['perm', path, privs, ...options]`, `['and', ...]`, `['or', ...]`. Throws a 403 unless `noerr`.
 */
export function evaluateCheck(check: unknown, token: TokenDefinition, params: Params, noerr = false): boolean {
  if (!Array.isArray(check) || typeof check[0] !== 'string') throw new Error('malformed permission check');
  const [op, ...rest] = check as [string, ...unknown[]];
  if (op === 'and') {
    return rest.every((sub) => evaluateCheck(sub, token, params, noerr));
  }
  if (op === 'or') {
    if (rest.some((sub) => evaluateCheck(sub, token, params, true))) return true;
    if (noerr) return false;
    throw permissionError();
  }
  if (op === 'perm') {
    const [template, privs, ...optionList] = rest as [string, string[], ...unknown[]];
    const options: Record<string, unknown> = {};
    for (let i = 0; i + 1 < optionList.length; i += 2) options[String(optionList[i])] = optionList[i + 1];
    const required = options['require_param'];
    if (typeof required === 'string' && params[required] === undefined) {
      if (noerr) return false;
      throw permissionError();
    }
    const path = fillTemplate(template, params);
    try {
      if (options['any']) requireAny(token, path, privs);
      else requireAll(token, path, privs);
      return true;
    } catch (err) {
      if (noerr) return false;
      throw err;
    }
  }
  throw new Error(`unsupported permission check '${op}'`);
}

/** `check_api2_permissions` for one API method's `permissions` object from the schema. */
export function checkMethodPermissions(permissions: unknown, token: TokenDefinition, params: Params): void {
  const perms = (permissions ?? {}) as { user?: string; check?: unknown };
  if (perms.user === 'all' || perms.user === 'world') return;
  if (perms.check !== undefined) {
    evaluateCheck(perms.check, token, params);
    return;
  }
  throw permissionError();
}

/** Every privilege on `/` except the listed ones: a token that lacks exactly these. */
export function aclWithout(missing: readonly string[]): AclEntry[] {
  return [{ path: '/', privs: ALL_PRIVILEGES.filter((p) => !missing.includes(p)) }];
}
