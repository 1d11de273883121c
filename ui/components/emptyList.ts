import { __ } from '@wordpress/i18n';

/** What an empty list says: an invitation when the user has none at all, else that the filters match none. */
export function emptyListText(filtered: boolean, mayCreate: boolean): string {
  if (filtered) return __('No deployments match.', 'support-provisioning-portal');
  return mayCreate
    ? __('You have no deployments yet. A deployment is a VM made from a template your team approved, ready in a few minutes.', 'support-provisioning-portal')
    : __('Nothing here yet: no deployment is shared with you. When a colleague shares one, it appears here.', 'support-provisioning-portal');
}

export function createFirstText(): string {
  return __('Create your first deployment', 'support-provisioning-portal');
}
