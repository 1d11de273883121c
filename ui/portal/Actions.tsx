import { __, sprintf } from '@wordpress/i18n';
import type { Deployment, Me } from '../api/types.ts';
import { MissingActions } from '../components/MissingActions.tsx';
import { missingActionReasons } from '../components/missingActions.ts';
import { useDeploymentActions } from '../components/useDeploymentActions.ts';
import { stoppedAfterCreateText, useStoppedAfterCreate } from '../components/useStoppedAfterCreate.ts';
import { Button, ConfirmButton } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage } from './Notice.tsx';

interface Props {
  deployment: Deployment;
  me: Me;
  onChange: (deployment: Deployment) => void;
  reload: () => void;
}

/** The actions the API lists in allowedActions (the portal decides no rights), and why others are missing. */
export function Actions({ deployment: d, me, onChange, reload }: Props): JSX.Element | null {
  const actions = useDeploymentActions(d, onChange, reload);
  const stoppedAfterCreate = useStoppedAfterCreate(d);
  const { allowed, busy } = actions;
  const hoursId = useInstanceId('prolong-hours');
  if (!actions.offersAny && missingActionReasons(d, me).length === 0) return null;

  return (
    <div className="spp-panel">
      <h3>{__('Actions', 'support-provisioning-portal')}</h3>
      {stoppedAfterCreate && <p className="spp-stopped-after-create">{stoppedAfterCreateText()}</p>}
      <p className="spp-row">
        {allowed('start') && <Button primary disabled={busy} onClick={actions.start}>{__('Start', 'support-provisioning-portal')}</Button>}
        {allowed('stop') && <Button disabled={busy} onClick={actions.stop}>{__('Stop', 'support-provisioning-portal')}</Button>}
        {allowed('refresh_ips') && <Button disabled={busy} onClick={actions.refreshIps}>{__('Refresh IP addresses', 'support-provisioning-portal')}</Button>}
        {allowed('delete') && (
          <ConfirmButton
            label={__('Delete', 'support-provisioning-portal')}
            message={sprintf(
              /* translators: %s: deployment name */
              __('“%s” will be stopped and its VM and disks destroyed. This cannot be undone.', 'support-provisioning-portal'),
              d.name,
            )}
            disabled={busy}
            onConfirm={actions.remove}
          />
        )}
      </p>
      {allowed('prolong') && (
        <form className="spp-row" onSubmit={actions.prolong}>
          <label htmlFor={hoursId}>{__('Prolong by (hours)', 'support-provisioning-portal')}</label>
          <input id={hoursId} type="number" min={1} value={actions.hours} onChange={(event) => actions.setHours(event.target.value)} />
          <Button type="submit" disabled={busy || !actions.hoursValid}>{__('Prolong', 'support-provisioning-portal')}</Button>
        </form>
      )}
      <ErrorMessage error={actions.error} onDismiss={actions.clear} />
      <p className="spp-action-result" role="status" aria-live="polite">{actions.done}</p>
      <MissingActions deployment={d} me={me} />
    </div>
  );
}
