import { Notice } from '@wordpress/components';
import { describeError, errorCodeText } from '../api/errors.ts';

/** An API error in words, with its code for whoever reads the logs; nothing when there is none. */
export function ErrorNotice({ error, onDismiss }: { error: unknown; onDismiss?: () => void }): JSX.Element | null {
  if (error === null || error === undefined) return null;
  const code = errorCodeText(error);
  return (
    <Notice status="error" isDismissible={onDismiss !== undefined} onRemove={onDismiss} className="spp-error">
      <p>{describeError(error)}</p>
      {code !== null && <p className="spp-error__code">{code}</p>}
    </Notice>
  );
}
