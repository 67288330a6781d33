import { describe, expect, it } from 'vitest';
import type { ReviewSpan, ReviewView } from '@api/contract';
import { countsOf, nextOpen, openInOrder, shownOf, spanOf } from '../../../renderer/features/review/review-list';
import { annotationOf } from './fixtures';

const reviewSpan = (
  id: string,
  start: number,
  annotator: string,
  cls: ReviewSpan['cls'],
  resolution?: 'accepted' | 'rejected',
): ReviewSpan => ({
  ...annotationOf(id, start, start + 4, { annotator }),
  cls,
  ...(resolution && { resolution }),
});

const VIEW: ReviewView = {
  docId: 'speech',
  annotators: ['ben', 'cy'],
  spans: [
    reviewSpan('b1', 0, 'ben', 'agreed'),
    reviewSpan('c1', 0, 'cy', 'agreed'),
    reviewSpan('c2', 10, 'cy', 'label'),
    reviewSpan('b2', 10, 'ben', 'label', 'rejected'),
    reviewSpan('b3', 20, 'ben', 'boundary'),
    reviewSpan('c3', 30, 'cy', 'only', 'accepted'),
    reviewSpan('b4', 40, 'ben', 'only'),
  ],
  gold: [annotationOf('g1', 30, 34, { annotator: 'gold' })],
  state: 'open',
  remaining: 3,
};

describe('review-list', () => {
  it('counts every filter in one pass, as filtering for each would', () => {
    const { byFilter, disagreements } = countsOf(VIEW);
    expect(byFilter).toEqual({ open: 3, all: 7, gold: 1, agreed: 2, label: 2, boundary: 1, partial: 0, only: 2 });
    expect(disagreements).toBe(5);
    for (const [filter, count] of Object.entries(byFilter)) {
      expect(shownOf(VIEW, filter as keyof typeof byFilter), filter).toHaveLength(count);
    }
    expect(shownOf(VIEW, 'open').map((s) => s.id)).toEqual(['c2', 'b3', 'b4']);
  });

  it('steps through open disagreements in text order, then annotator, from a span or from nothing', () => {
    const open = openInOrder(VIEW);
    expect(open.map((s) => s.id)).toEqual(['c2', 'b3', 'b4']);
    expect(nextOpen(open, undefined, 1)?.id).toBe('c2');
    expect(nextOpen(open, undefined, -1)?.id).toBe('b4');
    // From a span that is not open itself (agreed, rejected, gold), to the nearest open one that way.
    expect(nextOpen(open, spanOf(VIEW, 'c1'), 1)?.id).toBe('c2');
    // ben's rejected span shares its words with cy's open one and comes first (ben before cy).
    expect(nextOpen(open, spanOf(VIEW, 'b2'), 1)?.id).toBe('c2');
    expect(nextOpen(open, spanOf(VIEW, 'b2'), -1)).toBeUndefined();
    expect(nextOpen(open, spanOf(VIEW, 'g1'), 1)?.id).toBe('b4');
    expect(nextOpen(open, spanOf(VIEW, 'b4'), 1)).toBeUndefined();
    expect(nextOpen(open, spanOf(VIEW, 'c2'), -1)).toBeUndefined();
  });

  it('finds spans and gold spans by id', () => {
    expect(spanOf(VIEW, 'c3')).toBe(VIEW.spans[5]);
    expect(spanOf(VIEW, 'g1')).toBe(VIEW.gold[0]);
    expect(spanOf(VIEW, 'nope')).toBeUndefined();
  });
});
