/**
 * Reviewing colleagues' work: who tagged what, agreement figures, the spans behind them, and
 * adjudication into the gold set (accept, reject, review state, comments). The service lends a
 * narrow host; everything here is plain Node and reads the store through it. A document's classes
 * and counts are cached per set of annotators while its data stays the same objects.
 */
import { writeFile } from 'node:fs/promises';
import {
  GOLD,
  type AgreementReport,
  type AgreementRequest,
  type Annotation,
  type AnnotationView,
  type AnnotatorStats,
  type Disagreement,
  type DisagreementQuery,
  type ReviewClass,
  type ReviewSpan,
  type ReviewState,
  type ReviewSummary,
  type ReviewView,
} from '../api/contract';
import { stampAnnotation } from '../core/annotation';
import { agreementToCsv, computeAgreement } from '../core/agreement/index';
import type { StoredReview } from '../core/model';
import { classify, SpanIndex, type ClassedSpan } from '../core/review';
import { checkAnchor, compareSpans } from '../core/span';
import { annotationChange, type Change } from '../core/transaction';
import type { HistoryKey } from './annotation-book';
import { ParleyError } from './errors';
import type { ServiceHost } from './service-host';

const sameSpan = (a: ClassedSpan, b: ClassedSpan): boolean =>
  a.start === b.start && a.end === b.end && a.label === b.label;

/** How many sets of annotators the cache keeps per document. */
const MAX_CACHED_SETS = 4;

/** What a document's review is computed from, as the store holds it. */
interface ReviewInputs {
  annotations: readonly Annotation[];
  status: unknown;
  rejected: readonly string[] | undefined;
}

/** A document's review without the views: what getReview and the summaries share. */
interface ClassedReview {
  inputs: ReviewInputs;
  /** The chosen annotators' spans, in text order. */
  spans: Annotation[];
  /** Each span's class and resolution, by index into `spans`. */
  classes: ReviewClass[];
  resolutions: (ReviewSpan['resolution'] | undefined)[];
  gold: Annotation[];
  disagreements: number;
  remaining: number;
}

/** Whether the inputs are the very same objects, so what was computed from them still holds. */
function isSameInputs(a: ReviewInputs, b: ReviewInputs): boolean {
  if (a.status !== b.status || a.rejected !== b.rejected) return false;
  // The model hands out a new list when a document's annotations change; the same annotations in
  // another list (as a model that copies would give) are the same inputs too.
  if (a.annotations === b.annotations) return true;
  return a.annotations.length === b.annotations.length && a.annotations.every((x, i) => x === b.annotations[i]);
}

/** Classes and resolves the spans of `chosen` (no gold) among `inputs`; `who` annotated the document. */
function classReview(inputs: ReviewInputs, chosen: readonly string[], who: readonly string[]): ClassedReview {
  const names = new Set(chosen);
  const spans = inputs.annotations.filter((a) => names.has(a.annotator)).sort(compareSpans);
  const gold = inputs.annotations.filter((a) => a.annotator === GOLD).sort(compareSpans);
  const present = chosen.filter((name) => who.includes(name));
  const byId = classify(spans, present);
  const goldKeys = new Set(gold.map((g) => `${g.start}:${g.end}:${g.label}`));
  const rejected = new Set(inputs.rejected);
  const classes: ReviewClass[] = [];
  const resolutions: ClassedReview['resolutions'] = [];
  let disagreements = 0;
  let remaining = 0;
  for (const s of spans) {
    const cls = byId.get(s.id) ?? 'only';
    const resolution = goldKeys.has(`${s.start}:${s.end}:${s.label}`)
      ? ('accepted' as const)
      : rejected.has(s.id)
        ? ('rejected' as const)
        : undefined;
    classes.push(cls);
    resolutions.push(resolution);
    if (cls === 'agreed') continue;
    disagreements += 1;
    if (resolution === undefined) remaining += 1;
  }
  return { inputs, spans, classes, resolutions, gold, disagreements, remaining };
}

export class ReviewService {
  /** docId → sorted annotator names → the document's classed review (see `classed`). */
  private readonly cache = new Map<string, Map<string, ClassedReview>>();

  constructor(private readonly host: ServiceHost) {}

  private textOf(docId: string): string {
    return this.host.corpus.requireText(docId).text;
  }

  private view(a: Annotation): AnnotationView {
    return this.host.view(a);
  }

