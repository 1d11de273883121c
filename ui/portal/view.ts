import type { Deployment } from '../api/types.ts';

/**
 * What a portal instance shows. Kept in component state; only a shown deployment is also named in
 * the page's query (useViewRoute.ts), so its address can be shared. The rest of the URL belongs
 * to the theme.
 */
export type View =
  | { name: 'dashboard' }
  | { name: 'new' }
  /** `created`: the create's answer, so the detail starts from PROVISIONING and shows every step. */
  | { name: 'detail'; id: number; created?: Deployment };

export type Navigate = (view: View) => void;
