/**
 * computeAgreement against independent implementations: tests/reference/agreement/make_reference.py
 * computed these corpora's figures with scikit-learn (Cohen), statsmodels (Fleiss), NLTK
 * (Krippendorff's alpha) and SciPy (relaxed span matching), and wrote them to reference.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabelledFigures, MatchFigures, SpanMatchReport } from '../../../../main/api/contract';
import { computeAgreement, type AgreementInput } from '../../../../main/core/agreement/index';

type Figures = Record<string, number | null>;

interface ExpectedMatch {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

interface ExpectedTokenFigures {
  pairwise: { a: string; b: string; documents: number; cohen: Figures }[];
  fleissDocuments: number;
  fleiss: Figures;
  alpha: Figures;
}

interface ExpectedSpans {
  a: string;
  b: string;
  exact: { micro: ExpectedMatch; perLabel: Record<string, ExpectedMatch> };
  relaxed: { micro: ExpectedMatch; perLabel: Record<string, ExpectedMatch> };
}

interface Corpus {
  name: string;
  input: AgreementInput;
  expected: ExpectedTokenFigures & {
    tokens: number;
    spans: ExpectedSpans[];
    perDocument: (ExpectedTokenFigures & { docId: string; tokens: number })[];
  };
}

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../reference/agreement/reference.json'), 'utf8'),
) as { corpora: Corpus[] };

const TOLERANCE = 1e-9;

/** Both null, or numbers within 1e-9; a null figure must carry a reason. */
function expectFigure(actual: number | null | undefined, expected: number | null | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

function expectLabelled(actual: LabelledFigures, expected: Figures, what: string): void {
  expectFigure(actual.all, expected['all'], `${what} all`);
  for (const [label, value] of Object.entries(expected)) {
    if (label === 'all') continue;
    expectFigure(actual.perLabel[label], value, `${what} ${label}`);
  }
  expect(Object.keys(actual.perLabel).sort()).toEqual(
    Object.keys(expected)
      .filter((k) => k !== 'all')
      .sort(),
  );
  for (const [key, value] of [['all', actual.all] as const, ...Object.entries(actual.perLabel)]) {
    if (value === null) expect(actual.reasons?.[key], `${what} ${key} reason`).toMatch(/\w/);
  }
}

function expectMatch(actual: MatchFigures, expected: ExpectedMatch, what: string): void {
  expect({ tp: actual.tp, fp: actual.fp, fn: actual.fn }, what).toEqual({
    tp: expected.tp,
    fp: expected.fp,
    fn: expected.fn,
  });
  expectFigure(actual.precision, expected.precision, `${what} precision`);
  expectFigure(actual.recall, expected.recall, `${what} recall`);
  expectFigure(actual.f1, expected.f1, `${what} f1`);
}

function expectSpans(actual: SpanMatchReport, expected: ExpectedSpans['exact'], what: string): void {
  expectMatch(actual.micro, expected.micro, `${what} micro`);
  for (const [label, figures] of Object.entries(expected.perLabel)) {
    expectMatch(actual.perLabel[label] ?? ({} as MatchFigures), figures, `${what} ${label}`);
  }
}

describe('agreement against the Python reference (reference.json)', () => {
  it('has corpora to check', () => {
    expect(fixture.corpora.map((c) => c.name)).toEqual([
      'three-complete',
      'four-missing',
      'two-unused-label',
      'one-empty',
      'both-empty',
      'all-agree-on-nothing',
      'single-unit',
      'single-unit-one-side',
    ]);
  });

  describe.each(fixture.corpora)('$name', (corpus) => {
    const report = computeAgreement(corpus.input);
    const { expected } = corpus;

    it('counts the tokens Python’s \\w+|[^\\w\\s] finds', () => {
      expect(report.tokens).toBe(expected.tokens);
      expect(report.perDocument.map((d) => d.tokens)).toEqual(expected.perDocument.map((d) => d.tokens));
    });

    it('matches scikit-learn’s Cohen’s kappa for every pair, overall and per label', () => {
      expect(report.pairwise.map((p) => [p.a, p.b, p.documents])).toEqual(
        expected.pairwise.map((p) => [p.a, p.b, p.documents]),
      );
      expected.pairwise.forEach((pair, index) => {
        expectLabelled(
          report.pairwise[index]?.cohenKappa ?? ({} as LabelledFigures),
          pair.cohen,
          `${pair.a}/${pair.b}`,
        );
      });
    });

    it('matches statsmodels’ Fleiss’ kappa and NLTK’s Krippendorff’s alpha for the group', () => {
      expect(report.group.fleissDocuments).toBe(expected.fleissDocuments);
      expectLabelled(report.group.fleissKappa, expected.fleiss, 'fleiss');
      expectLabelled(report.group.krippendorffAlpha, expected.alpha, 'alpha');
    });

    it('matches the exact (Counter) and relaxed (SciPy maximum matching) span figures', () => {
      expected.spans.forEach((pair, index) => {
        const actual = report.pairwise[index];
        expect([actual?.a, actual?.b]).toEqual([pair.a, pair.b]);
        if (actual === undefined) return;
        expectSpans(actual.spanExact, pair.exact, `${pair.a}/${pair.b} exact`);
        expectSpans(actual.spanRelaxed, pair.relaxed, `${pair.a}/${pair.b} relaxed`);
      });
    });

    it('matches every token figure document by document', () => {
      expected.perDocument.forEach((doc, d) => {
        const actual = report.perDocument[d];
        expect(actual?.docId).toBe(doc.docId);
        if (actual === undefined) return;
        doc.pairwise.forEach((pair, index) => {
          expect(actual.pairwise[index]?.documents).toBe(pair.documents);
          expectLabelled(actual.pairwise[index]?.cohenKappa ?? ({} as LabelledFigures), pair.cohen, `${doc.docId}`);
        });
        expect(actual.group.fleissDocuments).toBe(doc.fleissDocuments);
        expectLabelled(actual.group.fleissKappa, doc.fleiss, `${doc.docId} fleiss`);
        expectLabelled(actual.group.krippendorffAlpha, doc.alpha, `${doc.docId} alpha`);
      });
    });
  });
});
