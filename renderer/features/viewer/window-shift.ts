/**
 * Moving the drawn window of a long text to an overlapping one by changing only its edges: the
 * lines that leave are deleted and the lines that come are inserted, in one transaction, so
 * ProseMirror builds the DOM of one chunk instead of the whole window. The highlights of the
 * annotations the change reaches (in the lines that came, or cut by the new edges) are drawn
 * again in the same transaction; the others are mapped.
 */
import type { Schema } from '@tiptap/pm/model';
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { AnnotationView } from '@api/contract';
import { buildOffsetMap, type OffsetMap } from '@core/offsets';
import { decorationsOf, withHighlightChange, type HighlightContext } from './highlight-plugin';
import { WINDOW_SHIFT } from './read-only';
import { positionsOf, type Drawing, type OffsetSelection } from './text-selection';
import type { TextWindow } from './text-window';

/** Whether two windows share a chunk, so one can be shifted into the other. */
export const overlaps = (a: TextWindow, b: TextWindow): boolean => a.from < b.to && b.from < a.to;

/** The paragraphs of lines `[from, to)` of the whole text. */
function paragraphsOf(schema: Schema, text: string, whole: OffsetMap, from: number, to: number) {
  const nodes = [];
  for (let line = from; line < to; line += 1) {
    const p = whole.paragraphs[line];
    if (!p) continue;
    nodes.push(schema.node('paragraph', null, p.start < p.end ? [schema.text(text.slice(p.start, p.end))] : []));
  }
  return nodes;
}

/**
 * The transaction that turns the drawing `current` of `text` into the window `next` (which must
 * overlap it), and the drawing it makes. `whole` is the whole text's offset map; `annotations`
 * what is drawn; `contextFor` how highlights look in a drawing. `selection` (whole-text offsets)
 * is the page's selection, set in the transaction when it is still drawn: ProseMirror's own may
 * be older (it reads the page's on the next `selectionchange`), and would be put back otherwise.
 */
export function shiftWindow(
  state: EditorState,
  text: string,
  whole: OffsetMap,
  current: Drawing,
  next: TextWindow,
  annotations: readonly AnnotationView[],
  contextFor: (drawing: Drawing) => HighlightContext,
  selection: OffsetSelection | null = null,
): { tr: Transaction; drawing: Drawing } {
  const { chunks } = current;
  const lineOf = (chunk: number): number => chunks[chunk]?.firstLine ?? 0;
  const endLineOf = (chunk: number): number => chunks[chunk - 1]?.endLine ?? 0;
  const old = { first: lineOf(current.window.from), end: endLineOf(current.window.to) };
  const now = { first: lineOf(next.from), end: endLineOf(next.to) };
  const tr = state.tr;
  const schema = state.schema;
  // Paragraph k of the drawn text starts at position positions[k] - 1.
  const startOf = (line: number): number => (current.map.positions[line - old.first] ?? 1) - 1;
  // Deletions first, the bottom before the top, in the old document's positions.
  if (now.end < old.end) tr.delete(startOf(now.end), tr.doc.content.size);
  if (now.first > old.first) tr.delete(0, startOf(now.first));
  if (now.first < old.first) tr.insert(0, paragraphsOf(schema, text, whole, now.first, old.first));
  if (now.end > old.end) tr.insert(tr.doc.content.size, paragraphsOf(schema, text, whole, old.end, now.end));
  const base = chunks[next.from]?.start ?? 0;
  const end = chunks[next.to - 1]?.end ?? text.length;
  const drawing: Drawing = { ...current, window: next, base, map: buildOffsetMap(text.slice(base, end)) };
  // Highlights in the lines that came, or cut by an edge, are drawn anew; the rest were mapped.
  const oldBase = current.base;
  const oldEnd = current.base + current.map.length;
  const isNew = (a: AnnotationView): boolean =>
    (a.start < oldBase && a.end > base) ||
    (a.end > oldEnd && a.start < end) ||
    (a.start < base && a.end > base) ||
    (a.start < end && a.end > end);
  const redrawn = annotations.filter((a) => a.end >= base && a.start <= end && isNew(a));
  const kept = selection && positionsOf(drawing, selection.anchor, selection.head);
  if (kept) tr.setSelection(TextSelection.create(tr.doc, ...kept));
  withHighlightChange(tr.setMeta(WINDOW_SHIFT, true), {
    removeIds: redrawn.map((a) => a.id),
    add: decorationsOf(redrawn, contextFor(drawing)),
  });
  return { tr, drawing };
}
