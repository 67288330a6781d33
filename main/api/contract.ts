/**
 * The one contract between Parley's processes: every call the renderer can make, the events main
 * sends, and the data that crosses. Preload, main/ipc and the test harness all loop over
 * API_METHODS, so none of them spells a method by hand. It imports only types (the domain model
 * of core/model.ts), so anything may import it.
 */

import type {
  Annotation,
  AnnotationSource,
  AttributeDef,
  Comment,
  DocStatus,
  Label,
  ReviewState,
  Settings,
} from '../core/model';

// The domain model is defined once, in core/model.ts; the contract passes its types on.
export type { Annotation, AnnotationSource, AttributeDef, Comment, DocStatus, Label, ReviewState, Settings };

/** An analyst's progress on one document; core/model.ts makes its schema (and DocStatus) of this list. */
export const DOC_STATUSES = ['todo', 'in-progress', 'done'] as const;

/** The reserved annotator whose set is the adjudicated gold standard. */
export const GOLD = 'gold';

/** A document as listed: no text. */
export interface DocumentSummary {
  /** File name without extension (unique in the corpus). */
  id: string;
  /** First non-empty line of the text, or the file name when the text cannot be read. */
  title: string;
  /** Absolute path of the file it was read from. */
  source: string;
  /** SHA-256 of the text's UTF-8 bytes, hex; empty when the file could not be read. */
  sha256: string;
  /** Length of the text in UTF-16 code units. */
  length: number;
  /** Status for the current annotator. */
  status: DocStatus;
  /** Count of the current annotator's spans in this document. */
  spanCount: number;
  /** Count of those spans whose stored text no longer matches the document. */
  flaggedCount: number;
  /** Publication date YYYY-MM-DD: set by the person, or detected from the text. */
  publishedAt?: string;
  /** Why the file could not be loaded; absent when it loaded. */
  error?: string;
}

/** Why an annotation is flagged rather than drawn as a normal span. */
export type AnchorProblem = 'text-mismatch' | 'out-of-range';

/**
 * An annotation as the renderer shows it: without the context kept to find it again (prefix and
 * suffix stay in main), with the result of checking it against the text, and its revision.
 */
export interface AnnotationView extends Omit<Annotation, 'prefix' | 'suffix'> {
  /** Present when the stored text does not match the document any more: shown, never moved. */
  problem?: AnchorProblem;
  /**
   * The number of the store transaction that last changed it (0: not changed since the store was
   * opened). Of two views of one annotation, the one with the larger revision is the newer.
   */
  rev: number;
}

/** An annotation that was deleted, by the transaction numbered `rev`. */
export interface RemovedAnnotation {
  id: string;
  docId: string;
  rev: number;
}

/** Annotations a change created or changed (as they are now) and removed. */
export interface AnnotationDelta {
  upsert: AnnotationView[];
  remove: RemovedAnnotation[];
}

/** A span of a changed text, found again at another place. */
export interface MovedSpan {
  id: string;
  annotator: string;
  label: string;
  /** Where it was and what it covered (as stored). */
  oldStart: number;
  oldEnd: number;
  oldText: string;
  /** Where it is now and what it covers there. */
  start: number;
  end: number;
  text: string;
  /** `exact`: the same text elsewhere; `fuzzy`: a close match near the old place. */
  how: 'exact' | 'fuzzy';
}

/** A span of a changed text that could not be found: kept with its text, never deleted. */
export interface OrphanSpan {
  id: string;
  annotator: string;
  label: string;
  start: number;
  end: number;
  text: string;
}

/** The spans of a document whose text changed since they were tagged, every annotator's. */
export interface AnchorReview {
  docId: string;
  moved: MovedSpan[];
  orphans: OrphanSpan[];
}

/** One document opened for tagging. */
export interface DocumentView {
  document: DocumentSummary;
  /** The text exactly as in the file (CRLF kept, BOM kept). */
  text: string;
  /** The current annotator's annotations, sorted by (start, -end). */
  annotations: AnnotationView[];
  /** The store transaction the view is as of: later changes arrive as `changes` events. */
  seq: number;
}

