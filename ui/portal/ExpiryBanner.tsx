import { __, sprintf } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { formatCountdown } from '../components/labels.ts';
import { Notice } from './Notice.tsx';
import type { Navigate } from './view.ts';
import { ViewLink } from './ViewLink.tsx';

/** The deployments on the page that expire soon and that the caller may prolong. */
export function ExpiryBanner({ items, navigate }: { items: Deployment[]; navigate: Navigate }): JSX.Element | null {
  const soon = items.filter((d) => d.expiresSoon && d.expiresAt !== null && d.allowedActions.includes('prolong'));
  if (soon.length === 0) return null;
  return (
    <Notice>
      <div className="spp-expiry-banner">
        <p>{__('These deployments expire soon. Prolong them if you still need them:', 'support-provisioning-portal')}</p>
        <ul>
          {soon.map((d) => (
            <li key={d.id}>
              <ViewLink to={{ name: 'detail', id: d.id }} navigate={navigate}>{d.name}</ViewLink>{' '}
              {sprintf(/* translators: %s: when, such as "in 3h 20m" */ __('expires %s', 'support-provisioning-portal'), formatCountdown(d.expiresAt ?? '', Date.now()))}
            </li>
          ))}
        </ul>
      </div>
    </Notice>
  );
}
