/**
 * What the service lends the modules that work for it (review, session, dataset transfer): read
 * access to the store and the corpus, and commit(), the one way to change the store's data.
 */
import type { AnnotationView, DocumentSummary, EventName, ParleyEvents } from '../api/contract';
import type { Annotation } from '../core/model';
import type { ReadonlyTables } from '../core/store-model';
import type { Transaction } from '../core/transaction';
import type { CommitOptions, HistoryKey } from './annotation-book';
import type { CorpusIndex } from './corpus-index';

export interface ServiceHost {
  /** The store's small tables (settings, labels, documents, statuses…), read-only. */
  tables(): ReadonlyTables;
  /** The name stamped on the current annotator's work. */
  annotator(): string;
  /** An annotation by id, any annotator's. */
  annotation(id: string): Annotation | undefined;
  /** A document's annotations, any annotator's, in no particular order. */
  annotationsOf(docId: string): readonly Annotation[];
  /** Every annotation in the store. */
  allAnnotations(): Iterable<Annotation>;
  readonly corpus: CorpusIndex;
  /** Commits a transaction: the one way to change the store's data. Returns its number. */
  commit(tx: Transaction, options?: CommitOptions): number;
  /** How the renderer sees an annotation: checked against its text, with its revision. */
  view(annotation: Annotation): AnnotationView;
  /** A fresh annotation id (a UUID). */
  newId(): string;
  /** Copies the store aside before a change that touches many spans; returns the backup's path. */
  backup(): Promise<string>;
  /** Forgets the undo histories `isStale` picks. */
  forgetHistories(isStale: (key: HistoryKey) => boolean): void;
  /** Loads a folder into the corpus (and the store's record of its documents); returns the ids added. */
  addFolder(path: string): Promise<string[]>;
  /** Every document's summary for the current annotator. */
  listDocuments(): DocumentSummary[];
  emit<E extends EventName>(name: E, payload: ParleyEvents[E]): void;
  /** Absolute path of the store file. */
  readonly storePath: string;
  /** Asks where to save a file; null when the person cancelled. */
  pickSavePath?: ((suggestedName: string) => Promise<string | null>) | undefined;
}
