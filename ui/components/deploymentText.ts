import { __, sprintf } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { formatDateTime, formatHours } from './labels.ts';

/** Why a deployment lists no IP addresses: the server's hint, else what its status implies. */
export function ipHint(d: Pick<Deployment, 'ipAddressesHint' | 'status'>): string {
  return d.ipAddressesHint ?? (d.status === 'RUNNING'
    ? __('None reported yet: the guest agent may still be starting.', 'support-provisioning-portal')
    : __('None: the VM is not running.', 'support-provisioning-portal'));
}

/** The lifetime chosen at creation and, once prolonged, the whole span from creation to expiry. */
export function lifetimeLabel(d: Pick<Deployment, 'neverExpire' | 'ttlHours' | 'createdAt' | 'expiresAt'>): string {
  if (d.neverExpire || d.ttlHours === null) return __('Never expires', 'support-provisioning-portal');
  const total = d.expiresAt === null ? d.ttlHours : Math.round((Date.parse(d.expiresAt) - Date.parse(d.createdAt)) / 3600000);
  return total > d.ttlHours
    ? sprintf(
      /* translators: 1: lifetime chosen at creation, 2: lifetime from creation to the current expiry */
      __('%1$s at creation; %2$s in total after prolonging', 'support-provisioning-portal'),
      formatHours(d.ttlHours),
      formatHours(total),
    )
    : formatHours(d.ttlHours);
}

/** When the addresses shown were read from the guest agent. */
export function ipsReadAt(iso: string): string {
  return sprintf(/* translators: %s: date and time */ __('IP addresses read at %s', 'support-provisioning-portal'), formatDateTime(iso));
}

export function ipSummary(d: Pick<Deployment, 'ipAddresses'>): string {
  return d.ipAddresses.length === 0 ? '—' : d.ipAddresses.join(', ');
}

export function ownerShortName(d: Pick<Deployment, 'ownerName' | 'ownerLogin'>): string {
  return d.ownerName !== '' ? d.ownerName : d.ownerLogin;
}

/** What a 404 on a shown deployment means: it was being deleted, it was deleted elsewhere, or it is not visible. */
export function goneMessage(last: Deployment | null): string {
  if (last?.status === 'DELETING') return __('The deployment has been deleted: its VM and disks are gone.', 'support-provisioning-portal');
  return last !== null
    ? __('This deployment was deleted (or is no longer shared with you) while this page was open. Nothing here can be done any more.', 'support-provisioning-portal')
    : __('There is no such deployment, or it is not shared with you.', 'support-provisioning-portal');
}

/** The reason a FAILED deployment failed; null otherwise. */
export function failureMessage(d: Deployment): string | null {
  return d.status === 'FAILED' && d.lastError !== null
    ? sprintf(/* translators: %s: reason */ __('Provisioning failed: %s', 'support-provisioning-portal'), d.lastError)
    : null;
}
