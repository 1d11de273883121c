import { __, sprintf } from '@wordpress/i18n';
import type { Deployment, DeploymentAction, Me, RightKey } from '../api/types.ts';
import { rightLabel } from './labels.ts';

/** The lifecycle actions and the right each needs (CONTRACT §3). */
const actionRights: Array<[DeploymentAction, RightKey]> = [
  ['start', 'start'],
  ['stop', 'stop'],
  ['prolong', 'prolong'],
  ['refresh_ips', 'refresh_ips'],
  ['delete', 'delete'],
];

/** Who can grant a right: the named rights managers, or the site's administrators while the bootstrap rule holds. */
export function whoCanGrant(me: Pick<Me, 'rightsManagers'>): string {
  return me.rightsManagers.length === 0
    ? __('A WordPress administrator of this site can grant it under Support Provisioning → User Rights.', 'support-provisioning-portal')
    : sprintf(
      /* translators: %s: comma-separated names of users who manage rights */
      __('Users who manage rights can grant it: %s.', 'support-provisioning-portal'),
      me.rightsManagers.join(', '),
    );
}

export interface MissingReason {
  /** The right the caller lacks; null when no right would help. */
  right: RightKey | null;
  text: string;
}

/**
 * Why actions of this deployment are not offered, where the reason is who the caller is rather
 * than the deployment's state: a right they lack, or a shared deployment only its owner may delete.
 */
export function missingActionReasons(d: Deployment, me: Pick<Me, 'rights'>): MissingReason[] {
  const reasons: MissingReason[] = [];
  for (const [action, right] of actionRights) {
    if (d.allowedActions.includes(action)) continue;
    if (!me.rights.includes(right)) {
      reasons.push({
        right,
        text: sprintf(
          /* translators: %s: the name of a right, e.g. “Start deployments” */
          __('You do not hold the right “%s”.', 'support-provisioning-portal'),
          rightLabel(right),
        ),
      });
    } else if (action === 'delete' && d.sharedWithMe) {
      reasons.push({ right: null, text: __('It is shared with you: only its owner, or someone who manages all deployments, can delete it.', 'support-provisioning-portal') });
    }
  }
  return reasons;
}
