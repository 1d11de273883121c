import { __ } from '@wordpress/i18n';
import type { Deployment, Me } from '../api/types.ts';
import { missingActionReasons, whoCanGrant } from './missingActions.ts';

/** Plain markup (admin and portal): why some actions are not offered, and whom to ask. */
export function MissingActions({ deployment, me }: { deployment: Deployment; me: Me }): JSX.Element | null {
  const reasons = missingActionReasons(deployment, me);
  if (reasons.length === 0) return null;
  return (
    <div className="spp-missing-actions">
      <p>{__('Some actions are not offered here:', 'support-provisioning-portal')}</p>
      <ul>
        {reasons.map(({ text }) => <li key={text}>{text}</li>)}
      </ul>
      {reasons.some(({ right }) => right !== null) && <p>{whoCanGrant(me)}</p>}
    </div>
  );
}
