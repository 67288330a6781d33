/**
 * `doccano`: doccano's sequence-labelling JSONL, one document a line:
 * `{"text", "label": [[start, end, "label"], ...], "doc_id", "title", "source", "sha256",
 * "annotator", "status", "offsetEncoding", "parley_spans": [{start, end, label, text, id,
 * attributes?, note?}]}`. doccano keeps unknown top-level keys as metadata; `parley_spans` carries
 * what a triple cannot (covered text, span id, attributes, note) and is matched to `label` by
 * (start, end, label), so spans added or deleted in doccano neither lose nor steal another span's
 * id. Reads `labels` and `entities` (other doccano exports) too.
 */
import { createOffsetCodec, OFFSET_ENCODINGS, type OffsetEncoding } from '../codepoints';
import type { DatasetDocument, Format, Problem, RawDocument, RawSpan } from './dataset';
import { documentMeta, isRecord, jsonLinesFormat, type LineRead } from './jsonl';
import { isDocStatus } from './validate';

/** Where a line was read, for problems. */
type Where = Omit<Problem, 'message'>;

function serializeDocument(doc: DatasetDocument, offsets: OffsetEncoding): string {
  const codec = createOffsetCodec(doc.text, offsets);
  const placed = doc.spans.map((s) => ({ span: s, start: codec.toExternal(s.start), end: codec.toExternal(s.end) }));
  const extras = placed.map(({ span, start, end }) => ({
    start,
    end,
    label: span.label,
    text: span.text,
    ...(span.id !== undefined && { id: span.id }),
    ...(span.attributes !== undefined && { attributes: span.attributes }),
    ...(span.note !== undefined && { note: span.note }),
  }));
  return JSON.stringify({
    text: doc.text,
    label: placed.map(({ span, start, end }) => [start, end, span.label]),
    ...documentMeta(doc, offsets),
    ...(extras.length > 0 && { parley_spans: extras }),
  });
}

/** Parley's document id: `doc_id`, else doccano's own `id`. */
function docIdOf(value: Record<string, unknown>): string | undefined {
  if (typeof value.doc_id === 'string' && value.doc_id !== '') return value.doc_id;
  if (typeof value.id === 'string' && value.id !== '') return value.id;
  if (typeof value.id === 'number' && Number.isInteger(value.id)) return String(value.id);
  return undefined;
}

/** The span list under whichever key this doccano export used, as [start, end, label] candidates. */
function labelEntries(value: Record<string, unknown>): { key: string; entries: unknown } {
  if (value.label !== undefined) return { key: 'label', entries: value.label };
  if (value.labels !== undefined) return { key: 'labels', entries: value.labels };
  if (Array.isArray(value.entities)) {
    // doccano exports with relations list spans as {start_offset, end_offset, label}.
    const entries = (value.entities as unknown[]).map((e) =>
      isRecord(e) ? [e.start_offset, e.end_offset, e.label] : e,
    );
    return { key: 'entities', entries };
  }
  return { key: 'label', entries: [] };
}

/** The raw spans of a line with their Parley extras attached, or the problems that refuse them. */
function readSpans(
  entries: unknown[],
  key: string,
  extras: readonly Record<string, unknown>[],
  where: Where,
): { spans: RawSpan[]; problems: Problem[] } {
  const spans: RawSpan[] = [];
  const problems: Problem[] = [];
  // Extras waiting for their triple, by offsets and label; equal triples take them in order.
  const unused = new Map<string, Record<string, unknown>[]>();
  for (const extra of extras) {
    const slot = JSON.stringify([extra.start, extra.end, extra.label]);
    unused.set(slot, [...(unused.get(slot) ?? []), extra]);
  }
  entries.forEach((entry, index) => {
    if (!Array.isArray(entry) || entry.length !== 3) {
      const shape = key === 'entities' ? '{start_offset, end_offset, label}' : '[start, end, "label"]';
      problems.push({ ...where, message: `${key}[${index}] must be ${shape}` });
      return;
    }
    const [start, end, label] = entry as [unknown, unknown, unknown];
    const extra = unused.get(JSON.stringify(entry))?.shift();
    spans.push({
      start,
      end,
      label,
      ...(extra?.text !== undefined && { text: extra.text }),
      ...(extra?.id !== undefined && { id: extra.id }),
      ...(extra?.attributes !== undefined && { attributes: extra.attributes }),
      ...(extra?.note !== undefined && { note: extra.note }),
      ...(where.line !== undefined && { line: where.line }),
    });
  });
  return { spans, problems };
}

/** What one line holds: a document to validate with problems in its span list, or why it is refused. */
/** The document of one parsed line, or why the whole line is refused. */
function readDocument(value: unknown, where: Where & { line: number }): LineRead {
  if (!isRecord(value) || typeof value.text !== 'string') {
    return { ...where, message: 'expected an object with a "text" string' };
  }
  const docId = docIdOf(value);
  if (docId === undefined) return { ...where, message: 'doc_id (or id) is missing' };
  const at = { ...where, docId };
  const declared = value.offsetEncoding;
  if (declared !== undefined && !(OFFSET_ENCODINGS as readonly unknown[]).includes(declared)) {
    return { ...at, message: `offsetEncoding ${JSON.stringify(declared)} is not codepoint or utf16` };
  }
  if (value.status !== undefined && !isDocStatus(value.status)) {
    return { ...at, message: `status ${JSON.stringify(value.status)} is not todo, in-progress or done` };
  }
  const { key, entries } = labelEntries(value);
  if (!Array.isArray(entries)) return { ...at, message: `"${key}" must be a list of [start, end, "label"]` };
  const extras = value.parley_spans ?? [];
  if (!Array.isArray(extras) || !extras.every(isRecord)) {
    return { ...at, message: '"parley_spans" must be a list of objects' };
  }
  const { spans, problems } = readSpans(entries, key, extras, at);
  const raw: RawDocument = {
    file: where.file,
    line: where.line,
    docId,
    text: value.text,
    ...(typeof value.title === 'string' && { title: value.title }),
    ...(typeof value.source === 'string' && { source: value.source }),
    ...(typeof value.sha256 === 'string' && { sha256: value.sha256 }),
    ...(typeof value.annotator === 'string' && { annotator: value.annotator }),
    ...(isDocStatus(value.status) && { status: value.status }),
    spans,
  };
  return { raw, encoding: declared as OffsetEncoding | undefined, problems };
}

/** doccano's sequence-labelling JSONL; offsets in `offsetEncoding`, else the import's unit. */
export const doccanoFormat: Format = jsonLinesFormat({
  id: 'doccano',
  description: 'doccano JSONL for sequence labelling: text with [start, end, label] triples',
  fileName: 'doccano.jsonl',
  writeLine: serializeDocument,
  readLine: readDocument,
});
