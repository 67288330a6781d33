/** Scrolling a DOM Range of the article into view. Reads the DOM only. */

/** Scrolls the nearest scrolling ancestor so the range sits in the middle of it, if it is out of view. */
export function scrollRangeIntoView(range: Range, scroller: Element | null): void {
  if (!scroller) return;
  const box = range.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  const margin = 48;
  if (box.top >= view.top + margin && box.bottom <= view.bottom - margin) return;
  scroller.scrollTop += box.top - view.top - view.height / 2;
}
