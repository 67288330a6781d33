import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa } from '../../../../main/core/agreement/kappa';
import { asIs } from '../../../../main/core/agreement/measured';
import type { CodedUnits } from '../../../../main/core/agreement/categories';

/** Categories 0..7 compared as they are. */
const combined = asIs(8);

/** A contingency table (rows: a's category, columns: b's) as counted units. */
const table = (rows: number[][]): CodedUnits[] =>
  rows.flatMap((row, i) => row.map((count, j) => ({ values: [i, j], count })));

/** Fleiss' subjects × categories table as units: each subject's ratings as values. */
const subjects = (rows: number[][]): CodedUnits[] =>
  rows.map((row) => ({ values: row.flatMap((n, category) => Array<number>(n).fill(category)), count: 1 }));

describe('agreement/kappa', () => {
  describe('cohenKappa', () => {
    it.each([
      // Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, po = 0.7, pe = 0.5.
      {
        rows: [
          [20, 5],
          [10, 15],
        ],
        kappa: 0.4,
      },
      // Wikipedia, "Same percentages but different numbers": 60 of 100 agree in both tables.
      {
        rows: [
          [45, 15],
          [25, 15],
        ],
        kappa: 0.1304,
      },
      {
        rows: [
          [25, 35],
          [5, 35],
        ],
        kappa: 0.2593,
      },
      // Krippendorff 1995 digitized example A, as in DKPro Statistics' Krippendorff1995Test: 0.385.
      {
        rows: [
          [10, 0],
          [8, 6],
        ],
        kappa: 0.385,
      },
    ])('gives $kappa for the published table $rows', ({ rows, kappa }) => {
      const result = cohenKappa(table(rows), 0, 1, combined);
      expect(result.value).toBeCloseTo(kappa, kappa === 0.4 ? 12 : 3);
    });

    it('uses each annotator’s own marginals, not pooled ones (Scott’s pi would give 0.314)', () => {
      // The same digitized example: Scott's pi 0.314 pools the marginals; Cohen's kappa does not.
      expect(
        cohenKappa(
          table([
            [10, 0],
            [8, 6],
          ]),
          0,
          1,
          combined,
        ).value,
      ).not.toBeCloseTo(0.314, 2);
    });

    it('leaves out units either annotator did not code', () => {
      const units = [
        ...table([
          [20, 5],
          [10, 15],
        ]),
        { values: [0, -1], count: 40 },
        { values: [-1, 1], count: 7 },
      ];
      expect(cohenKappa(units, 0, 1, combined).value).toBeCloseTo(0.4, 12);
    });

    it('is undefined when both annotators give every unit the same category', () => {
      expect(cohenKappa([{ values: [3, 3], count: 9 }], 0, 1, combined)).toEqual({
        value: null,
        why: 'one-category',
        category: 3,
      });
    });

    it('is 0, not undefined, when each annotator uses one category but not the same one', () => {
      expect(cohenKappa([{ values: [0, 1], count: 9 }], 0, 1, combined)).toEqual({ value: 0 });
    });

    it('is undefined without units', () => {
      expect(cohenKappa([], 0, 1, combined)).toEqual({ value: null, why: 'no-units' });
      expect(cohenKappa([{ values: [-1, 2], count: 5 }], 0, 1, combined)).toEqual({ value: null, why: 'no-units' });
    });
  });

  describe('fleissKappa', () => {
    // Fleiss (1971), psychiatric diagnoses, as on Wikipedia: 10 subjects, 14 raters, 5 categories.
    const FLEISS_1971 = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const raters = Array.from({ length: 14 }, (_, r) => r);

    it('gives 0.210 for the Fleiss 1971 example', () => {
      const result = fleissKappa(subjects(FLEISS_1971), raters, combined);
      expect(result.value).toBeCloseTo(0.21, 3);
      // P̄ = 0.378, P̄e = 0.213 (Wikipedia's worked figures): κ = (0.378 − 0.213) / (1 − 0.213).
      expect(result.value).toBeCloseTo(0.20993, 5);
    });

    it('does not depend on the order of the ratings within a subject', () => {
      const shuffled = subjects(FLEISS_1971).map((unit) => ({ ...unit, values: [...unit.values].reverse() }));
      expect(fleissKappa(shuffled, raters, combined).value).toBeCloseTo(0.20993, 5);
    });

    it('equals Cohen’s kappa’s sibling Scott’s pi for two raters (0.314 on Krippendorff 1995 A)', () => {
      expect(
        fleissKappa(
          table([
            [10, 0],
            [8, 6],
          ]),
          [0, 1],
          combined,
        ).value,
      ).toBeCloseTo(0.314, 3);
    });

    it('leaves out units any rater did not code', () => {
      const units = [...subjects(FLEISS_1971), { values: [0, ...Array<number>(13).fill(-1)], count: 3 }];
      expect(fleissKappa(units, raters, combined).value).toBeCloseTo(0.20993, 5);
    });

    it('is undefined when every rating is one category, or without units', () => {
      expect(fleissKappa([{ values: [1, 1, 1], count: 4 }], [0, 1, 2], combined)).toEqual({
        value: null,
        why: 'one-category',
        category: 1,
      });
      expect(fleissKappa([{ values: [1, -1, 1], count: 4 }], [0, 1, 2], combined)).toEqual({
        value: null,
        why: 'no-units',
      });
    });

    it('throws RangeError for fewer than two raters', () => {
      expect(() => fleissKappa([], [0], combined)).toThrow(RangeError);
    });
  });
});
