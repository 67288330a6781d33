/**
 * What the review list shows and how n and p step through it: the spans a filter picks, how many
 * each filter picks (one pass), and the open disagreements in stepping order with the spans by
 * id, indexed once per review view. Pure, so a review of 30,000 spans costs no search per render.
 */
import { REVIEW_CLASSES, type AnnotationView, type ReviewSpan, type ReviewView } from '@api/contract';
import { compareSpans } from '@core/span';

/** What the review list shows. */
export type ReviewFilter = 'open' | 'all' | ReviewSpan['cls'] | 'gold';

/** Each class as the list and its filter chips name it. */
export const CLASS_NAMES: Record<ReviewSpan['cls'], string> = {
  agreed: 'Agreed',
  label: 'Label differs',
  boundary: 'Boundary differs',
  partial: 'Not everyone',
  only: 'Only one',
};

/** Whether a span still asks for the reviewer: it disagrees and is neither accepted nor rejected. */
const isOpenDisagreement = (span: ReviewSpan): boolean => span.cls !== 'agreed' && span.resolution === undefined;

/** Whether `filter` (other than gold, which lists the gold set) picks `span`. */
const matches = (filter: ReviewFilter, span: ReviewSpan): boolean =>
  filter === 'all' || (filter === 'open' ? isOpenDisagreement(span) : span.cls === filter);

/** The rows a filter shows, in the view's order. */
export function shownOf(view: ReviewView, filter: ReviewFilter): readonly (ReviewSpan | AnnotationView)[] {
  if (filter === 'gold') return view.gold;
  if (filter === 'all') return view.spans;
  return view.spans.filter((s) => matches(filter, s));
}

/** How many rows each filter shows, and how many spans disagree (every class but agreed). */
export function countsOf(view: ReviewView): { byFilter: Record<ReviewFilter, number>; disagreements: number } {
  const byFilter = { open: 0, all: view.spans.length, gold: view.gold.length } as Record<ReviewFilter, number>;
  for (const cls of REVIEW_CLASSES) byFilter[cls] = 0;
  for (const span of view.spans) {
    byFilter[span.cls] += 1;
    if (isOpenDisagreement(span)) byFilter.open += 1;
  }
  return { byFilter, disagreements: view.spans.length - byFilter.agreed };
}

/** Text order, then annotator and id: a total order, so spans on the same words are stepped one by one. */
export const inOrder = (a: AnnotationView, b: AnnotationView): number =>
  compareSpans(a, b) || a.annotator.localeCompare(b.annotator) || a.id.localeCompare(b.id);

/** A review view's spans and gold by id, and its open disagreements in stepping order. */
interface ViewIndex {
  byId: Map<string, ReviewSpan | AnnotationView>;
  open: readonly ReviewSpan[];
}

const indexes = new WeakMap<ReviewView, ViewIndex>();

/** The index of `view`, built on first use and kept as long as the view is. */
function indexOf(view: ReviewView): ViewIndex {
  let index = indexes.get(view);
  if (!index) {
    const byId = new Map<string, ReviewSpan | AnnotationView>();
    // The first of an id wins, as a search of the spans and then the gold set would find it.
    for (const a of [...view.spans, ...view.gold]) if (!byId.has(a.id)) byId.set(a.id, a);
    index = { byId, open: view.spans.filter(isOpenDisagreement).sort(inOrder) };
    indexes.set(view, index);
  }
  return index;
}

/** The span or gold span `id` of `view`, or undefined. */
export const spanOf = (view: ReviewView, id: string): ReviewSpan | AnnotationView | undefined =>
  indexOf(view).byId.get(id);

/** The open disagreements of `view` in stepping order (`inOrder`). */
export const openInOrder = (view: ReviewView): readonly ReviewSpan[] => indexOf(view).open;

/**
 * The open disagreement after (1) or before (-1) `current` in `open` (stepping order); with
 * nothing current, the first or the last. Undefined when there is none that way.
 */
export function nextOpen(
  open: readonly ReviewSpan[],
  current: AnnotationView | undefined,
  direction: 1 | -1,
): ReviewSpan | undefined {
  if (!current) return direction === 1 ? open[0] : open.at(-1);
  return direction === 1 ? open.find((s) => inOrder(s, current) > 0) : open.findLast((s) => inOrder(s, current) < 0);
}
