/**
 * Implements ParleyApi over the store and the corpus: what Electron's main process serves over
 * IPC and what tests drive directly. Plain Node; no Electron. Arguments are assumed to have passed
 * the schemas of api/schemas.ts; checks that need data (offsets vs. text, known labels) live here.
 * Every change goes through commit() (annotation-book.ts); each committed transaction becomes a
 * `changes` event.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import {
  GOLD,
  type AgreementReport,
  type AgreementRequest,
  type AnchorReview,
  type AnnotationChanges,
  type AnnotationDelta,
  type AnnotationView,
  type AnnotatorStats,
  type BackupInfo,
  type ChangeEvent,
  type Disagreement,
  type DisagreementQuery,
  type DocStatus,
  type DocumentSummary,
  type DocumentView,
  type EventName,
  type ExportRequest,
  type ExportSummary,
  type HistoryStep,
  type ImportReport,
  type ImportRequest,
  type Label,
  type LabelDisposal,
  type NewAnnotation,
  type ParleyApi,
  type ParleyEvents,
  type RemovedAnnotation,
  type ReviewState,
  type ReviewSummary,
  type ReviewView,
  type SearchHit,
  type SessionInfo,
  type SessionStats,
  type Settings,
  type StoreProblem,
  type Suggestion,
} from '../api/contract';
import { stampAnnotation } from '../core/annotation';
import type { Format } from '../core/formats/dataset';
import type { Annotation } from '../core/model';
import { checkAnchor, compareSpans, describeBadSpan, quoteOf } from '../core/span';
import {
  annotationChange,
  annotationChanges,
  keptAnnotationIds,
  touchedDocIds,
  type Change,
  type Transaction,
} from '../core/transaction';
import { AnnotationBook, type CommitOptions, type HistoryKey } from './annotation-book';
import { anchorReviewOf, moveSpans } from './anchor-review';
import { CorpusIndex } from './corpus-index';
import { exportTo, formatOf, importFrom, isFolderExport } from './dataset-transfer';
import { ParleyError } from './errors';
import { ReviewService } from './review-service';
import type { ServiceHost } from './service-host';
import { RECOGNISED_LABELS, SessionService } from './session-service';
import { Store, type JournalLimit, type StoreAccess } from './store';
import { emptyStoreData } from './store-data';

export interface ServiceOptions {
  /** Absolute path of the store file. */
  storePath: string;
  /** Folders loaded at every start, before the ones the user added. */
  seedDirs: readonly string[];
  /** Annotator name for a new store (the OS user name in the app). */
  defaultAnnotator: string;
  /** Asks the person for a folder; resolves null when they cancel. */
  pickFolder?: () => Promise<string | null>;
  /** Ends the app after the store is written. */
  onQuit?: () => void;
  /** Asks where to export: a file for one-file formats, else a folder; null when cancelled. */
  pickExportTarget?: (format: Format, isFolder: boolean) => Promise<string | null>;
  /** Asks where to save a file (the agreement CSV); null when cancelled. */
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Asks what to import: a file, or a folder for folder formats; null when cancelled. */
  pickImportSource?: (format: Format, isFolder: boolean) => Promise<string | null>;
  debounceMs?: number;
  /** Open the store for writing under a lock naming the holder (the default), or only to read. */
  access?: StoreAccess;
  /** When the store folds its journal into a new snapshot (default: store.ts). */
  journalLimit?: JournalLimit;
  /**
   * Start the suggestions' worker as soon as the store is open, so the first document's
   * suggestions do not wait for it (the app sets it; tests and the CLI start it on first use).
   */
  warmUpSuggestions?: boolean;
}

type Listener<E extends EventName> = (payload: ParleyEvents[E]) => void;

/** The documents whose review a transaction may change: their annotations, statuses, records, reviews. */
function reviewedDocIds(tx: Transaction): string[] {
  const ids = new Set<string>(touchedDocIds(tx));
  for (const c of tx.changes) {
    if (c.type === 'status' || c.type === 'review' || c.type === 'document') ids.add(c.docId);
  }
  return [...ids];
}

/** Beyond this many annotation changes, a `changes` event asks the renderer to reload instead. */
const MAX_EVENT_ANNOTATIONS = 2000;

