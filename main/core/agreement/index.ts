/**
 * Inter-annotator agreement of a set of annotators over chosen documents and labels: Cohen's kappa,
 * span precision/recall/F1 per pair; Fleiss' kappa, Krippendorff's alpha and unitized alpha for the
 * group; pooled and per document (docs/agreement.md defines every figure). Plain TypeScript: the
 * service gathers the input from the store; the renderer shows the report.
 */
import type { AgreementReport, DocumentAgreement } from '../../api/contract';
import { documentSpanCounts, groupAgreement, pairAgreement, type DocumentSpanCounts } from './figures';
import { arrangeStudy, type AgreementInput, type Study, type StudyDocument } from './study';

export type { AgreementInput } from './study';
export { agreementToCsv, AGREEMENT_CSV_COLUMNS } from './csv';

/** Index pairs (i, j), i < j, in the order of the annotators. */
function annotatorPairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i += 1) for (let j = i + 1; j < count; j += 1) pairs.push([i, j]);
  return pairs;
}

function documentAgreement(
  study: Study,
  doc: StudyDocument,
  pairs: [number, number][],
  spanCounts: (pair: number) => DocumentSpanCounts[],
): DocumentAgreement {
  const tuples = [...doc.tuples.values()];
  return {
    docId: doc.id,
    tokens: doc.tokens,
    annotated: doc.raters.map((r) => study.annotators[r] ?? ''),
    pairwise: pairs.map(([a, b], pair) => pairAgreement(study, [doc], tuples, spanCounts(pair), a, b)),
    group: groupAgreement(study, [doc], tuples),
  };
}

/**
 * Every agreement figure of `input`, pooled over its documents and per document. Never NaN or
 * Infinity: an undefined figure is null with its reason beside it. Throws RangeError when an id is
 * listed twice or a span does not fit its text (UTF-16 offsets, `end` exclusive, whole code points).
 */
export function computeAgreement(input: AgreementInput): AgreementReport {
  const study = arrangeStudy(input);
  const pairs = annotatorPairs(study.annotators.length);
  const tuples = [...study.tuples.values()];
  // Span matching is done once per document and pair; the pooled figures add up the same counts.
  const spanCounts = pairs.map(([a, b]) => study.documents.map((doc) => documentSpanCounts(study, doc, a, b)));
  const countsOf = (pair: number): DocumentSpanCounts[] => spanCounts[pair] ?? [];
  return {
    annotators: [...study.annotators],
    labels: [...study.labels],
    documents: study.documents.length,
    tokens: study.documents.reduce((sum, doc) => sum + doc.tokens, 0),
    pairwise: pairs.map(([a, b], pair) => pairAgreement(study, study.documents, tuples, countsOf(pair), a, b)),
    group: groupAgreement(study, study.documents, tuples),
    perDocument: study.documents.map((doc, d) =>
      documentAgreement(study, doc, pairs, (pair) => countsOf(pair).slice(d, d + 1)),
    ),
  };
}
