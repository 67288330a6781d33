/**
 * The one path by which the store's data changes: commit() applies a transaction to the store
 * (which journals it), records it for undo when asked, numbers each annotation's revision and
 * hands the committed transaction on (to the events the renderer gets). Undo and redo are
 * transactions on the same path.
 */
import * as history from '../core/history';
import type { StoreModel } from '../core/store-model';
import { annotationChanges, isEmpty, type Transaction } from '../core/transaction';
import { ParleyError } from './errors';
import type { Store } from './store';

/** Whose undo history a transaction goes into. */
export interface HistoryKey {
  annotator: string;
  docId: string;
}

/** How a transaction is committed. */
export interface CommitOptions {
  /** Record it for undo in this annotator's history of this document. */
  undo?: HistoryKey;
}

const keyOf = ({ annotator, docId }: HistoryKey): string => `${annotator}\u0000${docId}`;

export class AnnotationBook {
  private readonly histories = new Map<string, history.History>();
  /** Annotation id → number of the transaction that last changed it (absent: 0). */
  private readonly revs = new Map<string, number>();

  constructor(
    private readonly store: Store,
    /** Called with every committed transaction and its number. */
    private readonly onCommit: (tx: Transaction, seq: number) => void,
  ) {}

  get model(): StoreModel {
    return this.store.model;
  }

  /**
   * Commits `tx`: applies it to the store (journalled), records it for undo when `options.undo`
   * says whose, and reports it. Returns its number. An empty transaction changes nothing.
   */
  commit(tx: Transaction, options: CommitOptions = {}): number {
    if (isEmpty(tx)) return this.store.seq;
    const seq = this.store.commit(tx);
    for (const change of annotationChanges(tx)) this.revs.set(change.id, seq);
    if (options.undo) {
      const key = keyOf(options.undo);
      this.histories.set(key, history.record(this.histories.get(key) ?? history.emptyHistory, tx));
    }
    this.onCommit(tx, seq);
    return seq;
  }

  /** The revision of an annotation: the number of the transaction that last changed it. */
  rev(id: string): number {
    return this.revs.get(id) ?? 0;
  }

  /** Undoes the last transaction of a history; null when there is none. See step(). */
  undo(key: HistoryKey): Transaction | null {
    return this.step(key, history.undo, 'undone');
  }

  /** Redoes the last undone transaction of a history; null when there is none. */
  redo(key: HistoryKey): Transaction | null {
    return this.step(key, history.redo, 'redone');
  }

  /** Forgets the histories that `isStale` picks (their transactions no longer fit the data). */
  forget(isStale: (key: HistoryKey) => boolean): void {
    for (const key of [...this.histories.keys()]) {
      const [annotator = '', docId = ''] = key.split('\u0000');
      if (isStale({ annotator, docId })) this.histories.delete(key);
    }
  }

  /** Forgets every history and revision (the store's data was replaced). */
  forgetAll(): void {
    this.histories.clear();
    this.revs.clear();
  }

  /**
   * Applies the transaction `take` gives and moves it between the stacks. When something else
   * changed the same data since, nothing is applied, the history is forgotten, and BAD_REQUEST
   * says what changed.
   */
  private step(
    key: HistoryKey,
    take: (h: history.History) => { apply: Transaction; history: history.History } | null,
    verb: string,
  ): Transaction | null {
    const id = keyOf(key);
    const taken = take(this.histories.get(id) ?? history.emptyHistory);
    if (taken === null) return null;
    const conflict = this.store.model.conflictOf(taken.apply);
    if (conflict !== null) {
      this.histories.delete(id);
      throw new ParleyError('BAD_REQUEST', `This change cannot be ${verb}: ${conflict}`);
    }
    this.histories.set(id, taken.history);
    this.commit(taken.apply);
    return taken.apply;
  }
}