/** What the renderer asks for to tag a new span. Offsets: UTF-16 code units, end exclusive. */
export interface NewAnnotation {
  /**
   * A fresh UUID the renderer chose, so it can draw the span before main answers; main makes
   * one when it is absent and refuses one that is taken.
   */
  id?: string;
  docId: string;
  start: number;
  end: number;
  label: string;
  attributes?: Record<string, string>;
  note?: string;
  /** Tag into the gold set (review) instead of the current annotator's own. */
  gold?: boolean;
}

/** Changes to an annotation; omitted fields stay as they are. */
export interface AnnotationChanges {
  start?: number;
  end?: number;
  label?: string;
  attributes?: Record<string, string>;
  note?: string;
}

/** What an undo or redo changed, so the renderer can show it. */
export interface HistoryStep extends AnnotationDelta {
  docId: string;
  /** Ids the step brought back or changed, to select them. */
  touchedIds: string[];
}

/** What one store transaction changed, as the renderer needs it (the `changes` event). */
export interface ChangeEvent {
  /** The transaction's number; a later transaction has a larger one. */
  seq: number;
  /** Every annotator's annotations it created, changed or removed. */
  annotations: AnnotationDelta;
  /** Summaries of the documents whose status, counts or date it changed (current annotator). */
  documents: DocumentSummary[];
  /** The label set, when it changed. */
  labels?: Label[];
  /** The settings, when they changed. */
  settings?: Settings;
  /** Set when the change was too large to send: reload what is shown. */
  reload?: boolean;
}

/** A store Parley cannot use; every other call fails until it is resolved. */
export interface StoreProblem {
  /** `in-use`: another Parley process has the store open for writing. */
  kind: 'corrupt' | 'newer-version' | 'unreadable' | 'in-use';
  /** Absolute path of the store file. */
  path: string;
  /** What is wrong, in words a person can act on. */
  message: string;
  /** Whether moving the file aside and starting fresh is offered. */
  canStartFresh: boolean;
}

/** One backup of the store, next to it as `<store>.backup-<timestamp>`. */
export interface BackupInfo {
  /** The file name, which restoreBackup takes. */
  name: string;
  /** When it was made (ISO 8601). */
  createdAt: string;
  bytes: number;
  /** Annotations in it, of every annotator; null when it cannot be read as a Parley store. */
  annotations: number | null;
  documents: number | null;
}

/** State of the store on disk, for the autosave indicator. */
export interface SaveState {
  state: 'saved' | 'saving' | 'error';
  /** Set when state is `error`. */
  message?: string;
}

/** Dataset formats Parley reads and writes (docs/formats.md). */
export type FormatId = 'spans' | 'doccano' | 'conll' | 'brat' | 'labelstudio' | 'webanno' | 'csv';
export const FORMAT_IDS: readonly FormatId[] = ['spans', 'doccano', 'conll', 'brat', 'labelstudio', 'webanno', 'csv'];

/** What File > Import… reads: every dataset format, and another Parley store file (`parley`). */
export type ImportFormatId = FormatId | 'parley';
export const IMPORT_FORMAT_IDS: readonly ImportFormatId[] = [...FORMAT_IDS, 'parley'];

/** The unit of offsets outside Parley: Unicode code points (default) or UTF-16 code units. */
export type OffsetEncoding = 'codepoint' | 'utf16';

/** What to export. Omitted filters mean: the current annotator, every label, every document. */
export interface ExportRequest {
  format: FormatId;
  annotators?: string[];
  labels?: string[];
  /** `done`: only documents the annotator marked done. */
  status?: 'any' | 'done';
  offsets?: OffsetEncoding;
  /** CoNLL: one tag column; overlapping spans are dropped and reported. */
  singleColumn?: boolean;
  /** CoNLL: a first line `# columns: token …` (off by default: CoNLL-2003 readers take it for a token). */
  header?: boolean;
  /** Reproducible split by document into train/dev/test (spans and CoNLL). */
  split?: { train: number; dev: number; test: number; seed: number };
}

/** A span an export could not carry. */
export interface DroppedSpanReport {
  docId: string;
  label: string;
  text: string;
  reason: string;
}

