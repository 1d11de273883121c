import { __, sprintf } from '@wordpress/i18n';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { domain } from '../components/labels.ts';
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
  return (
    <Notice tone="error">
      <>
        <p>
          <strong>{__('Error:', domain)}</strong> {describeError(error)}
        </p>
        {error instanceof ApiError && (
          <p className="spp-small">
            {sprintf(/* translators: 1: error code, 2: HTTP status */ __('Error code: %1$s (HTTP %2$d)', domain), error.code, error.status)}
          </p>
        )}
        {onDismiss && (
          <Button onClick={onDismiss}>{__('Dismiss', domain)}</Button>
        )}
      </>
    </Notice>
  );
}

/** The message for one form field of a 400 rest_invalid_param, under the field. */
export function FieldMessage({ error, field }: { error: unknown; field: string }): JSX.Element | null {
  const message = error instanceof ApiError ? error.fieldErrors[field] : undefined;
  if (message === undefined) return null;
  return (
    <p className="spp-field-error" role="alert">
      {message}
    </p>
  );
}

export function Loading(): JSX.Element {
  return <p className="spp-loading" role="status">{__('Loading…', domain)}</p>;
}
