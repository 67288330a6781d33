/**
 * Measures active time on the open document (see activity.ts) and sends it to main with
 * recordActivity: every 30 s, when another document opens, and when the window hides.
 * Returns `flush`, which sends what was counted so far (before the statistics are read).
 */
import { useCallback, useEffect, useRef } from 'react';
import { api } from '../../api';
import { advance, focusChanged, input, startClock, take, type ActivityClock } from './activity';

/** How often counted time is sent. */
export const SEND_EVERY_MS = 30_000;
/** main accepts at most an hour per call. */
const MAX_PER_CALL_MS = 3_600_000;

const INPUT_EVENTS = ['keydown', 'mousemove', 'mousedown', 'wheel'] as const;

export function useActivityTracker(docId: string | undefined): { flush: () => Promise<void> } {
  const clock = useRef<ActivityClock | null>(null);
  const docRef = useRef(docId);

  /** Sends the time counted for the document open until now. */
  const flush = useCallback(async () => {
    const doc = docRef.current;
    const now = performance.now();
    const { ms, clock: rest } = take(clock.current ?? startClock(now, document.hasFocus()), now);
    clock.current = rest;
    if (doc === undefined || ms <= 0) return;
    try {
      await api().recordActivity(doc, Math.min(ms, MAX_PER_CALL_MS));
    } catch {
      // Losing a slice of measured time is better than interrupting the work with a message.
    }
  }, []);

  // Another document: the time so far belongs to the previous one.
  useEffect(() => {
    if (docRef.current !== docId) void flush();
    docRef.current = docId;
  }, [docId, flush]);

  useEffect(() => {
    clock.current = startClock(performance.now(), document.hasFocus());
    const onInput = (): void => {
      if (clock.current) clock.current = input(clock.current, performance.now());
    };
    const onFocus = (): void => {
      if (clock.current) clock.current = focusChanged(clock.current, performance.now(), true);
    };
    const onBlur = (): void => {
      if (clock.current) clock.current = focusChanged(clock.current, performance.now(), false);
    };
    const onHidden = (): void => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = (): void => void flush();
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    const timer = setInterval(() => void flush(), SEND_EVERY_MS);
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      clearInterval(timer);
      if (clock.current) clock.current = advance(clock.current, performance.now());
    };
  }, [flush]);

  return { flush };
}
