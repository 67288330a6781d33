/**
 * Spans of a text that changed since they were tagged: where each is now (core/anchor.ts), and
 * moving the accepted ones there. Every annotator's spans are reviewed; orphans are only listed.
 */
import type { AnchorReview, Annotation } from '../api/contract';
import { reanchor } from '../core/anchor';
import { checkAnchor, quoteOf } from '../core/span';

const byPlace = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
  a.start - b.start || a.end - b.end;

/** The review of the annotations of one document against its text now. */
export function anchorReviewOf(docId: string, text: string, annotations: readonly Annotation[]): AnchorReview {
  const review: AnchorReview = { docId, moved: [], orphans: [] };
  for (const a of annotations) {
    if (checkAnchor(text, a) === null) continue;
    const found = reanchor(text, a);
    const base = { id: a.id, annotator: a.annotator, label: a.label };
    if (found.kind === 'moved') {
      const { start, end, how } = found;
      const place = { start, end, text: text.slice(start, end) };
      review.moved.push({ ...base, oldStart: a.start, oldEnd: a.end, oldText: a.text, ...place, how });
    } else if (found.kind === 'orphan') {
      review.orphans.push({ ...base, start: a.start, end: a.end, text: a.text });
    }
  }
  review.moved.sort(byPlace);
  review.orphans.sort(byPlace);
  return review;
}

/**
 * The accepted moved annotations (`ids`, or all) at their new place, with text and context
 * taken from `text`. `annotations` are the document's, by id.
 */
export function moveSpans(
  text: string,
  review: AnchorReview,
  ids: readonly string[] | 'all',
  annotations: readonly Annotation[],
  now: string,
): Annotation[] {
  const wanted = ids === 'all' ? null : new Set(ids);
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const moved: Annotation[] = [];
  for (const m of review.moved) {
    const before = byId.get(m.id);
    if (!before || (wanted && !wanted.has(m.id))) continue;
    const span = { start: m.start, end: m.end };
    moved.push({ ...before, ...span, ...quoteOf(text, span), updatedAt: now });
  }
  return moved;
}
