/**
 * Random datasets for format round-trip tests: texts with emoji, other non-BMP characters,
 * combining marks, CRLF and curly quotes, and overlapping spans that never split a character.
 */
import fc from 'fast-check';
import type { Label } from '../../../../main/api/contract';
import type { Dataset, DatasetDocument, DatasetSpan } from '../../../../main/core/formats/dataset';

export const LABELS: Label[] = [
  { id: 'quote', name: 'quote', color: '#2f7ed8', hotkey: '1' },
  { id: 'precondition', name: 'precondition', color: '#d9480f', hotkey: '2' },
  { id: 'date', name: 'date', color: '#2b8a3e', hotkey: '3' },
];

const pieces = fc.constantFrom(
  'Peskov',
  'said',
  'talks',
  'Kyiv',
  '2025',
  'e\u0301',
  '😀',
  '𝔘',
  '🇺🇦',
  '“',
  '”',
  '’s',
  ',',
  '.',
  ' ',
  ' ',
  ' ',
  '\r\n',
  '\n',
  '-',
  '"',
  '\t',
);

/** A text of 1–60 pieces (never empty, never only white space). */
export const textArb = fc.array(pieces, { minLength: 1, maxLength: 60 }).map((parts) => `Title ${parts.join('')} end`);

/** Offsets that start a code point (never the low half of a surrogate pair). */
function boundaries(text: string): number[] {
  const result: number[] = [];
  for (let i = 0; i <= text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0)) result.push(i);
  }
  return result;
}

/** Spans over a text, overlapping freely, with unique ids. */
export const spansArb = (text: string, docIndex = 0): fc.Arbitrary<DatasetSpan[]> => {
  const points = boundaries(text);
  return fc
    .array(
      fc.record({
        a: fc.nat({ max: points.length - 1 }),
        b: fc.nat({ max: points.length - 1 }),
        label: fc.constantFrom(...LABELS.map((l) => l.id)),
        speaker: fc.option(fc.constantFrom('Dmitry Peskov', 'Zelensky', 'a "quoted" name, with comma'), {
          nil: undefined,
        }),
        note: fc.option(fc.constantFrom('check this', 'line one\nline two'), { nil: undefined }),
      }),
      { maxLength: 8 },
    )
    .map((rows) =>
      rows
        .filter((r) => r.a !== r.b)
        .map((r, index): DatasetSpan => {
          const start = points[Math.min(r.a, r.b)] ?? 0;
          const end = points[Math.max(r.a, r.b)] ?? 0;
          return {
            id: `00000000-0000-4000-8${docIndex}00-${String(index).padStart(12, '0')}`,
            start,
            end,
            label: r.label,
            text: text.slice(start, end),
            ...(r.speaker !== undefined && { attributes: { speaker: r.speaker } }),
            ...(r.note !== undefined && { note: r.note }),
          };
        }),
    );
};

/** A document with random text and spans. */
export const documentArb = (docId: string, docIndex = 0): fc.Arbitrary<DatasetDocument> =>
  textArb.chain((text) =>
    spansArb(text, docIndex).map((spans) => ({
      docId,
      text,
      annotator: 'ada',
      status: 'done' as const,
      spans,
    })),
  );

/** A dataset of 1–3 documents. */
export const datasetArb: fc.Arbitrary<Dataset> = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => documentArb(`doc-${i}`, i))))
  .map((documents) => ({ labels: LABELS, documents }));

/** Spans in a canonical order, for comparing what went in with what came out. */
export const sorted = (spans: readonly DatasetSpan[]): DatasetSpan[] =>
  [...spans].sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));

/** Documents with their spans in canonical order, to compare an import with what was exported. */
export const canonical = (documents: readonly DatasetDocument[]): DatasetDocument[] =>
  documents.map((d) => ({ ...d, spans: sorted(d.spans) }));

/** A file's content with a random piece cut out and random text put in, for never-throws tests. */
export const mutated = (content: string): fc.Arbitrary<string> =>
  fc
    .record({ at: fc.nat({ max: content.length }), cut: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 8 }) })
    .map(({ at, cut, insert }) => content.slice(0, at) + insert + content.slice(at + cut));
