import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

/** Calls `callback` every `ms` milliseconds while `ms` is not null. */
export function useInterval(callback: () => void, ms: number | null): void {
  const saved = useRef(callback);
  saved.current = callback;
  useEffect(() => {
    if (ms === null) return undefined;
    const timer = window.setInterval(() => saved.current(), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
}

/** The current time, refreshed every `ms` milliseconds (for countdowns). */
export function useNow(ms = 30000): number {
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), ms);
  return now;
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again; `quiet` keeps showing the current data (polling). */
  reload: (quiet?: boolean) => Promise<void>;
  setData: (data: T) => void;
}

/**
 * Runs `load` when `key` changes; only the latest request's answer is kept. `initial` is shown
 * until the first answer arrives. A quiet reload (polling) while an answer is still awaited waits
 * for that answer instead of superseding it: on a server slower than the poll (WordPress
 * Playground answers in seconds) every answer would otherwise be dropped and the view never move.
 */
export function useLoad<T>(load: () => Promise<T>, key: string, initial: T | null = null): Loaded<T> {
  const [data, setData] = useState<T | null>(initial);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(initial === null);
  const latest = useRef(0);
  const pending = useRef<Promise<void> | null>(null);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback((quiet = false): Promise<void> => {
    if (quiet && pending.current) return pending.current;
    const ticket = ++latest.current;
    if (!quiet) setLoading(true);
    const request = (async (): Promise<void> => {
      try {
        const answer = await loader.current();
        if (ticket !== latest.current) return;
        setData(answer);
        setError(null);
      } catch (failure) {
        if (ticket === latest.current) setError(failure);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    })();
    pending.current = request;
    void request.then(() => {
      if (pending.current === request) pending.current = null;
    });
    return request;
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { data, error, loading, reload, setData };
}

/** Runs one mutation at a time and keeps its error, so it can be shown next to its control. */
export function useAction(): {
  busy: boolean;
  error: unknown;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}

/** `value`, once it has stopped changing for `ms` (search boxes ask once per pause, not per key). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
