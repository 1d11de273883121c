import type { Settings } from '../../api/types.ts';

interface Destination {
  baseUrl: string;
  tokenId: string;
  caCertificate: string;
}

/** scheme://host:port of a base URL (the default port left out, as URL does), or the raw text when it is no URL. */
function origin(baseUrl: string): string {
  try {
    return new URL(baseUrl.trim()).origin;
  } catch {
    return baseUrl.trim();
  }
}

/**
 * Whether the server will ask for the token secret: a secret is saved, and the form sends it to
 * another host, port or scheme, with another token ID or trusting another CA (docs/decisions/settings.md).
 */
export function needsSecretAgain(stored: Settings, form: Destination & { tokenSecret: string }): boolean {
  if (!stored.tokenSecretSet || form.tokenSecret.trim() !== '') return false;
  return origin(form.baseUrl) !== origin(stored.baseUrl)
    || form.tokenId.trim() !== stored.tokenId
    || form.caCertificate.trim() !== stored.caCertificate;
}
