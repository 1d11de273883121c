import { Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { transferDeployment } from '../../api/endpoints.ts';
import type { Deployment } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction } from '../../components/hooks.ts';

/** Hands the deployment to another user with portal access (docs/decisions/hand-over.md). */
export function Transfer({ deployment, onChange }: { deployment: Deployment; onChange: (d: Deployment) => void }): JSX.Element {
  const [to, setTo] = useState('');
  const [handedTo, setHandedTo] = useState<string | null>(null);
  const action = useAction();
  const receiver = to.trim();

  const onConfirm = (): void => {
    setHandedTo(null);
    void action.run(() => transferDeployment(deployment.id, receiver)).then((answer) => {
      if (!answer) return;
      setHandedTo(answer.ownerLogin);
      setTo('');
      onChange(answer);
    });
  };

  return (
    <div className="spp-panel spp-transfer" aria-labelledby="spp-transfer-title">
      <h3 id="spp-transfer-title">{__('Hand over', 'support-provisioning-portal')}</h3>
      <p>
        {__('Give this deployment to another user with portal access. They become its owner, and its RAM and VM count against their contingent.', 'support-provisioning-portal')}
      </p>
      <div className="spp-inline-form">
        <TextControl label={__('New owner (login or email)', 'support-provisioning-portal')} value={to} onChange={setTo} autoComplete="off" />
        <ConfirmButton
          label={__('Hand over', 'support-provisioning-portal')}
          title={__('Hand over this deployment?', 'support-provisioning-portal')}
          message={sprintf(
            /* translators: 1: login or e-mail of the new owner, 2: deployment name */
            __('%1$s becomes the owner of "%2$s". Unless you manage all deployments, you will no longer see it.', 'support-provisioning-portal'),
            receiver,
            deployment.name,
          )}
          disabled={receiver === '' || action.busy}
          isDestructive={false}
          onConfirm={onConfirm}
        />
      </div>
      <ErrorNotice error={action.error} onDismiss={action.clear} />
      {handedTo !== null && (
        <Notice status="success" isDismissible={false}>
          {sprintf(/* translators: %s: login of the new owner */ __('Handed over to %s.', 'support-provisioning-portal'), handedTo)}
        </Notice>
      )}
    </div>
  );
}
