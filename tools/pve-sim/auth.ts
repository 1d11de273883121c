import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenDefinition } from './acl.ts';
import { PveError } from './errors.ts';

/** `PVEAPIToken=user@realm!tokenid=secret`: the secret follows the last `=`. */
export function parseTokenHeader(header: string): { tokenId: string; secret: string } | undefined {
  const m = /^PVEAPIToken[= ](.+)$/.exec(header.trim());
  if (!m?.[1]) return undefined;
  const eq = m[1].lastIndexOf('=');
  if (eq <= 0) return undefined;
  return { tokenId: m[1].slice(0, eq), secret: m[1].slice(eq + 1) };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The token a request authenticates with. Failures are 401s with no body, answered only after
 * `delayMs` (pveproxy delays every unauthorized call): `No ticket` without credentials,
 * `Authentication failed!` for a bad token.
 */
export async function authenticate(headers: IncomingHttpHeaders, tokens: ReadonlyMap<string, TokenDefinition>, delayMs: number): Promise<TokenDefinition> {
  const header = headers.authorization;
  let reason: string;
  if (header === undefined || !header.trim().startsWith('PVEAPIToken')) {
    reason = 'No ticket'; // without a token header pveproxy looks for a ticket cookie
  } else {
    const parsed = parseTokenHeader(header);
    const token = parsed && tokens.get(parsed.tokenId);
    if (parsed && token && sameSecret(parsed.secret, token.secret)) return token;
    reason = 'Authentication failed!';
  }
  await sleep(delayMs);
  throw new PveError(401, reason, { bare: true });
}
