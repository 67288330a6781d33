/**
 * Reviewing colleagues' work: who tagged what, agreement figures, the spans behind them, and
 * adjudication into the gold set (accept, reject, review state, comments). The service lends a
 * narrow host; everything here is plain Node and reads the store through it.
 */
import { randomUUID } from 'node:crypto';
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
  type ReviewState,
  type ReviewSummary,
  type ReviewView,
} from '../api/contract';
import { agreementToCsv, computeAgreement } from '../core/agreement/index';
import { classify, SpanIndex, type ClassedSpan } from '../core/review';
import { checkAnchor, compareSpans, quoteOf } from '../core/span';
import { ParleyError } from './errors';
import type { StoreData, StoredReview } from './store-data';

/** What review needs of the service. */
export interface ReviewHost {
  data(): StoreData;
  markDirty(): void;
  /** Ids of the documents whose text could be read, in corpus order. */
  readableDocIds(): string[];
  /** A document's text; throws NOT_FOUND / BAD_REQUEST. */
  textOf(docId: string): string;
  /** A document's annotations, any annotator. */
  annotationsOf(docId: string): Annotation[];
  /** Adds annotations through the service, recorded for undo. */
  create(annotations: Annotation[]): void;
  /** Asks where to save a file; null when the person cancelled. */
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
}

const view = (text: string, a: Annotation): AnnotationView => {
  const problem = checkAnchor(text, a);
  return problem === null ? { ...a } : { ...a, problem };
};

const sameSpan = (a: ClassedSpan, b: ClassedSpan): boolean =>
  a.start === b.start && a.end === b.end && a.label === b.label;

export class ReviewService {
  constructor(private readonly host: ReviewHost) {}

  /** Annotators who annotated a document: spans in it, or a status other than todo. */
  annotatedBy(docId: string, annotations = this.host.annotationsOf(docId)): string[] {
    const names = new Set(annotations.map((a) => a.annotator));
    for (const [name, status] of Object.entries(this.host.data().status[docId] ?? {})) {
      if (status !== 'todo') names.add(name);
    }
    return [...names];
  }

