import { Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { repairDrift, type DriftRepair } from '../../api/endpoints.ts';
import type { DriftChange, DriftDeployment, DriftKind } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction } from '../../components/hooks.ts';
import { href } from '../route.ts';

interface Props {
  findings: DriftDeployment[];
  mayDelete: boolean;
}

/** Each kind's one action: its button, its question, and whether it needs the delete right. */
function repairOf(kind: DriftKind): { repair: DriftRepair; label: string; title: string; destructive: boolean } {
  switch (kind) {
    case 'vm_gone':
    case 'vm_replaced':
      return { repair: 'gone', label: __('Mark as gone', 'support-provisioning-portal'), title: __('Mark this deployment as gone?', 'support-provisioning-portal'), destructive: true };
    case 'changed':
      return { repair: 'reapply', label: __('Re-apply size', 'support-provisioning-portal'), title: __('Put back the size and name?', 'support-provisioning-portal'), destructive: false };
    case 'running_after_expiry':
      return { repair: 'stop', label: __('Stop', 'support-provisioning-portal'), title: __('Stop this expired VM?', 'support-provisioning-portal'), destructive: false };
  }
}

function describe(finding: DriftDeployment): string {
  switch (finding.kind) {
    case 'vm_gone':
      return sprintf(/* translators: %d: VMID */ __('VM %d is gone from the cluster.', 'support-provisioning-portal'), finding.vmid);
    case 'vm_replaced':
      return sprintf(/* translators: %d: VMID */ __('VM %d is another VM now: it does not carry the marker.', 'support-provisioning-portal'), finding.vmid);
    case 'running_after_expiry':
      return __('Expired, but its VM is running.', 'support-provisioning-portal');
    case 'changed':
      return finding.changes.map(changeText).join(' ');
  }
}

function changeText(change: DriftChange): string {
  const field = { memory: __('Memory (MB)', 'support-provisioning-portal'), cores: __('Cores', 'support-provisioning-portal'), name: __('Name', 'support-provisioning-portal') }[change.field];
  /* translators: 1: memory, cores or name, 2: value on the cluster, 3: value the portal gave */
  return sprintf(__('%1$s: %2$s instead of %3$s.', 'support-provisioning-portal'), field, change.actual, change.expected);
}

/** Deployments whose VM is gone, replaced, changed by hand or running after expiry. */
export function DriftDeployments({ findings, mayDelete }: Props): JSX.Element {
  return (
    <div className="spp-panel" aria-labelledby="spp-drifted-title">
      <h3 id="spp-drifted-title">{__('Deployments that differ from the cluster', 'support-provisioning-portal')}</h3>
      {findings.length === 0 && <p>{__('Every deployment matches its VM.', 'support-provisioning-portal')}</p>}
      {findings.length > 0 && (
        <table className="widefat striped spp-table spp-drifted">
          <thead>
            <tr>
              <th scope="col">{__('Deployment', 'support-provisioning-portal')}</th>
              <th scope="col">{__('What differs', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Action', 'support-provisioning-portal')}</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((finding) => <FindingRow key={finding.id} finding={finding} mayDelete={mayDelete} />)}
          </tbody>
        </table>
      )}
    </div>
  );
}

function FindingRow({ finding, mayDelete }: { finding: DriftDeployment; mayDelete: boolean }): JSX.Element {
  const [done, setDone] = useState(false);
  const action = useAction();
  const { repair, label, title, destructive } = repairOf(finding.kind);
  const run = (): void => void action.run(() => repairDrift(finding.id, repair)).then((answer) => {
    if (!answer) return;
    setDone(true);
  });
  return (
    <tr data-deployment={finding.id}>
      <td>
        <a href={href('deployments', finding.id)}>{finding.name}</a>
        <br />
        {sprintf(/* translators: 1: owner login, 2: status */ __('%1$s, %2$s', 'support-provisioning-portal'), finding.ownerLogin, finding.status)}
      </td>
      <td>{describe(finding)}</td>
      <td>
        {done && <Notice status="success" isDismissible={false}>{__('Done.', 'support-provisioning-portal')}</Notice>}
        {!done && (repair !== 'gone' || mayDelete) && (
          <ConfirmButton
            label={label}
            title={title}
            message={sprintf(/* translators: 1: deployment name, 2: what differs */ __('"%1$s": %2$s', 'support-provisioning-portal'), finding.name, describe(finding))}
            disabled={action.busy}
            isDestructive={destructive}
            onConfirm={run}
          />
        )}
        <ErrorNotice error={action.error} onDismiss={action.clear} />
      </td>
    </tr>
  );
}
