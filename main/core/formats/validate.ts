/**
 * The checks every importer shares: offsets converted from the file's unit, inside the text and
 * not splitting a character; `text` equal to the slice; labels and ids well-formed; no duplicate
 * ids. Invalid spans become problems with file and line; valid ones come back in UTF-16.
 */
import { DOC_STATUSES, type Comment, type DocStatus } from '../../api/contract';
import { createOffsetCodec, type OffsetEncoding } from '../codepoints';
import type { DatasetDocument, DatasetSpan, Problem, RawDocument, RawSpan } from './dataset';

/** A short, safe description of any value for a problem message (never walks deep values). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

/** Whether a value is a document status. */
export const isDocStatus = (value: unknown): value is DocStatus =>
  typeof value === 'string' && (DOC_STATUSES as readonly string[]).includes(value);

/** Converts and checks one span; returns it in UTF-16 or the reason it is refused. */
function checkSpan(raw: RawSpan, text: string, codec: ReturnType<typeof createOffsetCodec>): DatasetSpan | string {
  const { start, end, label } = raw;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) {
    return `start and end must be whole numbers (got ${describeValue(start)}, ${describeValue(end)})`;
  }
  if (start < 0) return `start ${start} is negative`;
  if (start >= end) return `start ${start} must be < end ${end}`;
  if (end > codec.length) return `end ${end} is past the end of the text (length ${codec.length})`;
  if (typeof label !== 'string' || label === '') return 'the label is missing';
  const from = codec.toUtf16(start);
  const to = codec.toUtf16(end);
  if (from === null || to === null) return `offsets ${start}–${end} do not fit the text`;
  const slice = text.slice(from, to);
  if (raw.text !== undefined && raw.text !== slice) {
    return `text ${describeValue(raw.text)} does not match the document at ${start}–${end} (${JSON.stringify(slice)})`;
  }
  if (raw.id !== undefined && (typeof raw.id !== 'string' || raw.id === '')) return 'id must be a non-empty string';
  if (raw.attributes !== undefined && !isStringMap(raw.attributes)) return 'attributes must map names to strings';
  if (raw.note !== undefined && typeof raw.note !== 'string') return 'note must be a string';
  if (raw.comments !== undefined && !isCommentList(raw.comments)) {
    return 'comments must be a list of {"author", "at", "text"} strings';
  }
  if (raw.acceptedFrom !== undefined && typeof raw.acceptedFrom !== 'string') return 'acceptedFrom must be a string';
  return {
    ...(typeof raw.id === 'string' && { id: raw.id }),
    start: from,
    end: to,
    label,
    text: slice,
    ...(isStringMap(raw.attributes) && { attributes: raw.attributes }),
    ...(typeof raw.note === 'string' && { note: raw.note }),
    ...(isCommentList(raw.comments) && {
      comments: raw.comments.map((c) => ({ author: c.author, at: c.at, text: c.text })),
    }),
    ...(typeof raw.acceptedFrom === 'string' && { acceptedFrom: raw.acceptedFrom }),
  };
}

/** Whether a value is a list of comments as Parley writes them. */
function isCommentList(value: unknown): value is Comment[] {
  return (
    Array.isArray(value) &&
    value.every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        ['author', 'at', 'text'].every((key) => typeof (c as Record<string, unknown>)[key] === 'string'),
    )
  );
}

/**
 * Validates the spans of a document read from a file. `seenIds` collects span ids across the
 * whole import, so a duplicate in another document is found too.
 */
export function finishDocument(
  raw: RawDocument,
  encoding: OffsetEncoding,
  seenIds: Set<string>,
): { document: DatasetDocument; problems: Problem[]; refused: number } {
  const codec = createOffsetCodec(raw.text, encoding);
  const problems: Problem[] = [];
  const spans: DatasetSpan[] = [];
  for (const rawSpan of raw.spans) {
    const checked = checkSpan(rawSpan, raw.text, codec);
    const where = {
      file: raw.file,
      docId: raw.docId,
      ...((rawSpan.line ?? raw.line) !== undefined && { line: rawSpan.line ?? raw.line }),
    };
    if (typeof checked === 'string') {
      problems.push({ ...where, message: checked });
    } else if (checked.id !== undefined && seenIds.has(checked.id)) {
      problems.push({ ...where, message: `span id ${checked.id} appears twice` });
    } else {
      if (checked.id !== undefined) seenIds.add(checked.id);
      spans.push(checked);
    }
  }
  const { file, line, spans: rawSpans, ...meta } = raw;
  return { document: { ...meta, spans }, problems, refused: raw.spans.length - spans.length };
}