/** The service: one per store, the only writer of that store. */
export class ParleyService implements ParleyApi {
  private store: Store | null = null;
  private book: AnnotationBook | null = null;
  private problem: StoreProblem | null = null;
  private readonly corpus = new CorpusIndex();
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly host: ServiceHost;
  private readonly review: ReviewService;
  private readonly session: SessionService;

  private constructor(private readonly options: ServiceOptions) {
    this.host = this.makeHost();
    this.review = new ReviewService(this.host);
    this.session = new SessionService(this.host);
  }

  /** Opens the store and loads the corpus. A store problem does not throw: see getSession(). */
  static async create(options: ServiceOptions): Promise<ParleyService> {
    const service = new ParleyService(options);
    await service.openStore();
    const suggesting = service.store?.model.tables.settings.suggestLabels ?? RECOGNISED_LABELS;
    if (options.warmUpSuggestions && service.store && suggesting.length > 0) service.session.warmUp();
    return service;
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Writes pending changes now; resolves once they are on disk (rejects with IO_ERROR). */
  async flush(): Promise<void> {
    await this.store?.flush();
  }

  /** Writes pending changes and ends the suggestions' worker; call before the process exits. */
  async close(): Promise<void> {
    await this.session.close();
    await this.store?.close();
  }

  async getSession(): Promise<SessionInfo> {
    const base = { storePath: this.options.storePath };
    if (this.store === null) {
      const settings = { annotator: this.options.defaultAnnotator, extendToWords: true };
      const problem = this.problem ?? undefined;
      return { ...base, settings, labels: [], save: { state: 'saved' }, ...(problem && { storeProblem: problem }) };
    }
    const { settings, labels } = this.store.model.tables;
    return {
      ...base,
      settings: structuredClone(settings) as Settings,
      labels: structuredClone(labels) as Label[],
      save: this.store.state,
    };
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    return this.documentSummaries();
  }

  async getDocument(docId: string): Promise<DocumentView> {
    const doc = this.requireText(docId);
    this.requireStore();
    return {
      document: this.summaryOf(docId),
      text: doc.text,
      annotations: this.ownAnnotations(docId).map((a) => this.viewOf(a)),
      seq: this.requireStore().seq,
    };
  }

  async addAnnotation(input: NewAnnotation): Promise<AnnotationView> {
    return this.tag(input, {});
  }

  /** Tags a span: checks it, stamps it, commits it for undo; the first tag of a document starts it. */
  private tag(input: NewAnnotation, extra: Pick<Annotation, 'source'>): AnnotationView {
    const { text } = this.requireText(input.docId);
    this.checkLabel(input.label);
    this.checkSpan(input, text);
    const me = this.annotator();
    const annotator = input.gold ? GOLD : me;
    const duplicate = this.annotationsOfDoc(input.docId).find(
      (a) => a.annotator === annotator && a.start === input.start && a.end === input.end && a.label === input.label,
    );
    if (duplicate) {
      throw new ParleyError('BAD_REQUEST', `“${duplicate.text}” is already tagged as ${input.label}`);
    }
    if (input.id !== undefined && this.requireBook().model.annotation(input.id)) {
      throw new ParleyError('BAD_REQUEST', `The id ${input.id} is taken; tag the span again`);
    }
    const annotation = stampAnnotation(
      { ...input, ...extra },
      text,
      annotator,
      input.id ?? randomUUID(),
      new Date().toISOString(),
    );
    this.commit({ changes: [annotationChange(null, annotation)] }, { undo: this.historyKey(input.docId) });
    // Starting a document is not part of the tag: undoing the tag leaves the status as it is.
    if (!input.gold && this.statusOf(input.docId) === 'todo') this.writeStatus(input.docId, 'in-progress');
    return this.viewOf(annotation);
  }

  async updateAnnotation(id: string, changes: AnnotationChanges): Promise<AnnotationView> {
    const before = this.requireOwnAnnotation(id);
    const { text } = this.requireText(before.docId);
    const span = { start: changes.start ?? before.start, end: changes.end ?? before.end };
    if (changes.label !== undefined) this.checkLabel(changes.label);
    const isMoved = span.start !== before.start || span.end !== before.end;
    if (isMoved) this.checkSpan(span, text);
    const after: Annotation = {
      ...before,
      ...span,
      ...(isMoved && quoteOf(text, span)),
      ...(changes.label !== undefined && { label: changes.label }),
      ...(changes.attributes !== undefined && { attributes: { ...changes.attributes } }),
      ...(changes.note !== undefined && { note: changes.note }),
      updatedAt: new Date().toISOString(),
    };
    this.commit({ changes: [annotationChange(before, after)] }, { undo: this.historyKey(before.docId) });
    return this.viewOf(after);
  }

  async deleteAnnotation(id: string): Promise<RemovedAnnotation> {
    const annotation = this.requireOwnAnnotation(id);
    const seq = this.commit(
      { changes: [annotationChange(annotation, null)] },
      { undo: this.historyKey(annotation.docId) },
    );
    return { id, docId: annotation.docId, rev: seq };
  }

  async undo(docId: string): Promise<HistoryStep | null> {
    return this.step(docId, 'undo');
  }

  async redo(docId: string): Promise<HistoryStep | null> {
    return this.step(docId, 'redo');
  }

  async setStatus(docId: string, status: DocStatus): Promise<DocumentSummary> {
    this.requireDocument(docId);
    this.requireStore();
    this.writeStatus(docId, status);
    return this.summaryOf(docId);
  }

  async updateSettings(changes: Partial<Settings>): Promise<Settings> {
    const before = this.requireStore().model.tables.settings as Settings;
    const annotator = changes.annotator?.trim();
    if (annotator === '') throw new ParleyError('BAD_REQUEST', 'The annotator name cannot be empty');
    if (annotator === GOLD) {
      throw new ParleyError('BAD_REQUEST', `“${GOLD}” is the name of the adjudicated set; choose another name`);
    }
    const after: Settings = {
      ...before,
      ...(annotator !== undefined && { annotator }),
      ...(changes.extendToWords !== undefined && { extendToWords: changes.extendToWords }),
      ...(changes.suggestLabels !== undefined && { suggestLabels: [...changes.suggestLabels] }),
    };
    this.commit({ changes: [{ type: 'settings', before, after }] });
    return structuredClone(after);
  }

  async openFolder(): Promise<DocumentSummary[] | null> {
    const store = this.requireStore();
    const folder = await this.options.pickFolder?.();
    if (folder === undefined || folder === null) return null;
    const path = resolve(folder);
    const added = await this.addFolder(path);
    const folders = store.model.tables.folders;
    if (!folders.includes(path))
      this.commit({ changes: [{ type: 'folders', before: folders, after: [...folders, path] }] });
    this.emit('documents-changed', this.documentSummaries());
    return added.map((id) => this.summaryOf(id));
  }

  async startFreshStore(): Promise<SessionInfo> {
    const problem = this.problem;
    if (this.store !== null || problem === null) {
      throw new ParleyError('BAD_REQUEST', 'The store is fine; there is nothing to start afresh');
    }
    if (!problem.canStartFresh) throw new ParleyError('FORBIDDEN', problem.message);
    await Store.setAside(problem.path);
    await this.openStore();
    return this.getSession();
  }

  async getAnchorReview(docId: string): Promise<AnchorReview> {
    return anchorReviewOf(docId, this.requireText(docId).text, this.annotationsOfDoc(docId));
  }

  async acceptMovedSpans(docId: string, ids: string[] | 'all'): Promise<AnchorReview> {
    const { text } = this.requireText(docId);
    const annotations = this.annotationsOfDoc(docId);
    const review = anchorReviewOf(docId, text, annotations);
    const moved = moveSpans(text, review, ids, annotations, new Date().toISOString());
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const changes = moved.map((after) => annotationChange(byId.get(after.id) ?? null, after));
    if (changes.length > 0) {
      this.commit({ changes });
      // Undo of an earlier change would put a span back where the text no longer has it.
      this.forgetHistories((key) => key.docId === docId);
    }
    return this.getAnchorReview(docId);
  }

  async listBackups(): Promise<BackupInfo[]> {
    this.requireStore();
    return Store.listBackups(this.options.storePath);
  }

  async restoreBackup(name: string): Promise<SessionInfo> {
    const store = this.requireStore();
    // A backup next to the store, by name; only the chosen one is read.
    if (!(await Store.backupNames(this.options.storePath)).includes(name)) {
      throw new ParleyError('NOT_FOUND', `There is no backup ${name} next to the store; choose one from the list`);
    }
    const read = await Store.readBackup(join(dirname(this.options.storePath), name));
    if (!read.ok) throw new ParleyError('BAD_REQUEST', `${read.message}; the store was left as it is`);
    // The store as it is now becomes a backup too, so the restore can be undone.
    await store.backup();
    await store.replaceData(read.data);
    this.requireBook().forgetAll();
    this.review.invalidate();
    this.corpus.clear();
    await this.loadCorpus();
    this.emit('documents-changed', this.documentSummaries());
    return this.getSession();
  }

  async quit(): Promise<void> {
    await this.close();
    this.options.onQuit?.();
  }

  async listAnnotators(): Promise<string[]> {
    const { model } = this.requireStore();
    const { tables } = model;
    const names = new Set<string>([tables.settings.annotator]);
    for (const a of model.annotations()) names.add(a.annotator);
    for (const byAnnotator of Object.values(tables.status))
      for (const name of Object.keys(byAnnotator)) names.add(name);
    return [...names];
  }

  async exportDataset(request: ExportRequest): Promise<ExportSummary | null> {
    const format = formatOf(request.format);
    const target = await this.options.pickExportTarget?.(format, isFolderExport(format, request));
    return target === undefined || target === null ? null : this.exportTo(target, request);
  }

  async importDataset(request: ImportRequest): Promise<ImportReport | null> {
    const format = formatOf(request.format);
    const source = await this.options.pickImportSource?.(format, format.layout.kind === 'folder');
    return source === undefined || source === null ? null : this.importFrom(source, request);
  }

  async listAnnotatorStats(): Promise<AnnotatorStats[]> {
    this.requireStore();
    return this.review.listAnnotatorStats();
  }

  async getAgreement(request: AgreementRequest): Promise<AgreementReport> {
    this.requireStore();
    return this.review.getAgreement(request);
  }

  async saveAgreementCsv(request: AgreementRequest): Promise<string | null> {
    this.requireStore();
    return this.review.saveAgreementCsv(request);
  }

  async listDisagreements(query: DisagreementQuery): Promise<Disagreement[]> {
    this.requireStore();
    return this.review.listDisagreements(query);
  }

  async getReview(docId: string, annotators: string[]): Promise<ReviewView> {
    this.requireStore();
    return this.review.getReview(docId, annotators);
  }

  async listReviewSummaries(annotators: string[]): Promise<ReviewSummary[]> {
    this.requireStore();
    return this.review.listReviewSummaries(annotators);
  }

  async acceptSpan(annotationId: string): Promise<AnnotationView> {
    this.requireStore();
    return this.review.acceptSpan(annotationId, this.historyKeyOfAnnotation(annotationId));
  }

  async rejectSpan(annotationId: string, rejected: boolean): Promise<void> {
    this.requireStore();
    this.review.rejectSpan(annotationId, rejected, this.historyKeyOfAnnotation(annotationId));
  }

  async setReviewState(docId: string, state: ReviewState, annotators: string[]): Promise<ReviewSummary> {
    this.requireStore();
    return this.review.setReviewState(docId, state, annotators);
  }

  async addComment(annotationId: string, text: string): Promise<AnnotationView> {
    this.requireStore();
    return this.review.addComment(annotationId, text, this.historyKeyOfAnnotation(annotationId));
  }

  async getSuggestions(docId: string): Promise<Suggestion[]> {
    this.requireStore();
    return this.session.getSuggestions(docId);
  }

  async acceptSuggestion(
    docId: string,
    suggestionId: string,
    attributes?: Record<string, string>,
    id?: string,
  ): Promise<AnnotationView> {
    this.requireStore();
    const suggestion = await this.session.suggestionToAccept(docId, suggestionId, attributes);
    return this.tag({ ...suggestion, ...(id !== undefined && { id }) }, { source: 'suggested' });
  }

  async rejectSuggestion(docId: string, suggestionId: string): Promise<void> {
    this.requireStore();
    await this.session.rejectSuggestion(docId, suggestionId);
  }

  async setPublishedAt(docId: string, date: string | null): Promise<DocumentSummary> {
    this.requireStore();
    this.session.setPublishedAt(docId, date);
    return this.summaryOf(docId);
  }

  async addLabel(label: Label): Promise<Label[]> {
    this.requireStore();
    return this.session.addLabel(label);
  }

  async updateLabel(id: string, changes: Partial<Omit<Label, 'id'>>): Promise<Label[]> {
    this.requireStore();
    return this.session.updateLabel(id, changes);
  }

  async deleteLabel(id: string, disposal: LabelDisposal): Promise<Label[]> {
    this.requireStore();
    return this.session.deleteLabel(id, disposal);
  }

  async searchCorpus(query: string): Promise<SearchHit[]> {
    this.requireStore();
    return this.session.searchCorpus(query);
  }

  async recordActivity(docId: string, ms: number): Promise<void> {
    this.requireStore();
    this.session.recordActivity(docId, ms);
  }

  async getSessionStats(): Promise<SessionStats> {
    this.requireStore();
    return this.session.getSessionStats();
  }

  /** Exports to a file (one-file formats) or a folder (folder formats, or with a split). */
  async exportTo(destination: string, request: ExportRequest): Promise<ExportSummary> {
    this.requireStore();
    return exportTo(this.host, destination, request);
  }

  /** Imports a file or folder: all or nothing unless `skipInvalid`; the store is backed up first. */
  async importFrom(source: string, request: ImportRequest): Promise<ImportReport> {
    this.requireStore();
    return importFrom(this.host, source, request);
  }

  /** The host the review, session and transfer modules work through. */
  private makeHost(): ServiceHost {
    return {
      tables: () => this.requireStore().model.tables,
      annotator: () => this.annotator(),
      annotation: (id) => this.requireStore().model.annotation(id),
      annotationsOf: (docId) => this.annotationsOfDoc(docId),
      allAnnotations: () => this.requireStore().model.annotations(),
      corpus: this.corpus,
      commit: (tx, options) => this.commit(tx, options),
      view: (annotation) => this.viewOf(annotation),
      newId: () => randomUUID(),
      backup: () => this.requireStore().backup(),
      forgetHistories: (isStale) => this.forgetHistories(isStale),
      addFolder: (path) => this.addFolder(path),
      listDocuments: () => this.documentSummaries(),
      emit: (name, payload) => this.emit(name, payload),
      storePath: this.options.storePath,
      pickSavePath: this.options.pickSavePath,
    };
  }

  /** The one way the store's data changes (see annotation-book.ts). */
  private commit(tx: Transaction, options?: CommitOptions): number {
    return this.requireBook().commit(tx, options);
  }

  private forgetHistories(isStale: (key: HistoryKey) => boolean): void {
    this.book?.forget(isStale);
  }

  /** The `changes` event of a committed transaction. */
  private changeEventOf(tx: Transaction, seq: number): ChangeEvent {
    const me = this.annotator();
    const docIds = new Set<string>();
    const annotations = annotationChanges(tx);
    const delta: AnnotationDelta = { upsert: [], remove: [] };
    const isLarge = annotations.length > MAX_EVENT_ANNOTATIONS;
    for (const change of annotations) {
      const a = change.after ?? change.before;
      if (a?.annotator === me) docIds.add(a.docId);
      if (isLarge || !a) continue;
      if (change.after) delta.upsert.push(this.viewOf(change.after));
      else delta.remove.push({ id: a.id, docId: a.docId, rev: seq });
    }
    const event: ChangeEvent = { seq, annotations: delta, documents: [] };
    for (const change of tx.changes) {
      if (change.type === 'status' && change.annotator === me) docIds.add(change.docId);
      if (change.type === 'document') docIds.add(change.docId);
      if (change.type === 'labels') event.labels = structuredClone(change.after) as Label[];
      if (change.type === 'settings') event.settings = structuredClone(change.after) as Settings;
    }
    // A new annotator sees other counts and statuses everywhere.
    const isNewAnnotator = tx.changes.some((c) => c.type === 'settings' && c.before.annotator !== c.after.annotator);
    event.documents = isNewAnnotator
      ? this.documentSummaries()
      : [...docIds].filter((id) => this.corpus.documents.has(id)).map((id) => this.summaryOf(id));
    if (isLarge || isNewAnnotator) event.reload = true;
    return event;
  }

  private annotationsOfDoc(docId: string): readonly Annotation[] {
    return this.requireStore().model.annotationsOf(docId);
  }

  private async openStore(): Promise<void> {
    const { storePath, defaultAnnotator, debounceMs, access, journalLimit } = this.options;
    const opened = await Store.open(storePath, () => emptyStoreData(defaultAnnotator), {
      debounceMs,
      access,
      journalLimit,
    });
    if (!opened.ok) {
      this.problem = opened.problem;
      return;
    }
    this.store = opened.store;
    this.book = new AnnotationBook(opened.store, (tx, seq) => {
      this.review.invalidate(reviewedDocIds(tx));
      this.emit('changes', this.changeEventOf(tx, seq));
    });
    this.review.invalidate();
    this.problem = null;
    opened.store.onSaveState((state) => this.emit('save-state', state));
    await this.loadCorpus();
  }

  /** Loads the seeds and the store's folders. */
  private async loadCorpus(): Promise<void> {
    const folders = this.requireStore().model.tables.folders;
    for (const dir of [...this.options.seedDirs, ...folders]) {
      await this.addFolder(resolve(dir)).catch(() => undefined);
    }
  }

  /**
   * Loads a folder into the corpus and records in the store what it knows of each new document
   * (title, source, SHA-256); returns the ids added. Throws IO_ERROR when it cannot be listed.
   */
  private async addFolder(path: string): Promise<string[]> {
    const added = await this.corpus.addFolder(path);
    const stored = this.requireStore().model.tables.documents;
    const changes: Change[] = [];
    for (const doc of added) {
      if (doc.text === undefined) continue;
      const before = stored[doc.id] ?? null;
      const meta = { id: doc.id, title: doc.title, source: doc.source, sha256: doc.sha256 };
      if (before?.title !== meta.title || before.source !== meta.source || before.sha256 !== meta.sha256) {
        changes.push({ type: 'document', docId: doc.id, before, after: { ...before, ...meta } });
      }
    }
    this.commit({ changes });
    return added.map((d) => d.id);
  }

  private step(docId: string, direction: 'undo' | 'redo'): HistoryStep | null {
    this.requireText(docId);
    const book = this.requireBook();
    const key = this.historyKey(docId);
    const applied = direction === 'undo' ? book.undo(key) : book.redo(key);
    if (applied === null) return null;
    const seq = this.requireStore().seq;
    const step: HistoryStep = { docId, touchedIds: keptAnnotationIds(applied), upsert: [], remove: [] };
    for (const change of annotationChanges(applied)) {
      if (change.after) step.upsert.push(this.viewOf(change.after));
      else if (change.before) step.remove.push({ id: change.id, docId: change.before.docId, rev: seq });
    }
    return step;
  }

  private annotator(): string {
    return this.requireStore().model.tables.settings.annotator;
  }

  private historyKey(docId: string): HistoryKey {
    return { annotator: this.annotator(), docId };
  }

  /** The reviewer's history of the document an annotation is in. Throws NOT_FOUND. */
  private historyKeyOfAnnotation(id: string): HistoryKey {
    const annotation = this.requireStore().model.annotation(id);
    if (!annotation) throw new ParleyError('NOT_FOUND', `There is no annotation ${id}; it may have been deleted`);
    return this.historyKey(annotation.docId);
  }

  /** The current annotator's annotations of a document, in text order. */
  private ownAnnotations(docId: string): Annotation[] {
    const me = this.annotator();
    return this.annotationsOfDoc(docId)
      .filter((a) => a.annotator === me)
      .sort(compareSpans);
  }

  /** An annotation as the renderer sees it: no context, its anchoring checked, its revision. */
  private viewOf(a: Annotation): AnnotationView {
    const text = this.corpus.documents.get(a.docId)?.text;
    const problem = text === undefined ? null : checkAnchor(text, a);
    // Field by field, one shape for every view: tens of thousands are made for a review.
    const view: AnnotationView = {
      id: a.id,
      docId: a.docId,
      start: a.start,
      end: a.end,
      label: a.label,
      text: a.text,
      annotator: a.annotator,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      rev: this.book?.rev(a.id) ?? 0,
    };
    if (a.attributes !== undefined) view.attributes = a.attributes;
    if (a.note !== undefined) view.note = a.note;
    if (a.comments !== undefined) view.comments = a.comments;
    if (a.acceptedFrom !== undefined) view.acceptedFrom = a.acceptedFrom;
    if (a.source !== undefined) view.source = a.source;
    if (problem !== null) view.problem = problem;
    return view;
  }

  private documentSummaries(): DocumentSummary[] {
    this.requireStore();
    return [...this.corpus.documents.keys()].map((id) => this.summaryOf(id));
  }

  private summaryOf(docId: string): DocumentSummary {
    const doc = this.requireDocument(docId);
    const own = this.ownAnnotations(docId);
    const text = doc.text;
    return {
      id: docId,
      title: doc.title,
      source: doc.source,
      sha256: doc.sha256,
      length: text?.length ?? 0,
      status: this.statusOf(docId),
      spanCount: own.length,
      flaggedCount: text === undefined ? own.length : own.filter((a) => checkAnchor(text, a) !== null).length,
      ...this.publishedOf(docId, text),
      ...(doc.error !== undefined && { error: doc.error }),
    };
  }

  private publishedOf(docId: string, text: string | undefined): { publishedAt?: string } {
    const publishedAt = text === undefined ? undefined : this.session.publishedAt(docId, text);
    return publishedAt === undefined ? {} : { publishedAt };
  }

  private statusOf(docId: string): DocStatus {
    const { status, settings } = this.requireStore().model.tables;
    return status[docId]?.[settings.annotator] ?? 'todo';
  }

  private writeStatus(docId: string, status: DocStatus): void {
    const { status: table, settings } = this.requireStore().model.tables;
    const before = table[docId]?.[settings.annotator] ?? null;
    if (before === status) return;
    this.commit({ changes: [{ type: 'status', docId, annotator: settings.annotator, before, after: status }] });
  }

  private emit<E extends EventName>(name: E, payload: ParleyEvents[E]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }

  private requireStore(): Store {
    if (this.store === null) {
      const reason = this.problem?.message ?? 'the store is not open';
      throw new ParleyError('STORE_UNAVAILABLE', `The store cannot be used: ${reason}`);
    }
    return this.store;
  }

  private requireBook(): AnnotationBook {
    this.requireStore();
    if (this.book === null) throw new ParleyError('STORE_UNAVAILABLE', 'The store cannot be used: it is not open');
    return this.book;
  }

  /** A document of the corpus; STORE_UNAVAILABLE first when the store cannot be used. */
  private requireDocument(docId: string): ReturnType<CorpusIndex['require']> {
    this.requireStore();
    return this.corpus.require(docId);
  }

  /** A document with its text; STORE_UNAVAILABLE first when the store cannot be used. */
  private requireText(docId: string): ReturnType<CorpusIndex['requireText']> {
    this.requireStore();
    return this.corpus.requireText(docId);
  }

  private requireOwnAnnotation(id: string): Annotation {
    const store = this.requireStore();
    const annotation = store.model.annotation(id);
    if (!annotation) throw new ParleyError('NOT_FOUND', `There is no annotation ${id}; it may have been deleted`);
    if (annotation.annotator !== this.annotator() && annotation.annotator !== GOLD) {
      throw new ParleyError(
        'FORBIDDEN',
        `Annotation ${id} belongs to ${annotation.annotator}; only they can change it`,
      );
    }
    return annotation;
  }

  private checkLabel(labelId: string): void {
    const labels = this.requireStore().model.tables.labels;
    if (!labels.some((l) => l.id === labelId)) {
      const known = labels.map((l) => l.id).join(', ');
      throw new ParleyError('BAD_REQUEST', `Unknown label “${labelId}”; the labels are: ${known}`);
    }
  }

  private checkSpan(span: { start: number; end: number }, text: string): void {
    const problem = describeBadSpan(span, text.length);
    if (problem !== null) throw new ParleyError('BAD_REQUEST', `Invalid span: ${problem}`);
  }
}
