/**
 * Which rows of a long list to render: only those near the visible part of the scrolling pane,
 * each a fixed height, so a document with 10,000 spans lists them without building 10,000 rows.
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** Height of one row in a windowed list (px); the CSS of `.annotation-list.windowed` matches it. */
export const ROW_HEIGHT = 34;
/** Lists longer than this are windowed. */
export const WINDOW_FROM = 300;
/** Rows rendered beyond each edge of the visible part. */
const OVERSCAN = 15;

/**
 * The rows `[first, last)` to render for a list of `count` rows of `rowHeight` px inside
 * `scroller`, below `list`.
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  list: RefObject<HTMLElement | null>,
  count: number,
  selectedIndex: number,
  rowHeight = ROW_HEIGHT,
): { first: number; last: number; isWindowed: boolean } {
  const isWindowed = count > WINDOW_FROM;
  const [view, setView] = useState({ top: 0, height: 800 });
  useEffect(() => {
    const el = scroller.current;
    if (!isWindowed || !el) return;
    let frame = 0;
    const measure = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const offset = list.current ? list.current.offsetTop : 0;
        setView({ top: el.scrollTop - offset, height: el.clientHeight });
      });
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [scroller, list, isWindowed]);
  // The selected row is scrolled into view, as the plain list does with scrollIntoView.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!isWindowed || !el || selectedIndex < 0) return;
    const offset = list.current ? list.current.offsetTop : 0;
    const top = offset + selectedIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTo({ top });
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTo({ top: top + rowHeight - el.clientHeight });
  }, [scroller, list, isWindowed, selectedIndex, rowHeight]);
  if (!isWindowed) return { first: 0, last: count, isWindowed };
  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  return { first, last, isWindowed };
}
