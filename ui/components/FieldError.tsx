import { ApiError } from '../api/client.ts';

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
