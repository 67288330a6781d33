/**
 * Pure helpers of the Agreement view: which measure is which, looking a figure up in a report,
 * formatting it, the rows of its tables and the notes that explain undefined figures. Main computes
 * every number; nothing here does arithmetic on annotations.
 */
import {
  GOLD,
  type AgreementReport,
  type AgreementRequest,
  type Disagreement,
  type DisagreementQuery,
  type GroupAgreement,
  type LabelledFigures,
  type MatchFigures,
  type PairAgreement,
} from '@api/contract';

/** Measures of two annotators; the keys are the test ids' and the CLI's. */
export type PairMeasure = 'cohenKappa' | 'spanExactF1' | 'spanRelaxedF1';
/** Measures of the whole group of chosen annotators. */
export type GroupMeasure = 'fleissKappa' | 'krippendorffAlpha' | 'unitizedAlpha';
export type Measure = PairMeasure | GroupMeasure;

export const PAIR_MEASURES: readonly PairMeasure[] = ['cohenKappa', 'spanExactF1', 'spanRelaxedF1'];
export const GROUP_MEASURES: readonly GroupMeasure[] = ['fleissKappa', 'krippendorffAlpha', 'unitizedAlpha'];

export const MEASURE_NAMES: Record<Measure, string> = {
  cohenKappa: 'Cohen’s κ',
  spanExactF1: 'Exact-match F1',
  spanRelaxedF1: 'Overlap F1',
  fleissKappa: 'Fleiss’ κ',
  krippendorffAlpha: 'Krippendorff’s α',
  unitizedAlpha: 'Unitized α',
};

/** The key of the figure over every label, as in LabelledFigures and the test ids. */
export const ALL = 'all';

/** What kind of disagreement each class is, in words. */
export const CLASS_NAMES: Record<Disagreement['cls'], string> = {
  label: 'different label',
  boundary: 'different boundaries',
  partial: 'some have it',
  only: 'only one has it',
};

/** A figure and, when it is undefined (null), why. */
export interface Figure {
  value: number | null;
  reason?: string;
}

/** A figure with three decimals (`0.812`), or `—` when it is undefined or not a finite number. */
export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** The annotators chosen when the view opens: everyone except the gold set. */
export const defaultAnnotators = (annotators: readonly string[]): string[] => annotators.filter((a) => a !== GOLD);

/** The request for the chosen annotators and labels, over one document or (docId null) the corpus. */
export function requestOf(
  annotators: readonly string[],
  labels: readonly string[],
  docId: string | null,
): AgreementRequest {
  return { annotators: [...annotators], labels: [...labels], ...(docId !== null && { docs: [docId] }) };
}

/** The drill-down query of a pairwise figure; `label` ALL and `docId` null mean no filter. */
export function disagreementQuery(a: string, b: string, label: string, docId: string | null): DisagreementQuery {
  return { a, b, ...(label !== ALL && { label }), ...(docId !== null && { docId }) };
}

/** The pair of `a` and `b` in either order, or undefined when the report did not compare them. */
export const findPair = (pairs: readonly PairAgreement[], a: string, b: string): PairAgreement | undefined =>
  pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));

function labelled(figures: LabelledFigures, label: string): Figure {
  const value = label === ALL ? figures.all : figures.perLabel[label];
  const reason = figures.reasons?.[label];
  if (value === undefined) return { value: null, reason: reason ?? `no figure for the label ${label}` };
  return value === null && reason !== undefined ? { value, reason } : { value };
}

/** The precision/recall/F1 block of a span measure for one label or ALL (the micro average). */
function matchFiguresOf(pair: PairAgreement, kind: 'spanExact' | 'spanRelaxed', label: string) {
  const report = pair[kind];
  return label === ALL ? report.micro : report.perLabel[label];
}

function matched(figures: MatchFigures | undefined, label: string): Figure {
  if (figures === undefined) return { value: null, reason: `no figure for the label ${label}` };
  return figures.f1 === null && figures.reason !== undefined
    ? { value: null, reason: figures.reason }
    : { value: figures.f1 };
}

/** One pairwise figure: κ, or the F1 of exact or overlapping span matches. */
export function pairFigure(pair: PairAgreement, measure: PairMeasure, label: string): Figure {
  if (measure === 'cohenKappa') return labelled(pair.cohenKappa, label);
  return matched(matchFiguresOf(pair, measure === 'spanExactF1' ? 'spanExact' : 'spanRelaxed', label), label);
}

/** One group figure. */
export const groupFigure = (group: GroupAgreement, measure: GroupMeasure, label: string): Figure =>
  labelled(group[measure], label);

/** `pair-<a>-<b>-<measure>-<label|all>`: the e2e tests compare these cells with the CLI's JSON. */
export const pairTestId = (a: string, b: string, measure: PairMeasure, label: string): string =>
  `pair-${a}-${b}-${measure}-${label}`;

/** `group-<measure>-<label|all>`. */
export const groupTestId = (measure: GroupMeasure, label: string): string => `group-${measure}-${label}`;

/** `all` followed by the report's label ids: the columns of the tables. */
export const labelKeysOf = (report: AgreementReport): string[] => [ALL, ...report.labels];

