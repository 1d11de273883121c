import { listDeployments } from '../api/endpoints.ts';
import type { Deployment, DeploymentQuery, Page } from '../api/types.ts';
import { isBusy, POLL_MS } from './busy.ts';
import { useInterval, useLoad, type Loaded } from './hooks.ts';
import { useLiveRefresh } from './liveRefresh.ts';

/** A page of deployments, read again while any of them is busy, when the tab becomes visible and every half minute. */
export function useDeploymentList(query: DeploymentQuery): Loaded<Page<Deployment>> & { items: Deployment[] } {
  const list = useLoad(() => listDeployments(query), JSON.stringify(query));
  const items = list.data?.items ?? [];
  // Busy deployments advance on every read: re-reading the list shows their progress.
  useInterval(() => void list.reload(true), items.some(isBusy) ? POLL_MS : null);
  useLiveRefresh(() => void list.reload(true));
  return { ...list, items };
}
