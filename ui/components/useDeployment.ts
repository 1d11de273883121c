import { ApiError } from '../api/client.ts';
import { getDeployment } from '../api/endpoints.ts';
import type { Deployment } from '../api/types.ts';
import { isBusy, POLL_MS } from './busy.ts';
import { useInterval, useLoad, type Loaded } from './hooks.ts';
import { useIpWatch } from './useIpWatch.ts';
import { useLiveRefresh } from './liveRefresh.ts';

export interface LiveDeployment extends Loaded<Deployment> {
  /** The server no longer shows it (deleted, or no longer shared). */
  gone: boolean;
  /** Its addresses are being read again after a start. */
  watchingIps: boolean;
}

/**
 * One deployment, kept current: polled while busy, read again when the tab becomes visible and
 * every half minute, and its addresses read again after it starts.
 */
export function useDeployment(id: number, created: Deployment | null): LiveDeployment {
  const loaded = useLoad(() => getDeployment(id), String(id), created);
  const gone = loaded.error instanceof ApiError && loaded.error.code === 'spp_deployment_not_found';
  // Reading a busy deployment advances its work, so polling is what drives the progress shown.
  useInterval(() => void loaded.reload(true), loaded.data && (isBusy(loaded.data) || loaded.data.snapshotTask !== null) ? POLL_MS : null);
  useLiveRefresh(() => {
    if (!gone) void loaded.reload(true);
  });
  const watchingIps = useIpWatch(gone ? null : loaded.data, loaded.setData);
  return { ...loaded, gone, watchingIps };
}
