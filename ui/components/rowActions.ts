import { __, sprintf } from '@wordpress/i18n';
import type { Deployment } from '../api/types.ts';
import { useDeploymentActions } from './useDeploymentActions.ts';

/** A list row's actions: the deployment's actions, the list read again after each (or after a refusal). */
export function useRowActions(d: Deployment, onChange: () => void) {
  return { ...useDeploymentActions(d, onChange, onChange), labels: rowActionLabels(d) };
}

/** The list row's quick actions, named with their deployment for screen readers. */
export function rowActionLabels(d: Pick<Deployment, 'name'>): { start: string; stop: string; prolong: string } {
  return {
    start: sprintf(/* translators: %s: deployment name */ __('Start %s', 'support-provisioning-portal'), d.name),
    stop: sprintf(/* translators: %s: deployment name */ __('Stop %s', 'support-provisioning-portal'), d.name),
    prolong: sprintf(/* translators: %s: deployment name */ __('Prolong %s by 24 hours', 'support-provisioning-portal'), d.name),
  };
}

/** The visible text of the quick prolong button. */
export function prolongByDayText(): string {
  return __('+24 h', 'support-provisioning-portal');
}
