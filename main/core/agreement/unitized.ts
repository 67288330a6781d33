/**
 * Krippendorff's unitized alpha (alpha-u) for one category over a continuum of positions (Krippendorff
 * 1995, "On the reliability of unitizing contiguous data"; 2004, Content Analysis, 2nd ed., §12.4;
 * as DKPro Statistics' KrippendorffAlphaUnitizingAgreement computes it). The continuum is made of
 * sections (documents), each with the annotators who annotated it. Positions are whatever unit the
 * caller counts in (Parley: code points); combining categories into one figure is the caller's.
 */
import { countBelow } from '../sorted';

/** One annotator's units of one category in one section: `[starts[i], ends[i])`, sorted, disjoint. */
export interface UnitRanges {
  starts: readonly number[];
  ends: readonly number[];
}

/** A stretch of the continuum (a document) and the units of each annotator who annotated it. */
export interface UnitizedSection {
  /** Positions in the section. */
  length: number;
  /** One entry per annotator who annotated the section, with or without units. */
  raters: readonly UnitRanges[];
}

/** Observed and expected disagreement of one category: alpha-u = 1 − observed / expected. */
export interface UnitizedDisagreement {
  observed: number;
  expected: number;
}

/**
 * Units an annotator may hold in one category: no two overlap, so where spans of the category
 * overlap, the earliest (then the longest) is kept and every span overlapping a kept one dropped.
 */
export function resolveOverlaps(spans: readonly { start: number; end: number }[]): UnitRanges {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const span of sorted) {
    if (span.start >= span.end || span.start < (ends[ends.length - 1] ?? -Infinity)) continue;
    starts.push(span.start);
    ends.push(span.end);
  }
  return { starts, ends };
}

/**
 * Σ δ² between two annotators' segments (units and the gaps between them) in one section, counted
 * once per unordered pair: overlapping units give (Δstart)² + (Δend)², a unit lying inside the
 * other's gap gives its length², everything else 0.
 */
export function pairDisagreement(x: UnitRanges, y: UnitRanges): number {
  let sum = 0;
  const overlappedX = new Uint8Array(x.starts.length);
  const overlappedY = new Uint8Array(y.starts.length);
  let i = 0;
  let j = 0;
  while (i < x.starts.length && j < y.starts.length) {
    const [startX, endX, startY, endY] = [x.starts[i] ?? 0, x.ends[i] ?? 0, y.starts[j] ?? 0, y.ends[j] ?? 0];
    if (endX <= startY) i += 1;
    else if (endY <= startX) j += 1;
    else {
      sum += (startX - startY) ** 2 + (endX - endY) ** 2;
      overlappedX[i] = 1;
      overlappedY[j] = 1;
      if (endX <= endY) i += 1;
      if (endY <= endX) j += 1;
    }
  }
  return sum + unmatchedSquares(x, overlappedX) + unmatchedSquares(y, overlappedY);
}

function unmatchedSquares(units: UnitRanges, overlapped: Uint8Array): number {
  let sum = 0;
  units.starts.forEach((start, index) => {
    if (overlapped[index] === 0) sum += ((units.ends[index] ?? 0) - start) ** 2;
  });
  return sum;
}

/** The gaps of an annotator's units in a section of `length` positions: their lengths, all > 0. */
function gapLengths(units: UnitRanges, length: number, into: number[]): void {
  let position = 0;
  units.starts.forEach((start, index) => {
    if (start > position) into.push(start - position);
    position = units.ends[index] ?? position;
  });
  if (length > position) into.push(length - position);
}

/**
 * Observed and expected disagreement of one category over the sections with two or more annotators
 * (the others drop out, as unpairable units do in alpha), or null when no such section has a
 * position. On one section with m annotators this is Krippendorff's
 *   D_o = Σ_{i≠j} Σ_{g,h} δ²_{igjh} / (m (m − 1) L²)
 *   D_e = (2 / L) Σ_units [ (N − 1)(2l³ − 3l² + l) / 3 + l² Σ_{gaps ≥ l} (gap − l + 1) ] / (mL (mL − 1) − Σ_units l (l − 1))
 * where the sections add up: L is their total length, m(m − 1)L² becomes L Σ_s m_s (m_s − 1) L_s and
 * mL becomes Σ_s m_s L_s, units and gaps are pooled, and no gap runs from one section into the next.
 */
export function unitizedDisagreement(sections: readonly UnitizedSection[]): UnitizedDisagreement | null {
  let length = 0;
  let pairedPositions = 0;
  let ratedPositions = 0;
  let observedSum = 0;
  const unitLengths: number[] = [];
  const gaps: number[] = [];
  for (const section of sections) {
    const m = section.raters.length;
    if (m < 2 || section.length <= 0) continue;
    length += section.length;
    pairedPositions += m * (m - 1) * section.length;
    ratedPositions += m * section.length;
    section.raters.forEach((units, r) => {
      for (let other = r + 1; other < m; other += 1) {
        observedSum += 2 * pairDisagreement(units, section.raters[other] ?? units);
      }
      units.starts.forEach((start, index) => unitLengths.push((units.ends[index] ?? start) - start));
      gapLengths(units, section.length, gaps);
    });
  }
  if (length === 0) return null;
  return {
    observed: observedSum / (pairedPositions * length),
    expected: expectedDisagreement(unitLengths, gaps, length, ratedPositions),
  };
}

/** D_e from the pooled unit and gap lengths: one sort of the gaps and a suffix sum, not units × gaps. */
function expectedDisagreement(unitLengths: number[], gaps: number[], length: number, ratedPositions: number): number {
  if (unitLengths.length === 0) return 0;
  const sortedGaps = new Float64Array(gaps).sort();
  const sum = expectedSum(unitLengths, sortedGaps, suffixSums(sortedGaps));
  let selfPairs = 0;
  for (const l of unitLengths) selfPairs += l * (l - 1);
  return ((2 / length) * sum) / (ratedPositions * (ratedPositions - 1) - selfPairs);
}

/** `suffix[i]`: the sum of `sorted[i..]`. */
function suffixSums(sorted: Float64Array): Float64Array {
  const suffix = new Float64Array(sorted.length + 1);
  for (let index = sorted.length - 1; index >= 0; index -= 1) {
    suffix[index] = (suffix[index + 1] ?? 0) + (sorted[index] ?? 0);
  }
  return suffix;
}

/** Σ_units [ (N − 1)(2l³ − 3l² + l) / 3 + l² Σ_{gaps ≥ l} (gap − l + 1) ]. */
function expectedSum(unitLengths: readonly number[], sortedGaps: Float64Array, suffix: Float64Array): number {
  const others = unitLengths.length - 1;
  let sum = 0;
  for (const l of unitLengths) {
    const first = countBelow(sortedGaps, l);
    // Σ_{gap ≥ l} (gap − l + 1): the places a unit of length l fits in each gap.
    const fits = (suffix[first] ?? 0) - (l - 1) * (sortedGaps.length - first);
    sum += (others * l * (l - 1) * (2 * l - 1)) / 3 + l * l * fits;
  }
  return sum;
}
