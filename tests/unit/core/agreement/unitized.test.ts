import { describe, expect, it } from 'vitest';
import { computeAgreement, type AgreementInput } from '../../../../main/core/agreement/index';
import {
  pairDisagreement,
  resolveOverlaps,
  unitizedDisagreement,
  type UnitizedSection,
} from '../../../../main/core/agreement/unitized';

/** A section of `length` positions; each rater's units as [offset, length] as DKPro writes them. */
const section = (length: number, raters: [number, number][][]): UnitizedSection => ({
  length,
  raters: raters.map((units) => ({ starts: units.map(([o]) => o), ends: units.map(([o, l]) => o + l) })),
});

/** DKPro's assertEquals(expected, actual, delta): |actual − expected| <= delta. */
const expectWithin = (actual: number | undefined, expected: number, delta: number): void => {
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(delta);
};

const alphaOf = (sections: UnitizedSection[]): number => {
  const result = unitizedDisagreement(sections);
  if (result === null) throw new Error('no pairable section');
  return 1 - result.observed / result.expected;
};

/**
 * Krippendorff (1995, p. 57) as in DKPro Statistics' Krippendorff1995Test.createExample: two raters
 * on a continuum of 24 positions times `stretch`, categories A to D, units as (offset, length).
 */
function krippendorff1995(stretch: number): Record<'A' | 'B' | 'C' | 'D', UnitizedSection> {
  const u = (offset: number, length: number): [number, number] => [
    Math.trunc(offset * stretch),
    Math.trunc(length * stretch),
  ];
  const length = Math.trunc(24 * stretch);
  return {
    A: section(length, [
      [u(2, 8), u(14, 6)],
      [u(4, 4), u(15, 2)],
    ]),
    B: section(length, [[u(0, 18)], [u(0, 2), u(2, 1), u(3, 1), u(4, 1), u(5, 1), u(6, 3), u(9, 1)]]),
    C: section(length, [
      [u(2, 6), u(10, 2), u(14, 4), u(20, 2)],
      [u(0, 2), u(4, 4), u(10, 4), u(16, 2), u(20, 2)],
    ]),
    D: section(length, [
      [u(0, 2), u(2, 8), u(10, 4), u(14, 6), u(20, 4)],
      [u(0, 4), u(4, 4), u(8, 7), u(15, 2), u(17, 7)],
    ]),
  };
}

/** Krippendorff (2004, p. 254) as in DKPro's Krippendorff2004Test, shifted from [150, 450) to [0, 300). */
const KRIPPENDORFF_2004 = {
  c: section(300, [
    [
      [75, 70],
      [220, 30],
    ],
    [
      [70, 80],
      [205, 20],
      [250, 20],
    ],
  ]),
  k: section(300, [
    [
      [30, 60],
      [150, 50],
    ],
    [
      [30, 60],
      [150, 50],
    ],
  ]),
};

