import { __ } from '@wordpress/i18n';
import type { RightKey } from '../../api/types.ts';

/** Combinations of rights that leave a user stuck, each with what goes wrong. */
export function rightsWarnings(rights: RightKey[]): string[] {
  const has = (right: RightKey): boolean => rights.includes(right);
  const warnings: string[] = [];
  if (rights.length > 0 && !has('portal_access')) {
    warnings.push(__('Without “Open portal and view deployments” none of the other rights has any effect.', 'support-provisioning-portal'));
  }
  if (has('create') && !has('delete')) {
    warnings.push(__('Creates but cannot delete: every deployment this user makes keeps its RAM and counts against their VM limit until it expires and someone else deletes it.', 'support-provisioning-portal'));
  }
  if (has('create') && !has('start')) {
    warnings.push(__('Creates but cannot start: templates that leave new VMs stopped give this user machines they cannot use.', 'support-provisioning-portal'));
  }
  if (has('create') && !has('prolong')) {
    warnings.push(__('Creates but cannot prolong: their deployments stop for good when their time runs out.', 'support-provisioning-portal'));
  }
  return warnings;
}
