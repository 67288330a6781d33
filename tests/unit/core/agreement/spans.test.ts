import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactMatches, matchSpans, relaxedMatches, type Range } from '../../../../main/core/agreement/spans';

const r = (start: number, end: number): Range => ({ start, end });
const overlaps = (x: Range, y: Range): boolean => x.start < y.end && y.start < x.end;

/** The largest one-to-one overlap matching by trying every assignment: small inputs only. */
function bruteForceMatching(a: readonly Range[], b: readonly Range[], from = 0, used = new Set<number>()): number {
  if (from === a.length) return 0;
  let best = bruteForceMatching(a, b, from + 1, used);
  b.forEach((span, j) => {
    const current = a[from];
    if (used.has(j) || current === undefined || !overlaps(current, span)) return;
    used.add(j);
    best = Math.max(best, 1 + bruteForceMatching(a, b, from + 1, used));
    used.delete(j);
  });
  return best;
}

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 12 }))
  .map(([start, length]) => r(start, start + length));

describe('agreement/spans', () => {
  describe('exactMatches', () => {
    it.each([
      { a: [r(0, 5), r(6, 9)], b: [r(0, 5), r(6, 10)], matched: 1 },
      { a: [r(0, 5)], b: [r(0, 5), r(0, 5)], matched: 1 },
      { a: [r(0, 5), r(0, 5)], b: [r(0, 5), r(0, 5)], matched: 2 },
      { a: [r(6, 9), r(0, 5)], b: [r(0, 5), r(6, 9)], matched: 2 },
      { a: [r(0, 5)], b: [r(1, 5)], matched: 0 },
      { a: [], b: [r(1, 5)], matched: 0 },
    ])('matches $matched one to one in $a and $b', ({ a, b, matched }) => {
      expect(exactMatches(a, b)).toBe(matched);
    });
  });

  describe('relaxedMatches', () => {
    it('finds the maximum matching where a greedy pass finds a smaller one', () => {
      // a1 overlaps b1 and b2; a2 overlaps only b1. Taking a1–b1 first (earliest start, or largest
      // overlap: 10 units) leaves a2 unmatched; the maximum is a1–b2 and a2–b1.
      const a = [r(0, 10), r(8, 12)];
      const b = [r(0, 11), r(1, 2)];
      expect(relaxedMatches(a, b)).toBe(2);
      expect(bruteForceMatching(a, b)).toBe(2);
    });

    it('matches a long chain, each span overlapping two of the other side, without a deep stack', () => {
      // a_i overlaps b_i and b_{i+1}: 20,000 spans each side, one overlap graph per label and document.
      const n = 20_000;
      const a = Array.from({ length: n }, (_, i) => r(10 * i + 5, 10 * i + 15));
      const b = Array.from({ length: n }, (_, i) => r(10 * i, 10 * i + 6));
      expect(relaxedMatches(a, b)).toBe(n);
      expect(relaxedMatches(b, a)).toBe(n);
    });

    it('counts only overlaps of at least one unit: touching spans do not match', () => {
      expect(relaxedMatches([r(0, 5)], [r(5, 9)])).toBe(0);
      expect(relaxedMatches([r(0, 5)], [r(4, 9)])).toBe(1);
    });

    it('matches one to one: two spans of b inside one of a match once', () => {
      expect(relaxedMatches([r(0, 20)], [r(1, 3), r(5, 8)])).toBe(1);
    });

    it('equals a brute-force maximum matching on random spans', () => {
      fc.assert(
        fc.property(fc.array(rangeArb, { maxLength: 7 }), fc.array(rangeArb, { maxLength: 7 }), (a, b) => {
          expect(relaxedMatches(a, b)).toBe(bruteForceMatching(a, b));
          expect(relaxedMatches(b, a)).toBe(bruteForceMatching(a, b));
        }),
        { numRuns: 500 },
      );
    });
  });

  it('reports the spans of each side beside the matches', () => {
    expect(matchSpans([r(0, 5), r(7, 9)], [r(0, 5), r(8, 12), r(20, 21)])).toEqual({
      exact: { matched: 1, reference: 2, candidate: 3 },
      relaxed: { matched: 2, reference: 2, candidate: 3 },
    });
  });
});
