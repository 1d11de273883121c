import { Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { adoptOrphan, destroyOrphan } from '../../api/endpoints.ts';
import type { DriftOrphan, OrphanReason } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction } from '../../components/hooks.ts';

interface Props {
  orphans: DriftOrphan[];
  foreign: number;
  mayDelete: boolean;
}

function reasonText(reason: OrphanReason): string {
  switch (reason) {
    case 'deleted':
      return __('its deployment was deleted', 'support-provisioning-portal');
    case 'failed':
      return __('its deployment failed', 'support-provisioning-portal');
    case 'duplicate':
      return __('a second VM of a live deployment', 'support-provisioning-portal');
  }
}

/** VMs carrying one of this site's markers without a live deployment: adopt or destroy each. */
export function Orphans({ orphans, foreign, mayDelete }: Props): JSX.Element {
  return (
    <div className="spp-panel" aria-labelledby="spp-orphans-title">
      <h3 id="spp-orphans-title">{__('Orphaned VMs', 'support-provisioning-portal')}</h3>
      {orphans.length === 0 && <p>{__('No orphaned VMs.', 'support-provisioning-portal')}</p>}
      {orphans.length > 0 && (
        <table className="widefat striped spp-table spp-orphans">
          <thead>
            <tr>
              <th scope="col">{__('VM', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Why', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Size', 'support-provisioning-portal')}</th>
              <th scope="col">{__('Action', 'support-provisioning-portal')}</th>
            </tr>
          </thead>
          <tbody>
            {orphans.map((orphan) => <OrphanRow key={orphan.vmid} orphan={orphan} mayDelete={mayDelete} />)}
          </tbody>
        </table>
      )}
      {foreign > 0 && (
        <p className="description">
          {sprintf(
            /* translators: %d: number of VMs */
            __('%d VMs carry markers this site never issued (another portal site\'s); they are left alone.', 'support-provisioning-portal'),
            foreign,
          )}
        </p>
      )}
    </div>
  );
}

function OrphanRow({ orphan, mayDelete }: { orphan: DriftOrphan; mayDelete: boolean }): JSX.Element {
  const [owner, setOwner] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const receiver = owner.trim();
  const finish = (text: string) => (answer: unknown): void => {
    if (!answer) return;
    setDone(text);
  };
  const adopt = (): void => void action.run(() => adoptOrphan(orphan.vmid, orphan.marker, receiver)).then(
    finish(sprintf(/* translators: %s: login of the new owner */ __('Adopted for %s.', 'support-provisioning-portal'), receiver)),
  );
  const destroy = (): void => void action.run(() => destroyOrphan(orphan.vmid, orphan.marker)).then(finish(__('Destroyed.', 'support-provisioning-portal')));

  return (
    <tr data-vmid={orphan.vmid}>
      <td>
        <strong>{orphan.name}</strong>
        <br />
        {sprintf(/* translators: 1: VMID, 2: node, 3: running or stopped */ __('VM %1$d on %2$s, %3$s', 'support-provisioning-portal'), orphan.vmid, orphan.node,
          orphan.running ? __('running', 'support-provisioning-portal') : __('stopped', 'support-provisioning-portal'))}
      </td>
      <td>{reasonText(orphan.reason)}</td>
      <td>{sprintf(/* translators: 1: MB of RAM, 2: CPU cores */ __('%1$d MB, %2$d cores', 'support-provisioning-portal'), orphan.memoryMb, orphan.cores)}</td>
      <td>
        {done !== null && <Notice status="success" isDismissible={false}>{done}</Notice>}
        {done === null && (
          <div className="spp-inline-form">
            {orphan.adoptable && (
              <>
                <TextControl label={__('Owner (login or email)', 'support-provisioning-portal')} value={owner} onChange={setOwner} autoComplete="off" />
                <ConfirmButton
                  label={__('Adopt', 'support-provisioning-portal')}
                  title={__('Adopt this VM?', 'support-provisioning-portal')}
                  message={sprintf(
                    /* translators: 1: VM name, 2: login or e-mail of the owner */
                    __('"%1$s" becomes a deployment of %2$s again. Its RAM and VM count against their contingent.', 'support-provisioning-portal'),
                    orphan.name,
                    receiver,
                  )}
                  disabled={receiver === '' || action.busy}
                  isDestructive={false}
                  onConfirm={adopt}
                />
              </>
            )}
            {mayDelete && (
              <ConfirmButton
                label={__('Destroy', 'support-provisioning-portal')}
                title={__('Destroy this VM?', 'support-provisioning-portal')}
                message={sprintf(
                  /* translators: 1: VM name, 2: VMID */
                  __('"%1$s" (VM %2$d) is stopped and destroyed on the cluster with its disks. This cannot be undone.', 'support-provisioning-portal'),
                  orphan.name,
                  orphan.vmid,
                )}
                disabled={action.busy}
                onConfirm={destroy}
              />
            )}
          </div>
        )}
        <ErrorNotice error={action.error} onDismiss={action.clear} />
      </td>
    </tr>
  );
}
