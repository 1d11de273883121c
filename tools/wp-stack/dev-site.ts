import { createHash } from 'node:crypto';
import { repoRoot } from './paths.ts';
import { PrerequisiteError } from './prerequisite-error.ts';

/** Names the dev site (and so its database, `spp_wp_<name>`) instead of the per-clone default. */
export const devSiteVariable = 'SPP_DEV_SITE';

/**
 * The dev site's name: `dev_` and a short hash of the clone's path, so two clones on one machine
 * never share a database; SPP_DEV_SITE overrides it.
 */
export function devSiteName(clonePath: string = repoRoot, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[devSiteVariable];
  if (chosen !== undefined) {
    if (!/^[a-z0-9_]{1,48}$/.test(chosen)) {
      throw new PrerequisiteError(`${devSiteVariable} must be 1 to 48 lower-case letters, digits or underscores (it becomes the database name spp_wp_${chosen})`);
    }
    return chosen;
  }
  return `dev_${createHash('sha256').update(clonePath).digest('hex').slice(0, 8)}`;
}
