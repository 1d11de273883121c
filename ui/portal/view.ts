import type { Deployment } from '../api/types.ts';

/**
 * What a portal instance shows. Kept in component state rather than the URL: several portals
 * can share one page, and the page's own URL belongs to the theme.
 */
export type View =
  | { name: 'dashboard' }
  | { name: 'new' }
  /** `created`: the create's answer, so the detail starts from PROVISIONING and shows every step. */
  | { name: 'detail'; id: number; created?: Deployment };

export type Navigate = (view: View) => void;
