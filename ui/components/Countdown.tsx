import { __ } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { useNow } from './hooks.ts';
import { formatCountdown, formatDateTime } from './labels.ts';

/** How urgent the time left is: under an hour, under a day, or neither. */
export function urgency(expiresAt: string, now: number): 'hour' | 'day' | null {
  const left = Date.parse(expiresAt) - now;
  if (left <= 0) return null;
  return left < 3600000 ? 'hour' : left < 86400000 ? 'day' : null;
}

/**
 * When a deployment expires, counting down; the exact time is in the tooltip and for screen
 * readers. Under a day, and more so under an hour, it is highlighted — in words too, not only colour.
 */
export function Countdown({ deployment }: { deployment: Pick<Deployment, 'neverExpire' | 'expiresAt'> }): JSX.Element {
  const now = useNow();
  if (deployment.neverExpire || deployment.expiresAt === null) {
    return <span>{__('Never expires', 'support-provisioning-portal')}</span>;
  }
  const exact = formatDateTime(deployment.expiresAt);
  const soon = urgency(deployment.expiresAt, now);
  return (
    <time dateTime={deployment.expiresAt} title={exact} className={soon === null ? undefined : `spp-expiry spp-expiry--${soon}`}>
      {formatCountdown(deployment.expiresAt, now)}
      {soon === 'hour' && <span className="spp-expiry__flag"> {__('(less than an hour left)', 'support-provisioning-portal')}</span>}
      {soon === 'day' && <span className="spp-expiry__flag"> {__('(less than a day left)', 'support-provisioning-portal')}</span>}
      <span className="screen-reader-text"> ({exact})</span>
    </time>
  );
}