/** One row of the pairwise table: a pair and a label (or ALL). */
export interface PairRow {
  pair: PairAgreement;
  label: string;
  kappa: Figure;
  exact: MatchFigures | undefined;
  relaxed: MatchFigures | undefined;
}

/** Rows of the pairwise table, pair by pair, ALL first then each label. */
export function pairRows(report: AgreementReport): PairRow[] {
  return report.pairwise.flatMap((pair) =>
    labelKeysOf(report).map((label) => ({
      pair,
      label,
      kappa: pairFigure(pair, 'cohenKappa', label),
      exact: matchFiguresOf(pair, 'spanExact', label),
      relaxed: matchFiguresOf(pair, 'spanRelaxed', label),
    })),
  );
}

/** One cell of the heat map: row annotator, column annotator and the figure; the diagonal is left out. */
export interface HeatCell {
  row: string;
  column: string;
  figure: Figure;
}

/** Every off-diagonal cell of the symmetric annotator × annotator matrix of one measure and label. */
export function heatCells(report: AgreementReport, measure: PairMeasure, label: string): HeatCell[] {
  return report.annotators.flatMap((row) =>
    report.annotators
      .filter((column) => column !== row)
      .map((column) => {
        const pair = findPair(report.pairwise, row, column);
        const figure = pair ? pairFigure(pair, measure, label) : { value: null, reason: 'these two were not compared' };
        return { row, column, figure };
      }),
  );
}

/** Whose figures the per-label chart shows: the whole group, or one pair. */
export type Subject = { kind: 'group' } | { kind: 'pair'; pair: PairAgreement };

const isGroupMeasure = (measure: Measure): measure is GroupMeasure =>
  (GROUP_MEASURES as readonly Measure[]).includes(measure);

/** The measures that exist for a subject: group measures for the group, pairwise ones for a pair. */
const measuresOf = (subject: Subject): readonly Measure[] =>
  subject.kind === 'group' ? GROUP_MEASURES : PAIR_MEASURES;

/**
 * A subject's figure of one measure for one label or ALL. Throws TypeError when the measure does
 * not apply to the subject (a pairwise measure of the group, or the reverse).
 */
export function subjectFigure(report: AgreementReport, subject: Subject, measure: Measure, label: string): Figure {
  if (subject.kind === 'group') {
    if (!isGroupMeasure(measure)) throw new TypeError(`${measure} is not a group measure`);
    return groupFigure(report.group, measure, label);
  }
  if (isGroupMeasure(measure)) throw new TypeError(`${measure} is not a pairwise measure`);
  return pairFigure(subject.pair, measure, label);
}

/** A label's name, or its id when the store no longer has it. */
export const labelNameOf = (labels: readonly { id: string; name: string }[], id: string): string =>
  id === ALL ? 'All labels' : (labels.find((l) => l.id === id)?.name ?? id);

/** `alice – bob`, the way a pair is written everywhere in the view. */
export const pairName = (a: string, b: string): string => `${a} – ${b}`;

/** A count with thousands separators, in the reader's locale. */
export const formatCount = (n: number): string => n.toLocaleString();

/** The summary line: how many annotators, documents and tokens the figures are about. */
export function summaryOf(report: AgreementReport): string {
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  return [
    plural(report.annotators.length, 'annotator'),
    plural(report.documents, 'document'),
    plural(report.tokens, 'token'),
  ].join(' · ');
}

/** One bar of the per-label chart: the label's name, its colour (`#rrggbb`) and the figure. */
export interface Bar {
  name: string;
  colour: string;
  figure: Figure;
}

/** The colour of the "All labels" bar, and of a label the store no longer has. */
const NEUTRAL_COLOUR = '#6a6f76';

/** What the per-label chart shows once a pair choice and a measure are checked against the report. */
export interface ChartChoice {
  subject: Subject;
  /** The measures the subject has, for the select. */
  measures: readonly Measure[];
  /** The chosen measure, or the subject's first when the chosen one does not apply to it. */
  measure: Measure;
}

/** Resolves a chosen pair (null: the group) and measure; a pair the report lacks falls back to the group. */
export function resolveChartChoice(
  report: AgreementReport,
  choice: { a: string; b: string } | null,
  chosenMeasure: Measure,
): ChartChoice {
  const pair = choice === null ? undefined : findPair(report.pairwise, choice.a, choice.b);
  const subject: Subject = pair === undefined ? { kind: 'group' } : { kind: 'pair', pair };
  const measures = measuresOf(subject);
  const measure = measures.includes(chosenMeasure) ? chosenMeasure : (measures[0] ?? chosenMeasure);
  return { subject, measures, measure };
}

/** The bars of a subject's measure: "All labels" first, then each label of the report. */
export function labelBars(
  report: AgreementReport,
  labels: readonly { id: string; name: string; color: string }[],
  subject: Subject,
  measure: Measure,
): Bar[] {
  return labelKeysOf(report).map((id) => ({
    name: labelNameOf(labels, id),
    colour: id === ALL ? NEUTRAL_COLOUR : (labels.find((l) => l.id === id)?.color ?? NEUTRAL_COLOUR),
    figure: subjectFigure(report, subject, measure, id),
  }));
}
