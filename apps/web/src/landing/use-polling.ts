import { useEffect, useState } from 'react';

/** Loads a value now and again `intervalMs` after each answer (never two requests at once). */
export type PollingLoader<T> = (signal: AbortSignal, previous: T | undefined) => Promise<T>;

/**
 * The latest value of `load`, polled while the component is mounted. `load` should be a stable
 * (module-level) function: a new one restarts the polling.
 */
export function usePolling<T>(load: PollingLoader<T>, intervalMs: number): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let previous: T | undefined;
    const tick = async (): Promise<void> => {
      try {
        previous = await load(controller.signal, previous);
        setValue(previous);
      } catch {
        // A loader rejects only when aborted; anything else is retried at the next tick.
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [load, intervalMs]);
  return value;
}
