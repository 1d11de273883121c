import { __ } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { useNow } from './hooks.ts';
import { formatCountdown, formatDateTime } from './labels.ts';

/** When a deployment expires, counting down; the exact time is in the tooltip and for screen readers. */
export function Countdown({ deployment }: { deployment: Pick<Deployment, 'neverExpire' | 'expiresAt'> }): JSX.Element {
  const now = useNow();
  if (deployment.neverExpire || deployment.expiresAt === null) {
    return <span>{__('Never expires', 'support-provisioning-portal')}</span>;
  }
  const exact = formatDateTime(deployment.expiresAt);
  return (
    <time dateTime={deployment.expiresAt} title={exact}>
      {formatCountdown(deployment.expiresAt, now)}
      <span className="screen-reader-text"> ({exact})</span>
    </time>
  );
}
