import { describe, expect, it } from 'vitest';
import { describeHits, findHits, stepHit } from '../../../renderer/features/search/find-hits';

describe('find-hits', () => {
  describe('findHits', () => {
    it.each([
      {
        text: 'Peace talks. PEACE now; peace?',
        query: 'peace',
        hits: [
          [0, 5],
          [13, 18],
          [24, 29],
        ],
      },
      {
        text: 'aaaa',
        query: 'aa',
        hits: [
          [0, 2],
          [2, 4],
        ],
      },
      { text: 'nothing here', query: 'talks', hits: [] },
      { text: 'anything', query: '', hits: [] },
      { text: 'costs $5 (or more)?', query: '$5 (or', hits: [[6, 12]] },
      { text: 'a.b axb', query: '.', hits: [[1, 2]] },
      {
        text: 'Ünïcode ünïcode',
        query: 'ÜNÏ',
        hits: [
          [0, 3],
          [8, 11],
        ],
      },
      {
        text: '🙂 Kyiv 🙂 kyiv',
        query: 'KYIV',
        hits: [
          [3, 7],
          [11, 15],
        ],
      },
    ])('finds “$query” in “$text” ignoring case, offsets in UTF-16 units', ({ text, query, hits }) => {
      expect(findHits(text, query).map((h) => [h.start, h.end])).toEqual(hits);
      for (const hit of findHits(text, query))
        expect(text.slice(hit.start, hit.end).toLowerCase()).toBe(query.toLowerCase());
    });

    it('stops at the limit', () => {
      expect(findHits('x'.repeat(100), 'x', 10)).toHaveLength(10);
    });
  });

  describe('stepHit', () => {
    it.each([
      { current: 0, count: 3, direction: 1, next: 1 },
      { current: 2, count: 3, direction: 1, next: 0 },
      { current: 0, count: 3, direction: -1, next: 2 },
      { current: -1, count: 3, direction: 1, next: 0 },
      { current: -1, count: 3, direction: -1, next: 2 },
      { current: 0, count: 0, direction: 1, next: -1 },
    ] as const)('steps from $current of $count by $direction to $next', ({ current, count, direction, next }) => {
      expect(stepHit(current, count, direction)).toBe(next);
    });
  });

  describe('describeHits', () => {
    it.each([
      { current: 2, count: 12, limit: 5000, text: '3 of 12' },
      { current: -1, count: 0, limit: 5000, text: 'No hits' },
      { current: 0, count: 10, limit: 10, text: '1 of 10+' },
    ])('reads “$text”', ({ current, count, limit, text }) => {
      expect(describeHits(current, count, limit)).toBe(text);
    });
  });
});
