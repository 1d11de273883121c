import { listDeployments, runBulk } from '../../api/endpoints.ts';
import type { BulkAction, BulkResult, DeploymentQuery } from '../../api/types.ts';

/** The route takes at most this many ids per request (BulkActions::MAX_ITEMS). */
export const chunkSize = 25;

/** Runs the action on every id, a chunk per request, reporting the results as they come. */
export async function runInChunks(
  action: BulkAction,
  ids: number[],
  extra: { hours?: number; to?: string },
  onResults: (results: BulkResult[]) => void,
): Promise<void> {
  for (let start = 0; start < ids.length; start += chunkSize) {
    const { results } = await runBulk(action, ids.slice(start, start + chunkSize), extra);
    onResults(results);
  }
}

/** Every deployment id the list's filter matches, across all its pages. */
export async function allMatching(query: DeploymentQuery): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const answer = await listDeployments({ ...query, page, per_page: 100 });
    ids.push(...answer.items.map((d) => d.id));
    if (page >= answer.totalPages) return ids;
  }
}
