import { useEffect, useRef } from '@wordpress/element';
import { useInterval } from './hooks.ts';

/** How often an open view reads its data again when nothing is under way (another tab may have changed it). */
export const IDLE_REFRESH_MS = 30000;

/**
 * Keeps an open view current: `reload` runs when the tab becomes visible again and, while it is
 * visible, every IDLE_REFRESH_MS.
 */
export function useLiveRefresh(reload: () => void): void {
  const saved = useRef(reload);
  saved.current = reload;
  useEffect(() => {
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') saved.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  useInterval(() => {
    if (document.visibilityState === 'visible') saved.current();
  }, IDLE_REFRESH_MS);
}
