import { useEffect, useState } from '@wordpress/element';

export type Section = 'deployments' | 'new' | 'templates' | 'settings' | 'rights' | 'audit';

export interface Route {
  section: Section;
  /** The deployment shown in detail, on #/deployments/ID. */
  deploymentId: number | null;
}

const sections: Section[] = ['deployments', 'new', 'templates', 'settings', 'rights', 'audit'];

export function parseRoute(hash: string): Route {
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

/** The section in the URL's hash, so sections can be bookmarked and the Back button works. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
