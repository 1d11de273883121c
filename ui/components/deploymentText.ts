import { __, sprintf } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { formatHours } from './labels.ts';

/** Why a deployment lists no IP addresses: the server's hint, else what its status implies. */
export function ipHint(d: Pick<Deployment, 'ipAddressesHint' | 'status'>): string {
  return d.ipAddressesHint ?? (d.status === 'RUNNING'
    ? __('None reported yet: the guest agent may still be starting. Use “Refresh IP addresses”.', 'support-provisioning-portal')
    : __('None: the VM is not running.', 'support-provisioning-portal'));
}

export function lifetimeLabel(d: Pick<Deployment, 'neverExpire' | 'ttlHours'>): string {
  return d.neverExpire || d.ttlHours === null ? __('Never expires', 'support-provisioning-portal') : formatHours(d.ttlHours);
}

export function ipSummary(d: Pick<Deployment, 'ipAddresses'>): string {
  return d.ipAddresses.length === 0 ? '—' : d.ipAddresses.join(', ');
}

export function ownerShortName(d: Pick<Deployment, 'ownerName' | 'ownerLogin'>): string {
  return d.ownerName !== '' ? d.ownerName : d.ownerLogin;
}

/** What a 404 on a shown deployment means: it was being deleted, or it is (no longer) visible. */
export function goneMessage(last: Deployment | null): string {
  return last?.status === 'DELETING'
    ? __('The deployment has been deleted: its VM and disks are gone.', 'support-provisioning-portal')
    : __('There is no such deployment, or it is not shared with you.', 'support-provisioning-portal');
}

/** The reason a FAILED deployment failed; null otherwise. */
export function failureMessage(d: Deployment): string | null {
  return d.status === 'FAILED' && d.lastError !== null
    ? sprintf(/* translators: %s: reason */ __('Provisioning failed: %s', 'support-provisioning-portal'), d.lastError)
    : null;
}