  listAnnotatorStats(): AnnotatorStats[] {
    const data = this.host.data();
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
    for (const a of Object.values(data.annotations)) {
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
    const data = this.host.data();
    const everyone = this.listAnnotatorStats();
    const known = new Set(everyone.map((s) => s.name));
    const annotators = request.annotators?.length
      ? [...new Set(request.annotators)]
      : everyone.filter((s) => !s.isGold && s.total > 0).map((s) => s.name);
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
    const readable = this.host.readableDocIds();
    const docIds = request.docs?.length ? [...new Set(request.docs)] : readable;
    for (const id of docIds) {
      if (!readable.includes(id))
        throw new ParleyError('NOT_FOUND', `There is no readable document “${id}” in the corpus`);
    }
    const chosen = new Set(annotators);
    const documents: { id: string; text: string }[] = [];
    const spans: Annotation[] = [];
    const annotated: Record<string, string[]> = {};
    for (const id of docIds) {
      const text = this.host.textOf(id);
      documents.push({ id, text });
      const all = this.host.annotationsOf(id).filter((a) => chosen.has(a.annotator) && checkAnchor(text, a) === null);
      spans.push(...all);
      annotated[id] = this.annotatedBy(id).filter((name) => chosen.has(name));
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
    const docIds = query.docId !== undefined ? [query.docId] : this.host.readableDocIds();
    for (const docId of docIds) {
      const text = this.host.textOf(docId);
      const who = this.annotatedBy(docId);
      if (!who.includes(query.a) || !who.includes(query.b)) continue;
      const spans = this.host
        .annotationsOf(docId)
        .filter((s) => s.annotator === query.a || s.annotator === query.b)
        .sort(compareSpans);
      const classes = classify(spans, [query.a, query.b]);
      const index = new SpanIndex(spans);
      const paired = new Set<string>();
      const pick = (s: Annotation): boolean => query.label === undefined || s.label === query.label;
      for (const a of spans) {
        const cls = classes.get(a.id);
        if (a.annotator !== query.a || cls === undefined || cls === 'agreed') continue;
        const partner =
          index.sameRange(a.start, a.end).find((s) => s.annotator === query.b) ??
          index.overlapping(query.b, a.label, a.start, a.end)[0];
        const b = partner && spans.find((s) => s.id === partner.id);
        if (!pick(a) && !(b && pick(b))) continue;
        if (b) paired.add(b.id);
        result.push({ docId, cls, a: view(text, a), ...(b && { b: view(text, b) }) });
      }
      for (const b of spans) {
        const cls = classes.get(b.id);
        if (b.annotator !== query.b || paired.has(b.id) || cls === undefined || cls === 'agreed' || !pick(b)) continue;
        result.push({ docId, cls, b: view(text, b) });
      }
    }
    return result;
  }

  getReview(docId: string, annotators: string[]): ReviewView {
    const text = this.host.textOf(docId);
    const all = this.host.annotationsOf(docId);
    const chosen = annotators.filter((a) => a !== GOLD);
    const who = this.annotatedBy(docId, all);
    const present = chosen.filter((a) => who.includes(a));
    const spans = all.filter((a) => chosen.includes(a.annotator)).sort(compareSpans);
    const gold = all.filter((a) => a.annotator === GOLD).sort(compareSpans);
    const classes = classify(spans, present);
    const review = this.reviewOf(docId);
    const goldKeys = new Set(gold.map((g) => `${g.start}:${g.end}:${g.label}`));
    const rejected = new Set(review.rejected);
    const reviewed = spans.map((s) => {
      const resolution = goldKeys.has(`${s.start}:${s.end}:${s.label}`)
        ? ('accepted' as const)
        : rejected.has(s.id)
          ? ('rejected' as const)
          : undefined;
      return { ...view(text, s), cls: classes.get(s.id) ?? 'only', ...(resolution && { resolution }) };
    });
    return {
      docId,
      annotators: chosen,
      spans: reviewed,
      gold: gold.map((g) => view(text, g)),
      state: review.state,
      remaining: reviewed.filter((s) => s.cls !== 'agreed' && s.resolution === undefined).length,
    };
  }

  listReviewSummaries(annotators: string[]): ReviewSummary[] {
    return this.host.readableDocIds().map((docId) => {
      const review = this.getReview(docId, annotators);
      const disagreements = review.spans.filter((s) => s.cls !== 'agreed').length;
      return { docId, state: review.state, disagreements, remaining: review.remaining };
    });
  }

  /** Copies a colleague's span into gold and rejects the spans that conflict with it. */
  acceptSpan(annotationId: string): Annotation {
    const source = this.requireAnnotation(annotationId);
    if (source.annotator === GOLD) throw new ParleyError('BAD_REQUEST', 'This span is already in the gold set');
    const text = this.host.textOf(source.docId);
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
    this.setRejected(source.docId, [source.id], false);
    this.setRejected(
      source.docId,
      conflicting.map((a) => a.id),
      true,
    );
    const existing = all.find((a) => a.annotator === GOLD && sameSpan(a, source));
    if (existing) return { ...existing };
    const now = new Date().toISOString();
    const gold: Annotation = {
      id: randomUUID(),
      docId: source.docId,
      start: source.start,
      end: source.end,
      label: source.label,
      ...quoteOf(text, source),
      annotator: GOLD,
      createdAt: now,
      updatedAt: now,
      acceptedFrom: source.id,
      ...(source.attributes && { attributes: { ...source.attributes } }),
      ...(source.note !== undefined && { note: source.note }),
    };
    this.host.create([gold]);
    return { ...gold };
  }

  rejectSpan(annotationId: string, rejected: boolean): void {
    const annotation = this.requireAnnotation(annotationId);
    if (annotation.annotator === GOLD) {
      throw new ParleyError('BAD_REQUEST', 'A gold span is not rejected but deleted (Delete)');
    }
    this.setRejected(annotation.docId, [annotationId], rejected);
  }

  setReviewState(docId: string, state: ReviewState, annotators: string[]): ReviewSummary {
    this.host.textOf(docId);
    const data = this.host.data();
    data.review[docId] = { ...this.reviewOf(docId), state };
    // The gold set's status follows the review, so "done only" exports of gold take adjudicated documents.
    data.status[docId] = { ...data.status[docId], [GOLD]: state === 'adjudicated' ? 'done' : 'in-progress' };
    this.host.markDirty();
    const review = this.getReview(docId, annotators);
    const disagreements = review.spans.filter((s) => s.cls !== 'agreed').length;
    return { docId, state, disagreements, remaining: review.remaining };
  }

  addComment(annotationId: string, text: string): Annotation {
    const annotation = this.requireAnnotation(annotationId);
    const body = text.trim();
    if (body === '') throw new ParleyError('BAD_REQUEST', 'A comment cannot be empty');
    const data = this.host.data();
    const comment = { author: data.settings.annotator, at: new Date().toISOString(), text: body };
    const updated = { ...annotation, comments: [...(annotation.comments ?? []), comment] };
    data.annotations[annotationId] = updated;
    this.host.markDirty();
    return { ...updated };
  }

  private reviewOf(docId: string): StoredReview {
    return this.host.data().review[docId] ?? { state: 'open', rejected: [] };
  }

  private setRejected(docId: string, ids: string[], rejected: boolean): void {
    const review = this.reviewOf(docId);
    const set = new Set(review.rejected);
    for (const id of ids) {
      if (rejected) set.add(id);
      else set.delete(id);
    }
    if (set.size === review.rejected.length && ids.every((id) => review.rejected.includes(id) === rejected)) return;
    this.host.data().review[docId] = { ...review, rejected: [...set] };
    this.host.markDirty();
  }

  private requireAnnotation(id: string): Annotation {
    const annotation = this.host.data().annotations[id];
    if (!annotation) throw new ParleyError('NOT_FOUND', `There is no annotation ${id}; it may have been deleted`);
    return annotation;
  }
}
