import type { Me, RightKey } from '../api/types.ts';

/** Whether the caller holds at least one of the rights (from GET me: effective rights). */
export function hasAny(me: Me, ...rights: RightKey[]): boolean {
  return rights.some((right) => me.rights.includes(right));
}
