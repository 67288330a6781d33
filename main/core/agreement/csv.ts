/**
 * An agreement report as CSV for "export as CSV": one figure a row, quoted as RFC 4180 says
 * (csv-stringify). Computing the report is index.ts's; writing the file is the caller's.
 */
import { stringify } from 'csv-stringify/sync';
import type {
  AgreementReport,
  GroupAgreement,
  LabelledFigures,
  MatchFigures,
  PairAgreement,
  SpanMatchReport,
} from '../../api/contract';

/** The columns, in order. */
export const AGREEMENT_CSV_COLUMNS = ['scope', 'document', 'a', 'b', 'measure', 'label', 'value', 'reason'] as const;

type Row = [
  scope: string,
  document: string,
  a: string,
  b: string,
  measure: string,
  label: string,
  value: string,
  reason: string,
];

/** Where a row's figure comes from: scope, document ('' when pooled), and the pair ('' for the group). */
interface Place {
  scope: 'report' | 'document' | 'pair' | 'group';
  document: string;
  a: string;
  b: string;
}

/** A number as JavaScript writes it (shortest exact form); null as an empty field. */
const formatValue = (value: number | null): string => (value === null ? '' : String(value));

const row = (place: Place, measure: string, label: string, value: number | null, reason = ''): Row => [
  place.scope,
  place.document,
  place.a,
  place.b,
  measure,
  label,
  formatValue(value),
  value === null ? reason : '',
];

function labelledRows(place: Place, measure: string, figures: LabelledFigures): Row[] {
  return [
    row(place, measure, '', figures.all, figures.reasons?.['all']),
    ...Object.entries(figures.perLabel).map(([label, value]) =>
      row(place, measure, label, value, figures.reasons?.[label]),
    ),
  ];
}

function matchRows(place: Place, measure: string, label: string, figures: MatchFigures): Row[] {
  return [
    row(place, `${measure}_precision`, label, figures.precision, figures.reason),
    row(place, `${measure}_recall`, label, figures.recall, figures.reason),
    row(place, `${measure}_f1`, label, figures.f1, figures.reason),
    row(place, `${measure}_tp`, label, figures.tp),
    row(place, `${measure}_fp`, label, figures.fp),
    row(place, `${measure}_fn`, label, figures.fn),
  ];
}

function spanRows(place: Place, measure: string, report: SpanMatchReport): Row[] {
  return [
    ...matchRows(place, measure, '', report.micro),
    ...Object.entries(report.perLabel).flatMap(([label, figures]) => matchRows(place, measure, label, figures)),
  ];
}

function pairRows(document: string, pair: PairAgreement): Row[] {
  const place: Place = { scope: 'pair', document, a: pair.a, b: pair.b };
  return [
    row(place, 'documents', '', pair.documents),
    row(place, 'tokens', '', pair.tokens),
    ...labelledRows(place, 'cohen_kappa', pair.cohenKappa),
    ...spanRows(place, 'span_exact', pair.spanExact),
    ...spanRows(place, 'span_relaxed', pair.spanRelaxed),
  ];
}

function groupRows(document: string, group: GroupAgreement): Row[] {
  const place: Place = { scope: 'group', document, a: '', b: '' };
  return [
    ...labelledRows(place, 'fleiss_kappa', group.fleissKappa),
    row(place, 'fleiss_documents', '', group.fleissDocuments),
    ...labelledRows(place, 'krippendorff_alpha', group.krippendorffAlpha),
    ...labelledRows(place, 'unitized_alpha', group.unitizedAlpha),
  ];
}

/**
 * Every figure of a report as CSV rows under the header `scope,document,a,b,measure,label,value,reason`.
 * `document` is empty for figures pooled over all documents, `a`/`b` are empty for group figures,
 * `label` is empty for the figure over all labels (micro for span matches), `value` is empty for an
 * undefined figure and `reason` then says why. Line ends are `\n`.
 */
export function agreementToCsv(report: AgreementReport): string {
  const totals: Place = { scope: 'report', document: '', a: '', b: '' };
  const rows: Row[] = [
    row(totals, 'documents', '', report.documents),
    row(totals, 'tokens', '', report.tokens),
    ...report.pairwise.flatMap((pair) => pairRows('', pair)),
    ...groupRows('', report.group),
    ...report.perDocument.flatMap((doc) => [
      row({ scope: 'document', document: doc.docId, a: '', b: '' }, 'tokens', '', doc.tokens),
      ...doc.pairwise.flatMap((pair) => pairRows(doc.docId, pair)),
      ...groupRows(doc.docId, doc.group),
    ]),
  ];
  return stringify([[...AGREEMENT_CSV_COLUMNS], ...rows]);
}
