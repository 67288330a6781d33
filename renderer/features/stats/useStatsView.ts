/** The statistics view's open state, and the active-time measurement it reports on. */
import { useCallback, useState } from 'react';
import { useActivityTracker } from './useActivityTracker';

export function useStatsView(docId: string | undefined) {
  const [isOpen, setOpen] = useState(false);
  const { flush } = useActivityTracker(docId);
  const open = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  return { isOpen, open, close, flushActivity: flush };
}
