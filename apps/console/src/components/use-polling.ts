import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';

export interface Polled<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `load()` now and again every `intervalMs` while `intervalMs` > 0 (auto-refresh), and whenever `deps`
 * change. An answer that arrives after a newer request started is dropped, so a slow old page never overwrites
 * the filter just chosen. A 401 signs the console out (the key was revoked meanwhile).
 */
export function usePolling<T>(load: () => Promise<T>, deps: readonly unknown[], intervalMs: number, onUnauthorized?: () => void): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  const run = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        if (failure instanceof ApiError && failure.status === 401) unauthorizedRef.current?.();
        setError(failure instanceof Error ? failure.message : String(failure));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setData(undefined);
    run();
  }, deps);

  useEffect(() => {
    if (intervalMs <= 0) return undefined;
    const timer = window.setInterval(run, intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, run]);

  return { data, error, loading, reload: run };
}
