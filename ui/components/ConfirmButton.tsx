import { Button, Modal } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface Props {
  /** The button's text, and the confirming button's. */
  label: string;
  /** Title of the confirmation dialog. */
  title: string;
  /** What will happen, in full. */
  message: string;
  onConfirm: () => void;
  disabled?: boolean;
  isDestructive?: boolean;
}

/** A button that asks first: destructive actions never run on one click. */
export function ConfirmButton({ label, title, message, onConfirm, disabled, isDestructive = true }: Props): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" isDestructive={isDestructive} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <Modal title={title} onRequestClose={() => setOpen(false)} className="spp-confirm">
          <p>{message}</p>
          <div className="spp-actions">
            <Button variant="tertiary" onClick={() => setOpen(false)}>
              {__('Cancel', 'support-provisioning-portal')}
            </Button>
            <Button
              variant="primary"
              isDestructive={isDestructive}
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {label}
            </Button>
          </div>
        </Modal>
      )}
    </>
  );
}
