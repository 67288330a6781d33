/**
 * Implements ParleyApi over the store and the corpus: what Electron's main process serves over
 * IPC and what tests drive directly. Plain Node; no Electron. Arguments are assumed to have passed
 * the schemas of api/schemas.ts; checks that need data (offsets vs. text, known labels) live here.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import {
  GOLD,
  type AgreementReport,
  type AgreementRequest,
  type Annotation,
  type AnchorReview,
  type BackupInfo,
  type AnnotatorStats,
  type Disagreement,
  type DisagreementQuery,
  type Label,
  type LabelDisposal,
  type ReviewState,
  type SearchHit,
  type SessionStats,
  type Suggestion,
  type ReviewSummary,
  type ReviewView,
  type AnnotationChanges,
  type AnnotationView,
  type DocStatus,
  type DocumentSummary,
  type DocumentView,
  type EventName,
  type ExportRequest,
  type ExportSummary,
  type HistoryStep,
  type ImportReport,
  type ImportRequest,
  type NewAnnotation,
  type ParleyApi,
  type ParleyEvents,
  type SessionInfo,
  type Settings,
  type StoreProblem,
} from '../api/contract';
import * as history from '../core/history';
import { checkAnchor, compareSpans, describeBadSpan, quoteOf } from '../core/span';
import { anchorReviewOf, moveSpans } from './anchor-review';
import type { Format } from '../core/formats/dataset';
import { loadFolder, type LoadedDocument } from './corpus';
import { exportTo, formatOf, importFrom, isFolderExport, type TransferHost } from './dataset-transfer';
import { ParleyError } from './errors';
import { ReviewService } from './review-service';
import { SessionService } from './session-service';
import { Store, type StoreAccess } from './store';
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
}

type Listener<E extends EventName> = (payload: ParleyEvents[E]) => void;

/** The service: one per store, the only writer of that store. */
export class ParleyService implements ParleyApi {
  private store: Store | null = null;
  private problem: StoreProblem | null = null;
  private readonly documents = new Map<string, LoadedDocument>();
  /** docId → ids of annotations in that document, any annotator. */
  private readonly byDoc = new Map<string, Set<string>>();
  /** `${annotator}\u0000${docId}` → undo history. */
  private readonly histories = new Map<string, history.History>();
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly review: ReviewService;
  private readonly session: SessionService;

  private constructor(private readonly options: ServiceOptions) {
    this.review = new ReviewService({
      data: () => this.requireStore().data,
      markDirty: () => this.requireStore().markDirty(),
      readableDocIds: () => [...this.documents.values()].filter((d) => d.text !== undefined).map((d) => d.id),
      textOf: (docId) => this.requireText(docId).text,
      annotationsOf: (docId) => this.annotationsOfDoc(docId),
      create: (annotations) => this.apply({ created: annotations, updated: [], deleted: [] }, true),
      ...(options.pickSavePath && { pickSavePath: options.pickSavePath }),
    });
    this.session = new SessionService({
      data: () => this.requireStore().data,
      markDirty: () => this.requireStore().markDirty(),
      readableDocIds: () => [...this.documents.values()].filter((d) => d.text !== undefined).map((d) => d.id),
      textOf: (docId) => this.requireText(docId).text,
      annotationsOf: (docId) => this.annotationsOfDoc(docId),
      tag: (input) => this.tag(input, { source: 'suggested' }),
      backup: () => this.requireStore().backup(),
      forgetHistories: () => this.histories.clear(),
    });
  }

