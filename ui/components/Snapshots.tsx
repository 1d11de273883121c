import { __, sprintf } from '@wordpress/i18n';
import { BASELINE_SNAPSHOT, type Deployment } from '../api/types.ts';
import { describeError } from '../api/errors.ts';
import { formatDateTime } from './labels.ts';
import { deleteSnapshotMessage, resetMessage, rollbackMessage, snapshotTaskLabel, useSnapshots } from './useSnapshots.ts';

interface Props {
  deployment: Deployment;
  onChange: (deployment: Deployment) => void;
  /** Whether the viewer may delete the baseline (manage_all); the server decides in the end. */
  mayDeleteBaseline: boolean;
  /** The UI's own button. */
  button: (label: string, props: { type?: 'submit'; disabled?: boolean }) => JSX.Element;
  /** The UI's own confirmation: the action runs only once its message was confirmed. */
  confirm: (label: string, message: string, onConfirm: () => void, disabled: boolean) => JSX.Element;
}

/**
 * The Snapshots section of a deployment's detail, in the portal and the admin: reset to clean,
 * the snapshots with their time and whether RAM was saved, taking one, rolling back, deleting,
 * and progress while Proxmox works (docs/decisions/snapshots.md).
 */
export function Snapshots({ deployment: d, onChange, mayDeleteBaseline, button, confirm }: Props): JSX.Element | null {
  const { list, action, form, canTake, take, rollback, remove } = useSnapshots(d, onChange);
  if (d.vmid === null || d.otherConnection || !['STOPPED', 'RUNNING', 'EXPIRED'].includes(d.status)) return null;
  const allowed = d.allowedActions.includes('snapshot');
  const busy = action.busy || d.snapshotTask !== null;
  const snapshots = list.data?.snapshots ?? [];
  const baseline = snapshots.find((s) => s.name === BASELINE_SNAPSHOT);
  const own = snapshots.filter((s) => !s.baseline).length;
  const limit = list.data?.limit ?? 0;
  const failure = action.error ?? list.error;

  return (
    <section className="spp-panel spp-snapshots" aria-labelledby={`spp-snapshots-${d.id}`}>
      <h3 id={`spp-snapshots-${d.id}`}>{__('Snapshots', 'support-provisioning-portal')}</h3>
      <div role="status" aria-live="polite" className="spp-snapshots__progress">
        {d.snapshotTask !== null && (
          <p>
            <strong>{snapshotTaskLabel(d.snapshotTask)}</strong>{' '}
            <progress aria-label={__('Progress', 'support-provisioning-portal')} />
          </p>
        )}
      </div>
      {failure !== null && <p className="spp-field-error" role="alert">{describeError(failure)}</p>}
      {d.status === 'EXPIRED' && <p>{__('Prolong the deployment to take, roll back to or delete snapshots.', 'support-provisioning-portal')}</p>}
      {allowed && baseline !== undefined && (
        <p className="spp-snapshots__reset">
          {confirm(__('Reset to clean', 'support-provisioning-portal'), resetMessage(d), rollback(BASELINE_SNAPSHOT), busy)}
        </p>
      )}
      {list.data !== null && baseline === undefined && (
        <p>{__('This deployment has no baseline snapshot, so it cannot be reset to clean.', 'support-provisioning-portal')}</p>
      )}
      {snapshots.length > 0 && (
        <table className="spp-table widefat spp-snapshots__list">
          <thead>
            <tr>
              <th scope="col">{__('Name', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Taken', 'support-provisioning-portal')}</th>
              <th scope="col">{__('RAM', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Description', 'support-provisioning-portal')}</th>
              {allowed && <th scope="col">{__('Actions', 'support-provisioning-portal')}</th>}
            </tr>
          </thead>
          <tbody>
            {snapshots.map((s) => (
              <tr key={s.name}>
                <td>{s.baseline ? __('Baseline (clean after provisioning)', 'support-provisioning-portal') : s.name}</td>
                <td>{formatDateTime(s.takenAt)}</td>
                <td>{s.withRam ? __('with RAM', 'support-provisioning-portal') : __('disk only', 'support-provisioning-portal')}</td>
                <td>{s.description}</td>
                {allowed && (
                  <td className="spp-snapshots__actions">
                    {!s.baseline && confirm(__('Roll back', 'support-provisioning-portal'), rollbackMessage(s), rollback(s.name), busy)}{' '}
                    {(!s.baseline || mayDeleteBaseline) && confirm(__('Delete', 'support-provisioning-portal'), deleteSnapshotMessage(s), remove(s.name), busy)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {allowed && (
        <form className="spp-snapshots__take" onSubmit={take}>
          <p>
            {sprintf(
              /* translators: 1: user snapshots taken, 2: how many are allowed */
              __('%1$d of %2$d snapshots used (the baseline does not count).', 'support-provisioning-portal'),
              own,
              limit,
            )}
          </p>
          <label>
            {__('Snapshot name (letters, digits, underscores)', 'support-provisioning-portal')}{' '}
            <input type="text" value={form.name} maxLength={40} pattern="[A-Za-z][A-Za-z0-9_]{1,39}" onChange={(e) => form.setName(e.target.value)} />
          </label>{' '}
          <label>
            {__('Description', 'support-provisioning-portal')}{' '}
            <input type="text" value={form.description} maxLength={255} onChange={(e) => form.setDescription(e.target.value)} />
          </label>{' '}
          <label>
            <input type="checkbox" checked={form.withRam} disabled={d.status !== 'RUNNING'} onChange={(e) => form.setWithRam(e.target.checked)} />{' '}
            {__('Include RAM (running VMs only)', 'support-provisioning-portal')}
          </label>{' '}
          {button(__('Take snapshot', 'support-provisioning-portal'), { type: 'submit', disabled: !canTake || busy || own >= limit })}
        </form>
      )}
    </section>
  );
}
