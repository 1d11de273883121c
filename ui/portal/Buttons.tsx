import { forwardRef, useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { copyText } from '../components/clipboard.ts';

/**
 * The theme's own button: block themes style `.wp-element-button` from theme.json, classic
 * themes style `button`; the portal's CSS only fills in what neither sets.
 */
type ButtonProps = JSX.IntrinsicElements['button'] & { primary?: boolean };

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(({ primary = false, className = '', ...props }, ref) => {
  const classes = ['spp-button', primary ? 'wp-element-button spp-button--primary' : 'spp-button--secondary', className];
  return <button type="button" {...props} ref={ref} className={classes.filter(Boolean).join(' ')} />;
});

interface ConfirmProps {
  label: string;
  /** What will happen, in full. */
  message: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/** A destructive action that asks first, in place: the question and its two answers replace the button. */
export function ConfirmButton({ label, message, onConfirm, disabled }: ConfirmProps): JSX.Element {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return <Button disabled={disabled} onClick={() => setAsking(true)}>{label}</Button>;
  }
  return (
    <span className="spp-confirm" role="group" aria-label={label}>
      <span>{message}</span>{' '}
      <Button ref={confirm} primary onClick={() => { setAsking(false); onConfirm(); }}>
        {label}
      </Button>{' '}
      <Button onClick={() => setAsking(false)}>{__('Cancel', 'support-provisioning-portal')}</Button>
    </span>
  );
}

export function CopyButton({ text }: { text: string }): JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <Button
        className="spp-button--small"
        onClick={() => copyText(text).then(() => setState('copied'), () => setState('failed'))}
        aria-label={sprintf(/* translators: %s: IP address */ __('Copy %s to the clipboard', 'support-provisioning-portal'), text)}
      >
        {__('Copy', 'support-provisioning-portal')}
      </Button>
      <span className="spp-small" aria-live="polite">
        {state === 'copied' && __('Copied', 'support-provisioning-portal')}
        {state === 'failed' && __('Copy failed: select the address and copy it by hand', 'support-provisioning-portal')}
      </span>
    </>
  );
}
