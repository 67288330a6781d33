import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementReport, LabelledFigures, MatchFigures } from '../../../../main/api/contract';
import { computeAgreement, type AgreementInput } from '../../../../main/core/agreement/index';

type Span = AgreementInput['spans'][number];

const TEXT = 'Kyiv said talks would resume on Monday.'; // 8 tokens
const span = (annotator: string, start: number, end: number, label = 'quote', docId = 'd1'): Span => ({
  docId,
  annotator,
  start,
  end,
  label,
});

function input(overrides: Partial<AgreementInput> = {}): AgreementInput {
  return {
    documents: [{ id: 'd1', text: TEXT }],
    annotators: ['x', 'y'],
    labels: ['quote'],
    spans: [],
    annotated: { d1: ['x', 'y'] },
    ...overrides,
  };
}

/** Every LabelledFigures and MatchFigures of a report, with where it is. */
function figuresOf(report: AgreementReport): { where: string; labelled?: LabelledFigures; match?: MatchFigures }[] {
  const found: { where: string; labelled?: LabelledFigures; match?: MatchFigures }[] = [];
  const scopes = [
    { where: 'pooled', pairwise: report.pairwise, group: report.group },
    ...report.perDocument.map((d) => ({ where: d.docId, pairwise: d.pairwise, group: d.group })),
  ];
  for (const { where, pairwise, group } of scopes) {
    for (const pair of pairwise) {
      found.push({ where: `${where} ${pair.a}/${pair.b} cohen`, labelled: pair.cohenKappa });
      for (const [kind, spans] of [
        ['exact', pair.spanExact],
        ['relaxed', pair.spanRelaxed],
      ] as const) {
        found.push({ where: `${where} ${pair.a}/${pair.b} ${kind} micro`, match: spans.micro });
        for (const [label, match] of Object.entries(spans.perLabel)) {
          found.push({ where: `${where} ${pair.a}/${pair.b} ${kind} ${label}`, match });
        }
      }
    }
    found.push({ where: `${where} fleiss`, labelled: group.fleissKappa });
    found.push({ where: `${where} alpha`, labelled: group.krippendorffAlpha });
    found.push({ where: `${where} unitized`, labelled: group.unitizedAlpha });
  }
  return found;
}

