import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../../main/core/agreement/alpha';
import { asIs } from '../../../../main/core/agreement/measured';
import { MISSING, type CodedUnits } from '../../../../main/core/agreement/categories';

const _ = MISSING;
/** Categories 0..7 compared as they are. */
const combined = asIs(8);

/** Reliability data (observers × units) as counted units, one a column. */
const columns = (observers: number[][]): CodedUnits[] =>
  (observers[0] ?? []).map((__, unit) => ({ values: observers.map((row) => row[unit] ?? _), count: 1 }));

describe('agreement/alpha', () => {
  it('gives 0.743 for Krippendorff 2011, section C: 4 observers, 12 units, nominal, missing values', () => {
    const data = columns([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]);
    const result = krippendorffAlpha(data, combined);
    expect(result.value).toBeCloseTo(0.743, 3);
    // By hand: n = 40 pairable values, Σ_{c≠k} o_ck = 8, n_c = 9, 13, 10, 5, 3 (Σ n_c² = 384), so
    // α = 1 − (n − 1) Σ o_ck / (n² − Σ n_c²) = 1 − 39 · 8 / 1216.
    expect(result.value).toBeCloseTo(1 - (39 * 8) / 1216, 12);
  });

  it('gives 0.329 for the digitized Krippendorff 1995 example A (DKPro Statistics’ Krippendorff1995Test)', () => {
    const bertha = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
    const bill = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    expect(krippendorffAlpha(columns([bertha, bill]), combined).value).toBeCloseTo(0.329, 3);
  });

  it('weights a unit by its count exactly as repeating it', () => {
    const once = columns([
      [1, 1, 2, 2, 1],
      [1, 2, 2, 2, _],
    ]);
    const twice = once.map((unit) => ({ ...unit, count: 2 }));
    const repeated = [...once, ...once];
    expect(krippendorffAlpha(twice, combined).value).toBeCloseTo(
      krippendorffAlpha(repeated, combined).value ?? NaN,
      12,
    );
  });

  it('drops units with fewer than two values', () => {
    const data = columns([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]);
    const withLone = [...data, { values: [7, _, _, _], count: 50 }];
    expect(krippendorffAlpha(withLone, combined).value).toBeCloseTo(0.743, 3);
  });

  it('is undefined when no unit is pairable, and 1 when every pairable value is one category (as NLTK and DKPro)', () => {
    expect(
      krippendorffAlpha(
        columns([
          [1, _],
          [_, 2],
        ]),
        combined,
      ),
    ).toEqual({ value: null, why: 'no-units' });
    expect(
      krippendorffAlpha(
        columns([
          [0, 0, 5],
          [0, 0, _],
        ]),
        combined,
      ),
    ).toEqual({ value: 1 });
  });
});
