import { useEffect, useState } from '@wordpress/element';
import { linkedDeployment, showInAddressBar } from '../components/deepLink.ts';
import type { Navigate, View } from './view.ts';

function linkedView(): View {
  const id = linkedDeployment();
  return id === null ? { name: 'dashboard' } : { name: 'detail', id };
}

/**
 * The portal's view, with a shown deployment named in the page's query (deepLink.ts): the address
 * can be reloaded, opened in a new tab or sent to a colleague, and Back returns to the list.
 */
export function useViewRoute(): [View, Navigate] {
  const [view, setView] = useState<View>(linkedView);
  useEffect(() => {
    const onPop = (): void => setView(linkedView());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate: Navigate = (next) => {
    showInAddressBar(next.name === 'detail' ? next.id : null, 'push');
    setView(next);
  };
  return [view, navigate];
}
