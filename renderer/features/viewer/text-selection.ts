/**
 * Selection ↔ offsets in the text view. The page's selection is the truth: right after a person
 * drags or presses Shift+arrow, ProseMirror may not have read it yet (it does on the next
 * `selectionchange`), so what a key tags, and what a redraw keeps, is read from the DOM.
 */
import type { EditorView } from '@tiptap/pm/view';
import { offsetToPos, posToOffset, type OffsetMap } from '@core/offsets';
import type { Chunk, ChunkHeights, TextWindow } from './text-window';

/** The part of the text drawn now, and how to place it in the scrolled height of the whole. */
export interface Drawing {
  chunks: readonly Chunk[];
  heights: ChunkHeights;
  window: TextWindow;
  /** Offset of the drawn text in the whole text, and its offset map. */
  base: number;
  map: OffsetMap;
}

/** A selection as offsets into the whole text; `anchor` may be after `head`, equal when collapsed. */
export interface OffsetSelection {
  anchor: number;
  head: number;
}

/** Positions in the drawn text of whole-text offsets `a` and `b`, or null when either is not drawn. */
export function positionsOf(drawing: Drawing, a: number, b: number): [number, number] | null {
  const inside = (offset: number): boolean => offset >= drawing.base && offset <= drawing.base + drawing.map.length;
  if (!inside(a) || !inside(b)) return null;
  return [offsetToPos(drawing.map, a - drawing.base), offsetToPos(drawing.map, b - drawing.base)];
}

/** Whether the whole-text range `[start, end]` reaches into the drawn part. */
export const isDrawn = (drawing: Drawing, start: number, end: number): boolean =>
  end >= drawing.base && start <= drawing.base + drawing.map.length;

/** The paragraph element of line `line` of the whole text, when it is drawn. */
export function lineElement(view: EditorView, drawing: Drawing, line: number): HTMLElement | null {
  const first = drawing.chunks[drawing.window.from]?.firstLine ?? 0;
  const el = view.dom.children[line - first];
  return el instanceof HTMLElement ? el : null;
}

/** ProseMirror's selection as whole-text offsets. */
export function stateSelection(view: EditorView, drawing: Drawing): OffsetSelection {
  const { anchor, head } = view.state.selection;
  return {
    anchor: drawing.base + posToOffset(drawing.map, anchor),
    head: drawing.base + posToOffset(drawing.map, head),
  };
}

/**
 * The page's selection as whole-text offsets (collapsed included), or null when it is not in the
 * text (in a field, say, or nowhere).
 */
export function pageSelection(view: EditorView, drawing: Drawing): OffsetSelection | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return null;
  try {
    const at = (node: Node, offset: number): number =>
      drawing.base + posToOffset(drawing.map, view.posAtDOM(node, offset));
    return { anchor: at(anchorNode, selection.anchorOffset), head: at(focusNode, selection.focusOffset) };
  } catch {
    // posAtDOM throws for a point ProseMirror does not know (a spacer); there is no text selection then.
    return null;
  }
}

/** The selection to tag: the page's when it is in the text, else ProseMirror's; null when collapsed. */
export function selectedRange(view: EditorView, drawing: Drawing): OffsetSelection | null {
  const range = pageSelection(view, drawing) ?? stateSelection(view, drawing);
  return range.anchor === range.head ? null : range;
}
