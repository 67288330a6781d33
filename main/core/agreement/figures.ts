/**
 * The report's figures for a set of documents: a pair's Cohen's kappa and span matches, and the
 * group's Fleiss' kappa, Krippendorff's alpha and unitized alpha, each overall and per label, with a
 * reason in words for every figure that is undefined. The measures themselves are in their modules.
 */
import type { GroupAgreement, LabelledFigures, MatchFigures, PairAgreement, SpanMatchReport } from '../../api/contract';
import { krippendorffAlpha } from './alpha';
import { cohenKappa, fleissKappa } from './kappa';
import type { Measured, Projection } from './measured';
import { matchSpans, type MatchCounts } from './spans';
import type { Study, StudyDocument } from './study';
import type { CodedUnits } from './categories';
import { unitizedDisagreement } from './unitized';

/** Who a reason speaks of: both annotators of a pair, or the group. */
interface Who {
  all: string;
  none: string;
}

/** Why a measure is undefined, in words, for the whole (`label` null) or one label. */
function reasonFor(
  study: Study,
  result: Measured,
  label: string | null,
  who: Who,
  measure: string,
  noUnits: string,
): string | null {
  if (result.value !== null) return null;
  if (result.why === 'no-units') return noUnits;
  if (label === null) {
    return `every token is ${study.categories.names[result.category] ?? 'O'} for ${who.all}: ${measure} is undefined`;
  }
  return result.category === 1
    ? `${who.all} marked every token as ${label}: ${measure} is undefined`
    : `${who.none} marked a token as ${label}: ${measure} is undefined`;
}

/** A token-level measure overall and per label, with its reasons. */
function labelled(
  study: Study,
  measure: (project: Projection) => Measured,
  describe: (result: Measured, label: string | null) => string | null,
): LabelledFigures {
  const perLabel: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  const overall = measure(study.projections.all);
  const overallReason = describe(overall, null);
  if (overallReason !== null) reasons['all'] = overallReason;
  study.labels.forEach((label, index) => {
    const result = measure(study.projections.perLabel[index] ?? study.projections.all);
    perLabel[label] = result.value;
    const reason = describe(result, label);
    if (reason !== null) reasons[label] = reason;
  });
  return withReasons({ all: overall.value, perLabel }, reasons);
}

function withReasons(figures: LabelledFigures, reasons: Record<string, string>): LabelledFigures {
  return Object.keys(reasons).length === 0 ? figures : { ...figures, reasons };
}

/** The same figures, all null for one reason. */
function allUndefined(study: Study, reason: string): LabelledFigures {
  const keys = ['all', ...study.labels];
  return {
    all: null,
    perLabel: Object.fromEntries(study.labels.map((label) => [label, null])),
    reasons: Object.fromEntries(keys.map((key) => [key, reason])),
  };
}

/** Precision, recall and F1 of b against a from counts; each undefined one explained. */
function matchFigures(counts: MatchCounts, a: string, b: string, what: string, noDocuments: boolean): MatchFigures {
  const { matched, reference, candidate } = counts;
  const precision = candidate === 0 ? null : matched / candidate;
  const recall = reference === 0 ? null : matched / reference;
  const f1 =
    precision === null || recall === null
      ? null
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  const figures = { precision, recall, f1, tp: matched, fp: candidate - matched, fn: reference - matched };
  let reason: string | null = null;
  if (noDocuments) reason = `${a} and ${b} annotated no document in common`;
  else if (candidate === 0 && reference === 0) reason = `neither ${a} nor ${b} has ${what}: nothing to match`;
  else if (candidate === 0) reason = `${b} has no ${what}: precision and F1 are undefined`;
  else if (reference === 0) reason = `${a} has no ${what}: recall and F1 are undefined`;
  return reason === null ? figures : { ...figures, reason };
}

const addCounts = (x: MatchCounts, y: MatchCounts): MatchCounts => ({
  matched: x.matched + y.matched,
  reference: x.reference + y.reference,
  candidate: x.candidate + y.candidate,
});
const NO_COUNTS: MatchCounts = { matched: 0, reference: 0, candidate: 0 };

/** Exact and relaxed span counts of b against a in one document, per label. */
export interface DocumentSpanCounts {
  exact: MatchCounts[];
  relaxed: MatchCounts[];
}

/** The span counts of annotators a and b (indexes) in one document; zero where either did not annotate it. */
export function documentSpanCounts(study: Study, doc: StudyDocument, a: number, b: number): DocumentSpanCounts {
  const counts: DocumentSpanCounts = { exact: [], relaxed: [] };
  const shared = doc.present[a] === true && doc.present[b] === true;
  study.labels.forEach((_, label) => {
    const matched = shared ? matchSpans(doc.spans[a]?.[label] ?? [], doc.spans[b]?.[label] ?? []) : null;
    counts.exact.push(matched?.exact ?? NO_COUNTS);
    counts.relaxed.push(matched?.relaxed ?? NO_COUNTS);
  });
  return counts;
}