export interface ExportSummary {
  /** The file or folder written. */
  destination: string;
  /** Paths of the files written. */
  files: string[];
  documents: number;
  spans: number;
  dropped: DroppedSpanReport[];
}

/** What to import. */
export interface ImportRequest {
  format: ImportFormatId;
  /** Whose annotations these are; default: the file's annotator, else the current one. Not for `parley`. */
  annotator?: string;
  /** Add labels the store does not have instead of refusing their spans. */
  addLabels?: boolean;
  /** Import the valid records and skip the rest, instead of changing nothing. */
  skipInvalid?: boolean;
  /** Unit of offsets in files that do not declare theirs; default codepoint. */
  offsets?: OffsetEncoding;
}

/** A problem found in an imported file. */
export interface ImportProblem {
  file: string;
  line?: number;
  docId?: string;
  message: string;
}

export interface ImportReport {
  /** The file or folder read. */
  source: string;
  /** Whether the store was changed (false: refused, nothing written). */
  applied: boolean;
  documents: number;
  spans: number;
  addedDocuments: string[];
  addedLabels: string[];
  problems: ImportProblem[];
  /** Spans and documents left out because of problems (with skipInvalid). */
  skipped: number;
  /** Copy of the store taken before the import wrote to it. */
  backup?: string;
  /** What was left out on purpose, in words (a store's sets of yours and its gold set). */
  notes?: string[];
}

/** Progress of a long export or import. */
export interface Progress {
  task: 'export' | 'import';
  done: number;
  total: number;
}

/** Which annotations agreement and review look at. Omitted: everyone, every label, every document. */
export interface AgreementRequest {
  annotators?: string[];
  labels?: string[];
  docs?: string[];
}

/**
 * A measure overall (`all`) and per label id. An undefined figure is `null`; `reasons` then says
 * why, keyed by `all` or the label id ("every token is O for both annotators: kappa is undefined").
 */
export interface LabelledFigures {
  all: number | null;
  perLabel: Record<string, number | null>;
  reasons?: Record<string, string>;
}

/** Precision, recall and F1 of annotator `b` against `a` as the reference, with the counts behind them. */
export interface MatchFigures {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Spans of `b` matched with a span of `a`. */
  tp: number;
  /** Spans of `b` with no match in `a`. */
  fp: number;
  /** Spans of `a` with no match in `b`. */
  fn: number;
  reason?: string;
}

export interface SpanMatchReport {
  micro: MatchFigures;
  perLabel: Record<string, MatchFigures>;
}

/** Two annotators compared over the documents both annotated. */
export interface PairAgreement {
  a: string;
  b: string;
  /** Documents both annotated. */
  documents: number;
  /** Tokens in those documents. */
  tokens: number;
  cohenKappa: LabelledFigures;
  /** Same start, end and label. */
  spanExact: SpanMatchReport;
  /** Overlapping spans of the same label, matched one to one. */
  spanRelaxed: SpanMatchReport;
}

export interface GroupAgreement {
  /** Fleiss' kappa over the documents every annotator of the group annotated. */
  fleissKappa: LabelledFigures;
  /** Documents Fleiss' kappa used. */
  fleissDocuments: number;
  /** Krippendorff's alpha (nominal) on tokens; a document an annotator did not annotate is missing data. */
  krippendorffAlpha: LabelledFigures;
  /** Krippendorff's unitized alpha over code-point positions. */
  unitizedAlpha: LabelledFigures;
}

export interface DocumentAgreement {
  docId: string;
  tokens: number;
  /** Annotators who annotated this document (spans, or a status other than todo). */
  annotated: string[];
  pairwise: PairAgreement[];
  group: GroupAgreement;
}

/** Every agreement figure of a set of annotators (docs/agreement.md). */
export interface AgreementReport {
  annotators: string[];
  labels: string[];
  documents: number;
  tokens: number;
  pairwise: PairAgreement[];
  group: GroupAgreement;
  perDocument: DocumentAgreement[];
}

/** One annotator's set: how much they tagged, per label and per document. */
export interface AnnotatorStats {
  name: string;
  isCurrent: boolean;
  isGold: boolean;
  total: number;
  perLabel: Record<string, number>;
  perDocument: Record<string, number>;
  /** Documents they annotated (spans, or a status other than todo). */
  documents: number;
}

