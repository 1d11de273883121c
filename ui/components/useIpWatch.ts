import { useEffect, useRef, useState } from '@wordpress/element';
import { runAction } from '../api/endpoints.ts';
import type { Deployment } from '../api/types.ts';

/** Waits between reads of a started VM's addresses: backing off, about two and a half minutes in all. */
export const IP_WATCH_DELAYS_MS = [2000, 3000, 5000, 8000, 12000, 20000, 30000, 30000, 30000];

const waitsForAddress = (d: Deployment): boolean => d.status === 'RUNNING' && d.ipAddresses.length === 0;

/**
 * After a deployment starts (here, or on provisioning with a template that starts it), reads its
 * IP addresses again, backing off, until the guest agent reports one or the delays run out. Reads
 * only when the caller may refresh IPs (allowedActions); answers whether it is still watching.
 */
export function useIpWatch(d: Deployment | null, onChange: (deployment: Deployment) => void): boolean {
  const [attempt, setAttempt] = useState<number | null>(null);
  const previous = useRef<Deployment['status'] | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  const status = d?.status ?? null;
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (d !== null && before !== null && before !== 'RUNNING' && waitsForAddress(d)) setAttempt(0);
  }, [status]);

  const watching = d !== null && attempt !== null && attempt < IP_WATCH_DELAYS_MS.length && waitsForAddress(d)
    && d.allowedActions.includes('refresh_ips');
  useEffect(() => {
    if (!watching || d === null || attempt === null) return undefined;
    const timer = window.setTimeout(() => {
      runAction(d.id, 'refresh-ips').then(
        (updated) => changed.current(updated),
        () => undefined,
      ).finally(() => setAttempt(attempt + 1));
    }, IP_WATCH_DELAYS_MS[attempt]);
    return () => window.clearTimeout(timer);
  }, [watching, attempt, d?.id]);
  return watching;
}
