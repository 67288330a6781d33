/**
 * A change to the store's data, as a value: every write Parley makes is a transaction of typed
 * changes, each with the value before and after (null: absent). The same record is applied to
 * the model, kept for undo (inverted), appended to the store's journal and sent to the renderer.
 */
import type { Annotation, DeepReadonly, DocStatus, Label, Settings, StoredDocument, StoredReview } from './model';

type Value<T> = DeepReadonly<T>;

/** One keyed value of the store, before and after. Values are never changed once in a change. */
export type Change =
  | { type: 'annotation'; id: string; before: Annotation | null; after: Annotation | null }
  | { type: 'status'; docId: string; annotator: string; before: DocStatus | null; after: DocStatus | null }
  | { type: 'document'; docId: string; before: Value<StoredDocument> | null; after: Value<StoredDocument> | null }
  | { type: 'review'; docId: string; before: Value<StoredReview> | null; after: Value<StoredReview> | null }
  | {
      type: 'rejectedSuggestions';
      docId: string;
      annotator: string;
      before: readonly string[] | null;
      after: readonly string[] | null;
    }
  | { type: 'activity'; annotator: string; docId: string; before: number | null; after: number | null }
  | { type: 'settings'; before: Value<Settings>; after: Value<Settings> }
  | { type: 'labels'; before: Value<Label[]>; after: Value<Label[]> }
  | { type: 'folders'; before: readonly string[]; after: readonly string[] };

export type ChangeType = Change['type'];

/** What one user action changed, in the order it was applied. */
export interface Transaction {
  readonly changes: readonly Change[];
}

/** The transaction that reverses `tx`: each change swapped, in reverse order. */
export function invert(tx: Transaction): Transaction {
  return {
    changes: [...tx.changes].reverse().map((c) => ({ ...c, before: c.after, after: c.before }) as Change),
  };
}

/** Whether a transaction changes nothing. */
export const isEmpty = (tx: Transaction): boolean => tx.changes.length === 0;

/** A change to one annotation: created (before null), updated, or deleted (after null). */
export const annotationChange = (before: Annotation | null, after: Annotation | null): Change => {
  const id = after?.id ?? before?.id;
  if (id === undefined) throw new TypeError('an annotation change needs a value before or after');
  return { type: 'annotation', id, before, after };
};

/** The annotation changes of a transaction. */
export const annotationChanges = (tx: Transaction): Extract<Change, { type: 'annotation' }>[] =>
  tx.changes.filter((c): c is Extract<Change, { type: 'annotation' }> => c.type === 'annotation');

/** Ids of the documents whose annotations a transaction touches. */
export function touchedDocIds(tx: Transaction): Set<string> {
  const ids = new Set<string>();
  for (const c of tx.changes) {
    if (c.type !== 'annotation') continue;
    const docId = c.after?.docId ?? c.before?.docId;
    if (docId !== undefined) ids.add(docId);
  }
  return ids;
}

/** Ids of the annotations a transaction leaves in place (created or updated). */
export const keptAnnotationIds = (tx: Transaction): string[] =>
  annotationChanges(tx).flatMap((c) => (c.after === null ? [] : [c.after.id]));
