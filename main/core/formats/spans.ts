/**
 * `spans`: Parley's own JSONL, one document a line, loadable as spaCy/Prodigy span data:
 * `{"text", "meta": {doc_id, title, source, sha256, annotator, status, offsetEncoding},
 * "spans": [{start, end, label, text, id, attributes?, note?, comments?, acceptedFrom?}]}`.
 * Offsets in the declared unit; `comments` is the span's review thread `[{author, at, text}]`.
 */
import { createOffsetCodec, OFFSET_ENCODINGS, type OffsetEncoding } from '../codepoints';
import type { DatasetDocument, Format, RawDocument, RawSpan } from './dataset';
import { documentMeta, isRecord, jsonLinesFormat, type LineRead } from './jsonl';
import { describeValue, isDocStatus } from './validate';

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
  const meta = documentMeta(doc, offsets);
  const spans = doc.spans.map((s) => ({
    start: codec.toExternal(s.start),
    end: codec.toExternal(s.end),
    label: s.label,
    text: s.text,
    ...(s.id !== undefined && { id: s.id }),
    ...(s.attributes !== undefined && { attributes: s.attributes }),
    ...(s.note !== undefined && { note: s.note }),
    ...(s.comments !== undefined && s.comments.length > 0 && { comments: s.comments }),
    ...(s.acceptedFrom !== undefined && { acceptedFrom: s.acceptedFrom }),
  }));
  return JSON.stringify({ text: doc.text, meta, spans });
}

/** One line of a spans file as a raw document, or why the line is refused. */
function readLine(value: unknown, where: { file: string; line: number }): LineRead {
  if (!isRecord(value) || typeof value.text !== 'string') {
    return { ...where, message: 'expected an object with a "text" string' };
  }
  const meta = isRecord(value.meta) ? value.meta : {};
  const docId = meta.doc_id;
  if (typeof docId !== 'string' || docId === '') return { ...where, message: 'meta.doc_id is missing' };
  const declared = meta.offsetEncoding;
  if (declared !== undefined && !(OFFSET_ENCODINGS as readonly unknown[]).includes(declared)) {
    return { ...where, docId, message: `meta.offsetEncoding ${describeValue(declared)} is not codepoint or utf16` };
  }
  if (meta.status !== undefined && !isDocStatus(meta.status)) {
    return { ...where, docId, message: `meta.status ${describeValue(meta.status)} is not todo, in-progress or done` };
  }
  if (value.spans !== undefined && !Array.isArray(value.spans)) {
    return { ...where, docId, message: '"spans" must be a list' };
  }
  const { line } = where;
  const spans: RawSpan[] = ((value.spans as unknown[] | undefined) ?? []).map((s) =>
    isRecord(s)
      ? { ...s, start: s.start, end: s.end, label: s.label, line }
      : { start: undefined, end: undefined, label: undefined, line },
  );
  const raw: RawDocument = {
    ...where,
    docId,
    text: value.text,
    ...metaStrings(meta),
    ...(isDocStatus(meta.status) && { status: meta.status }),
    spans,
  };
  return { raw, encoding: declared as OffsetEncoding | undefined, problems: [] };
}

export const spansFormat: Format = jsonLinesFormat({
  id: 'spans',
  description: 'JSONL, one document a line with its spans (spaCy, Prodigy)',
  fileName: 'spans.jsonl',
  writeLine: serializeDocument,
  readLine,
});
