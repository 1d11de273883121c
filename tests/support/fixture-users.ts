import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** wp-config constants of test sites: instant mock tasks, and mock fault injection switched on. */
export const testSiteConstants: Record<string, string | number | boolean> = {
  SPP_MOCK_CLONE_SECONDS: 0,
  SPP_MOCK_TASK_SECONDS: 0,
  SPP_MOCK_FAULTS: true,
};

/**
 * Must-use plugins of test sites: mail goes out through the runner's SMTP server (SPP_TEST_SMTP_PORT),
 * and the login page does not move the focus while a browser test fills it in.
 */
export const testSiteMuPlugins: string[] = ['smtp-transport.php', 'login-without-autofocus.php']
  .map((file) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'php', file));
