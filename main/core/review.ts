/**
 * How each annotator's spans in one document compare with the other annotators' (review mode):
 * agreed, label differs, boundary differs, partly shared, or only one annotator. Offsets are
 * UTF-16 code units, `end` exclusive. Sorting and binary search keep it near-linear, so a whole
 * corpus can be classed for the review summary.
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

/** One annotator's spans of one label, sorted by start, with the running maximum of their ends. */
interface Lane {
  starts: number[];
  maxEnds: number[];
  spans: ClassedSpan[];
}

function laneOf(spans: ClassedSpan[]): Lane {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const maxEnds: number[] = [];
  let max = -1;
  for (const s of sorted) {
    max = Math.max(max, s.end);
    maxEnds.push(max);
  }
  return { starts: sorted.map((s) => s.start), maxEnds, spans: sorted };
}

/** Spans of a lane that overlap `[start, end)`. */
export function overlapping(lane: Lane, start: number, end: number): ClassedSpan[] {
  // Spans starting before `end`; walk back while some earlier span may still reach `start`.
  const before = countBelow(lane.starts, end);
  const result: ClassedSpan[] = [];
  for (let i = before - 1; i >= 0 && (lane.maxEnds[i] ?? 0) > start; i -= 1) {
    const span = lane.spans[i];
    if (span !== undefined && span.end > start) result.push(span);
  }
  return result;
}

/** Index of a document's spans by annotator, label and exact range. */
export class SpanIndex {
  private readonly lanes = new Map<string, Lane>();
  private readonly byRange = new Map<string, ClassedSpan[]>();

  constructor(spans: readonly ClassedSpan[]) {
    const groups = new Map<string, ClassedSpan[]>();
    for (const span of spans) {
      const key = `${span.annotator}\u0000${span.label}`;
      groups.set(key, [...(groups.get(key) ?? []), span]);
      const range = `${span.start}:${span.end}`;
      this.byRange.set(range, [...(this.byRange.get(range) ?? []), span]);
    }
    for (const [key, group] of groups) this.lanes.set(key, laneOf(group));
  }

  /** `annotator`'s spans with `label` overlapping `[start, end)`. */
  overlapping(annotator: string, label: string, start: number, end: number): ClassedSpan[] {
    const lane = this.lanes.get(`${annotator}\u0000${label}`);
    return lane ? overlapping(lane, start, end) : [];
  }

  /** Every span with exactly this range, any annotator and label. */
  sameRange(start: number, end: number): ClassedSpan[] {
    return this.byRange.get(`${start}:${end}`) ?? [];
  }
}

/**
 * Classes every span of one document against the other annotators in `annotators` (those who
 * annotated the document). Spans of anyone else are ignored. Returns id → class.
 */
export function classify(spans: readonly ClassedSpan[], annotators: readonly string[]): Map<string, ReviewClass> {
  const chosen = new Set(annotators);
  const own = spans.filter((s) => chosen.has(s.annotator));
  const index = new SpanIndex(own);
  const result = new Map<string, ReviewClass>();
  for (const span of own) {
    const others = annotators.filter((a) => a !== span.annotator);
    const sameRange = index.sameRange(span.start, span.end).filter((s) => s.annotator !== span.annotator);
    const exact = new Set(sameRange.filter((s) => s.label === span.label).map((s) => s.annotator));
    let cls: ReviewClass;
    if (others.length > 0 && others.every((a) => exact.has(a))) cls = 'agreed';
    else if (sameRange.some((s) => s.label !== span.label)) cls = 'label';
    else if (others.some((a) => !exact.has(a) && hasBoundaryMatch(index, a, span))) cls = 'boundary';
    else if (exact.size > 0) cls = 'partial';
    else cls = 'only';
    result.set(span.id, cls);
  }
  return result;
}

/** Whether `annotator` has a span of the same label overlapping `span` with another range. */
function hasBoundaryMatch(index: SpanIndex, annotator: string, span: ClassedSpan): boolean {
  return index
    .overlapping(annotator, span.label, span.start, span.end)
    .some((s) => s.start !== span.start || s.end !== span.end);
}
