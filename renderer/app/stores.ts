/**
 * The app's external stores, made once: what changes with every keystroke or save lives here,
 * outside React's top-level state, and each component reads only the part it shows.
 */
import type { DocumentSummary, SaveState } from '@api/contract';
import { AnnotationStore } from '../state/annotation-store';
import type { Toast } from '../state/app-state';
import { ValueStore } from '../state/value-store';
import type { ViewPlace } from '../features/viewer/TextView';

/** Where the analyst was in a document she left, to bring her back there. */
export interface DocumentPlace {
  place: ViewPlace | null;
  selectedId: string | null;
}

export interface AppStores {
  /** Every document's summary, in corpus order: a tag changes one entry, not the app's state. */
  documents: ValueStore<readonly DocumentSummary[]>;
  /** The open document's own annotations. */
  annotations: AnnotationStore;
  /** The selected span's id (an annotation, a suggestion or a review span). */
  selection: ValueStore<string | null>;
  save: ValueStore<SaveState>;
  /** The current annotator's name, set as soon as main says it (before React renders it). */
  annotator: ValueStore<string>;
  toasts: ValueStore<readonly Toast[]>;
  /** docId → where the analyst left it. */
  places: Map<string, DocumentPlace>;
}

export const createStores = (): AppStores => ({
  documents: new ValueStore<readonly DocumentSummary[]>([]),
  annotations: new AnnotationStore(),
  selection: new ValueStore<string | null>(null),
  save: new ValueStore<SaveState>({ state: 'saved' }),
  annotator: new ValueStore(''),
  toasts: new ValueStore<readonly Toast[]>([]),
  places: new Map(),
});
