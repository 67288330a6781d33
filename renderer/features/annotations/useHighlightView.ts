/**
 * The view of one id in a highlight source (the selected span's, say), kept current: the
 * component re-renders when a change touches that id, not on every change of the source.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { AnnotationView } from '@api/contract';
import type { HighlightSource } from '../viewer/highlight-source';

export function useHighlightView(source: HighlightSource, id: string | null): AnnotationView | undefined {
  const version = useRef(0);
  const subscribe = useCallback(
    (notify: () => void) =>
      source.subscribe((change) => {
        if (id === null) return;
        if (change.isReset || change.removed.includes(id) || change.upserted.some((a) => a.id === id)) {
          version.current += 1;
          notify();
        }
      }),
    [source, id],
  );
  useSyncExternalStore(subscribe, () => version.current);
  return id === null ? undefined : source.get(id);
}
