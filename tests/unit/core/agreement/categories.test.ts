import { describe, expect, it } from 'vitest';
import {
  categoryRuns,
  countTuples,
  createCategoryTable,
  MISSING,
  type CategoryRuns,
} from '../../../../main/core/agreement/categories';

/** Every token's category name, token by token, from runs. */
const expand = (runs: CategoryRuns, tokenCount: number, names: readonly string[]): string[] =>
  Array.from({ length: tokenCount }, (_, token) => {
    let run = 0;
    while (run + 1 < runs.starts.length && (runs.starts[run + 1] ?? 0) <= token) run += 1;
    return names[runs.categories[run] ?? 0] ?? '?';
  });

describe('agreement/categories', () => {
  describe('categoryRuns', () => {
    it('names a token by the labels covering it, sorted and joined by +, or O', () => {
      const table = createCategoryTable(['quote', 'date']);
      // Tokens 0..5; quote over 1..4, date over 3..5 (end exclusive), date again over 0..1.
      const runs = categoryRuns(
        6,
        [
          { label: 0, first: 1, end: 4 },
          { label: 1, first: 3, end: 5 },
          { label: 1, first: 0, end: 1 },
        ],
        table,
      );
      expect(expand(runs, 6, table.names)).toEqual(['date', 'quote', 'quote', 'date+quote', 'date', 'O']);
      expect(Array.from(runs.starts)).toEqual([0, 1, 3, 4, 5]);
    });

    it('keeps one category where spans of one label overlap or nest, and ignores spans holding no token', () => {
      const table = createCategoryTable(['quote']);
      const runs = categoryRuns(
        5,
        [
          { label: 0, first: 0, end: 3 },
          { label: 0, first: 1, end: 2 },
          { label: 0, first: 2, end: 4 },
          { label: 0, first: 4, end: 4 },
        ],
        table,
      );
      expect(expand(runs, 5, table.names)).toEqual(['quote', 'quote', 'quote', 'quote', 'O']);
      expect(runs.starts.length).toBe(2);
    });
  });

  describe('internCategory', () => {
    it('tells a label whose id holds + from the combination of two labels', () => {
      const table = createCategoryTable(['a+b', 'a', 'b']);
      const single = categoryRuns(1, [{ label: 0, first: 0, end: 1 }], table);
      const pair = categoryRuns(
        1,
        [
          { label: 1, first: 0, end: 1 },
          { label: 2, first: 0, end: 1 },
        ],
        table,
      );
      expect(single.categories[0]).not.toBe(pair.categories[0]);
      expect(table.labelSets).toEqual([[], [0], [1, 2]]);
    });

    it('interns the same label set to the same id past 30 labels, where no bit mask is used', () => {
      const labels = Array.from({ length: 40 }, (_, i) => `l${String(i).padStart(2, '0')}`);
      const table = createCategoryTable(labels);
      const spans = [
        { label: 39, first: 0, end: 2 },
        { label: 3, first: 1, end: 3 },
      ];
      const once = categoryRuns(3, spans, table);
      const twice = categoryRuns(3, [...spans].reverse(), table);
      expect(Array.from(twice.categories)).toEqual(Array.from(once.categories));
      expect(expand(once, 3, table.names)).toEqual(['l39', 'l03+l39', 'l03']);
    });
  });

  describe('countTuples', () => {
    it('counts the tokens given each tuple of categories, MISSING for an absent annotator', () => {
      const x: CategoryRuns = { starts: Int32Array.from([0, 2]), categories: Int32Array.from([0, 1]) };
      const y: CategoryRuns = { starts: Int32Array.from([0, 3]), categories: Int32Array.from([1, 0]) };
      const counts = [...countTuples(5, [x, null, y]).values()];
      expect(counts).toEqual([
        { values: [0, MISSING, 1], count: 2 },
        { values: [1, MISSING, 1], count: 1 },
        { values: [1, MISSING, 0], count: 2 },
      ]);
      expect(countTuples(0, [x, y]).size).toBe(0);
    });
  });
});
