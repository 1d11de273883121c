/** A Proxmox-style API failure: the HTTP status, the message (its first line becomes the reason phrase). */
export class PveError extends Error {
  readonly status: number;
  readonly errors: Record<string, string> | undefined;
  /** Errors raised by pveproxy itself (401, 501 for a body on GET) carry no JSON body. */
  readonly bare: boolean;

  constructor(status: number, message: string, options: { errors?: Record<string, string>; bare?: boolean } = {}) {
    super(message.replace(/\n+$/, ''));
    this.status = status;
    this.errors = options.errors;
    this.bare = options.bare ?? false;
  }
}

/** `raise_param_exc`: 400 `Parameter verification failed.` with per-parameter messages. */
export function paramError(errors: Record<string, string>): PveError {
  return new PveError(400, 'Parameter verification failed.', { errors });
}

/** A plain `die "...\n"` inside an API handler: HTTP 500 with the message. */
export function fail(message: string): PveError {
  return new PveError(500, message);
}

/** `raise_perm_exc`: 403 `Permission check failed (<what>)`. */
export function permissionError(what?: string): PveError {
  return new PveError(403, what ? `Permission check failed (${what})` : 'Permission check failed');
}
