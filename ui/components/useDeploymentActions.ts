import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { deleteDeployment, prolongDeployment, runAction, type LifecycleAction } from '../api/endpoints.ts';
import type { Deployment, DeploymentAction } from '../api/types.ts';
import { useAction } from './hooks.ts';
import { formatHours } from './labels.ts';
import { requestedProlongHours } from './prolongLink.ts';

const offered: DeploymentAction[] = ['start', 'stop', 'prolong', 'refresh_ips', 'delete'];

/**
 * Whether to offer an action: the API lists it in allowedActions (the UIs decide no rights), and
 * it can work now — IP addresses can only be read from a running VM.
 */
export function offers(d: Deployment, name: DeploymentAction): boolean {
  return d.allowedActions.includes(name) && (name !== 'refresh_ips' || d.status === 'RUNNING');
}

/**
 * The actions on one deployment. Each reports what it did in `done`; its failure stays in
 * `error`, and `reload` then reads the deployment again (it may have been deleted or changed
 * elsewhere).
 */
export function useDeploymentActions(d: Deployment, onChange: (deployment: Deployment) => void, reload: () => void) {
  const action = useAction();
  const [linkedHours] = useState(() => requestedProlongHours(d.id));
  const [hours, setHours] = useState(String(linkedHours ?? 24));
  const [done, setDone] = useState('');
  const allowed = (name: DeploymentAction): boolean => offers(d, name);

  const perform = (work: () => Promise<Deployment>, message: string): void => {
    setDone('');
    void action.run(work).then((updated) => {
      if (updated === undefined) {
        reload();
        return;
      }
      onChange(updated);
      setDone(message);
    });
  };
  const lifecycle = (name: LifecycleAction, message: string) => (): void => perform(() => runAction(d.id, name), message);
  const hoursValue = Number(hours);
  const hoursValid = Number.isInteger(hoursValue) && hoursValue >= 1;

  return {
    ...action,
    done,
    allowed,
    offersAny: offered.some(allowed),
    start: lifecycle('start', __('Started.', 'support-provisioning-portal')),
    stop: lifecycle('stop', __('Stopped.', 'support-provisioning-portal')),
    refreshIps: lifecycle('refresh-ips', __('IP addresses read again.', 'support-provisioning-portal')),
    remove: (): void => perform(() => deleteDeployment(d.id), __('Deletion started.', 'support-provisioning-portal')),
    hours,
    setHours,
    /** The hours came from a prolong link in a mail: the form says so until the user acts. */
    fromMail: linkedHours !== null && done === '',
    hoursValid,
    prolong: (event: { preventDefault: () => void }): void => {
      event.preventDefault();
      if (!hoursValid) return;
      perform(
        () => prolongDeployment(d.id, hoursValue),
        sprintf(/* translators: %s: duration */ __('Prolonged by %s.', 'support-provisioning-portal'), formatHours(hoursValue)),
      );
    },
  };
}
