/**
 * Keeps the drawn highlights in step with their source and the selected span: a change to a few
 * annotations (or to the selection) removes and adds only their decorations. The changes of one
 * task (a key that clears the selection, selects a span and draws it) are gathered and drawn in
 * one transaction at its end, carrying the page's selection, so a redraw never puts back a
 * selection the person left; while a mouse button is down they wait for its release.
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
  /** The highlights waiting to be drawn again. */
  batch(): HighlightBatch;
  /** Asks for flushBatch at the end of the task (or once the mouse button is up). */
  requestFlush(): void;
}

/** Ids whose highlights are to be drawn again, or everything. */
export interface HighlightBatch {
  ids: Set<string>;
  isReset: boolean;
  /** Set when only the page's selection is to reach ProseMirror (it was collapsed after a tag). */
  hasSelection?: boolean;
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

/** Redraws every highlight of what is drawn (labels or lanes changed, a new source), at the task's end. */
export function resetHighlights(inputs: SyncInputs): void {
  inputs.batch().isReset = true;
  inputs.requestFlush();
}

/** Redraws the highlights a source change touched. */
export function syncSourceChange(inputs: SyncInputs, change: StoreChange): void {
  // A source may already hold the next document while this one is still drawn: its text
  // redraws everything when it arrives.
  if (change.isReset) {
    if (change.docId === undefined || change.docId === inputs.docId()) resetHighlights(inputs);
    return;
  }
  redraw(inputs, [...change.removed, ...change.upserted.map((a) => a.id)]);
}

/** Redraws the highlights of the span selected before and the one selected now. */
export function syncSelectionChange(inputs: SyncInputs, next: string | null, previous: string | null): void {
  redraw(
    inputs,
    [previous, next].filter((id): id is string => id !== null),
  );
}

/** Draws what waited, in one transaction: everything, or the ids touched, as the source has them now. */
export function flushBatch(inputs: SyncInputs): void {
  const batch = inputs.batch();
  const view = inputs.view();
  const drawing = inputs.drawing();
  if (!view || !drawing || (!batch.isReset && batch.ids.size === 0 && !batch.hasSelection)) return;
  const ids = [...batch.ids];
  const isReset = batch.isReset;
  batch.ids.clear();
  batch.isReset = false;
  batch.hasSelection = false;
  const docId = inputs.docId();
  const source = inputs.source();
  const views = isReset ? source.list() : ids.flatMap((id) => source.get(id) ?? []);
  const add = decorationsOf(
    drawnOf(
      drawing,
      views.filter((a) => a.docId === docId),
    ),
    contextOf(inputs, drawing),
  );
  const change = isReset ? { reset: add } : { removeIds: ids, add };
  view.dispatch(withHighlightChange(transactionKeepingSelection(view, drawing), change));
}

function redraw(inputs: SyncInputs, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const batch = inputs.batch();
  for (const id of ids) batch.ids.add(id);
  inputs.requestFlush();
}