  /** Annotators who annotated a document: spans in it, or a status other than todo. */
  annotatedBy(docId: string, annotations = this.host.annotationsOf(docId)): string[] {
    const names = new Set(annotations.map((a) => a.annotator));
    for (const [name, status] of Object.entries(this.host.tables().status[docId] ?? {})) {
      if (status !== 'todo') names.add(name);
    }
    return [...names];
  }

  listAnnotatorStats(): AnnotatorStats[] {
    const data = this.host.tables();
    const current = data.settings.annotator;
    const stats = new Map<string, AnnotatorStats>();
    const entry = (name: string): AnnotatorStats => {
      const found = stats.get(name);
      if (found) return found;
      const fresh: AnnotatorStats = {
        name,
        isCurrent: name === current,
        isGold: name === GOLD,
        total: 0,
        perLabel: {},
        perDocument: {},
        documents: 0,
      };
      stats.set(name, fresh);
      return fresh;
    };
    entry(current);
    for (const a of this.host.allAnnotations()) {
      const s = entry(a.annotator);
      s.total += 1;
      s.perLabel[a.label] = (s.perLabel[a.label] ?? 0) + 1;
      s.perDocument[a.docId] = (s.perDocument[a.docId] ?? 0) + 1;
    }
    for (const [docId, byAnnotator] of Object.entries(data.status)) {
      for (const [name, status] of Object.entries(byAnnotator)) {
        if (status !== 'todo' && entry(name).perDocument[docId] === undefined) entry(name).perDocument[docId] = 0;
      }
    }
    for (const s of stats.values()) s.documents = Object.keys(s.perDocument).length;
    const rank = (s: AnnotatorStats): number => (s.isCurrent ? 0 : s.isGold ? 2 : 1);
    return [...stats.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }

  getAgreement(request: AgreementRequest): AgreementReport {
    const data = this.host.tables();
    const everyone = this.listAnnotatorStats();
    const known = new Set(everyone.map((s) => s.name));
    const annotators = request.annotators?.length
      ? [...new Set(request.annotators)]
      : // An annotator who annotated a document counts, spans or none: "nothing here" is an answer.
        everyone.filter((s) => !s.isGold && s.documents > 0).map((s) => s.name);
    for (const name of annotators) {
      if (!known.has(name)) throw new ParleyError('BAD_REQUEST', `No annotator “${name}” in the store`);
    }
    const labels = request.labels?.length ? [...new Set(request.labels)] : data.labels.map((l) => l.id);
    for (const label of labels) {
      if (!data.labels.some((l) => l.id === label)) {
        throw new ParleyError(
          'BAD_REQUEST',
          `Unknown label “${label}”; the labels are: ${data.labels.map((l) => l.id).join(', ')}`,
        );
      }
    }
    const readable = this.host.corpus.readableIds();
    const isReadable = new Set(readable);
    const docIds = request.docs?.length ? [...new Set(request.docs)] : readable;
    for (const id of docIds) {
      if (!isReadable.has(id))
        throw new ParleyError('NOT_FOUND', `There is no readable document “${id}” in the corpus`);
    }
    const chosen = new Set(annotators);
    const documents: { id: string; text: string }[] = [];
    const spans: Annotation[] = [];
    const annotated: Record<string, string[]> = {};
    for (const id of docIds) {
      const text = this.textOf(id);
      documents.push({ id, text });
      const all = this.host.annotationsOf(id);
      spans.push(...all.filter((a) => chosen.has(a.annotator) && checkAnchor(text, a) === null));
      annotated[id] = this.annotatedBy(id, all).filter((name) => chosen.has(name));
    }
    return computeAgreement({ documents, annotators, labels, spans, annotated });
  }

  async saveAgreementCsv(request: AgreementRequest): Promise<string | null> {
    const report = this.getAgreement(request);
    const path = await this.host.pickSavePath?.('parley-agreement.csv');
    if (path === undefined || path === null) return null;
    try {
      await writeFile(path, agreementToCsv(report), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ParleyError('IO_ERROR', `${path} cannot be written (${code})`);
    }
    return path;
  }

  listDisagreements(query: DisagreementQuery): Disagreement[] {
    const result: Disagreement[] = [];
    const docIds = query.docId !== undefined ? [query.docId] : this.host.corpus.readableIds();
    for (const docId of docIds) {
      this.textOf(docId);
      const who = this.annotatedBy(docId);
      if (!who.includes(query.a) || !who.includes(query.b)) continue;
      const spans = this.host
        .annotationsOf(docId)
        .filter((s) => s.annotator === query.a || s.annotator === query.b)
        .sort(compareSpans);
      const classes = classify(spans, [query.a, query.b]);
      const index = new SpanIndex(spans);
      const byId = new Map(spans.map((s) => [s.id, s]));
      const paired = new Set<string>();
      const pick = (s: Annotation): boolean => query.label === undefined || s.label === query.label;
      for (const a of spans) {
        const cls = classes.get(a.id);
        if (a.annotator !== query.a || cls === undefined || cls === 'agreed') continue;
        const partner =
          index.sameRange(a.start, a.end).find((s) => s.annotator === query.b) ??
          index.lastOverlapping(query.b, a.label, a.start, a.end);
        const b = partner && byId.get(partner.id);
        if (!pick(a) && !(b && pick(b))) continue;
        if (b) paired.add(b.id);
        result.push({ docId, cls, a: this.view(a), ...(b && { b: this.view(b) }) });
      }
      for (const b of spans) {
        const cls = classes.get(b.id);
        if (b.annotator !== query.b || paired.has(b.id) || cls === undefined || cls === 'agreed' || !pick(b)) continue;
        result.push({ docId, cls, b: this.view(b) });
      }
    }
    return result;
  }

  getReview(docId: string, annotators: string[]): ReviewView {
    this.textOf(docId);
    const review = this.classed(docId, annotators);
    const spans: ReviewSpan[] = review.spans.map((s, i) => {
      // A view is a fresh object: its class and resolution are set on it, not copied into another.
      const span = this.view(s) as ReviewSpan;
      span.cls = review.classes[i] ?? 'only';
      const resolution = review.resolutions[i];
      if (resolution) span.resolution = resolution;
      return span;
    });
    return {
      docId,
      annotators: annotators.filter((a) => a !== GOLD),
      spans,
      gold: review.gold.map((g) => this.view(g)),
      state: this.reviewOf(docId).state,
      remaining: review.remaining,
    };
  }

  /** Review progress of every readable document: counts only, from the cache where it still holds. */
  listReviewSummaries(annotators: string[]): ReviewSummary[] {
    return this.host.corpus.readableIds().map((docId) => this.summaryOf(docId, annotators));
  }

  /**
   * Forgets what is cached of these documents' review (every document's when `docIds` is
   * omitted). The service calls it for the documents a committed change touched; the cache also
   * checks its inputs itself, so a missed call costs memory, never a wrong count.
   */
  invalidate(docIds?: Iterable<string>): void {
    if (docIds === undefined) this.cache.clear();
    else for (const docId of docIds) this.cache.delete(docId);
  }

  private summaryOf(docId: string, annotators: string[]): ReviewSummary {
    const { disagreements, remaining } = this.classed(docId, annotators);
    return { docId, state: this.reviewOf(docId).state, disagreements, remaining };
  }

  /**
   * A document's spans by `annotators` classed and resolved, computed once per (document,
   * annotators) while the document's annotations, statuses and rejections are the same objects:
   * the model replaces a value when it changes it, so the same objects hold the same data.
   */
  private classed(docId: string, annotators: readonly string[]): ClassedReview {
    const all = this.host.annotationsOf(docId);
    const tables = this.host.tables();
    const inputs: ReviewInputs = {
      annotations: all,
      status: tables.status[docId],
      rejected: tables.review[docId]?.rejected,
    };
    const chosen = [...new Set(annotators.filter((a) => a !== GOLD))].sort();
    const key = JSON.stringify(chosen);
    const entries = this.cache.get(docId) ?? new Map<string, ClassedReview>();
    const cached = entries.get(key);
    if (cached && isSameInputs(cached.inputs, inputs)) return cached;
    const fresh = classReview(inputs, chosen, this.annotatedBy(docId, all));
    entries.delete(key);
    entries.set(key, fresh);
    // A reviewer who tries other sets of annotators leaves a few entries per document, not one per try.
    for (const old of entries.keys()) {
      if (entries.size <= MAX_CACHED_SETS) break;
      entries.delete(old);
    }
    this.cache.set(docId, entries);
    return fresh;
  }

  /**
   * Copies a colleague's span into gold and rejects the spans that conflict with it, as one
   * transaction in the reviewer's undo history.
   */
  acceptSpan(annotationId: string, undo: HistoryKey): AnnotationView {
    const source = this.requireAnnotation(annotationId);
    if (source.annotator === GOLD) throw new ParleyError('BAD_REQUEST', 'This span is already in the gold set');
    const text = this.textOf(source.docId);
    if (checkAnchor(text, source) !== null) {
      throw new ParleyError('BAD_REQUEST', `“${source.text}” no longer matches the text; it cannot be accepted`);
    }
    const all = this.host.annotationsOf(source.docId);
    const conflicting = all.filter(
      (a) =>
        a.annotator !== GOLD &&
        a.id !== source.id &&
        !sameSpan(a, source) &&
        a.start < source.end &&
        source.start < a.end &&
        (a.label === source.label || (a.start === source.start && a.end === source.end)),
    );
    const rejected = this.rejectedChange(source.docId, { restore: [source.id], reject: conflicting.map((a) => a.id) });
    const existing = all.find((a) => a.annotator === GOLD && sameSpan(a, source));
    const gold =
      existing ??
      stampAnnotation(
        {
          docId: source.docId,
          start: source.start,
          end: source.end,
          label: source.label,
          acceptedFrom: source.id,
          ...(source.attributes && { attributes: source.attributes }),
          ...(source.note !== undefined && { note: source.note }),
        },
        text,
        GOLD,
        this.host.newId(),
        new Date().toISOString(),
      );
    const changes: Change[] = [...(rejected ? [rejected] : []), ...(existing ? [] : [annotationChange(null, gold)])];
    this.host.commit({ changes }, { undo });
    return this.view(gold);
  }

  rejectSpan(annotationId: string, rejected: boolean, undo: HistoryKey): void {
    const annotation = this.requireAnnotation(annotationId);
    if (annotation.annotator === GOLD) {
      throw new ParleyError('BAD_REQUEST', 'A gold span is not rejected but deleted (Delete)');
    }
    const change = this.rejectedChange(
      annotation.docId,
      rejected ? { restore: [], reject: [annotationId] } : { restore: [annotationId], reject: [] },
    );
    if (change) this.host.commit({ changes: [change] }, { undo });
  }

  setReviewState(docId: string, state: ReviewState, annotators: string[]): ReviewSummary {
    this.textOf(docId);
    const tables = this.host.tables();
    const before = tables.review[docId] ?? null;
    const review = this.reviewOf(docId);
    const goldBefore = tables.status[docId]?.[GOLD] ?? null;
    // The gold set's status follows the review, so "done only" exports of gold take adjudicated documents.
    const goldAfter = state === 'adjudicated' ? 'done' : 'in-progress';
    const changes: Change[] = [];
    if (review.state !== state) changes.push({ type: 'review', docId, before, after: { ...review, state } });
    if (goldBefore !== goldAfter) {
      changes.push({ type: 'status', docId, annotator: GOLD, before: goldBefore, after: goldAfter });
    }
    this.host.commit({ changes });
    return { ...this.summaryOf(docId, annotators), state };
  }

  addComment(annotationId: string, text: string, undo: HistoryKey): AnnotationView {
    const annotation = this.requireAnnotation(annotationId);
    const body = text.trim();
    if (body === '') throw new ParleyError('BAD_REQUEST', 'A comment cannot be empty');
    const comment = { author: this.host.annotator(), at: new Date().toISOString(), text: body };
    const updated: Annotation = { ...annotation, comments: [...(annotation.comments ?? []), comment] };
    this.host.commit({ changes: [annotationChange(annotation, updated)] }, { undo });
    return this.view(updated);
  }

  private reviewOf(docId: string): StoredReview {
    const stored = this.host.tables().review[docId];
    return stored ? { state: stored.state, rejected: [...stored.rejected] } : { state: 'open', rejected: [] };
  }

  /** The change to a document's review that un-rejects `restore` and rejects `reject`; null when it would change nothing. */
  private rejectedChange(docId: string, { restore, reject }: { restore: string[]; reject: string[] }): Change | null {
    const before = this.host.tables().review[docId] ?? null;
    const review = this.reviewOf(docId);
    const set = new Set(review.rejected);
    for (const id of restore) set.delete(id);
    for (const id of reject) set.add(id);
    const rejected = [...set];
    if (rejected.length === review.rejected.length && rejected.every((id, i) => review.rejected[i] === id)) return null;
    return { type: 'review', docId, before, after: { ...review, rejected } };
  }

  private requireAnnotation(id: string): Annotation {
    const annotation = this.host.annotation(id);
    if (!annotation) throw new ParleyError('NOT_FOUND', `There is no annotation ${id}; it may have been deleted`);
    return annotation;
  }
}
