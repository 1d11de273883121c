import { __, sprintf } from '@wordpress/i18n';
import { ApiError } from './client.ts';

function gb(mb: unknown): string {
  return (Number(mb) / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 });
}

/**
 * What went wrong, in words a support engineer understands: the server's own (translated)
 * message where it has one, explained further for the codes that need context.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : __('Something unexpected went wrong.', 'support-provisioning-portal');
  }
  const { code, message, data } = error;
  switch (code) {
    case 'fetch_error':
      return __('The WordPress server could not be reached. Check your network connection and try again.', 'support-provisioning-portal');
    case 'invalid_json':
      return sprintf(
        /* translators: %d: HTTP status */
        __('The server answered with something that is not a REST API answer (HTTP %d). A PHP error is the usual cause: check the PHP error log.', 'support-provisioning-portal'),
        error.status,
      );
    case 'rest_cookie_invalid_nonce':
      return __('Your login session has expired. Reload the page (you may need to log in again) and try once more.', 'support-provisioning-portal');
    case 'rest_not_logged_in':
      return __('You are no longer logged in. Log in again and reload this page.', 'support-provisioning-portal');
    case 'rest_forbidden':
      return sprintf(
        /* translators: %s: the server's explanation */
        __('%s Ask a user who manages rights to grant it.', 'support-provisioning-portal'),
        message,
      );
    case 'spp_quota_exceeded':
      return sprintf(
        data.scope === 'global'
          ? /* translators: 1: requested GB, 2: used GB, 3: limit GB */ __('Not enough RAM left in the site’s RAM quota: this needs %1$s GB, %2$s GB of %3$s GB are already allocated. Delete or let expire another deployment, or ask for a higher limit.', 'support-provisioning-portal')
          : /* translators: 1: requested GB, 2: used GB, 3: limit GB */ __('Not enough RAM left in your RAM quota: this needs %1$s GB, %2$s GB of %3$s GB are already allocated. Delete or let expire another deployment, or ask for a higher limit.', 'support-provisioning-portal'),
        gb(data.requestedMb),
        gb(data.usedMb),
        gb(data.limitMb),
      );
    case 'spp_proxmox_error':
      return sprintf(
        /* translators: %s: the error Proxmox reported */
        __('Proxmox refused or failed the request: %s', 'support-provisioning-portal'),
        message,
      );
    default:
      return message !== '' ? message : sprintf(
        /* translators: 1: error code, 2: HTTP status */
        __('The request failed (%1$s, HTTP %2$d).', 'support-provisioning-portal'),
        code,
        error.status,
      );
  }
}

/** The code and HTTP status of an API error, for whoever reads the logs; null for other errors. */
export function errorCodeText(error: unknown): string | null {
  return error instanceof ApiError
    ? sprintf(/* translators: 1: error code, 2: HTTP status */ __('Error code: %1$s (HTTP %2$d)', 'support-provisioning-portal'), error.code, error.status)
    : null;
}
