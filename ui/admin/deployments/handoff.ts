import type { Deployment } from '../../api/types.ts';

/**
 * The answer of a create, handed to the detail view it opens, so the view starts from
 * PROVISIONING and shows every step, even when the first read already finds it done.
 */
let pending: Deployment | null = null;

export function handOff(deployment: Deployment): void {
  pending = deployment;
}

export function takeHandOff(id: number): Deployment | null {
  const taken = pending?.id === id ? pending : null;
  pending = null;
  return taken;
}
