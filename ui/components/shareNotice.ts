import { __, sprintf } from '@wordpress/i18n';
import type { Share } from '../api/types.ts';

/** The deployment's owner as the sharing UI names it. */
export interface ShareOwner {
  login: string;
  name: string;
}

/**
 * Why sharing with `named` changed nothing (CONTRACT §3 answers the owner or a repeat with 200 and
 * the unchanged list), or null when the answer gained a user.
 */
export function unchangedShareNotice(named: string, before: Share[], after: Share[], owner: ShareOwner): string | null {
  const known = new Set(before.map((share) => share.userId));
  if (after.some((share) => !known.has(share.userId))) return null;
  const isNamed = (login: string): boolean => login.toLowerCase() === named.toLowerCase();
  if (isNamed(owner.login)) {
    return sprintf(/* translators: %s: user's name */ __('%s owns this deployment and always has access; there is nothing to share.', 'support-provisioning-portal'), owner.name);
  }
  const listed = after.find((share) => isNamed(share.login));
  if (listed !== undefined) {
    return sprintf(/* translators: %s: user's name */ __('%s is already on the list; nothing changed.', 'support-provisioning-portal'), listed.displayName);
  }
  return sprintf(/* translators: %s: login or e-mail address as typed */ __('%s already has access (as the owner or on the list); nothing changed.', 'support-provisioning-portal'), named);
}
