import { useCallback, useState } from '@wordpress/element';

export interface Selection {
  ids: number[];
  has: (id: number) => boolean;
  toggle: (id: number) => void;
  /** Replaces the selection (a page, or every deployment matching the filter). */
  set: (ids: number[]) => void;
  clear: () => void;
}

/** The deployments ticked in the admin list, in the order they were ticked. */
export function useSelection(): Selection {
  const [ids, setIds] = useState<number[]>([]);
  const toggle = useCallback((id: number) => {
    setIds((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id]));
  }, []);
  return {
    ids,
    has: (id) => ids.includes(id),
    toggle,
    set: (next) => setIds([...new Set(next)]),
    clear: () => setIds([]),
  };
}
