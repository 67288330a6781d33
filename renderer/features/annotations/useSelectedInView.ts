/** Keeps the selected annotation's entry of a list in view: returns the ref for the list. */
import { useEffect, useRef } from 'react';

export function useSelectedInView(selectedId: string | null) {
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (selectedId === null) return;
    listRef.current
      ?.querySelector(`[data-annotation-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return listRef;
}
