/**
 * Deep links to one deployment: a query parameter, not the #hash, because WordPress's log-in keeps
 * the query of the page it returns to but drops the hash. Admin page and portal share it.
 */
export const DEPLOYMENT_PARAM = 'spp_deployment';

/** The deployment the page's URL names, or null. */
export function linkedDeployment(): number | null {
  const value = new URLSearchParams(window.location.search).get(DEPLOYMENT_PARAM);
  return value !== null && /^[1-9]\d*$/.test(value) ? Number(value) : null;
}

/** This page's URL naming deployment `id` (or none), with `hash`. */
export function deploymentUrl(id: number | null, hash = ''): string {
  const url = new URL(window.location.href);
  if (id === null) {
    url.searchParams.delete(DEPLOYMENT_PARAM);
  } else {
    url.searchParams.set(DEPLOYMENT_PARAM, String(id));
  }
  url.hash = hash;
  return url.toString();
}

/** Puts deployment `id` (or none) into the address bar without loading anything; `push` makes Back return. */
export function showInAddressBar(id: number | null, how: 'push' | 'replace', hash = window.location.hash): void {
  const next = deploymentUrl(id, hash);
  if (next === window.location.href) return;
  if (how === 'push') {
    window.history.pushState(null, '', next);
  } else {
    window.history.replaceState(window.history.state, '', next);
  }
}
