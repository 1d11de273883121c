import { ApiError } from '../api/client.ts';
import { getDeployment } from '../api/endpoints.ts';
import type { Deployment } from '../api/types.ts';
import { isBusy, POLL_MS } from './busy.ts';
import { useInterval, useLoad, type Loaded } from './hooks.ts';

/** One deployment, polled while busy; `gone` once the server no longer shows it. */
export function useDeployment(id: number, created: Deployment | null): Loaded<Deployment> & { gone: boolean } {
  const loaded = useLoad(() => getDeployment(id), String(id), created);
  // Reading a busy deployment advances its work, so polling is what drives the progress shown.
  useInterval(() => void loaded.reload(true), loaded.data && (isBusy(loaded.data) || loaded.data.snapshotTask !== null) ? POLL_MS : null);
  const gone = loaded.error instanceof ApiError && loaded.error.code === 'spp_deployment_not_found';
  return { ...loaded, gone };
}
