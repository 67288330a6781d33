import { describe, expect, it } from 'vitest';
import type { AgreementReport, LabelledFigures, MatchFigures, PairAgreement } from '@api/contract';
import { colourOf, contrastOf } from '../../../renderer/features/agreement/colour-scale';
import { collectNotes, NO_REASON, noteIdOf } from '../../../renderer/features/agreement/figure-notes';
import {
  ALL,
  defaultAnnotators,
  disagreementQuery,
  findPair,
  formatFigure,
  groupFigure,
  groupTestId,
  heatCells,
  labelBars,
  pairFigure,
  pairRows,
  pairTestId,
  requestOf,
  resolveChartChoice,
  subjectFigure,
  summaryOf,
} from '../../../renderer/features/agreement/figures';

const labelled = (all: number | null, perLabel: Record<string, number | null>, reasons?: Record<string, string>) =>
  ({ all, perLabel, ...(reasons && { reasons }) }) satisfies LabelledFigures;

const match = (f1: number | null, tp: number, fp: number, fn: number, reason?: string): MatchFigures => ({
  precision: f1,
  recall: f1,
  f1,
  tp,
  fp,
  fn,
  ...(reason !== undefined && { reason }),
});

const pair = (a: string, b: string, kappa: number): PairAgreement => ({
  a,
  b,
  documents: 5,
  tokens: 4213,
  cohenKappa: labelled(kappa, { quote: kappa, date: null }, { date: 'every token is O for both annotators' }),
  spanExact: {
    micro: match(0.5, 3, 3, 3),
    perLabel: { quote: match(0.75, 3, 1, 1), date: match(null, 0, 0, 0, 'no spans') },
  },
  spanRelaxed: { micro: match(0.8, 4, 1, 1), perLabel: { quote: match(1, 4, 0, 0) } },
});

const report: AgreementReport = {
  annotators: ['ann', 'bob', 'cyd'],
  labels: ['quote', 'date'],
  documents: 5,
  tokens: 4213,
  pairwise: [pair('ann', 'bob', 0.8123), pair('ann', 'cyd', 0.4), pair('bob', 'cyd', -0.1)],
  group: {
    fleissKappa: labelled(0.61, { quote: 0.7, date: null }, { date: 'no spans of this label' }),
    fleissDocuments: 4,
    krippendorffAlpha: labelled(0.6, { quote: 0.71, date: null }),
    unitizedAlpha: labelled(
      null,
      { quote: null, date: null },
      { all: 'too few positions', quote: 'too few positions' },
    ),
  },
  perDocument: [],
};

