import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { deleteSnapshot, listSnapshots, rollbackSnapshot, takeSnapshot } from '../api/endpoints.ts';
import { BASELINE_SNAPSHOT, type Deployment, type Snapshot, type SnapshotList } from '../api/types.ts';
import { useAction, useLoad } from './hooks.ts';
import { formatDateTime } from './labels.ts';

/**
 * A deployment's snapshots: the list (read again whenever the deployment changes, so it follows
 * the work it polls), taking one, rolling back and deleting. Each change answers with the list and
 * the deployment, whose snapshotTask then shows the work until it is done.
 */
export function useSnapshots(deployment: Deployment, onChange: (deployment: Deployment) => void) {
  const list = useLoad(() => listSnapshots(deployment.id), changeKey(deployment));
  const action = useAction();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [withRam, setWithRam] = useState(false);

  const change = (work: () => Promise<SnapshotList>, after?: () => void): void => {
    void action.run(work).then((updated) => {
      if (updated === undefined) return;
      list.setData(updated);
      onChange(updated.deployment);
      after?.();
    });
  };

  return {
    list,
    action,
    form: { name, setName, description, setDescription, withRam, setWithRam },
    canTake: !action.busy && name.trim() !== '',
    take: (event: { preventDefault: () => void }): void => {
      event.preventDefault();
      change(() => takeSnapshot(deployment.id, { name: name.trim(), description: description.trim(), vmstate: withRam }), () => {
        setName('');
        setDescription('');
      });
    },
    rollback: (snapshot: string) => (): void => change(() => rollbackSnapshot(deployment.id, snapshot)),
    remove: (snapshot: string) => (): void => change(() => deleteSnapshot(deployment.id, snapshot)),
  };
}

/** What the confirmation of "reset to clean" says will be lost. */
export function resetMessage(d: Deployment): string {
  return d.status === 'RUNNING'
    ? __('Reset to clean: the VM returns to its state right after provisioning, and everything changed on it since (files, settings, installed software) is lost. It is stopped for the reset and started again afterwards. Its VM ID, name, shares and expiry stay.', 'support-provisioning-portal')
    : __('Reset to clean: the VM returns to its state right after provisioning, and everything changed on it since (files, settings, installed software) is lost. Its VM ID, name, shares and expiry stay.', 'support-provisioning-portal');
}

export function rollbackMessage(s: Snapshot): string {
  return sprintf(
    /* translators: 1: snapshot name, 2: date and time it was taken */
    __('Roll back to “%1$s”: every change made on the VM since %2$s is lost. A running VM is stopped first and started again afterwards.', 'support-provisioning-portal'),
    s.name,
    formatDateTime(s.takenAt),
  );
}

export function deleteSnapshotMessage(s: Snapshot): string {
  return s.name === BASELINE_SNAPSHOT
    ? __('Delete the baseline: the deployment can no longer be reset to clean.', 'support-provisioning-portal')
    : sprintf(/* translators: %s: snapshot name */ __('Delete snapshot “%s”: the VM can no longer be rolled back to it.', 'support-provisioning-portal'), s.name);
}

/** The running snapshot work, as the progress line says it. */
export function snapshotTaskLabel(task: NonNullable<Deployment['snapshotTask']>): string {
  if (task.kind === 'rollback') {
    return task.name === BASELINE_SNAPSHOT
      ? __('Resetting to clean…', 'support-provisioning-portal')
      : sprintf(/* translators: %s: snapshot name */ __('Rolling back to “%s”…', 'support-provisioning-portal'), task.name);
  }
  return task.kind === 'take'
    ? sprintf(/* translators: %s: snapshot name */ __('Taking snapshot “%s”…', 'support-provisioning-portal'), task.name)
    : sprintf(/* translators: %s: snapshot name */ __('Deleting snapshot “%s”…', 'support-provisioning-portal'), task.name);
}

/**
 * What tells one state of the deployment from the next. `updatedAt` has whole seconds: provisioning
 * can take the baseline and end within one, so the status, step and snapshot work count too.
 */
function changeKey(d: Deployment): string {
  return [d.id, d.updatedAt, d.status, d.step, d.snapshotTask?.kind ?? '', d.snapshotTask?.name ?? ''].join(':');
}