describe('agreement/unitized', () => {
  it('has the observed disagreements of Krippendorff 1995 (DKPro, to 1e-5)', () => {
    const example = krippendorff1995(1);
    const observed = (key: 'A' | 'B' | 'C' | 'D') => unitizedDisagreement([example[key]])?.observed;
    expectWithin(observed('A'), 0.03125, 0.00001);
    expectWithin(observed('B'), 2.26736, 0.00001);
    expectWithin(observed('C'), 0.02777, 0.00001);
    expectWithin(observed('D'), 0.38715, 0.00001);
  });

  it('has DKPro’s expected disagreement for category C on the half-length continuum (to 1e-5)', () => {
    expectWithin(unitizedDisagreement([krippendorff1995(0.5).C])?.expected, 0.05494, 0.00001);
    expectWithin(alphaOf([krippendorff1995(0.5).C]), 0.494, 0.02);
  });

  it.each([
    { key: 'A', expected: 0.0699, alpha: 0.553 },
    { key: 'B', expected: 1.17731, alpha: -0.926 },
    { key: 'C', expected: 0.08642, alpha: 0.679 },
    { key: 'D', expected: 0.41445, alpha: 0.066 },
  ] as const)(
    'has Krippendorff 1995’s expected disagreement and alpha for $key at stretch 50,000 (DKPro’s tolerances)',
    ({ key, expected, alpha }) => {
      const example = krippendorff1995(1_200_000 / 24)[key];
      expectWithin(unitizedDisagreement([example])?.expected, expected, 0.005);
      expectWithin(alphaOf([example]), alpha, 0.02);
    },
  );

  it('gives Krippendorff 2004’s figures: c 0.7286, k 1, overall 0.8591', () => {
    const c = unitizedDisagreement([KRIPPENDORFF_2004.c]);
    const k = unitizedDisagreement([KRIPPENDORFF_2004.k]);
    expectWithin(c?.observed, 0.0144, 0.0001);
    expectWithin(c?.expected, 0.0532, 0.0001);
    expectWithin(alphaOf([KRIPPENDORFF_2004.c]), 0.7286, 0.0001);
    expectWithin(k?.observed, 0, 0.0001);
    expectWithin(k?.expected, 0.049, 0.0001);
    expectWithin(alphaOf([KRIPPENDORFF_2004.k]), 1, 0.0001);
    // Overall: 1 − Σ observed / Σ expected over the categories, not a mean of their alphas.
    const overall = 1 - ((c?.observed ?? 0) + (k?.observed ?? 0)) / ((c?.expected ?? 0) + (k?.expected ?? 0));
    expectWithin(overall, 0.8591, 0.0005);
    expect(Math.abs(overall - (alphaOf([KRIPPENDORFF_2004.c]) + 1) / 2)).toBeGreaterThan(0.0005);
  });

  it('gives DKPro’s UnitizingAgreementTest example: observed 0.91, expected 0.5351, alpha −0.7003', () => {
    // r0: -11111111-   r1: --1-1-1---
    const example = section(10, [
      [[1, 8]],
      [
        [2, 1],
        [4, 1],
        [6, 1],
      ],
    ]);
    expectWithin(unitizedDisagreement([example])?.observed, 0.91, 0.0001);
    expectWithin(unitizedDisagreement([example])?.expected, 0.5351, 0.0001);
    expectWithin(alphaOf([example]), -0.7003, 0.0001);
  });

  it('gives 0 for one unit of one rater among three (DKPro’s testSingleAnnotationUnit)', () => {
    expect(alphaOf([section(20, [[[0, 1]], [], []])])).toBeCloseTo(0, 12);
  });

  it.each([
    { x: [[1, 8]], y: [[2, 1]], d2: 37 },
    { x: [[1, 8]], y: [[4, 1]], d2: 25 },
    { x: [[1, 8]], y: [[6, 1]], d2: 29 },
    { x: [[5, 6]], y: [[4, 2]], d2: 26 },
    { x: [[5, 6]], y: [[5, 6]], d2: 0 },
    { x: [[5, 6]], y: [], d2: 36 },
    { x: [[220, 80]], y: [[225, 70]], d2: 50 },
  ] as { x: [number, number][]; y: [number, number][]; d2: number }[])(
    'measures δ² = $d2 between $x and $y (DKPro’s distance tests)',
    ({ x, y, d2 }) => {
      const [first, second] = section(1000, [x, y]).raters;
      expect(pairDisagreement(first ?? { starts: [], ends: [] }, second ?? { starts: [], ends: [] })).toBe(d2);
    },
  );

  it('pools sections: a hand-computed case with a missing annotator', () => {
    // Section 1 (10 positions; x, y, z): x [2,5), y [2,5), z [3,6). Section 2 (6; x, y): x [0,2).
    // D_o = 2·(0 + 2 + 2 + 4) / ((3·2·10 + 2·1·6) · 16) = 16 / 1152.
    // Units 3, 3, 3, 2 (N = 4); gaps 2, 5, 2, 5, 3, 4 | 4, 6; Σ l(l − 1) = 20; Σ m·L = 42.
    // D_e = (2/16) · (3 · (30 + 9·15) + (6 + 4·23)) / (42·41 − 20) = 1186 / 27232. α = 3635 / 5337.
    const sections = [section(10, [[[2, 3]], [[2, 3]], [[3, 3]]]), section(6, [[[0, 2]], []])];
    const result = unitizedDisagreement(sections);
    expect(result?.observed).toBeCloseTo(16 / 1152, 14);
    expect(result?.expected).toBeCloseTo(1186 / 27232, 14);
    expect(alphaOf(sections)).toBeCloseTo(3635 / 5337, 12);
    expect(alphaOf([sections[1] ?? section(0, [])])).toBeCloseTo(-17 / 48, 12);
  });

  it('drops sections with fewer than two annotators or no positions', () => {
    const pair = section(10, [
      [[1, 8]],
      [
        [2, 1],
        [4, 1],
        [6, 1],
      ],
    ]);
    expect(unitizedDisagreement([pair, section(50, [[[0, 9]]]), section(0, [[], []])])).toEqual(
      unitizedDisagreement([pair]),
    );
    expect(unitizedDisagreement([section(50, [[[0, 9]]])])).toBeNull();
  });

  it('keeps the earliest, then longest, of an annotator’s overlapping units', () => {
    expect(
      resolveOverlaps([
        { start: 5, end: 9 },
        { start: 2, end: 4 },
        { start: 2, end: 7 },
        { start: 7, end: 12 },
        { start: 12, end: 13 },
      ]),
    ).toEqual({ starts: [2, 7, 12], ends: [7, 12, 13] });
  });

  describe('through computeAgreement', () => {
    const input = (texts: string[], spans: AgreementInput['spans'], annotated: Record<string, string[]>) => ({
      documents: texts.map((text, i) => ({ id: `d${i}`, text })),
      annotators: ['x', 'y', 'z'],
      labels: ['A'],
      spans,
      annotated,
    });
    const span = (docId: string, annotator: string, start: number, end: number) => ({
      docId,
      annotator,
      start,
      end,
      label: 'A',
    });

    it('pools the documents and counts only the annotators who annotated each one', () => {
      const report = computeAgreement(
        input(
          ['abcdefghij', 'abcdef'],
          [span('d0', 'x', 2, 5), span('d0', 'y', 2, 5), span('d0', 'z', 3, 6), span('d1', 'x', 0, 2)],
          { d0: ['x', 'y', 'z'], d1: ['x', 'y'] },
        ),
      );
      expect(report.group.unitizedAlpha.perLabel['A']).toBeCloseTo(3635 / 5337, 12);
      expect(report.group.unitizedAlpha.all).toBeCloseTo(3635 / 5337, 12);
      expect(report.perDocument[1]?.group.unitizedAlpha.perLabel['A']).toBeCloseTo(-17 / 48, 12);
    });

    it('combines the labels as 1 − Σ observed / Σ expected (Krippendorff 2004: 0.8591)', () => {
      const units: [string, string, number, number][] = [
        ['x', 'c', 75, 70],
        ['x', 'c', 220, 30],
        ['y', 'c', 70, 80],
        ['y', 'c', 205, 20],
        ['y', 'c', 250, 20],
        ['x', 'k', 30, 60],
        ['x', 'k', 150, 50],
        ['y', 'k', 30, 60],
        ['y', 'k', 150, 50],
      ];
      const report = computeAgreement({
        documents: [{ id: 'd0', text: 'x'.repeat(300) }],
        annotators: ['x', 'y'],
        labels: ['c', 'k'],
        spans: units.map(([annotator, label, offset, length]) => ({
          docId: 'd0',
          annotator,
          label,
          start: offset,
          end: offset + length,
        })),
        annotated: { d0: ['x', 'y'] },
      });
      expectWithin(report.group.unitizedAlpha.all ?? undefined, 0.8591, 0.0005);
      expectWithin(report.group.unitizedAlpha.perLabel['c'] ?? undefined, 0.7286, 0.0001);
      expect(report.group.unitizedAlpha.perLabel['k']).toBe(1);
    });

    it('counts code points: an emoji is one position, as in Python', () => {
      const ascii = computeAgreement(
        input(['ab cd ef'], [span('d0', 'x', 0, 5), span('d0', 'y', 3, 8)], { d0: ['x', 'y'] }),
      );
      // The same layout with a two-unit emoji in the place of "b" and of "d".
      const emoji = computeAgreement(
        input(['a😀 c😀 ef'], [span('d0', 'x', 0, 7), span('d0', 'y', 4, 10)], { d0: ['x', 'y'] }),
      );
      expect(emoji.group.unitizedAlpha.all).toBeCloseTo(ascii.group.unitizedAlpha.all ?? NaN, 12);
    });

    it('ignores the spans of an annotator who did not annotate the document', () => {
      const base = [span('d0', 'x', 2, 5), span('d0', 'y', 3, 6)];
      const without = computeAgreement(input(['abcdefghij'], base, { d0: ['x', 'y'] }));
      const stray = computeAgreement(input(['abcdefghij'], [...base, span('d0', 'z', 0, 9)], { d0: ['x', 'y'] }));
      expect(stray.group.unitizedAlpha).toEqual(without.group.unitizedAlpha);
    });

    it('counts an annotator who annotated a document without marking anything', () => {
      const spans = [span('d0', 'x', 2, 5), span('d0', 'y', 2, 5)];
      const two = computeAgreement(input(['abcdefghij'], spans, { d0: ['x', 'y'] }));
      const three = computeAgreement(input(['abcdefghij'], spans, { d0: ['x', 'y', 'z'] }));
      expect(two.group.unitizedAlpha.all).toBe(1);
      expect(three.group.unitizedAlpha.all).toBeLessThan(1);
    });
  });
});
