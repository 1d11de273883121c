import { __ } from '@wordpress/i18n';
import type { ConnectionTest } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

interface Props {
  result: ConnectionTest;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Saving values that just failed Test connection: what will break, and a second thought. */
export function FailedTestDialog({ result, onConfirm, onCancel }: Props): JSX.Element {
  const failed = result.checks.filter((check) => !check.ok);
  return (
    <ConfirmDialog
      title={__('Save settings that failed the connection test?', 'support-provisioning-portal')}
      message={(
        <>
          <p>{__('With these values the portal cannot reach Proxmox: creating, starting, stopping and deleting deployments will fail until they are fixed. These checks failed:', 'support-provisioning-portal')}</p>
          <ul className="spp-checks">
            {failed.map((check) => (
              <li key={check.name} className="is-failed"><code>{check.name}</code> {check.message}</li>
            ))}
          </ul>
        </>
      )}
      confirmLabel={__('Save anyway', 'support-provisioning-portal')}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
