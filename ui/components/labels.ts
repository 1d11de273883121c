import { __, _n, sprintf } from '@wordpress/i18n';
import type { RightKey, Status } from '../api/types.ts';

export const domain = 'support-provisioning-portal';

export function statusLabel(status: Status): string {
  const labels: Record<Status, string> = {
    PROVISIONING: __('Provisioning', domain),
    STOPPED: __('Stopped', domain),
    RUNNING: __('Running', domain),
    EXPIRED: __('Expired', domain),
    DELETING: __('Deleting', domain),
    FAILED: __('Failed', domain),
  };
  return labels[status];
}

/** The background steps (Service/Steps.php) as progress a user can follow. */
const provisioningSteps = ['clone', 'clone_adopt', 'clone_wait', 'configure', 'start', 'start_wait'];
const deletingSteps = ['delete', 'delete_stop_wait', 'destroy_wait'];

export function stepLabel(step: string): string {
  const labels: Record<string, string> = {
    clone: __('Reserving a VM ID and cloning the template', domain),
    clone_adopt: __('Looking for the VM of a clone whose answer was lost', domain),
    clone_wait: __('Waiting for Proxmox to finish the clone', domain),
    configure: __('Setting CPU and RAM', domain),
    start: __('Starting the VM', domain),
    start_wait: __('Waiting for the VM to start', domain),
    cleanup: __('Removing what a failed provisioning left', domain),
    cleanup_stop_wait: __('Removing what a failed provisioning left', domain),
    cleanup_wait: __('Removing what a failed provisioning left', domain),
    delete: __('Stopping the VM', domain),
    delete_stop_wait: __('Waiting for the VM to stop', domain),
    destroy_wait: __('Destroying the VM and its disks', domain),
    expire_stop: __('Stopping the expired VM', domain),
    expire_stop_wait: __('Waiting for the expired VM to stop', domain),
  };
  return labels[step] ?? step;
}

/** Progress through the busy status's steps as [done, of], or null when not busy. */
export function stepProgress(status: Status, step: string): [number, number] | null {
  const steps = status === 'PROVISIONING' ? provisioningSteps : status === 'DELETING' ? deletingSteps : null;
  if (!steps) return null;
  return [Math.max(0, steps.indexOf(step)), steps.length];
}

export function rightLabel(right: RightKey): string {
  const labels: Record<RightKey, string> = {
    portal_access: __('Open portal and view deployments', domain),
    create: __('Create deployments', domain),
    start: __('Start deployments', domain),
    stop: __('Stop deployments', domain),
    prolong: __('Prolong deployments', domain),
    refresh_ips: __('Refresh IP addresses', domain),
    delete: __('Delete deployments', domain),
    manage_all: __('View and manage all deployments', domain),
    manage_templates: __('Manage templates', domain),
    manage_settings: __('Manage Proxmox settings and quotas', domain),
    manage_rights: __('Manage user rights', domain),
  };
  return labels[right];
}

export function formatMb(mb: number): string {
  return mb >= 1024
    ? sprintf(/* translators: %s: size in GB */ __('%s GB', domain), (mb / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 }))
    : sprintf(/* translators: %d: size in MB */ __('%d MB', domain), mb);
}

/** A limit in MB where null (or 0 in settings) means unlimited. */
export function formatLimit(mb: number | null): string {
  return mb === null ? __('unlimited', domain) : formatMb(mb);
}

export function formatHours(hours: number): string {
  return hours % 24 === 0 && hours >= 48
    ? sprintf(/* translators: %d: days */ _n('%d day', '%d days', hours / 24, domain), hours / 24)
    : sprintf(/* translators: %d: hours */ _n('%d hour', '%d hours', hours, domain), hours);
}

export function formatDateTime(iso: string | null): string {
  return iso === null ? '—' : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "in 2 days 3 hours", "in 12 minutes", "expired 5 minutes ago". */
export function formatCountdown(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const days = Math.floor(abs / 86400);
  const hours = Math.floor((abs % 86400) / 3600);
  const minutes = Math.max(1, Math.floor((abs % 3600) / 60));
  const span = days > 0
    ? sprintf(/* translators: 1: days, 2: hours */ __('%1$dd %2$dh', domain), days, hours)
    : hours > 0
      ? sprintf(/* translators: 1: hours, 2: minutes */ __('%1$dh %2$dm', domain), hours, minutes)
      : sprintf(/* translators: %d: minutes */ __('%dm', domain), minutes);
  return seconds >= 0
    ? sprintf(/* translators: %s: time span */ __('in %s', domain), span)
    : sprintf(/* translators: %s: time span */ __('%s ago', domain), span);
}
