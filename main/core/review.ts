/**
 * How each annotator's spans in one document compare with the other annotators' (review mode):
 * agreed, label differs, boundary differs, partly shared, or only one annotator. Offsets are
 * UTF-16 code units, `end` exclusive. One sort, then binary search in per-annotator lanes, keeps
 * it O(n log n) in the document's spans, so a whole corpus can be classed for the review summary.
 */
import type { ReviewClass } from '../api/contract';
import { countBelow } from './sorted';

/** What classing needs of a span. */
export interface ClassedSpan {
  id: string;
  annotator: string;
  start: number;
  end: number;
  label: string;
}

/** By start, then end, both ascending: the order of a lane and of the ranges' groups. */
const byRange = (a: ClassedSpan, b: ClassedSpan): number => a.start - b.start || a.end - b.end;

/** One annotator's spans of one label in `byRange` order, with the running maximum of their ends. */
interface Lane {
  starts: number[];
  ends: number[];
  maxEnds: number[];
  spans: ClassedSpan[];
}

const emptyLane = (): Lane => ({ starts: [], ends: [], maxEnds: [], spans: [] });

/** Appends `span`, which must not sort before the lane's last span. */
function pushToLane(lane: Lane, span: ClassedSpan): void {
  lane.starts.push(span.start);
  lane.ends.push(span.end);
  lane.maxEnds.push(Math.max(lane.maxEnds.at(-1) ?? -1, span.end));
  lane.spans.push(span);
}

/** Count of the lane's spans that sort before `[start, end)` (with `orEqual`: at or before it). */
function countBefore(lane: Lane, start: number, end: number, orEqual: boolean): number {
  let low = countBelow(lane.starts, start);
  let high = countBelow(lane.starts, start, true);
  while (low < high) {
    const mid = (low + high) >> 1;
    const at = lane.ends[mid] ?? 0;
    if (at < end || (orEqual && at === end)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Whether the lane has a span overlapping `[start, end)` with another range. O(log n): the spans
 * after the exact range that start before `end` all overlap it; of those before it, the one
 * reaching furthest tells.
 */
function hasOtherOverlap(lane: Lane, start: number, end: number): boolean {
  const before = countBelow(lane.starts, end);
  if (countBefore(lane, start, end, true) < before) return true;
  const lower = countBefore(lane, start, end, false);
  return lower > 0 && (lane.maxEnds[lower - 1] ?? 0) > start;
}

/**
 * The lane's last span (in `byRange` order) overlapping `[start, end)`, or undefined. It walks back
 * from the last span starting before `end`, so it costs the spans nested in a longer one and
 * lying wholly before `start`: few in practice.
 */
function lastOverlap(lane: Lane, start: number, end: number): ClassedSpan | undefined {
  for (let i = countBelow(lane.starts, end) - 1; i >= 0 && (lane.maxEnds[i] ?? 0) > start; i -= 1) {
    if ((lane.ends[i] ?? 0) > start) return lane.spans[i];
  }
  return undefined;
}

/** Index of a document's spans by annotator and label, and by exact range. */
export class SpanIndex {
  /** Every span in `byRange` order; a stable sort, so spans of one range keep the order they came in. */
  readonly sorted: readonly ClassedSpan[];
  private readonly all = emptyLane();
  private readonly lanes = new Map<string, Map<string, Lane>>();

  constructor(spans: readonly ClassedSpan[]) {
    this.sorted = [...spans].sort(byRange);
    for (const span of this.sorted) {
      pushToLane(this.all, span);
      let labels = this.lanes.get(span.annotator);
      if (!labels) {
        labels = new Map<string, Lane>();
        this.lanes.set(span.annotator, labels);
      }
      let lane = labels.get(span.label);
      if (!lane) {
        lane = emptyLane();
        labels.set(span.label, lane);
      }
      pushToLane(lane, span);
    }
  }

  /** Whether `annotator` has a span with `label` overlapping `[start, end)` with another range. */
  hasOtherOverlap(annotator: string, label: string, start: number, end: number): boolean {
    const lane = this.lanes.get(annotator)?.get(label);
    return lane !== undefined && hasOtherOverlap(lane, start, end);
  }

  /**
   * `annotator`'s span with `label` overlapping `[start, end)` that starts last (of equal starts,
   * ends last); undefined when there is none.
   */
  lastOverlapping(annotator: string, label: string, start: number, end: number): ClassedSpan | undefined {
    const lane = this.lanes.get(annotator)?.get(label);
    return lane && lastOverlap(lane, start, end);
  }

  /** Every span with exactly this range, any annotator and label, in the order they came in. */
  sameRange(start: number, end: number): readonly ClassedSpan[] {
    return this.all.spans.slice(countBefore(this.all, start, end, false), countBefore(this.all, start, end, true));
  }
}

/**
 * Classes every span of one document against the other annotators in `annotators` (those who
 * annotated the document). Spans of anyone else are ignored. Returns id → class.
 */
export function classify(spans: readonly ClassedSpan[], annotators: readonly string[]): Map<string, ReviewClass> {
  const chosen = new Set(annotators);
  const index = new SpanIndex(spans.filter((s) => chosen.has(s.annotator)));
  const othersOf = new Map([...chosen].map((name) => [name, annotators.filter((a) => a !== name)]));
  const sorted = index.sorted;
  const result = new Map<string, ReviewClass>();
  // Spans of one range lie together in `sorted`: each group is compared within itself.
  for (let from = 0, to = 0; from < sorted.length; from = to) {
    const first = sorted[from];
    if (!first) break;
    do to += 1;
    while (to < sorted.length && sorted[to]?.start === first.start && sorted[to]?.end === first.end);
    for (let i = from; i < to; i += 1) {
      const span = sorted[i];
      if (span) result.set(span.id, classOf(span, sorted, from, to, othersOf.get(span.annotator) ?? [], index));
    }
  }
  return result;
}

/** The class of `span`, whose range `sorted[from..to)` shares, against the annotators `others`. */
function classOf(
  span: ClassedSpan,
  sorted: readonly ClassedSpan[],
  from: number,
  to: number,
  others: readonly string[],
  index: SpanIndex,
): ReviewClass {
  // Annotators are few: an array is quicker than a set here.
  const exact: string[] = [];
  let hasOtherLabel = false;
  for (let i = from; i < to; i += 1) {
    const s = sorted[i];
    if (!s || s.annotator === span.annotator) continue;
    if (s.label !== span.label) hasOtherLabel = true;
    else if (!exact.includes(s.annotator)) exact.push(s.annotator);
  }
  if (others.length > 0 && others.every((a) => exact.includes(a))) return 'agreed';
  if (hasOtherLabel) return 'label';
  if (others.some((a) => !exact.includes(a) && index.hasOtherOverlap(a, span.label, span.start, span.end))) {
    return 'boundary';
  }
  return exact.length > 0 ? 'partial' : 'only';
}
