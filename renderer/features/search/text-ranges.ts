/**
 * The article's text as the page draws it, and DOM Ranges for offsets into that text. Paragraphs
 * are joined with "\n", so a hit never runs from one paragraph into the next. Reads the DOM only:
 * the editor and its highlights are left alone.
 */
import type { TextHit } from './find-hits';

export interface DrawnText {
  /** The text of every text node, paragraphs separated by "\n". */
  text: string;
  nodes: Text[];
  /** Where each node starts in `text`. */
  starts: number[];
}

const blockOf = (node: Node): Element | null => node.parentElement?.closest('p, li, h1, h2, h3, pre, div') ?? null;

/** The text nodes under `root` (widgets that are not part of the text are skipped). */
export function drawnText(root: Element): DrawnText {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('[contenteditable="false"]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  let block: Element | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const here = blockOf(node);
    if (nodes.length > 0 && here !== block) text += '\n';
    block = here;
    nodes.push(node as Text);
    starts.push(text.length);
    text += (node as Text).data;
  }
  return { text, nodes, starts };
}

/** The index of the node holding offset `at` (for an end offset, the node it closes). */
function nodeAt(drawn: DrawnText, at: number, isEnd: boolean): number {
  let low = 0;
  let high = drawn.starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const start = drawn.starts[mid] ?? 0;
    if (start < at || (!isEnd && start === at)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A Range over a hit in the drawn text. */
export function rangeOf(drawn: DrawnText, hit: TextHit): Range {
  const first = nodeAt(drawn, hit.start, false);
  const last = nodeAt(drawn, hit.end, true);
  const range = document.createRange();
  range.setStart(drawn.nodes[first] as Text, hit.start - (drawn.starts[first] ?? 0));
  range.setEnd(drawn.nodes[last] as Text, hit.end - (drawn.starts[last] ?? 0));
  return range;
}

/** Scrolls the nearest scrolling ancestor so the range sits in the middle of it, if it is out of view. */
export function scrollRangeIntoView(range: Range, scroller: Element | null): void {
  if (!scroller) return;
  const box = range.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  const margin = 48;
  if (box.top >= view.top + margin && box.bottom <= view.bottom - margin) return;
  scroller.scrollTop += box.top - view.top - view.height / 2;
}
