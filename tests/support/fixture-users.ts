import type { SiteUserSpec } from '../../tools/wp-stack/site.ts';

/** Users every test site starts with. The administrator holds no plugin rights: the bootstrap rule applies. */
export const fixtureUsers: SiteUserSpec[] = [
  {
    login: 'admin',
    password: 'admin-test-password',
    email: 'admin@example.test',
    displayName: 'Test Admin',
    role: 'administrator',
    rights: [],
  },
];