/**
 * How a span compares with the other reviewed annotators' spans in the same document:
 * `agreed` every other annotator has the same start, end and label; `label` someone has the same
 * range with another label; `boundary` someone has an overlapping span of the same label;
 * `partial` some, not all, have the exact span; `only` no one else has anything like it.
 */
export type ReviewClass = 'agreed' | 'label' | 'boundary' | 'partial' | 'only';
export const REVIEW_CLASSES: readonly ReviewClass[] = ['agreed', 'label', 'boundary', 'partial', 'only'];

/** A colleague's span in review. */
export interface ReviewSpan extends AnnotationView {
  cls: ReviewClass;
  /** `accepted`: gold holds the same span; `rejected`: the reviewer rejected it. */
  resolution?: 'accepted' | 'rejected';
}

/** One document in review: the chosen annotators' spans, classed, and the gold set. */
export interface ReviewView {
  docId: string;
  annotators: string[];
  spans: ReviewSpan[];
  gold: AnnotationView[];
  state: ReviewState;
  /** Disagreeing spans neither accepted nor rejected yet. */
  remaining: number;
}

/** Review progress of one document. */
export interface ReviewSummary {
  docId: string;
  state: ReviewState;
  disagreements: number;
  remaining: number;
}

/** What a drill-down into an agreement figure asks for. */
export interface DisagreementQuery {
  a: string;
  b: string;
  label?: string;
  docId?: string;
}

/** A disagreement behind a figure: a span of `a`, of `b`, or both when they overlap. */
export interface Disagreement {
  docId: string;
  cls: Exclude<ReviewClass, 'agreed'>;
  a?: AnnotationView;
  b?: AnnotationView;
}

/** A span a built-in recogniser proposes; accepted it becomes an annotation with source `suggested`. */
export interface Suggestion {
  /** Stable for the text: `<label>:<start>:<end>`. */
  id: string;
  docId: string;
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  label: string;
  text: string;
  /** Proposed attributes (speaker, holder, the ISO value of a date). */
  attributes: Record<string, string>;
}

/** What happens to the spans of a label that is deleted. */
export type LabelDisposal = { action: 'delete' } | { action: 'relabel'; to: string };

/** A document found by a corpus search, with how often the words occur in it. */
export interface SearchHit {
  docId: string;
  count: number;
}

/** The current annotator's session figures. */
export interface SessionStats {
  /** Milliseconds of active work per document. */
  activeMs: Record<string, number>;
  /** Spans the annotator made per hour of active work; null before a minute of work. */
  spansPerHour: number | null;
  /** The annotator's spans per label, and everyone's. */
  labelCounts: { mine: Record<string, number>; corpus: Record<string, number> };
}

/** What the renderer needs at start. */
export interface SessionInfo {
  /** Absolute path of the store file. */
  storePath: string;
  settings: Settings;
  labels: Label[];
  /** Set when the store could not be opened; see StoreProblem. */
  storeProblem?: StoreProblem;
  save: SaveState;
}

