import { createContext, useContext } from '@wordpress/element';

/** The mount point's id, so element ids stay unique with several portals on one page. */
export const InstanceContext = createContext('spp-portal');

/** An element id unique to this portal instance. */
export function useInstanceId(name: string): string {
  return `${useContext(InstanceContext)}-${name}`;
}
