import { __ } from '@wordpress/i18n';
import { describeError, errorCodeText } from '../api/errors.ts';
import { Button } from './Buttons.tsx';

type Tone = 'info' | 'success' | 'error';

/** A message in the theme's colours: a currentColor bar marks it, a word says what kind it is. */
export function Notice({ tone = 'info', children }: { tone?: Tone; children: JSX.Element | string }): JSX.Element {
  return (
    <div className={`spp-notice spp-notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** An API error in words, with its code in small print; nothing when there is none. */
export function ErrorMessage({ error, onDismiss }: { error: unknown; onDismiss?: () => void }): JSX.Element | null {
  if (error === null || error === undefined) return null;
  const code = errorCodeText(error);
  return (
    <Notice tone="error">
      <>
        <p>
          <strong>{__('Error:', 'support-provisioning-portal')}</strong> {describeError(error)}
        </p>
        {code !== null && <p className="spp-small">{code}</p>}
        {onDismiss && (
          <Button onClick={onDismiss}>{__('Dismiss', 'support-provisioning-portal')}</Button>
        )}
      </>
    </Notice>
  );
}

export function Loading(): JSX.Element {
  return <p className="spp-loading" role="status">{__('Loading…', 'support-provisioning-portal')}</p>;
}
