import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { ConfirmDialog } from './ConfirmDialog.tsx';

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
        <ConfirmDialog
          title={title}
          message={message}
          confirmLabel={label}
          isDestructive={isDestructive}
          onCancel={() => setOpen(false)}
          onConfirm={() => {
            setOpen(false);
            onConfirm();
          }}
        />
      )}
    </>
  );
}