/** Every call the renderer can make. All are async and take structured-clone-safe data. */
export interface ParleyApi {
  /** Session data: settings, labels, store path, and a store problem if any. */
  getSession(): Promise<SessionInfo>;
  /** Every document of the corpus, in load order, with per-annotator counts and status. */
  listDocuments(): Promise<DocumentSummary[]>;
  /** One document's text and the current annotator's annotations. Throws NOT_FOUND. */
  getDocument(docId: string): Promise<DocumentView>;
  /** Tags a span; the service fills text, prefix, suffix, id (unless given) and times. Throws BAD_REQUEST. */
  addAnnotation(input: NewAnnotation): Promise<AnnotationView>;
  /** Changes an annotation's span, label, attributes or note. Throws NOT_FOUND / BAD_REQUEST. */
  updateAnnotation(id: string, changes: AnnotationChanges): Promise<AnnotationView>;
  /** Deletes an annotation; undo brings it back with the same id. Throws NOT_FOUND. */
  deleteAnnotation(id: string): Promise<RemovedAnnotation>;
  /** Undoes the current annotator's last change in a document; null when nothing is left. */
  undo(docId: string): Promise<HistoryStep | null>;
  /** Redoes the last undone change in a document; null when nothing is left. */
  redo(docId: string): Promise<HistoryStep | null>;
  /** Sets the current annotator's status of a document. */
  setStatus(docId: string, status: DocStatus): Promise<DocumentSummary>;
  /** Saves settings; a new annotator name applies to later annotations. */
  updateSettings(changes: Partial<Settings>): Promise<Settings>;
  /** Asks for a folder and adds its `.txt`/`.md` files; null when the person cancelled. */
  openFolder(): Promise<DocumentSummary[] | null>;
  /** Moves an unreadable store aside to `<name>.corrupt-<timestamp>` and starts a fresh one. */
  startFreshStore(): Promise<SessionInfo>;
  /** Where the spans of a changed text are now: moved (to accept) and not found (orphans). */
  getAnchorReview(docId: string): Promise<AnchorReview>;
  /** Moves the listed spans (or all moved ones) to where they were found again; returns what is left. */
  acceptMovedSpans(docId: string, ids: string[] | 'all'): Promise<AnchorReview>;
  /** The store's backups (made before each import, migration and label deletion), newest first. */
  listBackups(): Promise<BackupInfo[]>;
  /**
   * Makes the backup `name` the store: the current store is backed up first, so a restore can
   * itself be undone by restoring that backup. Refuses a backup that is not a Parley store.
   */
  restoreBackup(name: string): Promise<SessionInfo>;
  /** Writes pending changes now and quits Parley. */
  quit(): Promise<void>;
  /** Everyone with annotations or a status in the store, the current annotator first. */
  listAnnotators(): Promise<string[]>;
  /** Asks where to save and exports; null when the person cancelled. Throws BAD_REQUEST / IO_ERROR. */
  exportDataset(request: ExportRequest): Promise<ExportSummary | null>;
  /** Asks for a file or folder and imports it; null when cancelled. A refused import changes nothing. */
  importDataset(request: ImportRequest): Promise<ImportReport | null>;
  /** Each annotator's counts per label and per document, the current annotator first, gold last. */
  listAnnotatorStats(): Promise<AnnotatorStats[]>;
  /** Every agreement figure for the chosen annotators, labels and documents (docs/agreement.md). */
  getAgreement(request: AgreementRequest): Promise<AgreementReport>;
  /** Asks where to save and writes every figure as CSV; null when cancelled. */
  saveAgreementCsv(request: AgreementRequest): Promise<string | null>;
  /** The disagreeing spans behind a pairwise figure. */
  listDisagreements(query: DisagreementQuery): Promise<Disagreement[]>;
  /** One document in review for two or more annotators. */
  getReview(docId: string, annotators: string[]): Promise<ReviewView>;
  /** Review progress of every document for the chosen annotators. */
  listReviewSummaries(annotators: string[]): Promise<ReviewSummary[]>;
  /** Copies a colleague's span into gold (once); returns the gold span. */
  acceptSpan(annotationId: string): Promise<AnnotationView>;
  /** Marks a colleague's span rejected (`true`) or not (`false`) for this document's review. */
  rejectSpan(annotationId: string, rejected: boolean): Promise<void>;
  /** Sets a document's review state; the summary counts disagreements among `annotators`. */
  setReviewState(docId: string, state: ReviewState, annotators: string[]): Promise<ReviewSummary>;
  /** Adds a comment by the current annotator to any span's thread. */
  addComment(annotationId: string, text: string): Promise<AnnotationView>;
  /** The open suggestions for a document: not yet tagged, not rejected by the current annotator. */
  getSuggestions(docId: string): Promise<Suggestion[]>;
  /** Turns a suggestion into an annotation (source `suggested`), with attributes as edited. */
  acceptSuggestion(
    docId: string,
    suggestionId: string,
    attributes?: Record<string, string>,
    /** A fresh UUID for the new annotation, chosen by the renderer (as NewAnnotation.id). */
    id?: string,
  ): Promise<AnnotationView>;
  /** Rejects a suggestion for the current annotator and document, for good. */
  rejectSuggestion(docId: string, suggestionId: string): Promise<void>;
  /** Sets or clears (null) a document's publication date, YYYY-MM-DD, for resolving relative dates. */
  setPublishedAt(docId: string, date: string | null): Promise<DocumentSummary>;
  /** Adds a label. Throws BAD_REQUEST for a taken id or hotkey. */
  addLabel(label: Label): Promise<Label[]>;
  /** Renames, recolours, rekeys a label or changes its attributes. */
  updateLabel(id: string, changes: Partial<Omit<Label, 'id'>>): Promise<Label[]>;
  /** Deletes a label; its spans, if any, are deleted or relabelled as chosen. */
  deleteLabel(id: string, disposal: LabelDisposal): Promise<Label[]>;
  /** Documents containing the words, with counts (case-insensitive). */
  searchCorpus(query: string): Promise<SearchHit[]>;
  /** Adds active time spent on a document (the renderer measures it). */
  recordActivity(docId: string, ms: number): Promise<void>;
  /** The current annotator's session figures. */
  getSessionStats(): Promise<SessionStats>;
}

