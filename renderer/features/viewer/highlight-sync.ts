/**
 * Keeps the drawn highlights in step with their source and the selected span: a change to a few
 * annotations (or to the selection) removes and adds only their decorations, in one transaction
 * that carries the page's selection, so a redraw never puts back a selection the person left.
 */
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { AnnotationView, Label } from '@api/contract';
import type { StoreChange } from '../../state/annotation-store';
import { decorationsOf, withHighlightChange, type HighlightContext } from './highlight-plugin';
import type { HighlightSource } from './highlight-source';
import { isDrawn, pageSelection, positionsOf, type Drawing } from './text-selection';

/** What the sync reads when it runs: the view, what is drawn, and how highlights look. */
export interface SyncInputs {
  view(): EditorView | null;
  /** The document whose text is drawn. */
  docId(): string;
  drawing(): Drawing | null;
  source(): HighlightSource;
  selectedId(): string | null;
  labels(): readonly Label[];
  lanes(): ReadonlyMap<string, number> | undefined;
  /**
   * Set while a mouse button is down in the text: a redraw then would let ProseMirror put back a
   * selection the drag is still making, so the ids to redraw wait here until the button is up.
   */
  deferred(): { ids: Set<string>; isReset: boolean } | null;
}

/** How highlights are drawn in `drawing` with this selection, labels and lanes. */
export function contextOf(inputs: SyncInputs, drawing: Drawing): HighlightContext {
  const lanes = inputs.lanes();
  return {
    map: drawing.map,
    base: drawing.base,
    labels: new Map(inputs.labels().map((l) => [l.id, l])),
    selectedId: inputs.selectedId(),
    ...(lanes && { lanes }),
  };
}

/** The views of `list` that reach into the drawn part. */
export const drawnOf = (drawing: Drawing, list: readonly AnnotationView[]): AnnotationView[] =>
  drawing.chunks.length === 1 ? [...list] : list.filter((a) => isDrawn(drawing, a.start, a.end));

/**
 * A transaction from the view's state that carries the page's selection when it is in the text:
 * a person may have selected new words (a drag, Shift+arrow, a click that collapsed it) that
 * ProseMirror has not read yet, and a transaction with the older selection would put that back.
 */
export function transactionKeepingSelection(view: EditorView, drawing: Drawing): Transaction {
  const tr = view.state.tr;
  const inPage = pageSelection(view, drawing);
  const at = inPage && positionsOf(drawing, inPage.anchor, inPage.head);
  return at ? tr.setSelection(TextSelection.create(tr.doc, ...at)) : tr;
}

/** Redraws every highlight of what is drawn (labels or lanes changed, a new source). */
export function resetHighlights(inputs: SyncInputs): void {
  const held = inputs.deferred();
  if (held) {
    held.isReset = true;
    return;
  }
  const view = inputs.view();
  const drawing = inputs.drawing();
  if (!view || !drawing) return;
  const docId = inputs.docId();
  const list = inputs
    .source()
    .list()
    .filter((a) => a.docId === docId);
  const add = decorationsOf(drawnOf(drawing, list), contextOf(inputs, drawing));
  view.dispatch(withHighlightChange(transactionKeepingSelection(view, drawing), { reset: add }));
}

/** Redraws the highlights a source change touched. */
export function syncSourceChange(inputs: SyncInputs, change: StoreChange): void {
  const docId = inputs.docId();
  // A source may already hold the next document while this one is still drawn: its text
  // redraws everything when it arrives.
  if (change.isReset) {
    if (change.docId === undefined || change.docId === docId) resetHighlights(inputs);
    return;
  }
  const upserted = change.upserted.filter((a) => a.docId === docId);
  redraw(inputs, [...change.removed, ...upserted.map((a) => a.id)], upserted);
}

/** Redraws the highlights of the span selected before and the one selected now. */
export function syncSelectionChange(inputs: SyncInputs, next: string | null, previous: string | null): void {
  const source = inputs.source();
  const ids = [previous, next].filter((id): id is string => id !== null);
  redraw(
    inputs,
    ids,
    ids.flatMap((id) => source.get(id) ?? []),
  );
}

/** Draws what waited while the mouse button was down: everything, or the ids touched meanwhile. */
export function flushDeferred(inputs: SyncInputs, held: { ids: Set<string>; isReset: boolean }): void {
  if (held.isReset) return resetHighlights(inputs);
  const source = inputs.source();
  const docId = inputs.docId();
  const ids = [...held.ids];
  redraw(
    inputs,
    ids,
    ids.flatMap((id) => source.get(id) ?? []).filter((a) => a.docId === docId),
  );
}

function redraw(inputs: SyncInputs, removeIds: readonly string[], upserted: readonly AnnotationView[]): void {
  const held = inputs.deferred();
  if (held) {
    for (const id of removeIds) held.ids.add(id);
    return;
  }
  const view = inputs.view();
  const drawing = inputs.drawing();
  if (!view || !drawing || removeIds.length === 0) return;
  const add = decorationsOf(drawnOf(drawing, upserted), contextOf(inputs, drawing));
  view.dispatch(withHighlightChange(transactionKeepingSelection(view, drawing), { removeIds, add }));
}
