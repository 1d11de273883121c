import { __, _n, sprintf } from '@wordpress/i18n';
import type { RightKey, Status } from '../api/types.ts';

export function statusLabel(status: Status): string {
  const labels: Record<Status, string> = {
    PROVISIONING: __('Provisioning', 'support-provisioning-portal'),
    STOPPED: __('Stopped', 'support-provisioning-portal'),
    RUNNING: __('Running', 'support-provisioning-portal'),
    EXPIRED: __('Expired', 'support-provisioning-portal'),
    DELETING: __('Deleting', 'support-provisioning-portal'),
    FAILED: __('Failed', 'support-provisioning-portal'),
  };
  return labels[status];
}

/** The background steps (Service/Steps.php) as progress a user can follow. */
const provisioningSteps = ['clone', 'clone_adopt', 'clone_wait', 'configure', 'baseline', 'baseline_wait', 'start', 'start_wait'];
const deletingSteps = ['delete', 'delete_stop_wait', 'destroy_wait'];

export function stepLabel(step: string): string {
  const labels: Record<string, string> = {
    clone: __('Reserving a VM ID and cloning the template', 'support-provisioning-portal'),
    clone_adopt: __('Looking for the VM of a clone whose answer was lost', 'support-provisioning-portal'),
    clone_wait: __('Waiting for Proxmox to finish the clone', 'support-provisioning-portal'),
    configure: __('Setting CPU and RAM', 'support-provisioning-portal'),
    baseline: __('Taking the baseline snapshot', 'support-provisioning-portal'),
    baseline_wait: __('Waiting for the baseline snapshot', 'support-provisioning-portal'),
    start: __('Starting the VM', 'support-provisioning-portal'),
    start_wait: __('Waiting for the VM to start', 'support-provisioning-portal'),
    cleanup: __('Removing what a failed provisioning left', 'support-provisioning-portal'),
    cleanup_stop_wait: __('Removing what a failed provisioning left', 'support-provisioning-portal'),
    cleanup_wait: __('Removing what a failed provisioning left', 'support-provisioning-portal'),
    delete: __('Stopping the VM', 'support-provisioning-portal'),
    delete_stop_wait: __('Waiting for the VM to stop', 'support-provisioning-portal'),
    destroy_wait: __('Destroying the VM and its disks', 'support-provisioning-portal'),
    expire_stop: __('Stopping the expired VM', 'support-provisioning-portal'),
    expire_stop_wait: __('Waiting for the expired VM to stop', 'support-provisioning-portal'),
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
    portal_access: __('Open portal and view deployments', 'support-provisioning-portal'),
    create: __('Create deployments', 'support-provisioning-portal'),
    start: __('Start deployments', 'support-provisioning-portal'),
    stop: __('Stop deployments', 'support-provisioning-portal'),
    prolong: __('Prolong deployments', 'support-provisioning-portal'),
    refresh_ips: __('Refresh IP addresses', 'support-provisioning-portal'),
    delete: __('Delete deployments', 'support-provisioning-portal'),
    manage_all: __('View and manage all deployments', 'support-provisioning-portal'),
    manage_templates: __('Manage templates', 'support-provisioning-portal'),
    manage_settings: __('Manage Proxmox settings and quotas', 'support-provisioning-portal'),
    manage_rights: __('Manage user rights', 'support-provisioning-portal'),
    snapshot: __('Take, roll back and delete snapshots', 'support-provisioning-portal'),
  };
  return labels[right];
}

export function formatMb(mb: number): string {
  return mb >= 1024
    ? sprintf(/* translators: %s: size in GB */ __('%s GB', 'support-provisioning-portal'), (mb / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 }))
    : sprintf(/* translators: %d: size in MB */ __('%d MB', 'support-provisioning-portal'), mb);
}

/** A limit in MB where null (or 0 in settings) means unlimited. */
export function formatLimit(mb: number | null): string {
  return mb === null ? __('unlimited', 'support-provisioning-portal') : formatMb(mb);
}

export function formatHours(hours: number): string {
  return hours % 24 === 0 && hours >= 48
    ? sprintf(/* translators: %d: days */ _n('%d day', '%d days', hours / 24, 'support-provisioning-portal'), hours / 24)
    : sprintf(/* translators: %d: hours */ _n('%d hour', '%d hours', hours, 'support-provisioning-portal'), hours);
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
    ? sprintf(/* translators: 1: days, 2: hours */ __('%1$dd %2$dh', 'support-provisioning-portal'), days, hours)
    : hours > 0
      ? sprintf(/* translators: 1: hours, 2: minutes */ __('%1$dh %2$dm', 'support-provisioning-portal'), hours, minutes)
      : sprintf(/* translators: %d: minutes */ __('%dm', 'support-provisioning-portal'), minutes);
  return seconds >= 0
    ? sprintf(/* translators: %s: time span */ __('in %s', 'support-provisioning-portal'), span)
    : sprintf(/* translators: %s: time span */ __('%s ago', 'support-provisioning-portal'), span);
}
