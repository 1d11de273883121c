import { __, _n, sprintf } from '@wordpress/i18n';
import type { Quota, QuotaScope, VmQuota } from '../api/types.ts';
import { formatLimit, formatMb } from './labels.ts';

export type Shortfall =
  | { scope: 'user' | 'global'; limitMb: number; usedMb: number }
  | { scope: 'vms'; limit: number };

/** The first quota a new deployment of `requestedMb` would overflow, or null when it fits. */
export function quotaShortfall(quota: Quota, requestedMb: number): Shortfall | null {
  if (quota.vms.limit !== null && quota.vms.used + 1 > quota.vms.limit) return { scope: 'vms', limit: quota.vms.limit };
  for (const scope of ['user', 'global'] as const) {
    const { limitMb, usedMb } = quota[scope];
    if (limitMb !== null && usedMb + requestedMb > limitMb) return { scope, limitMb, usedMb };
  }
  return null;
}

function shortfallText(shortfall: Shortfall, requestedMb: number): string {
  if (shortfall.scope === 'vms') {
    return sprintf(
      /* translators: %d: the user's VM limit */
      _n(
        'This deployment will not fit: you may have %d deployment holding a VM, expired ones included, and you have it. Delete a deployment you no longer need, or ask for a higher limit.',
        'This deployment will not fit: you may have %d deployments holding a VM, expired ones included, and you have them all. Delete a deployment you no longer need, or ask for a higher limit.',
        shortfall.limit,
        'support-provisioning-portal',
      ),
      shortfall.limit,
    );
  }
  return sprintf(
    shortfall.scope === 'user'
      ? /* translators: 1: RAM needed, 2: used, 3: limit, 4: free */ __('This deployment will not fit: it needs %1$s RAM, and your RAM quota has %2$s of %3$s in use (%4$s free). Delete a deployment you no longer need, let one expire, or ask for a higher limit.', 'support-provisioning-portal')
      : /* translators: 1: RAM needed, 2: used, 3: limit, 4: free */ __("This deployment will not fit: it needs %1$s RAM, and the site's RAM quota has %2$s of %3$s in use (%4$s free). Delete a deployment you no longer need, let one expire, or ask for a higher limit.", 'support-provisioning-portal'),
    formatMb(requestedMb),
    formatMb(shortfall.usedMb),
    formatMb(shortfall.limitMb),
    formatMb(Math.max(0, shortfall.limitMb - shortfall.usedMb)),
  );
}

/**
 * RAM used / limit (and, for a deployment about to be made, after it) for the user's and the site's
 * quota, and the user's VMs. Without `requestedMb` it shows only what is in use (above the list).
 */
export function QuotaMeter({ quota, requestedMb }: { quota: Quota; requestedMb?: number }): JSX.Element {
  const shortfall = requestedMb === undefined ? null : quotaShortfall(quota, requestedMb);
  return (
    <div className="spp-quota" aria-labelledby="spp-quota-title">
      <h3 id="spp-quota-title">{__('RAM quota', 'support-provisioning-portal')}</h3>
      <ScopeMeter label={__('Yours', 'support-provisioning-portal')} scope={quota.user} requestedMb={requestedMb} />
      <ScopeMeter label={__('Whole site', 'support-provisioning-portal')} scope={quota.global} requestedMb={requestedMb} />
      <VmMeter vms={quota.vms} />
      {shortfall && requestedMb !== undefined && (
        <p className="spp-quota__warning" role="alert">
          {shortfallText(shortfall, requestedMb)}
        </p>
      )}
    </div>
  );
}

function ScopeMeter({ label, scope, requestedMb }: { label: string; scope: QuotaScope; requestedMb?: number }): JSX.Element {
  const after = scope.usedMb + (requestedMb ?? 0);
  const text = requestedMb === undefined
    ? sprintf(
      /* translators: 1: used, 2: limit */
      __('%1$s used of %2$s', 'support-provisioning-portal'),
      formatMb(scope.usedMb),
      formatLimit(scope.limitMb),
    )
    : sprintf(
      /* translators: 1: used, 2: limit, 3: after this deployment */
      __('%1$s used of %2$s; after this one: %3$s', 'support-provisioning-portal'),
      formatMb(scope.usedMb),
      formatLimit(scope.limitMb),
      formatMb(after),
    );
  return (
    <div className="spp-quota__scope">
      <span className="spp-quota__label">{label}</span>
      {scope.limitMb !== null && scope.limitMb > 0 && (
        <meter min={0} max={scope.limitMb} value={Math.min(after, scope.limitMb)} high={scope.limitMb * 0.9} aria-label={label}>
          {text}
        </meter>
      )}
      <span className="spp-quota__text">{text}</span>
    </div>
  );
}

/** Deployments holding a VM (expired ones too) against the user's cap. */
function VmMeter({ vms }: { vms: VmQuota }): JSX.Element {
  const label = __('Your VMs', 'support-provisioning-portal');
  const text = vms.limit === null
    ? sprintf(/* translators: %d: deployments holding a VM */ __('%d held, no limit', 'support-provisioning-portal'), vms.used)
    : sprintf(/* translators: 1: deployments holding a VM, 2: the limit */ __('%1$d held of %2$d, expired ones included', 'support-provisioning-portal'), vms.used, vms.limit);
  return (
    <div className="spp-quota__scope">
      <span className="spp-quota__label">{label}</span>
      {vms.limit !== null && vms.limit > 0 && (
        <meter min={0} max={vms.limit} value={Math.min(vms.used, vms.limit)} high={vms.limit * 0.9} aria-label={label}>
          {text}
        </meter>
      )}
      <span className="spp-quota__text">{text}</span>
    </div>
  );
}