describe('figures', () => {
  it.each([
    [0.8123, '0.812'],
    [1, '1.000'],
    [0, '0.000'],
    [-0.0001, '0.000'],
    [-0.25, '-0.250'],
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('formats %s as %s', (value, text) => {
    expect(formatFigure(value)).toBe(text);
  });

  it('chooses everyone but gold by default', () => {
    expect(defaultAnnotators(['ann', 'gold', 'bob'])).toEqual(['ann', 'bob']);
  });

  it('asks for one document only when a document is in scope', () => {
    expect(requestOf(['a', 'b'], ['quote'], null)).toEqual({ annotators: ['a', 'b'], labels: ['quote'] });
    expect(requestOf(['a', 'b'], ['quote'], 'doc1')).toEqual({
      annotators: ['a', 'b'],
      labels: ['quote'],
      docs: ['doc1'],
    });
  });

  it('leaves the label and document out of a drill-down over all labels and the corpus', () => {
    expect(disagreementQuery('a', 'b', ALL, null)).toEqual({ a: 'a', b: 'b' });
    expect(disagreementQuery('a', 'b', 'date', 'doc1')).toEqual({ a: 'a', b: 'b', label: 'date', docId: 'doc1' });
  });

  it('finds a pair in either order', () => {
    expect(findPair(report.pairwise, 'cyd', 'ann')?.cohenKappa.all).toBe(0.4);
    expect(findPair(report.pairwise, 'ann', 'zed')).toBeUndefined();
  });

  it('reads pairwise figures overall and per label, with the reason of a null one', () => {
    const p = report.pairwise[0]!;
    expect(pairFigure(p, 'cohenKappa', ALL)).toEqual({ value: 0.8123 });
    expect(pairFigure(p, 'cohenKappa', 'date')).toEqual({
      value: null,
      reason: 'every token is O for both annotators',
    });
    expect(pairFigure(p, 'spanExactF1', ALL)).toEqual({ value: 0.5 });
    expect(pairFigure(p, 'spanExactF1', 'date')).toEqual({ value: null, reason: 'no spans' });
    expect(pairFigure(p, 'spanRelaxedF1', 'quote')).toEqual({ value: 1 });
  });

  it('says so when a label has no figure at all', () => {
    const p = report.pairwise[0]!;
    expect(pairFigure(p, 'spanRelaxedF1', 'date')).toEqual({ value: null, reason: 'no figure for the label date' });
  });

  it('reads group figures; a null without a reason has none', () => {
    expect(groupFigure(report.group, 'fleissKappa', 'quote')).toEqual({ value: 0.7 });
    expect(groupFigure(report.group, 'unitizedAlpha', ALL)).toEqual({ value: null, reason: 'too few positions' });
    expect(groupFigure(report.group, 'krippendorffAlpha', 'date')).toEqual({ value: null });
  });

  it('builds the test ids the e2e tests and the CLI share', () => {
    expect(pairTestId('ann', 'bob', 'spanExactF1', ALL)).toBe('pair-ann-bob-spanExactF1-all');
    expect(groupTestId('krippendorffAlpha', 'quote')).toBe('group-krippendorffAlpha-quote');
  });

  it('gives one table row per pair and label, all first', () => {
    const rows = pairRows(report);
    expect(rows).toHaveLength(9);
    expect(rows.slice(0, 3).map((r) => [r.pair.b, r.label])).toEqual([
      ['bob', 'all'],
      ['bob', 'quote'],
      ['bob', 'date'],
    ]);
    expect(rows[1]?.exact?.tp).toBe(3);
  });

  it('fills the heat map symmetrically and leaves the diagonal out', () => {
    const cells = heatCells(report, 'cohenKappa', ALL);
    expect(cells).toHaveLength(6);
    expect(cells.some((c) => c.row === c.column)).toBe(false);
    const at = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column)?.figure;
    expect(at('bob', 'ann')).toEqual(at('ann', 'bob'));
    expect(at('cyd', 'bob')).toEqual({ value: -0.1 });
  });

  it('marks heat map cells of pairs the report did not compare', () => {
    const partial = { ...report, pairwise: report.pairwise.slice(0, 1) };
    const cell = heatCells(partial, 'cohenKappa', ALL).find((c) => c.row === 'bob' && c.column === 'cyd');
    expect(cell?.figure.value).toBeNull();
    expect(cell?.figure.reason).toMatch(/not compared/);
  });

  it('refuses a measure that does not belong to the subject', () => {
    expect(() => subjectFigure(report, { kind: 'group' }, 'cohenKappa', ALL)).toThrow(TypeError);
    expect(() => subjectFigure(report, { kind: 'pair', pair: report.pairwise[0]! }, 'fleissKappa', ALL)).toThrow(
      TypeError,
    );
  });

  it('falls back to the subject’s first measure and to the group for an unknown pair', () => {
    const pairChoice = resolveChartChoice(report, { a: 'bob', b: 'ann' }, 'fleissKappa');
    expect(pairChoice.subject.kind).toBe('pair');
    expect(pairChoice.measure).toBe('cohenKappa');
    const gone = resolveChartChoice(report, { a: 'ann', b: 'zed' }, 'spanExactF1');
    expect(gone.subject.kind).toBe('group');
    expect(gone.measure).toBe('fleissKappa');
  });

  it('gives one bar for all labels and one per label, in the label colours', () => {
    const labels = [{ id: 'quote', name: 'Quote', color: '#3b5bdb' }];
    const bars = labelBars(report, labels, { kind: 'group' }, 'fleissKappa');
    expect(bars.map((b) => [b.name, b.colour, b.figure.value])).toEqual([
      ['All labels', '#6a6f76', 0.61],
      ['Quote', '#3b5bdb', 0.7],
      ['date', '#6a6f76', null],
    ]);
  });

  it('summarises annotators, documents and tokens', () => {
    expect(summaryOf(report)).toBe(`3 annotators · 5 documents · ${(4213).toLocaleString()} tokens`);
    expect(summaryOf({ ...report, annotators: ['a'], documents: 1, tokens: 1 })).toBe(
      '1 annotator · 1 document · 1 token',
    );
  });
});

describe('figure-notes', () => {
  it('groups null figures by reason, in order of first appearance', () => {
    const notes = collectNotes([
      { place: 'A', figure: { value: null, reason: 'no spans' } },
      { place: 'B', figure: { value: 0.5 } },
      { place: 'C', figure: { value: null } },
      { place: 'D', figure: { value: null, reason: 'no spans' } },
    ]);
    expect(notes).toEqual([
      { reason: 'no spans', places: ['A', 'D'] },
      { reason: NO_REASON, places: ['C'] },
    ]);
    expect(noteIdOf('group', notes, { value: null })).toBe('group-note-2');
    expect(noteIdOf('group', notes, { value: 0.1 })).toBeUndefined();
  });
});

describe('colour-scale', () => {
  it('runs from light to dark with the value and clamps values outside [0, 1]', () => {
    expect(colourOf(0).fill).toBe('#f7fbff');
    expect(colourOf(-0.4).fill).toBe('#f7fbff');
    expect(colourOf(1).fill).toBe('#08306b');
    expect(colourOf(7).fill).toBe('#08306b');
    expect(colourOf(0.5).fill).toBe('#6baed6');
  });

  it('paints undefined figures grey', () => {
    expect(colourOf(null).fill).toBe('#eceae5');
  });

  it('prints every value with at least 4.5:1 contrast against its cell', () => {
    for (let i = 0; i <= 100; i++) {
      const { fill, ink } = colourOf(i / 100);
      expect(contrastOf(fill, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
