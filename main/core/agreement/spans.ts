/**
 * Span-level matching of annotator b against annotator a (the reference), for one label in one
 * document: exact (same start and end) and relaxed (overlapping), each one to one. Counts only;
 * precision, recall and F1 over pooled counts are figures.ts's. Offsets are UTF-16, `end` exclusive.
 */
import { maximumMatching } from './matching';

/** A span's range: UTF-16 code units, `end` exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** Matched spans and the spans each side has. */
export interface MatchCounts {
  /** Spans of b matched one to one with a span of a. */
  matched: number;
  /** Spans of a. */
  reference: number;
  /** Spans of b. */
  candidate: number;
}

const byStartThenEnd = (x: Range, y: Range): number => x.start - y.start || x.end - y.end;

/** One-to-one matches of spans with the same start and end (duplicates match as often as both have them). */
export function exactMatches(a: readonly Range[], b: readonly Range[]): number {
  const x = [...a].sort(byStartThenEnd);
  const y = [...b].sort(byStartThenEnd);
  let matched = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const order = byStartThenEnd(x[i] ?? { start: 0, end: 0 }, y[j] ?? { start: 0, end: 0 });
    if (order === 0) matched += 1;
    if (order <= 0) i += 1;
    if (order >= 0) j += 1;
  }
  return matched;
}

/**
 * The size of a maximum one-to-one matching between spans of a and b that overlap (share at least
 * one code unit). The overlap graph is built by a sweep over both lists sorted by start, so its
 * cost is in the number of overlapping pairs, not |a| × |b|; a greedy pass could match fewer.
 */
export function relaxedMatches(a: readonly Range[], b: readonly Range[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const x = [...a].sort(byStartThenEnd);
  const y = [...b].sort(byStartThenEnd);
  const offsets = new Int32Array(x.length + 1);
  const targets: number[] = [];
  let active: number[] = [];
  let added = 0;
  x.forEach((span, u) => {
    while (added < y.length && (y[added]?.start ?? 0) < span.end) active.push(added++);
    // Spans of b that end before this span starts end before every later span of a starts too.
    active = active.filter((v) => (y[v]?.end ?? 0) > span.start);
    for (const v of active) if ((y[v]?.start ?? 0) < span.end) targets.push(v);
    offsets[u + 1] = targets.length;
  });
  return maximumMatching({ left: x.length, right: y.length, offsets, targets: Int32Array.from(targets) });
}

/** Exact and relaxed counts of b against a for one label in one document. */
export function matchSpans(a: readonly Range[], b: readonly Range[]): { exact: MatchCounts; relaxed: MatchCounts } {
  const sides = { reference: a.length, candidate: b.length };
  return { exact: { matched: exactMatches(a, b), ...sides }, relaxed: { matched: relaxedMatches(a, b), ...sides } };
}
