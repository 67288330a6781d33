/**
 * Undo and redo as stacks of transactions: undoing applies a transaction's inverse, so a
 * restored annotation keeps its id, and redoing applies it again. Pure values; the service keeps
 * one history per document and annotator.
 */
import { invert, type Transaction } from './transaction';

/** Undo and redo stacks; the newest transaction is last. */
export interface History {
  done: readonly Transaction[];
  undone: readonly Transaction[];
}

/** How many transactions a history keeps per document before dropping the oldest. */
export const HISTORY_LIMIT = 500;

export const emptyHistory: History = { done: [], undone: [] };

/** Records a new transaction; it clears the redo stack. */
export const record = (history: History, tx: Transaction): History => ({
  done: [...history.done.slice(-(HISTORY_LIMIT - 1)), tx],
  undone: [],
});

/**
 * Takes the last transaction off the undo stack. Returns the transaction to apply (its
 * inverse) and the new history, or null when there is nothing to undo.
 */
export function undo(history: History): { apply: Transaction; history: History } | null {
  const last = history.done.at(-1);
  if (last === undefined) return null;
  return {
    apply: invert(last),
    history: { done: history.done.slice(0, -1), undone: [...history.undone, last] },
  };
}

/** Takes the last undone transaction back. Returns what to apply, or null when nothing is undone. */
export function redo(history: History): { apply: Transaction; history: History } | null {
  const last = history.undone.at(-1);
  if (last === undefined) return null;
  return {
    apply: last,
    history: { done: [...history.done, last], undone: history.undone.slice(0, -1) },
  };
}
