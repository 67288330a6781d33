/**
 * Messages in the corner, and the wrapper every API call goes through: a failed call resolves
 * undefined and shows its message. Toasts live in their own store, so showing one re-renders only
 * the toasts.
 */
import { useCallback, useMemo } from 'react';
import { messageOf } from '../api';
import type { Toast } from '../state/app-state';
import type { ValueStore } from '../state/value-store';

let nextToastId = 1;

export function useToasts(store: ValueStore<readonly Toast[]>) {
  const dismiss = useCallback((id: number) => store.set(store.get().filter((t) => t.id !== id)), [store]);

  const toast = useCallback(
    (message: string, kind: 'error' | 'info' = 'error') => {
      const id = nextToastId++;
      store.set([...store.get().slice(-3), { id, kind, message }]);
      setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000);
    },
    [store, dismiss],
  );

  /** Runs an API call; on failure shows its message and resolves undefined. */
  const attempt = useCallback(
    async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch (error) {
        toast(messageOf(error));
        return undefined;
      }
    },
    [toast],
  );

  return useMemo(() => ({ toast, attempt, dismiss }), [toast, attempt, dismiss]);
}
