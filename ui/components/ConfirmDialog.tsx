import { Button, Modal } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

interface Props {
  title: string;
  /** What will happen, in full. */
  message: string | JSX.Element;
  /** The confirming button's text. */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  isDestructive?: boolean;
}

/** A question before something that cannot simply be taken back (admin only: WordPress's Modal). */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, isDestructive = true }: Props): JSX.Element {
  return (
    <Modal title={title} onRequestClose={onCancel} className="spp-confirm">
      {typeof message === 'string' ? <p>{message}</p> : message}
      <div className="spp-actions">
        <Button variant="tertiary" onClick={onCancel}>
          {__('Cancel', 'support-provisioning-portal')}
        </Button>
        <Button variant="primary" isDestructive={isDestructive} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
