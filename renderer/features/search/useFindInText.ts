/**
 * Find in the open document: the hits of a query in the whole text, drawn over the part of the
 * article the view shows with the CSS Custom Highlight API (`parley-find`, the current one
 * `parley-find-current`), and drawn again whenever the view redraws. Stepping to a hit the view
 * does not show asks the view to draw it. Never changes the editor's content.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TextViewHandle } from '../viewer/TextView';
import { findHits, stepHit, type TextHit } from './find-hits';
import { scrollRangeIntoView } from './text-ranges';

const ALL = 'parley-find';
const CURRENT = 'parley-find-current';
const TEXT_SELECTOR = '.text-view';
const NO_HITS: TextHit[] = [];

/** Whether the page can draw highlights without touching the DOM (Chromium 105+). */
const canHighlight = (): boolean => typeof Highlight !== 'undefined' && 'highlights' in CSS;

function clearHighlights(): void {
  if (!canHighlight()) return;
  CSS.highlights.delete(ALL);
  CSS.highlights.delete(CURRENT);
}

export interface FindState {
  count: number;
  /** Index of the current hit, -1 when there is none. */
  current: number;
  step: (direction: 1 | -1) => void;
  /** The current hit (offsets into the whole text), or null. */
  currentHit: () => TextHit | null;
}

/**
 * Finds `query` in `text` while `isOpen`; `docKey` changes when another document opens. The
 * current hit is scrolled into view when the query changes or the person steps.
 */
export function useFindInText(
  query: string,
  isOpen: boolean,
  docKey: string | undefined,
  text: string,
  view: React.RefObject<TextViewHandle | null>,
): FindState {
  const key = `${docKey ?? ''}\u0000${query}`;
  const [cursor, setCursor] = useState({ key: '', index: 0 });
  const active = isOpen && query !== '';
  const list = useMemo(() => (active ? findHits(text, query) : NO_HITS), [active, text, query]);
  // A new query or document starts at the first hit.
  const index = list.length === 0 ? -1 : cursor.key === key ? Math.min(cursor.index, list.length - 1) : 0;

  // The current hit: drawn if need be, and scrolled to when it is a new one.
  useEffect(() => {
    const hit = list[index];
    if (!hit) return;
    view.current?.reveal(hit.start);
    const range = view.current?.rangeOf(hit.start, hit.end);
    if (range) scrollRangeIntoView(range, document.querySelector(TEXT_SELECTOR)?.closest('.text-scroll') ?? null);
  }, [list, index, key, view]);

  // Every hit the view shows, and the current one on top; again after each redraw of the view.
  useEffect(() => {
    if (!canHighlight()) return;
    if (list.length === 0) {
      clearHighlights();
      return;
    }
    let frame = 0;
    const paint = (): void => {
      frame = 0;
      const handle = view.current;
      if (!handle) return;
      const ranges: Range[] = [];
      for (const hit of list) {
        const range = handle.rangeOf(hit.start, hit.end);
        if (range) ranges.push(range);
      }
      CSS.highlights.set(ALL, new Highlight(...ranges));
      const here = list[index];
      const range = here && handle.rangeOf(here.start, here.end);
      if (range) CSS.highlights.set(CURRENT, new Highlight(range));
      else CSS.highlights.delete(CURRENT);
    };
    paint();
    const observer = new MutationObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    });
    const root = document.querySelector(TEXT_SELECTOR);
    if (root) observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [list, index, view]);

  useEffect(() => clearHighlights, []);

  const step = useCallback(
    (direction: 1 | -1) => setCursor({ key, index: stepHit(index, list.length, direction) }),
    [key, index, list.length],
  );

  const currentHit = useCallback((): TextHit | null => list[index] ?? null, [list, index]);

  return { count: list.length, current: index, step, currentHit };
}