  /** Opens the store and loads the corpus. A store problem does not throw: see getSession(). */
  static async create(options: ServiceOptions): Promise<ParleyService> {
    const service = new ParleyService(options);
    await service.openStore();
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

  /** Writes pending changes; call before the process exits. */
  async close(): Promise<void> {
    await this.store?.close();
  }

  async getSession(): Promise<SessionInfo> {
    const base = { storePath: this.options.storePath };
    if (this.store === null) {
      const settings = { annotator: this.options.defaultAnnotator, extendToWords: true };
      const problem = this.problem ?? undefined;
      return { ...base, settings, labels: [], save: { state: 'saved' }, ...(problem && { storeProblem: problem }) };
    }
    const { settings, labels } = this.store.data;
    return { ...base, settings: { ...settings }, labels: labels.map((l) => ({ ...l })), save: this.store.state };
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    this.requireStore();
    return [...this.documents.keys()].map((id) => this.summaryOf(id));
  }

  async getDocument(docId: string): Promise<DocumentView> {
    const doc = this.requireText(docId);
    return { document: this.summaryOf(docId), text: doc.text, annotations: this.viewsOf(docId, doc.text) };
  }

  async addAnnotation(input: NewAnnotation): Promise<Annotation> {
    return this.tag(input, {});
  }

  /** Tags a span: checks it, stamps it, records it for undo. */
  private tag(input: NewAnnotation, extra: Pick<Annotation, 'source'>): Annotation {
    const store = this.requireStore();
    const doc = this.requireText(input.docId);
    this.checkLabel(input.label);
    this.checkSpan(input, doc.text);
    const annotator = input.gold ? GOLD : store.data.settings.annotator;
    const duplicate = this.annotationsOfDoc(input.docId).find(
      (a) => a.annotator === annotator && a.start === input.start && a.end === input.end && a.label === input.label,
    );
    if (duplicate) {
      throw new ParleyError('BAD_REQUEST', `“${duplicate.text}” is already tagged as ${input.label}`);
    }
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: randomUUID(),
      docId: input.docId,
      start: input.start,
      end: input.end,
      label: input.label,
      ...quoteOf(doc.text, input),
      annotator,
      createdAt: now,
      updatedAt: now,
      ...(input.attributes && { attributes: { ...input.attributes } }),
      ...(input.note !== undefined && { note: input.note }),
      ...extra,
    };
    this.apply({ created: [annotation], updated: [], deleted: [] }, true);
    if (!input.gold && this.statusOf(input.docId) === 'todo') this.writeStatus(input.docId, 'in-progress');
    return { ...annotation };
  }

  async updateAnnotation(id: string, changes: AnnotationChanges): Promise<Annotation> {
    const before = this.requireOwnAnnotation(id);
    const doc = this.requireText(before.docId);
    const span = { start: changes.start ?? before.start, end: changes.end ?? before.end };
    if (changes.label !== undefined) this.checkLabel(changes.label);
    const isMoved = span.start !== before.start || span.end !== before.end;
    if (isMoved) this.checkSpan(span, doc.text);
    const after: Annotation = {
      ...before,
      ...span,
      ...(isMoved && quoteOf(doc.text, span)),
      ...(changes.label !== undefined && { label: changes.label }),
      ...(changes.attributes !== undefined && { attributes: { ...changes.attributes } }),
      ...(changes.note !== undefined && { note: changes.note }),
      updatedAt: new Date().toISOString(),
    };
    this.apply({ created: [], updated: [{ before, after }], deleted: [] }, true);
    return { ...after };
  }

  async deleteAnnotation(id: string): Promise<void> {
    const annotation = this.requireOwnAnnotation(id);
    this.apply({ created: [], updated: [], deleted: [annotation] }, true);
  }

  async undo(docId: string): Promise<HistoryStep | null> {
    return this.step(docId, history.undo);
  }

  async redo(docId: string): Promise<HistoryStep | null> {
    return this.step(docId, history.redo);
  }

  async setStatus(docId: string, status: DocStatus): Promise<DocumentSummary> {
    this.requireDocument(docId);
    this.writeStatus(docId, status);
    return this.summaryOf(docId);
  }

  async updateSettings(changes: Partial<Settings>): Promise<Settings> {
    const store = this.requireStore();
    const annotator = changes.annotator?.trim();
    if (annotator === '') throw new ParleyError('BAD_REQUEST', 'The annotator name cannot be empty');
    if (annotator === GOLD) {
      throw new ParleyError('BAD_REQUEST', `“${GOLD}” is the name of the adjudicated set; choose another name`);
    }
    store.data.settings = {
      ...store.data.settings,
      ...(annotator !== undefined && { annotator }),
      ...(changes.extendToWords !== undefined && { extendToWords: changes.extendToWords }),
      ...(changes.suggestLabels !== undefined && { suggestLabels: [...changes.suggestLabels] }),
    };
    store.markDirty();
    return { ...store.data.settings };
  }

