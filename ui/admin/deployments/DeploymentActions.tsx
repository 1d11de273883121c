import { Button, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { deleteDeployment, prolongDeployment, runAction, type LifecycleAction } from '../../api/endpoints.ts';
import type { Deployment, DeploymentAction } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction } from '../../components/hooks.ts';
import { domain, formatHours } from '../../components/labels.ts';

interface Props {
  deployment: Deployment;
  onChange: (deployment: Deployment) => void;
}

/** The buttons for exactly the actions the API lists in allowedActions; the UI decides no rights. */
export function DeploymentActions({ deployment: d, onChange }: Props): JSX.Element | null {
  const action = useAction();
  const [hours, setHours] = useState('24');
  const [done, setDone] = useState('');
  const allowed = (name: DeploymentAction): boolean => d.allowedActions.includes(name);

  const perform = (work: () => Promise<Deployment>, message: string): void => {
    setDone('');
    void action.run(work).then((updated) => {
      if (updated === undefined) return;
      onChange(updated);
      setDone(message);
    });
  };
  const lifecycle = (name: LifecycleAction, message: string) => (): void =>
    perform(() => runAction(d.id, name), message);

  const offered: DeploymentAction[] = ['start', 'stop', 'prolong', 'refresh_ips', 'delete'];
  if (!offered.some(allowed)) return null;
  const hoursValue = Number(hours);
  const hoursValid = Number.isInteger(hoursValue) && hoursValue >= 1;

  return (
    <div className="spp-panel" aria-labelledby="spp-actions-title">
      <h3 id="spp-actions-title">{__('Actions', domain)}</h3>
      <div className="spp-actions">
        {allowed('start') && (
          <Button variant="primary" disabled={action.busy} onClick={lifecycle('start', __('Started.', domain))}>
            {__('Start', domain)}
          </Button>
        )}
        {allowed('stop') && (
          <Button variant="secondary" disabled={action.busy} onClick={lifecycle('stop', __('Stopped.', domain))}>
            {__('Stop', domain)}
          </Button>
        )}
        {allowed('refresh_ips') && (
          <Button
            variant="secondary"
            disabled={action.busy}
            onClick={lifecycle('refresh-ips', __('IP addresses read again.', domain))}
          >
            {__('Refresh IP addresses', domain)}
          </Button>
        )}
        {allowed('delete') && (
          <ConfirmButton
            label={__('Delete', domain)}
            title={__('Delete this deployment?', domain)}
            message={sprintf(
              /* translators: %s: deployment name */
              __('“%s” will be stopped and its VM and disks destroyed in Proxmox. This cannot be undone.', domain),
              d.name,
            )}
            disabled={action.busy}
            onConfirm={() => perform(() => deleteDeployment(d.id), __('Deletion started.', domain))}
          />
        )}
      </div>
      {allowed('prolong') && (
        <form
          className="spp-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (hoursValid) {
              perform(
                () => prolongDeployment(d.id, hoursValue),
                sprintf(/* translators: %s: duration */ __('Prolonged by %s.', domain), formatHours(hoursValue)),
              );
            }
          }}
        >
          <TextControl
            label={__('Prolong by (hours)', domain)}
            type="number"
            min={1}
            value={hours}
            onChange={setHours}
          />
          <Button variant="secondary" type="submit" disabled={action.busy || !hoursValid}>
            {__('Prolong', domain)}
          </Button>
        </form>
      )}
      <ErrorNotice error={action.error} onDismiss={action.clear} />
      <p className="spp-action-result" role="status" aria-live="polite">
        {done}
      </p>
    </div>
  );
}
