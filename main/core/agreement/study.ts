/**
 * The input of the agreement measures checked and arranged once: per document, the tokens, who
 * annotated it, each annotator's spans per label (UTF-16, for span matching), their units per label
 * (code points, for unitized alpha) and the token category tuples. Computing figures is figures.ts's.
 */
import { createOffsetCodec } from '../codepoints';
import { describeBadSpan } from '../span';
import { asIs, inLabel, type Projection } from './measured';
import type { Range } from './spans';
import {
  addUnits,
  categoryRuns,
  countTuples,
  createCategoryTable,
  type CategoryRuns,
  type CategoryTable,
  type CodedUnits,
  type TokenSpan,
} from './categories';
import { coveredTokens, tokenOffsets } from './tokens';
import { resolveOverlaps, type UnitRanges } from './unitized';

/** What the agreement measures are computed on. Offsets are UTF-16 code units, `end` exclusive. */
export interface AgreementInput {
  /** The chosen documents; spans of other documents are ignored. */
  documents: { id: string; text: string }[];
  /** Order kept in the report; pairs are (annotators[i], annotators[j]) for i < j. */
  annotators: string[];
  /** Label ids to measure; spans with other labels are ignored. */
  labels: string[];
  spans: { docId: string; annotator: string; start: number; end: number; label: string }[];
  /** docId → annotators who annotated it (have spans in it, or a status other than todo). */
  annotated: Record<string, readonly string[]>;
}

/** One chosen document, arranged for the measures. Annotators are indexes into the report's list. */
export interface StudyDocument {
  id: string;
  tokens: number;
  /** Length of the text in code points: the document's stretch of the unitizing continuum. */
  codePoints: number;
  /** Whether each annotator annotated the document. */
  present: boolean[];
  /** Indexes of the annotators who annotated it. */
  raters: number[];
  /** `spans[r][label]`: annotator r's spans of a label, UTF-16 (empty when r did not annotate). */
  spans: Range[][][];
  /** `units[r][label]`: the same spans in code points with same-label overlaps resolved. */
  units: UnitRanges[][];
  /** Token category tuples (MISSING for an annotator who did not annotate), counted. */
  tuples: Map<string, CodedUnits>;
}

/** Every document arranged, plus what the report pools over all of them. */
export interface Study {
  annotators: readonly string[];
  labels: readonly string[];
  categories: CategoryTable;
  documents: StudyDocument[];
  /** Token category tuples of every document, counted together. */
  tuples: Map<string, CodedUnits>;
  /** How the token measures see categories: every label combination, and in/out of each label. */
  projections: { all: Projection; perLabel: Projection[] };
}

/** Index of each id; throws RangeError naming an id listed twice. */
function indexIds(ids: readonly string[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, at) => {
    if (index.has(id)) throw new RangeError(`${what} ${JSON.stringify(id)} is listed twice`);
    index.set(id, at);
  });
  return index;
}

/**
 * Checks and arranges the input. Spans of documents, annotators or labels not chosen are ignored,
 * and so are spans of an annotator who did not annotate the document (not in `annotated`). Throws
 * RangeError for an id listed twice, or a span that does not fit its text or splits a surrogate pair.
 */
export function arrangeStudy(input: AgreementInput): Study {
  const annotatorIndex = indexIds(input.annotators, 'annotator');
  const labelIndex = indexIds(input.labels, 'label');
  const docIndex = indexIds(
    input.documents.map((d) => d.id),
    'document',
  );
  const categories = createCategoryTable(input.labels);
  const emptyLists = <T>(make: () => T): T[][] => input.annotators.map(() => input.labels.map(make));
  const documents = input.documents.map((doc) => {
    const present = input.annotators.map(() => false);
    for (const name of input.annotated[doc.id] ?? []) {
      const r = annotatorIndex.get(name);
      if (r !== undefined) present[r] = true;
    }
    return { doc, present, spans: emptyLists<Range[]>(() => []) };
  });
  for (const span of input.spans) {
    const d = docIndex.get(span.docId);
    const r = annotatorIndex.get(span.annotator);
    const l = labelIndex.get(span.label);
    if (d === undefined || r === undefined || l === undefined) continue;
    const entry = documents[d];
    if (entry === undefined || !entry.present[r]) continue;
    const problem = describeBadSpan(span, entry.doc.text.length);
    if (problem !== null) throw new RangeError(`a span of ${span.annotator} in ${span.docId}: ${problem}`);
    entry.spans[r]?.[l]?.push({ start: span.start, end: span.end });
  }
  const arranged = documents.map(({ doc, present, spans }) => arrangeDocument(doc, present, spans, categories));
  const tuples = new Map<string, CodedUnits>();
  for (const doc of arranged) for (const unit of doc.tuples.values()) addUnits(tuples, unit.values, unit.count);
  // Only now is the category table complete.
  const projections = {
    all: asIs(categories.names.length),
    perLabel: input.labels.map((_, label) => inLabel(categories, label)),
  };
  return { annotators: input.annotators, labels: input.labels, categories, documents: arranged, tuples, projections };
}

function arrangeDocument(
  doc: { id: string; text: string },
  present: boolean[],
  spans: Range[][][],
  categories: CategoryTable,
): StudyDocument {
  const tokens = tokenOffsets(doc.text);
  const tokenCount = tokens.starts.length;
  const codec = createOffsetCodec(doc.text, 'codepoint');
  const runs: (CategoryRuns | null)[] = [];
  const units: UnitRanges[][] = [];
  spans.forEach((byLabel, r) => {
    units.push(
      byLabel.map((ranges) =>
        resolveOverlaps(ranges.map((s) => ({ start: codec.toExternal(s.start), end: codec.toExternal(s.end) }))),
      ),
    );
    if (!present[r]) {
      runs.push(null);
      return;
    }
    const held: TokenSpan[] = byLabel.flatMap((ranges, label) =>
      ranges.map((s) => ({ label, ...coveredTokens(tokens, s.start, s.end) })),
    );
    runs.push(categoryRuns(tokenCount, held, categories));
  });
  return {
    id: doc.id,
    tokens: tokenCount,
    codePoints: codec.length,
    present,
    raters: present.flatMap((isPresent, r) => (isPresent ? [r] : [])),
    spans,
    units,
    tuples: countTuples(tokenCount, runs),
  };
}
