/**
 * Undo and redo as change sets: each records the annotations before and after a change, so
 * undoing applies the inverse and a restored annotation keeps its id. Pure values; the service
 * keeps one history per document and annotator.
 */
import type { Annotation } from '../api/contract';

/** One user action: annotations created, updated (before → after) and deleted. */
export interface ChangeSet {
  created: readonly Annotation[];
  updated: readonly { before: Annotation; after: Annotation }[];
  deleted: readonly Annotation[];
}

/** Undo and redo stacks; the newest change is last. */
export interface History {
  done: readonly ChangeSet[];
  undone: readonly ChangeSet[];
}

/** How many changes a history keeps per document before dropping the oldest. */
export const HISTORY_LIMIT = 500;

export const emptyHistory: History = { done: [], undone: [] };

/** The change set that reverses `change`. */
export const invert = (change: ChangeSet): ChangeSet => ({
  created: change.deleted,
  updated: change.updated.map(({ before, after }) => ({ before: after, after: before })),
  deleted: change.created,
});

/** Records a new change; it clears the redo stack. */
export const record = (history: History, change: ChangeSet): History => ({
  done: [...history.done.slice(-(HISTORY_LIMIT - 1)), change],
  undone: [],
});

/**
 * Takes the last change off the undo stack. Returns the change set to apply (the inverse) and
 * the new history, or null when there is nothing to undo.
 */
export function undo(history: History): { apply: ChangeSet; history: History } | null {
  const last = history.done.at(-1);
  if (last === undefined) return null;
  return {
    apply: invert(last),
    history: { done: history.done.slice(0, -1), undone: [...history.undone, last] },
  };
}

/** Takes the last undone change back. Returns what to apply, or null when nothing is undone. */
export function redo(history: History): { apply: ChangeSet; history: History } | null {
  const last = history.undone.at(-1);
  if (last === undefined) return null;
  return {
    apply: last,
    history: { done: [...history.done, last], undone: history.undone.slice(0, -1) },
  };
}

/** Ids of the annotations a change set leaves in place (created or updated). */
export const touchedIds = (change: ChangeSet): string[] => [
  ...change.created.map((a) => a.id),
  ...change.updated.map((u) => u.after.id),
];