/** No NaN or Infinity anywhere, and every null figure explained. */
function expectWellFormed(report: AgreementReport): void {
  JSON.stringify(report, (_, value: unknown) => {
    if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    return value;
  });
  for (const { where, labelled, match } of figuresOf(report)) {
    if (labelled !== undefined) {
      const entries: [string, number | null][] = [['all', labelled.all], ...Object.entries(labelled.perLabel)];
      for (const [key, value] of entries) {
        if (value === null) expect(labelled.reasons?.[key], `${where} ${key}`).toMatch(/\w/);
        else expect(value, `${where} ${key}`).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
    if (match !== undefined) {
      const values = [match.precision, match.recall, match.f1];
      if (values.includes(null)) expect(match.reason, where).toMatch(/\w/);
      for (const value of values) if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
      expect(match.tp + match.fp).toBeGreaterThanOrEqual(0);
    }
  }
}

describe('agreement/computeAgreement', () => {
  it('reports every pair in the annotators’ order, the group and each document', () => {
    const report = computeAgreement(
      input({
        annotators: ['x', 'y', 'z'],
        spans: [span('x', 0, 4), span('y', 0, 9), span('z', 0, 4), span('x', 31, 37, 'date')],
        annotated: { d1: ['x', 'y', 'z'] },
        labels: ['quote', 'date'],
      }),
    );
    expect(report.pairwise.map((p) => `${p.a}/${p.b}`)).toEqual(['x/y', 'x/z', 'y/z']);
    expect(report.perDocument.map((d) => [d.docId, d.tokens, d.annotated])).toEqual([['d1', 8, ['x', 'y', 'z']]]);
    expect(report.pairwise[1]?.spanExact.perLabel['quote']).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
      tp: 1,
      fp: 0,
      fn: 0,
    });
    expect(report.pairwise[1]?.spanExact.perLabel['date']).toEqual({
      precision: null,
      recall: 0,
      f1: null,
      tp: 0,
      fp: 0,
      fn: 1,
      reason: 'z has no date spans: precision and F1 are undefined',
    });
    expect(report.pairwise[0]?.spanRelaxed.perLabel['quote']?.f1).toBe(1);
    expect(report.pairwise[0]?.spanExact.perLabel['quote']?.f1).toBe(0);
    expectWellFormed(report);
  });

  it('gives the same figures for one document pooled and per document', () => {
    const report = computeAgreement(input({ spans: [span('x', 0, 9), span('y', 5, 16), span('y', 31, 38)] }));
    expect(report.perDocument[0]?.pairwise).toEqual(report.pairwise);
    expect(report.perDocument[0]?.group).toEqual(report.group);
  });

  it('measures a pair only on the documents both annotated', () => {
    const docs = [
      { id: 'd1', text: TEXT },
      { id: 'd2', text: TEXT },
    ];
    const spans = [span('x', 0, 9), span('y', 0, 9), span('x', 10, 16, 'quote', 'd2')];
    const both = computeAgreement(input({ documents: docs, spans, annotated: { d1: ['x', 'y'], d2: ['x'] } }));
    expect(both.pairwise[0]?.documents).toBe(1);
    expect(both.pairwise[0]?.tokens).toBe(8);
    expect(both.pairwise[0]?.spanExact.micro.tp).toBe(1);
    expect(both.pairwise[0]?.spanExact.micro.fn).toBe(0);
    expect(both.group.fleissDocuments).toBe(1);
    expect(both.tokens).toBe(16);
    // y's document d2 counts once y annotated it: the span of x is then missed.
    const all = computeAgreement(input({ documents: docs, spans, annotated: { d1: ['x', 'y'], d2: ['x', 'y'] } }));
    expect(all.pairwise[0]?.spanExact.micro.fn).toBe(1);
    expect(all.pairwise[0]?.cohenKappa.all).toBeLessThan(1);
  });

  it('ignores spans of labels, annotators and documents not chosen', () => {
    const base = computeAgreement(input({ spans: [span('x', 0, 9), span('y', 0, 4)] }));
    const noisy = computeAgreement(
      input({
        spans: [
          span('x', 0, 9),
          span('y', 0, 4),
          span('x', 10, 15, 'person'),
          span('w', 10, 15),
          span('x', 10, 15, 'quote', 'elsewhere'),
        ],
      }),
    );
    expect(noisy).toEqual(base);
  });

  describe('degenerate cases', () => {
    it('zero documents: counts are 0, every figure null with a reason', () => {
      const report = computeAgreement(input({ documents: [], annotated: {} }));
      expect(report).toMatchObject({ documents: 0, tokens: 0, perDocument: [] });
      expect(report.pairwise[0]).toMatchObject({ documents: 0, tokens: 0 });
      expect(report.pairwise[0]?.cohenKappa.reasons?.['all']).toBe('x and y annotated no document in common');
      expect(report.pairwise[0]?.spanExact.micro).toEqual({
        precision: null,
        recall: null,
        f1: null,
        tp: 0,
        fp: 0,
        fn: 0,
        reason: 'x and y annotated no document in common',
      });
      expect(report.group.fleissKappa.reasons?.['all']).toBe('no document was annotated by every annotator');
      expect(report.group.fleissDocuments).toBe(0);
      expect(report.group.krippendorffAlpha.all).toBeNull();
      expect(report.group.unitizedAlpha.all).toBeNull();
      expectWellFormed(report);
    });

    it('no spans at all: kappa and span figures are undefined, alpha is 1 (everyone agrees there is nothing)', () => {
      const report = computeAgreement(input());
      const pair = report.pairwise[0];
      expect(pair?.cohenKappa).toEqual({
        all: null,
        perLabel: { quote: null },
        reasons: {
          all: 'every token is O for both x and y: kappa is undefined',
          quote: 'neither x nor y marked a token as quote: kappa is undefined',
        },
      });
      expect(pair?.spanRelaxed.micro.reason).toBe('neither x nor y has spans: nothing to match');
      expect(report.group.fleissKappa.reasons?.['quote']).toBe(
        'no annotator marked a token as quote: kappa is undefined',
      );
      expect(report.group.krippendorffAlpha).toEqual({ all: 1, perLabel: { quote: 1 } });
      expect(report.group.unitizedAlpha).toEqual({
        all: null,
        perLabel: { quote: null },
        reasons: {
          all: 'no annotator marked any of the labels: unitized alpha is undefined',
          quote: 'no annotator marked quote: unitized alpha is undefined',
        },
      });
      expectWellFormed(report);
    });

    it.each([
      { annotators: ['x'], reason: 'agreement needs two or more annotators; there is one' },
      { annotators: [], reason: 'agreement needs two or more annotators; there are none' },
    ])('$annotators.length annotator(s): no pairs, group figures null', ({ annotators, reason }) => {
      const report = computeAgreement(input({ annotators, spans: [span('x', 0, 4)], annotated: { d1: annotators } }));
      expect(report.pairwise).toEqual([]);
      expect(report.perDocument[0]?.pairwise).toEqual([]);
      for (const figures of [report.group.fleissKappa, report.group.krippendorffAlpha, report.group.unitizedAlpha]) {
        expect(figures).toEqual({ all: null, perLabel: { quote: null }, reasons: { all: reason, quote: reason } });
      }
      expectWellFormed(report);
    });

    it('a label used by nobody: null for that label with a reason, the others measured', () => {
      const report = computeAgreement(
        input({ labels: ['quote', 'person'], spans: [span('x', 0, 9), span('y', 0, 4), span('y', 31, 38)] }),
      );
      const pair = report.pairwise[0];
      expect(pair?.cohenKappa.all).not.toBeNull();
      expect(pair?.cohenKappa.perLabel['person']).toBeNull();
      expect(pair?.cohenKappa.reasons).toEqual({
        person: 'neither x nor y marked a token as person: kappa is undefined',
      });
      expect(pair?.spanExact.perLabel['person']?.reason).toBe('neither x nor y has person spans: nothing to match');
      expect(report.group.unitizedAlpha.perLabel['person']).toBeNull();
      expect(report.group.unitizedAlpha.all).not.toBeNull();
      expectWellFormed(report);
    });

    it('all tokens one category: kappa undefined, unitized alpha 1 for identical units', () => {
      const report = computeAgreement(input({ spans: [span('x', 0, TEXT.length), span('y', 0, TEXT.length)] }));
      expect(report.pairwise[0]?.cohenKappa.reasons).toEqual({
        all: 'every token is quote for both x and y: kappa is undefined',
        quote: 'both x and y marked every token as quote: kappa is undefined',
      });
      expect(report.group.fleissKappa.all).toBeNull();
      expect(report.group.unitizedAlpha.all).toBe(1);
      expect(report.pairwise[0]?.spanExact.micro.f1).toBe(1);
      expectWellFormed(report);
    });

    it('spans that match nothing: precision and recall 0, F1 0 (not undefined)', () => {
      const report = computeAgreement(input({ spans: [span('x', 0, 4), span('y', 10, 15)] }));
      expect(report.pairwise[0]?.spanRelaxed.micro).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 1, fn: 1 });
    });

    it('pairs with no document in common get counts of 0 and reasons', () => {
      const report = computeAgreement(
        input({
          documents: [
            { id: 'd1', text: TEXT },
            { id: 'd2', text: TEXT },
          ],
          annotated: { d1: ['x'], d2: ['y'] },
          spans: [span('x', 0, 4), span('y', 0, 4, 'quote', 'd2')],
        }),
      );
      expect(report.pairwise[0]).toMatchObject({ documents: 0, tokens: 0 });
      expect(report.group.krippendorffAlpha.reasons?.['all']).toBe(
        'no document with tokens was annotated by two or more annotators',
      );
      expect(report.group.unitizedAlpha.reasons?.['all']).toBe(
        'no document with text was annotated by two or more annotators',
      );
      expectWellFormed(report);
    });
  });

  describe('errors', () => {
    it.each([
      { overrides: { annotators: ['x', 'x'] }, message: 'annotator "x" is listed twice' },
      { overrides: { labels: ['quote', 'quote'] }, message: 'label "quote" is listed twice' },
      { overrides: { spans: [span('x', 5, 100)] }, message: 'a span of x in d1: end 100 is past the end of the text' },
      { overrides: { spans: [span('x', 5, 5)] }, message: 'a span of x in d1: start 5 must be < end 5' },
    ])('throws RangeError: $message', ({ overrides, message }) => {
      expect(() => computeAgreement(input(overrides))).toThrow(RangeError);
      expect(() => computeAgreement(input(overrides))).toThrow(message);
    });

    it('throws RangeError for a span that splits a surrogate pair', () => {
      const documents = [{ id: 'd1', text: 'a😀b' }];
      expect(() => computeAgreement(input({ documents, spans: [span('x', 0, 2)] }))).toThrow(RangeError);
    });
  });

  it('is well formed for any small input (never NaN or Infinity, every null explained)', () => {
    const labels = ['quote', 'date', 'person'];
    const annotators = ['x', 'y', 'z'];
    const textArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', 'Я', '\n'), maxLength: 30 });
    const inputArb = fc
      .record({
        texts: fc.array(textArb, { maxLength: 3 }),
        annotatorCount: fc.integer({ min: 0, max: 3 }),
        spans: fc.array(
          fc.record({
            doc: fc.nat(2),
            annotator: fc.nat(2),
            label: fc.nat(2),
            start: fc.nat(30),
            length: fc.integer({ min: 1, max: 12 }),
          }),
          { maxLength: 25 },
        ),
        annotated: fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
      })
      .map(({ texts, annotatorCount, spans, annotated }): AgreementInput => {
        const documents = texts.map((text, d) => ({ id: `d${d}`, text }));
        return {
          documents,
          annotators: annotators.slice(0, annotatorCount),
          labels,
          spans: spans.flatMap((s) => {
            const text = documents[s.doc]?.text ?? '';
            const start = Math.min(s.start, text.length - 1);
            const end = Math.min(start + s.length, text.length);
            if (start < 0 || end <= start) return [];
            const docId = `d${s.doc}`;
            return [
              { docId, annotator: annotators[s.annotator] ?? 'x', label: labels[s.label] ?? 'quote', start, end },
            ];
          }),
          annotated: Object.fromEntries(
            documents.map((doc, d) => [doc.id, annotators.filter((_, r) => annotated[d]?.[r] === true)]),
          ),
        };
      });
    fc.assert(
      fc.property(inputArb, (agreementInput) => {
        const report = computeAgreement(agreementInput);
        expectWellFormed(report);
        expect(report.perDocument).toHaveLength(agreementInput.documents.length);
      }),
      { numRuns: 300 },
    );
  });
});