  async openFolder(): Promise<DocumentSummary[] | null> {
    const store = this.requireStore();
    const folder = await this.options.pickFolder?.();
    if (folder === undefined || folder === null) return null;
    const path = resolve(folder);
    const added = await this.addFolder(path);
    if (!store.data.folders.includes(path)) {
      store.data.folders.push(path);
      store.markDirty();
    }
    const all = await this.listDocuments();
    this.emit('documents-changed', all);
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
    const store = this.requireStore();
    const annotations = this.annotationsOfDoc(docId);
    const review = anchorReviewOf(docId, text, annotations);
    const moved = moveSpans(text, review, ids, annotations, new Date().toISOString());
    for (const annotation of moved) store.data.annotations[annotation.id] = annotation;
    if (moved.length > 0) {
      this.histories.clear();
      store.markDirty();
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
    this.byDoc.clear();
    this.histories.clear();
    this.documents.clear();
    await this.loadCorpus(store);
    this.emit('documents-changed', await this.listDocuments());
    return this.getSession();
  }

  async quit(): Promise<void> {
    await this.close();
    this.options.onQuit?.();
  }

  async listAnnotators(): Promise<string[]> {
    const { data } = this.requireStore();
    const names = new Set<string>([data.settings.annotator]);
    for (const a of Object.values(data.annotations)) names.add(a.annotator);
    for (const byAnnotator of Object.values(data.status)) for (const name of Object.keys(byAnnotator)) names.add(name);
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
    return this.review.listAnnotatorStats();
  }

  async getAgreement(request: AgreementRequest): Promise<AgreementReport> {
    return this.review.getAgreement(request);
  }

  async saveAgreementCsv(request: AgreementRequest): Promise<string | null> {
    return this.review.saveAgreementCsv(request);
  }

  async listDisagreements(query: DisagreementQuery): Promise<Disagreement[]> {
    return this.review.listDisagreements(query);
  }

  async getReview(docId: string, annotators: string[]): Promise<ReviewView> {
    return this.review.getReview(docId, annotators);
  }

  async listReviewSummaries(annotators: string[]): Promise<ReviewSummary[]> {
    this.requireStore();
    return this.review.listReviewSummaries(annotators);
  }

  async acceptSpan(annotationId: string): Promise<Annotation> {
    return this.review.acceptSpan(annotationId);
  }

  async rejectSpan(annotationId: string, rejected: boolean): Promise<void> {
    this.review.rejectSpan(annotationId, rejected);
  }

  async setReviewState(docId: string, state: ReviewState, annotators: string[]): Promise<ReviewSummary> {
    return this.review.setReviewState(docId, state, annotators);
  }

  async addComment(annotationId: string, text: string): Promise<Annotation> {
    return this.review.addComment(annotationId, text);
  }

  async getSuggestions(docId: string): Promise<Suggestion[]> {
    return this.session.getSuggestions(docId);
  }

  async acceptSuggestion(
    docId: string,
    suggestionId: string,
    attributes?: Record<string, string>,
  ): Promise<Annotation> {
    return this.session.acceptSuggestion(docId, suggestionId, attributes);
  }

  async rejectSuggestion(docId: string, suggestionId: string): Promise<void> {
    this.session.rejectSuggestion(docId, suggestionId);
  }

  async setPublishedAt(docId: string, date: string | null): Promise<DocumentSummary> {
    this.session.setPublishedAt(docId, date);
    return this.summaryOf(docId);
  }

  async addLabel(label: Label): Promise<Label[]> {
    return this.session.addLabel(label);
  }

  async updateLabel(id: string, changes: Partial<Omit<Label, 'id'>>): Promise<Label[]> {
    return this.session.updateLabel(id, changes);
  }

  async deleteLabel(id: string, disposal: LabelDisposal): Promise<Label[]> {
    return this.session.deleteLabel(id, disposal);
  }

  async searchCorpus(query: string): Promise<SearchHit[]> {
    this.requireStore();
    return this.session.searchCorpus(query);
  }

  async recordActivity(docId: string, ms: number): Promise<void> {
    this.session.recordActivity(docId, ms);
  }

  async getSessionStats(): Promise<SessionStats> {
    return this.session.getSessionStats();
  }

  /** Exports to a file (one-file formats) or a folder (folder formats, or with a split). */
  async exportTo(destination: string, request: ExportRequest): Promise<ExportSummary> {
    return exportTo(this.transferHost(), destination, request);
  }

  /** Imports a file or folder: all or nothing unless `skipInvalid`; the store is backed up first. */
  async importFrom(source: string, request: ImportRequest): Promise<ImportReport> {
    return importFrom(this.transferHost(), source, request);
  }

  /** What dataset-transfer.ts may use of the service. */
  private transferHost(): TransferHost {
    const store = this.requireStore();
    return {
      store,
      documents: this.documents,
      annotationsOf: (docId) => this.annotationsOfDoc(docId),
      addFolder: (path) => this.addFolder(path),
      replaceAnnotations: (docId, annotator, next) => {
        for (const a of this.annotationsOfDoc(docId)) {
          if (a.annotator !== annotator) continue;
          delete store.data.annotations[a.id];
          this.byDoc.get(docId)?.delete(a.id);
        }
        for (const a of next) {
          store.data.annotations[a.id] = a;
          this.index(a);
        }
        // Undo history of a replaced set would refer to annotations that are gone; any
        // annotator's history may hold gold changes.
        for (const key of [...this.histories.keys()]) {
          if (key.endsWith(`\u0000${docId}`) && (annotator === GOLD || key.startsWith(`${annotator}\u0000`))) {
            this.histories.delete(key);
          }
        }
      },
      emit: (name, payload) => this.emit(name, payload),
      listDocuments: () => this.listDocuments(),
    };
  }

  private annotationsOfDoc(docId: string): Annotation[] {
    const annotations = this.requireStore().data.annotations;
    return [...(this.byDoc.get(docId) ?? [])].flatMap((id) => annotations[id] ?? []);
  }

  private async openStore(): Promise<void> {
    const { storePath, defaultAnnotator, debounceMs, access } = this.options;
    const opened = await Store.open(storePath, () => emptyStoreData(defaultAnnotator), debounceMs, access);
    if (!opened.ok) {
      this.problem = opened.problem;
      return;
    }
    this.store = opened.store;
    this.problem = null;
    opened.store.onSaveState((state) => this.emit('save-state', state));
    await this.loadCorpus(opened.store);
  }

  /** Indexes the store's annotations and loads the seeds and the store's folders. */
  private async loadCorpus(store: Store): Promise<void> {
    for (const annotation of Object.values(store.data.annotations)) this.index(annotation);
    for (const dir of [...this.options.seedDirs, ...store.data.folders]) {
      await this.addFolder(resolve(dir)).catch(() => undefined);
    }
  }

  /** Loads a folder into the corpus; returns the ids it added. Throws IO_ERROR when unlistable. */
  private async addFolder(path: string): Promise<string[]> {
    let loaded: LoadedDocument[];
    try {
      loaded = await loadFolder(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ParleyError('IO_ERROR', `The folder ${path} cannot be opened (${code})`);
    }
    const store = this.requireStore();
    const added: string[] = [];
    const sources = new Set([...this.documents.values()].map((d) => d.source));
    for (const doc of loaded) {
      if (sources.has(doc.source)) continue;
      let id = doc.id;
      for (let n = 2; this.documents.has(id); n += 1) id = `${doc.id}~${n}`;
      this.documents.set(id, { ...doc, id });
      added.push(id);
      if (doc.text === undefined) continue;
      const stored = store.data.documents[id];
      const meta = { id, title: doc.title, source: doc.source, sha256: doc.sha256 };
      if (stored?.title !== meta.title || stored.source !== meta.source || stored.sha256 !== meta.sha256) {
        store.data.documents[id] = { ...stored, ...meta };
        store.markDirty();
      }
    }
    return added;
  }

  private step(
    docId: string,
    take: (h: history.History) => { apply: history.ChangeSet; history: history.History } | null,
  ): HistoryStep | null {
    const doc = this.requireText(docId);
    const key = this.historyKey(docId);
    const taken = take(this.histories.get(key) ?? history.emptyHistory);
    if (taken === null) return null;
    this.apply(taken.apply, false);
    this.histories.set(key, taken.history);
    return { docId, annotations: this.viewsOf(docId, doc.text), touchedIds: history.touchedIds(taken.apply) };
  }

  /** Applies a change set to the store; records it for undo when `isNew`. */
  private apply(change: history.ChangeSet, isNew: boolean): void {
    const store = this.requireStore();
    const annotations = store.data.annotations;
    for (const a of change.deleted) {
      delete annotations[a.id];
      this.byDoc.get(a.docId)?.delete(a.id);
    }
    for (const { after } of change.updated) annotations[after.id] = { ...after };
    for (const a of change.created) {
      annotations[a.id] = { ...a };
      this.index(a);
    }
    const docId = change.created[0]?.docId ?? change.updated[0]?.after.docId ?? change.deleted[0]?.docId;
    if (isNew && docId !== undefined) {
      const key = this.historyKey(docId);
      this.histories.set(key, history.record(this.histories.get(key) ?? history.emptyHistory, change));
    }
    store.markDirty();
  }

  private index(annotation: Annotation): void {
    const set = this.byDoc.get(annotation.docId) ?? new Set<string>();
    set.add(annotation.id);
    this.byDoc.set(annotation.docId, set);
  }

  private historyKey(docId: string): string {
    return `${this.requireStore().data.settings.annotator}\u0000${docId}`;
  }

  private ownAnnotations(docId: string): Annotation[] {
    const store = this.requireStore();
    const annotator = store.data.settings.annotator;
    const result: Annotation[] = [];
    for (const id of this.byDoc.get(docId) ?? []) {
      const annotation = store.data.annotations[id];
      if (annotation?.annotator === annotator) result.push(annotation);
    }
    return result.sort(compareSpans);
  }

  private viewsOf(docId: string, text: string): AnnotationView[] {
    return this.ownAnnotations(docId).map((a) => {
      const problem = checkAnchor(text, a);
      return problem === null ? { ...a } : { ...a, problem };
    });
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
    const store = this.requireStore();
    return store.data.status[docId]?.[store.data.settings.annotator] ?? 'todo';
  }

  private writeStatus(docId: string, status: DocStatus): void {
    const store = this.requireStore();
    store.data.status[docId] = { ...store.data.status[docId], [store.data.settings.annotator]: status };
    store.markDirty();
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

  private requireDocument(docId: string): LoadedDocument {
    this.requireStore();
    const doc = this.documents.get(docId);
    if (!doc) throw new ParleyError('NOT_FOUND', `There is no document “${docId}” in the corpus`);
    return doc;
  }

  private requireText(docId: string): LoadedDocument & { text: string } {
    const doc = this.requireDocument(docId);
    if (doc.text === undefined) {
      throw new ParleyError('BAD_REQUEST', `The document “${docId}” cannot be opened: ${doc.error ?? 'no text'}`);
    }
    return doc as LoadedDocument & { text: string };
  }

  private requireOwnAnnotation(id: string): Annotation {
    const store = this.requireStore();
    const annotation = store.data.annotations[id];
    if (!annotation) throw new ParleyError('NOT_FOUND', `There is no annotation ${id}; it may have been deleted`);
    if (annotation.annotator !== store.data.settings.annotator && annotation.annotator !== GOLD) {
      throw new ParleyError(
        'FORBIDDEN',
        `Annotation ${id} belongs to ${annotation.annotator}; only they can change it`,
      );
    }
    return annotation;
  }

  private checkLabel(labelId: string): void {
    const labels = this.requireStore().data.labels;
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
