import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { domain } from './labels.ts';

/** An API error in words, with its code for whoever reads the logs; nothing when there is none. */
export function ErrorNotice({ error, onDismiss }: { error: unknown; onDismiss?: () => void }): JSX.Element | null {
  if (error === null || error === undefined) return null;
  return (
    <Notice status="error" isDismissible={onDismiss !== undefined} onRemove={onDismiss} className="spp-error">
      <p>{describeError(error)}</p>
      {error instanceof ApiError && (
        <p className="spp-error__code">
          {sprintf(
            /* translators: 1: error code, 2: HTTP status */
            __('Error code: %1$s (HTTP %2$d)', domain),
            error.code,
            error.status,
          )}
        </p>
      )}
    </Notice>
  );
}

/** The message for one form field of a 400 rest_invalid_param, shown under the field. */
export function FieldError({ error, field }: { error: unknown; field: string }): JSX.Element | null {
  const message = error instanceof ApiError ? error.fieldErrors[field] : undefined;
  if (message === undefined) return null;
  return (
    <p className="spp-field-error" role="alert">
      {message}
    </p>
  );
}