/** Method names of ParleyApi. */
export type ApiMethod = keyof ParleyApi;

/**
 * Every method, listed once. The `satisfies` clause makes a method missing here a compile error,
 * and a name that is not a method one too.
 */
export const API_METHODS = [
  'getSession',
  'listDocuments',
  'getDocument',
  'addAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'undo',
  'redo',
  'setStatus',
  'updateSettings',
  'openFolder',
  'startFreshStore',
  'getAnchorReview',
  'acceptMovedSpans',
  'listBackups',
  'restoreBackup',
  'quit',
  'listAnnotators',
  'exportDataset',
  'importDataset',
  'listAnnotatorStats',
  'getAgreement',
  'saveAgreementCsv',
  'listDisagreements',
  'getReview',
  'listReviewSummaries',
  'acceptSpan',
  'rejectSpan',
  'setReviewState',
  'addComment',
  'getSuggestions',
  'acceptSuggestion',
  'rejectSuggestion',
  'setPublishedAt',
  'addLabel',
  'updateLabel',
  'deleteLabel',
  'searchCorpus',
  'recordActivity',
  'getSessionStats',
] as const satisfies readonly ApiMethod[];

type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
/** Compile-time check: fails to type-check if a ParleyApi method is not in API_METHODS. */
export const API_METHODS_COMPLETE: Missing extends never ? true : Missing = true;

/** Events main sends to the renderer. */
export interface ParleyEvents {
  /** A store transaction was committed: what it changed. */
  changes: ChangeEvent;
  /** The corpus changed (a folder was added). */
  'documents-changed': DocumentSummary[];
  /** The autosave state changed. */
  'save-state': SaveState;
  /** A menu item was chosen; the renderer runs the command with that id. */
  'menu-command': string;
  /** An export or import advanced. */
  progress: Progress;
}

export type EventName = keyof ParleyEvents;
/** Every event, listed once; as with API_METHODS, one left out is a compile error. */
export const EVENT_NAMES = [
  'changes',
  'documents-changed',
  'save-state',
  'menu-command',
  'progress',
] as const satisfies readonly EventName[];

type MissingEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
/** Compile-time check: fails to type-check if a ParleyEvents name is not in EVENT_NAMES. */
export const EVENT_NAMES_COMPLETE: MissingEvent extends never ? true : MissingEvent = true;

/** Error codes a call can fail with. */
export type ErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'STORE_UNAVAILABLE' | 'IO_ERROR' | 'FORBIDDEN' | 'INTERNAL';

/** What every handler returns across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** The error a failed call throws in the renderer: same code and message as in main. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** IPC channel of a method or an event. */
export const channelOf = (method: ApiMethod): string => `parley:${method}`;
export const eventChannelOf = (name: EventName): string => `parley:event:${name}`;

/** What the preload exposes as `window.parley`. */
export type ParleyBridge = ParleyApi & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(name: E, listener: (payload: ParleyEvents[E]) => void): () => void;
};
