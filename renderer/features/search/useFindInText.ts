/**
 * Find in the open document: the hits of a query drawn over the article with the CSS Custom
 * Highlight API (`parley-find`, the current one `parley-find-current`), recomputed when the text
 * or its highlights are redrawn. Never touches the editor: it only reads the text nodes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { findHits, stepHit, type TextHit } from './find-hits';
import { drawnText, rangeOf, scrollRangeIntoView, type DrawnText } from './text-ranges';

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
  /** A Range over the current hit in the text as drawn now, or null. */
  currentRange: () => Range | null;
}

/**
 * Draws the hits of `query` while `isOpen`; `docKey` changes when another document opens. The
 * current hit is scrolled into view when the query changes or the person steps.
 */
export function useFindInText(query: string, isOpen: boolean, docKey: string | undefined): FindState {
  const key = `${docKey ?? ''}\u0000${query}`;
  const [hits, setHits] = useState<{ key: string; list: TextHit[] }>({ key: '', list: [] });
  const [cursor, setCursor] = useState({ key: '', index: 0 });
  const drawn = useRef<DrawnText | null>(null);
  const scrolledTo = useRef('');
  const active = isOpen && query !== '';

  // Find the hits, and again whenever the text view redraws (another document, new highlights).
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    const compute = (): void => {
      frame = 0;
      const view = document.querySelector(TEXT_SELECTOR);
      drawn.current = view ? drawnText(view) : null;
      setHits({ key, list: drawn.current ? findHits(drawn.current.text, query) : [] });
    };
    frame = requestAnimationFrame(compute);
    const observer = new MutationObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(compute);
    });
    const root = document.querySelector(TEXT_SELECTOR);
    if (root) observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [active, key, query]);

  const list = active && hits.key === key ? hits.list : NO_HITS;
  // A new query or document starts at the first hit; a redraw keeps the current one.
  const index = list.length === 0 ? -1 : cursor.key === key ? Math.min(cursor.index, list.length - 1) : 0;

  // Draw every hit, and the current one on top; scroll only when the current hit is a new one.
  useEffect(() => {
    const text = drawn.current;
    if (!canHighlight()) return;
    if (!text || list.length === 0) {
      clearHighlights();
      return;
    }
    const ranges = list.map((hit) => rangeOf(text, hit));
    CSS.highlights.set(ALL, new Highlight(...ranges));
    const here = ranges[index];
    if (!here) return;
    CSS.highlights.set(CURRENT, new Highlight(here));
    const target = `${key}#${index}`;
    if (scrolledTo.current === target) return;
    scrolledTo.current = target;
    scrollRangeIntoView(here, document.querySelector(TEXT_SELECTOR)?.closest('.text-scroll') ?? null);
  }, [list, index, key]);

  useEffect(() => clearHighlights, []);

  const step = useCallback(
    (direction: 1 | -1) => setCursor({ key, index: stepHit(index, list.length, direction) }),
    [key, index, list.length],
  );

  const currentRange = useCallback((): Range | null => {
    const hit = list[index];
    return hit && drawn.current ? rangeOf(drawn.current, hit) : null;
  }, [list, index]);

  return { count: list.length, current: index, step, currentRange };
}
