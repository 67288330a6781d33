/**
 * `spans`: Parley's own JSONL, one document a line, loadable as spaCy/Prodigy span data:
 * `{"text", "meta": {doc_id, title, source, sha256, annotator, status, offsetEncoding},
 * "spans": [{start, end, label, text, id, attributes?, note?}]}`. Offsets in the declared unit.
 */
import { createOffsetCodec, OFFSET_ENCODINGS, type OffsetEncoding } from '../codepoints';
import type { DatasetDocument, Format, ParseResult, RawDocument, RawSpan } from './dataset';
import { isRecord, readJsonLines } from './jsonl';
import { finishDocument, isDocStatus } from './validate';

/** The string fields of `meta` that are present, under Parley's names. */
function metaStrings(meta: Record<string, unknown>): Pick<RawDocument, 'title' | 'source' | 'sha256' | 'annotator'> {
  const result: Pick<RawDocument, 'title' | 'source' | 'sha256' | 'annotator'> = {};
  for (const key of ['title', 'source', 'sha256', 'annotator'] as const) {
    const value = meta[key];
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

function serializeDocument(doc: DatasetDocument, offsets: OffsetEncoding): string {
  const codec = createOffsetCodec(doc.text, offsets);
  const meta = {
    doc_id: doc.docId,
    ...(doc.title !== undefined && { title: doc.title }),
    ...(doc.source !== undefined && { source: doc.source }),
    ...(doc.sha256 !== undefined && { sha256: doc.sha256 }),
    ...(doc.annotator !== undefined && { annotator: doc.annotator }),
    ...(doc.status !== undefined && { status: doc.status }),
    offsetEncoding: offsets,
  };
  const spans = doc.spans.map((s) => ({
    start: codec.toExternal(s.start),
    end: codec.toExternal(s.end),
    label: s.label,
    text: s.text,
    ...(s.id !== undefined && { id: s.id }),
    ...(s.attributes !== undefined && { attributes: s.attributes }),
    ...(s.note !== undefined && { note: s.note }),
  }));
  return JSON.stringify({ text: doc.text, meta, spans });
}

export const spansFormat: Format = {
  id: 'spans',
  description: 'JSONL, one document a line with its spans (spaCy, Prodigy)',
  layout: { kind: 'file', extension: '.jsonl' },

  serialize: (dataset, options) => ({
    files: [
      {
        path: 'spans.jsonl',
        content: dataset.documents.map((d) => `${serializeDocument(d, options.offsets)}\n`).join(''),
      },
    ],
    dropped: [],
  }),

  parse: (files, options) => {
    const result: ParseResult = { documents: [], labels: [], problems: [], refusedSpans: 0 };
    const seenIds = new Set<string>();
    for (const { path, content } of files) {
      const { values, problems } = readJsonLines(path, content);
      result.problems.push(...problems);
      for (const { line, value } of values) {
        const where = { file: path, line };
        if (!isRecord(value) || typeof value.text !== 'string') {
          result.problems.push({ ...where, message: 'expected an object with a "text" string' });
          continue;
        }
        const meta = isRecord(value.meta) ? value.meta : {};
        const docId = meta.doc_id;
        if (typeof docId !== 'string' || docId === '') {
          result.problems.push({ ...where, message: 'meta.doc_id is missing' });
          continue;
        }
        const declared = meta.offsetEncoding;
        if (declared !== undefined && !(OFFSET_ENCODINGS as readonly unknown[]).includes(declared)) {
          result.problems.push({
            ...where,
            docId,
            message: `meta.offsetEncoding ${JSON.stringify(declared)} is not codepoint or utf16`,
          });
          continue;
        }
        if (meta.status !== undefined && !isDocStatus(meta.status)) {
          result.problems.push({
            ...where,
            docId,
            message: `meta.status ${JSON.stringify(meta.status)} is not todo, in-progress or done`,
          });
          continue;
        }
        if (value.spans !== undefined && !Array.isArray(value.spans)) {
          result.problems.push({ ...where, docId, message: '"spans" must be a list' });
          continue;
        }
        const spans: RawSpan[] = ((value.spans as unknown[] | undefined) ?? []).map((s) =>
          isRecord(s)
            ? { ...s, start: s.start, end: s.end, label: s.label, line }
            : { start: undefined, end: undefined, label: undefined, line },
        );
        const raw: RawDocument = {
          file: path,
          line,
          docId,
          text: value.text,
          ...metaStrings(meta),
          ...(isDocStatus(meta.status) && { status: meta.status }),
          spans,
        };
        const encoding = (declared as OffsetEncoding | undefined) ?? options.offsets;
        const finished = finishDocument(raw, encoding, seenIds);
        result.documents.push(finished.document);
        result.problems.push(...finished.problems);
        result.refusedSpans += finished.refused;
      }
    }
    return result;
  },
};
