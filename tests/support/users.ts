import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { testSite } from './test-site.ts';

export interface TestUser {
  id: number;
  login: string;
  appPassword: string;
}

export interface UserSpec {
  login: string;
  rights: string[];
  role?: string;
  email?: string;
  displayName?: string;
  ramLimitMb?: number | null;
  /** The cap on deployments holding a VM; null or absent = the site default, 0 = unlimited. */
  vmLimit?: number | null;
}

const createUserScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'php', 'create-user.php');

/** Creates the user (or resets an existing one's rights) and gives it a fresh application password. */
export function createUser(spec: UserSpec): TestUser {
  return JSON.parse(runSitePhp(testSite(), createUserScript, { SPP_USER: JSON.stringify(spec) })) as TestUser;
}

/** The fixture administrator, as a TestUser. */
export function fixtureAdmin(): TestUser {
  const admin = testSite().users.admin;
  if (!admin?.appPassword) throw new Error('The test site has no admin application password');
  return { id: admin.id, login: admin.login, appPassword: admin.appPassword };
}

export const allRights = [
  'portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete',
  'manage_all', 'manage_templates', 'manage_settings', 'manage_rights', 'snapshot',
] as const;
