import { describe, expect, it } from 'vitest';
import type { Label } from '@api/contract';
import { formatDuration, formatRate, formatShare } from '../../../renderer/features/stats/format';
import { corpusProgress } from '../../../renderer/features/stats/progress';
import { labelRows, timeRows } from '../../../renderer/features/stats/session-figures';
import { summaryOf } from './fixtures';

describe('stats/format', () => {
  it.each([
    { ms: 0, text: '0:00' },
    { ms: 59_999, text: '0:00' },
    { ms: 60_000, text: '0:01' },
    { ms: 65 * 60_000, text: '1:05' },
    { ms: 12 * 3_600_000 + 30 * 60_000 + 59_000, text: '12:30' },
    { ms: -5, text: '0:00' },
  ])('formats $ms ms as $text', ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    { rate: null, text: '—' },
    { rate: 3.14159, text: '3.1' },
    { rate: 42.6, text: '43' },
    { rate: Number.POSITIVE_INFINITY, text: '—' },
  ])('formats a rate of $rate as $text', ({ rate, text }) => {
    expect(formatRate(rate)).toBe(text);
  });

  it('formats shares as whole percents', () => {
    expect(formatShare(1, 3)).toBe('33%');
    expect(formatShare(1, 0)).toBe('0%');
  });
});

describe('stats/progress', () => {
  it('counts readable documents by status', () => {
    const docs = [
      summaryOf('a', { status: 'done' }),
      summaryOf('b', { status: 'in-progress' }),
      summaryOf('c'),
      summaryOf('d', { status: 'done' }),
      summaryOf('x', { error: 'empty' }),
    ];
    expect(corpusProgress(docs)).toEqual({ total: 4, done: 2, inProgress: 1, todo: 1 });
  });
});

describe('stats/session-figures', () => {
  const labels: Label[] = [
    { id: 'quote', name: 'Quote', color: '#2f7ed8', hotkey: '1' },
    { id: 'date', name: 'Date', color: '#2b8a3e', hotkey: '3' },
  ];

  it('lists documents with time, most first, titles from the list and ids otherwise', () => {
    const rows = timeRows({ a: 60_000, b: 0, gone: 120_000 }, [summaryOf('a', { spanCount: 3 }), summaryOf('b')]);
    expect(rows).toEqual([
      { docId: 'gone', title: 'gone', ms: 120_000, spans: 0 },
      { docId: 'a', title: 'Title of a', ms: 60_000, spans: 3 },
    ]);
  });

  it('gives one row per label in palette order, then labels only spans still name', () => {
    const rows = labelRows({ mine: { date: 2, old: 1 }, corpus: { date: 5, quote: 1, old: 1 } }, labels);
    expect(rows.map((r) => [r.id, r.mine, r.corpus])).toEqual([
      ['quote', 0, 1],
      ['date', 2, 5],
      ['old', 1, 1],
    ]);
  });
});
