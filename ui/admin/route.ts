import { useEffect, useState } from '@wordpress/element';
import { linkedDeployment, showInAddressBar } from '../components/deepLink.ts';

export type Section = 'deployments' | 'new' | 'templates' | 'settings' | 'rights' | 'audit' | 'reports' | 'drift';

export interface Route {
  section: Section;
  /** The deployment shown in detail, on #/deployments/ID. */
  deploymentId: number | null;
}

const sections: Section[] = ['deployments', 'new', 'templates', 'settings', 'rights', 'audit', 'reports', 'drift'];

/** The route in the hash; without one, the deployment a deep link names (the hash does not survive a log-in). */
export function parseRoute(hash: string, linked: number | null = null): Route {
  if (hash.replace(/^#/, '') === '' && linked !== null) return { section: 'deployments', deploymentId: linked };
  const [, section = '', id = ''] = hash.replace(/^#/, '').split('/');
  const known = sections.find((candidate) => candidate === section) ?? 'deployments';
  const deploymentId = known === 'deployments' && /^\d+$/.test(id) ? Number(id) : null;
  return { section: known, deploymentId };
}

export function href(section: Section, deploymentId?: number): string {
  return deploymentId === undefined ? `#/${section}` : `#/${section}/${deploymentId}`;
}

export function navigate(section: Section, deploymentId?: number): void {
  window.location.hash = href(section, deploymentId);
}

/**
 * The section in the URL's hash, so sections can be bookmarked and the Back button works. A shown
 * deployment is also named in the query (deepLink.ts), so the address survives a log-in.
 */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash, linkedDeployment()));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  useEffect(() => {
    showInAddressBar(route.deploymentId, 'replace', href(route.section, route.deploymentId ?? undefined));
  }, [route.section, route.deploymentId]);
  return route;
}
