import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { deleteDeployment, prolongDeployment, runAction, type LifecycleAction } from '../api/endpoints.ts';
import type { Deployment, DeploymentAction } from '../api/types.ts';
import { useAction } from '../components/hooks.ts';
import { domain, formatHours } from '../components/labels.ts';
import { Button, ConfirmButton } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage } from './Notice.tsx';

interface Props {
  deployment: Deployment;
  onChange: (deployment: Deployment) => void;
}

/** Exactly the actions the API lists in allowedActions; the portal decides no rights. */
export function Actions({ deployment: d, onChange }: Props): JSX.Element | null {
  const action = useAction();
  const [hours, setHours] = useState('24');
  const [done, setDone] = useState('');
  const hoursId = useInstanceId('prolong-hours');
  const allowed = (name: DeploymentAction): boolean => d.allowedActions.includes(name);

  const perform = (work: () => Promise<Deployment>, message: string): void => {
    setDone('');
    void action.run(work).then((updated) => {
      if (updated === undefined) return;
      onChange(updated);
      setDone(message);
    });
  };
  const lifecycle = (name: LifecycleAction, message: string) => (): void => perform(() => runAction(d.id, name), message);

  if (!(['start', 'stop', 'prolong', 'refresh_ips', 'delete'] as const).some(allowed)) return null;
  const hoursValue = Number(hours);
  const hoursValid = Number.isInteger(hoursValue) && hoursValue >= 1;

  return (
    <div className="spp-panel">
      <h3>{__('Actions', domain)}</h3>
      <p className="spp-row">
        {allowed('start') && (
          <Button primary disabled={action.busy} onClick={lifecycle('start', __('Started.', domain))}>{__('Start', domain)}</Button>
        )}
        {allowed('stop') && (
          <Button disabled={action.busy} onClick={lifecycle('stop', __('Stopped.', domain))}>{__('Stop', domain)}</Button>
        )}
        {allowed('refresh_ips') && (
          <Button disabled={action.busy} onClick={lifecycle('refresh-ips', __('IP addresses read again.', domain))}>
            {__('Refresh IP addresses', domain)}
          </Button>
        )}
        {allowed('delete') && (
          <ConfirmButton
            label={__('Delete', domain)}
            message={sprintf(
              /* translators: %s: deployment name */
              __('“%s” will be stopped and its VM and disks destroyed. This cannot be undone.', domain),
              d.name,
            )}
            disabled={action.busy}
            onConfirm={() => perform(() => deleteDeployment(d.id), __('Deletion started.', domain))}
          />
        )}
      </p>
      {allowed('prolong') && (
        <form
          className="spp-row"
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
          <label htmlFor={hoursId}>{__('Prolong by (hours)', domain)}</label>
          <input id={hoursId} type="number" min={1} value={hours} onChange={(event) => setHours(event.target.value)} />
          <Button type="submit" disabled={action.busy || !hoursValid}>{__('Prolong', domain)}</Button>
        </form>
      )}
      <ErrorMessage error={action.error} onDismiss={action.clear} />
      <p className="spp-action-result" role="status" aria-live="polite">{done}</p>
    </div>
  );
}
