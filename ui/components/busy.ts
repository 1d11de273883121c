import type { Deployment } from '../api/types.ts';

/** How often a view with busy deployments reads them again. */
export const POLL_MS = 2000;

/** Background work owns the deployment: provisioning or deleting. */
export function isBusy(deployment: Pick<Deployment, 'status'>): boolean {
  return deployment.status === 'PROVISIONING' || deployment.status === 'DELETING';
}
