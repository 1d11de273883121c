import { allRights } from '../users.ts';

/** A caller's relation to the matrix's deployments. */
export type Relation = 'owner' | 'shared' | 'none';

/**
 * One kind of caller. `rights` are the stored plugin rights (null = anonymous); `admin` marks the
 * WordPress administrator, who holds no stored rights and relies on the bootstrap rule.
 */
export interface CallerSpec {
  name: string;
  rights: readonly string[] | null;
  relation: Relation;
  admin?: 'bootstrap' | 'after';
}

export const lifecycleRights = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete', 'snapshot'] as const;

/** The callers of the main phase, while a rights manager exists (the bootstrap is over). */
export const mainCallers: readonly CallerSpec[] = [
  { name: 'anonymous', rights: null, relation: 'none' },
  { name: 'no rights', rights: [], relation: 'none' },
  ...allRights.map((right): CallerSpec => ({ name: `${right} alone`, rights: [right], relation: 'none' })),
  ...allRights
    .filter((right) => right !== 'portal_access')
    .map((right): CallerSpec => ({ name: `portal_access + ${right}`, rights: ['portal_access', right], relation: 'none' })),
  { name: 'owner', rights: lifecycleRights, relation: 'owner' },
  { name: 'shared user', rights: lifecycleRights, relation: 'shared' },
  { name: 'stranger', rights: lifecycleRights, relation: 'none' },
  { name: 'manage_all holder', rights: ['portal_access', 'manage_all', 'delete'], relation: 'none' },
  { name: 'admin after bootstrap', rights: [], relation: 'none', admin: 'after' },
];

/** The administrator while no user holds manage_rights + portal_access. */
export const bootstrapAdmin: CallerSpec = { name: 'admin during bootstrap', rights: [], relation: 'none', admin: 'bootstrap' };

/**
 * What the caller can actually do (CONTRACT §2): every right but portal_access is void without it,
 * and the administrator holds every right during the bootstrap and none after. Null = anonymous.
 */
export function effectiveRights(caller: CallerSpec): ReadonlySet<string> | null {
  if (caller.rights === null) return null;
  if (caller.admin) return new Set(caller.admin === 'bootstrap' ? allRights : []);
  return new Set(caller.rights.includes('portal_access') ? caller.rights : []);
}

/** A login for the caller, unique to the test file through `prefix`. */
export function loginOf(prefix: string, caller: CallerSpec): string {
  return prefix + caller.name.replace(/[^a-z_]+/g, '_').replace(/_+$/, '');
}
