import type { TokenDefinition } from './acl.ts';
import type { Params } from './params.ts';
import type { Simulator } from './sim.ts';

/** One authenticated, permission-checked, validated API call. */
export interface Call {
  sim: Simulator;
  params: Params;
  token: TokenDefinition;
  /** The token id, as it appears in UPIDs and task status. */
  user: string;
}

export type Handler = (call: Call) => unknown;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A route: an API path template exactly as the official schema spells it. */
export interface Route {
  method: HttpMethod;
  path: string;
  handler: Handler;
}

/** A success answer with keys beside `data` (e.g. the task log's `total`). */
export class Reply {
  constructor(
    readonly data: unknown,
    readonly extra: Record<string, unknown>,
  ) {}
}
