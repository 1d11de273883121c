import type { SiteUserSpec } from './site.ts';

const lifecycle = ['portal_access', 'create', 'start', 'stop', 'prolong', 'refresh_ips', 'delete'];

/** The people of the demo site: an intranet admin, a team lead, an engineer and a read-only viewer. */
export const demoUsers: SiteUserSpec[] = [
  {
    login: 'admin',
    password: 'admin-demo-password',
    email: 'admin@example.test',
    displayName: 'Intranet Admin',
    role: 'administrator',
    rights: [...lifecycle, 'manage_all', 'manage_templates', 'manage_settings', 'manage_rights'],
  },
  {
    login: 'lead',
    password: 'lead-demo-password',
    email: 'lead@example.test',
    displayName: 'Team Lead',
    role: 'subscriber',
    rights: [...lifecycle, 'manage_all', 'manage_rights'],
  },
  {
    login: 'engineer',
    password: 'engineer-demo-password',
    email: 'engineer@example.test',
    displayName: 'Support Engineer',
    role: 'subscriber',
    rights: lifecycle,
  },
  {
    login: 'viewer',
    password: 'viewer-demo-password',
    email: 'viewer@example.test',
    displayName: 'Read-only Colleague',
    role: 'subscriber',
    rights: ['portal_access'],
  },
];