/** Exact and relaxed span figures, per label pooled over the documents' counts and micro. */
function spanReports(
  study: Study,
  counts: readonly DocumentSpanCounts[],
  nameA: string,
  nameB: string,
  noDocuments: boolean,
) {
  const pooled = (kind: 'exact' | 'relaxed'): MatchCounts[] =>
    study.labels.map((_, label) =>
      counts.reduce((sum, doc) => addCounts(sum, doc[kind][label] ?? NO_COUNTS), NO_COUNTS),
    );
  const report = (perLabel: MatchCounts[]): SpanMatchReport => ({
    micro: matchFigures(perLabel.reduce(addCounts, NO_COUNTS), nameA, nameB, 'spans', noDocuments),
    perLabel: Object.fromEntries(
      study.labels.map((label, index) => [
        label,
        matchFigures(perLabel[index] ?? NO_COUNTS, nameA, nameB, `${label} spans`, noDocuments),
      ]),
    ),
  });
  return { spanExact: report(pooled('exact')), spanRelaxed: report(pooled('relaxed')) };
}

/**
 * Annotators a and b (indexes) over the documents of `docs` both annotated. `tuples` holds the token
 * tuples of `docs` (the measures leave out the units either did not code) and `spanCounts` the
 * documentSpanCounts of each of `docs`, in order.
 */
export function pairAgreement(
  study: Study,
  docs: readonly StudyDocument[],
  tuples: Iterable<CodedUnits>,
  spanCounts: readonly DocumentSpanCounts[],
  a: number,
  b: number,
): PairAgreement {
  const shared = docs.filter((doc) => doc.present[a] === true && doc.present[b] === true);
  const [nameA, nameB] = [study.annotators[a] ?? '', study.annotators[b] ?? ''];
  const tokens = shared.reduce((sum, doc) => sum + doc.tokens, 0);
  const who = { all: `both ${nameA} and ${nameB}`, none: `neither ${nameA} nor ${nameB}` };
  const noUnits =
    shared.length === 0
      ? `${nameA} and ${nameB} annotated no document in common`
      : `the documents ${nameA} and ${nameB} both annotated have no tokens`;
  return {
    a: nameA,
    b: nameB,
    documents: shared.length,
    tokens,
    cohenKappa: labelled(
      study,
      (project) => cohenKappa(tuples, a, b, project),
      (result, label) => reasonFor(study, result, label, who, 'kappa', noUnits),
    ),
    ...spanReports(study, spanCounts, nameA, nameB, shared.length === 0),
  };
}

/** Unitized alpha overall and per label over the documents' code points (unitized.ts). */
function unitizedFigures(study: Study, docs: readonly StudyDocument[]): LabelledFigures {
  const perLabel: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  if (!docs.some((doc) => doc.raters.length >= 2 && doc.codePoints > 0)) {
    return allUndefined(study, 'no document with text was annotated by two or more annotators');
  }
  let observed = 0;
  let expected = 0;
  for (const [index, label] of study.labels.entries()) {
    const sections = docs.map((doc) => ({
      length: doc.codePoints,
      raters: doc.raters.map((r) => doc.units[r]?.[index] ?? { starts: [], ends: [] }),
    }));
    const result = unitizedDisagreement(sections) ?? { observed: 0, expected: 0 };
    observed += result.observed;
    expected += result.expected;
    perLabel[label] = result.expected === 0 ? null : 1 - result.observed / result.expected;
    if (result.expected === 0) reasons[label] = `no annotator marked ${label}: unitized alpha is undefined`;
  }
  const all = expected === 0 ? null : 1 - observed / expected;
  if (all === null) reasons['all'] = 'no annotator marked any of the labels: unitized alpha is undefined';
  return withReasons({ all, perLabel }, reasons);
}

/** The group's figures over `docs`, whose token tuples are `tuples`. */
export function groupAgreement(
  study: Study,
  docs: readonly StudyDocument[],
  tuples: Iterable<CodedUnits>,
): GroupAgreement {
  const count = study.annotators.length;
  if (count < 2) {
    const reason = `agreement needs two or more annotators; there ${count === 1 ? 'is one' : 'are none'}`;
    return {
      fleissKappa: allUndefined(study, reason),
      fleissDocuments: 0,
      krippendorffAlpha: allUndefined(study, reason),
      unitizedAlpha: allUndefined(study, reason),
    };
  }
  const raters = study.annotators.map((_, r) => r);
  const complete = docs.filter((doc) => doc.raters.length === count);
  const who = { all: 'every annotator', none: 'no annotator' };
  const noComplete =
    complete.length === 0
      ? 'no document was annotated by every annotator'
      : 'the documents every annotator annotated have no tokens';
  return {
    fleissKappa: labelled(
      study,
      (project) => fleissKappa(tuples, raters, project),
      (result, label) => reasonFor(study, result, label, who, 'kappa', noComplete),
    ),
    fleissDocuments: complete.length,
    krippendorffAlpha: labelled(
      study,
      (project) => krippendorffAlpha(tuples, project),
      (result, label) =>
        reasonFor(
          study,
          result,
          label,
          who,
          'alpha',
          'no document with tokens was annotated by two or more annotators',
        ),
    ),
    unitizedAlpha: unitizedFigures(study, docs),
  };
}
