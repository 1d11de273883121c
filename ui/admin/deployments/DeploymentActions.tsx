import { Button, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { Deployment, Me } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { MissingActions } from '../../components/MissingActions.tsx';
import { missingActionReasons } from '../../components/missingActions.ts';
import { useDeploymentActions } from '../../components/useDeploymentActions.ts';
import { stoppedAfterCreateText, useStoppedAfterCreate } from '../../components/useStoppedAfterCreate.ts';

interface Props {
  deployment: Deployment;
  me: Me;
  onChange: (deployment: Deployment) => void;
  reload: () => void;
}

/**
 * The buttons for the actions the API lists in allowedActions (the UI decides no rights), and
 * why others are missing.
 */
export function DeploymentActions({ deployment: d, me, onChange, reload }: Props): JSX.Element | null {
  const actions = useDeploymentActions(d, onChange, reload);
  const stoppedAfterCreate = useStoppedAfterCreate(d);
  const { allowed, busy } = actions;
  if (!actions.offersAny && missingActionReasons(d, me).length === 0) return null;

  return (
    <div className="spp-panel" aria-labelledby="spp-actions-title">
      <h3 id="spp-actions-title">{__('Actions', 'support-provisioning-portal')}</h3>
      {stoppedAfterCreate && <p className="spp-stopped-after-create">{stoppedAfterCreateText()}</p>}
      <div className="spp-actions">
        {allowed('start') && (
          <Button variant="primary" disabled={busy} onClick={actions.start}>
            {__('Start', 'support-provisioning-portal')}
          </Button>
        )}
        {allowed('stop') && (
          <Button variant="secondary" disabled={busy} onClick={actions.stop}>
            {__('Stop', 'support-provisioning-portal')}
          </Button>
        )}
        {allowed('refresh_ips') && (
          <Button variant="secondary" disabled={busy} onClick={actions.refreshIps}>
            {__('Refresh IP addresses', 'support-provisioning-portal')}
          </Button>
        )}
        {allowed('delete') && (
          <ConfirmButton
            label={__('Delete', 'support-provisioning-portal')}
            title={__('Delete this deployment?', 'support-provisioning-portal')}
            message={sprintf(
              /* translators: %s: deployment name */
              __('“%s” will be stopped and its VM and disks destroyed in Proxmox. This cannot be undone.', 'support-provisioning-portal'),
              d.name,
            )}
            disabled={busy}
            onConfirm={actions.remove}
          />
        )}
      </div>
      {allowed('prolong') && (
        <form className="spp-inline-form" onSubmit={actions.prolong}>
          {actions.fromMail && (
            <p className="spp-prolong-from-mail">
              {__('From your expiry warning: check the hours, then press Prolong.', 'support-provisioning-portal')}
            </p>
          )}
          <TextControl
            label={__('Prolong by (hours)', 'support-provisioning-portal')}
            type="number"
            min={1}
            value={actions.hours}
            onChange={actions.setHours}
          />
          <Button variant="secondary" type="submit" disabled={busy || !actions.hoursValid}>
            {__('Prolong', 'support-provisioning-portal')}
          </Button>
        </form>
      )}
      <ErrorNotice error={actions.error} onDismiss={actions.clear} />
      <p className="spp-action-result" role="status" aria-live="polite">
        {actions.done}
      </p>
      <MissingActions deployment={d} me={me} />
    </div>
  );
}
