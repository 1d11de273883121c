import { api, type ApiResponse } from '../api.ts';
import { effectiveRights, type CallerSpec } from './callers.ts';
import type { MatrixFixture } from './fixture.ts';
import { notLoggedIn, type Expectation, type Reach, type RouteRow } from './routes.ts';

/** The contract's answer for one cell of the matrix (`gone`: the cell aims at a ghost deployment). */
export function expected(row: RouteRow, caller: CallerSpec, reach: Reach = caller.relation): Expectation {
  const rights = effectiveRights(caller);
  if (rights === null) return notLoggedIn;
  return row.refusal(rights, reach) ?? { status: row.success, ...(row.allowedCode === undefined ? {} : { code: row.allowedCode }) };
}

/** The part of an answer the matrix compares: the status, and the error code of a refusal. */
export function outcome(response: ApiResponse<unknown>): Expectation {
  const code = (response.body as { code?: unknown } | null)?.code;
  return response.status >= 400 && typeof code === 'string' ? { status: response.status, code } : { status: response.status };
}

export function describeExpectation(e: Expectation): string {
  return e.code === undefined ? String(e.status) : `${e.status} ${e.code}`;
}

/**
 * Runs one cell: prepares its state, calls `beforeSend` with the path (for snapshots), sends the
 * request as the caller (aimed at `ghost` instead of the matrix's deployment when given), and
 * repairs what the request consumed.
 */
export async function runCell(
  fixture: MatrixFixture,
  row: RouteRow,
  caller: CallerSpec,
  { ghost, beforeSend }: { ghost?: number; beforeSend?: (path: string) => Promise<void> } = {},
): Promise<ApiResponse<unknown>> {
  const { path, body } = await row.request(fixture, ghost);
  await beforeSend?.(path);
  const response = await api(fixture.userOf(caller), row.method, path, body);
  await row.settle?.(fixture, response.status);
  return response;
}
