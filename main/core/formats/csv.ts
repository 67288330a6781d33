/**
 * `csv`: one span a row under the header `doc_id,annotator,label,start,end,text,attributes,note,id`,
 * quoted as RFC 4180 says (csv-stringify and csv-parse). The file holds no document text, status or
 * offset unit: rows are placed on the texts Parley has (`knownTexts`), in the import's unit.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createOffsetCodec, type OffsetEncoding } from '../codepoints';
import type { Dataset, DatasetFile, Format, ParseResult, Problem, RawDocument, RawSpan } from './dataset';
import { MAX_LINE_LENGTH } from './jsonl';
import { finishDocument } from './validate';

/** The columns a CSV export writes, in order; an import needs doc_id, label, start and end. */
export const CSV_COLUMNS = [
  'doc_id',
  'annotator',
  'label',
  'start',
  'end',
  'text',
  'attributes',
  'note',
  'id',
] as const;
const REQUIRED_COLUMNS = ['doc_id', 'label', 'start', 'end'] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** A row of a CSV file with the 1-based line it starts on. */
interface Row {
  fields: string[];
  line: number;
}

function serializeRows(dataset: Dataset, offsets: OffsetEncoding): string[][] {
  return dataset.documents.flatMap((doc) => {
    const codec = createOffsetCodec(doc.text, offsets);
    return doc.spans.map((s) => [
      doc.docId,
      doc.annotator ?? '',
      s.label,
      String(codec.toExternal(s.start)),
      String(codec.toExternal(s.end)),
      s.text,
      s.attributes === undefined ? '' : JSON.stringify(s.attributes),
      s.note ?? '',
      s.id ?? '',
    ]);
  });
}

const lineBreaks = (fields: readonly string[]): number =>
  fields.reduce((sum, field) => sum + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/** Why csv-parse stopped, in words that do not repeat its own (CRLF-confused) line count. */
function describeCsvError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const rest = 'the rest of the file was not read';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted field that starts in this row is never closed; ${rest}`;
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return `a quote inside a field must be doubled ("") and the field quoted; ${rest}`;
  }
  if (code === 'CSV_MAX_RECORD_SIZE')
    return `the row is longer than the limit of ${MAX_LINE_LENGTH} characters; ${rest}`;
  const message = error instanceof Error ? error.message.replace(/ (at|on) line \d+/g, '') : String(error);
  return `not valid CSV (${message}); ${rest}`;
}

/**
 * The rows of a file with the line each starts on, counted here because csv-parse counts a CRLF
 * inside a quoted field as two lines. Stops at the first syntax error, which becomes a problem.
 */
function readRows(file: string, content: string): { rows: Row[]; problem?: Problem } {
  const rows: Row[] = [];
  let next = 1;
  try {
    parseCsv(content, {
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_LINE_LENGTH,
      on_record: (fields: string[]) => {
        rows.push({ fields, line: next });
        next += 1 + lineBreaks(fields);
        return null;
      },
    });
  } catch (error) {
    return { rows, problem: { file, line: next, message: describeCsvError(error) } };
  }
  // A blank line is a row of one empty field; it only moves the line count.
  return { rows: rows.filter((r) => r.fields.length > 1 || (r.fields[0] ?? '').trim() !== '') };
}

/** Column positions by name, or the problem with the header. */
function readHeader(file: string, row: Row): Map<Column, number> | Problem {
  const columns = new Map<Column, number>();
  row.fields.forEach((name, index) => {
    const column = CSV_COLUMNS.find((c) => c === name.trim());
    if (column !== undefined && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length === 0) return columns;
  return {
    file,
    line: row.line,
    message: `the first line must be the header ${CSV_COLUMNS.join(',')} (missing: ${missing.join(', ')})`,
  };
}

/** A whole number as a number; anything else as read, for validation to name. */
const toOffset = (field: string | undefined): unknown => (/^\s*-?\d+\s*$/.test(field ?? '') ? Number(field) : field);

/** A span read from a row, or why the row is refused before validation. */
function readSpan(get: (column: Column) => string | undefined, line: number): RawSpan | string {
  const attributesField = get('attributes') ?? '';
  let attributes: unknown;
  if (attributesField !== '') {
    try {
      attributes = JSON.parse(attributesField);
    } catch {
      return `attributes ${JSON.stringify(attributesField.slice(0, 80))} is not a JSON object`;
    }
  }
  const [text, note, id] = [get('text'), get('note'), get('id')];
  return {
    start: toOffset(get('start')),
    end: toOffset(get('end')),
    label: get('label'),
    ...(text !== undefined && { text }),
    ...(attributes !== undefined && { attributes }),
    ...(note !== undefined && note !== '' && { note }),
    ...(id !== undefined && id !== '' && { id }),
    line,
  };
}

/** The documents of one file, before validation, and the problems of rows refused outright. */
function readFile(
  { path, content }: DatasetFile,
  knownTexts: ReadonlyMap<string, string> | undefined,
): { documents: RawDocument[]; problems: Problem[]; refused: number } {
  const { rows, problem } = readRows(path, content);
  const problems: Problem[] = problem ? [problem] : [];
  const [headerRow, ...body] = rows;
  if (headerRow === undefined) {
    if (!problem) problems.push({ file: path, line: 1, message: 'the file is empty; it needs at least the header' });
    return { documents: [], problems, refused: 0 };
  }
  const header = readHeader(path, headerRow);
  if (!(header instanceof Map)) return { documents: [], problems: [header, ...problems], refused: 0 };
  const documents = new Map<string, RawDocument>();
  const unknown = new Map<string, { line: number; rows: number }>();
  let refused = 0;
  for (const { fields, line } of body) {
    const get = (column: Column): string | undefined => {
      const index = header.get(column);
      return index === undefined ? undefined : fields[index];
    };
    const docId = get('doc_id') ?? '';
    const refusal =
      fields.length !== headerRow.fields.length
        ? `the row has ${fields.length} fields; the header has ${headerRow.fields.length}`
        : docId === ''
          ? 'doc_id is empty'
          : undefined;
    const span = refusal ?? readSpan(get, line);
    if (typeof span === 'string') {
      refused += 1;
      problems.push({ file: path, line, ...(docId !== '' && { docId }), message: span });
      continue;
    }
    const text = knownTexts?.get(docId);
    if (text === undefined) {
      refused += 1;
      const seen = unknown.get(docId);
      unknown.set(docId, { line: seen?.line ?? line, rows: (seen?.rows ?? 0) + 1 });
      continue;
    }
    const annotator = get('annotator') ?? '';
    const key = JSON.stringify([docId, annotator]);
    const doc = documents.get(key) ?? {
      file: path,
      line,
      docId,
      text,
      ...(annotator !== '' && { annotator }),
      spans: [],
    };
    doc.spans.push(span);
    documents.set(key, doc);
  }
  for (const [docId, { line, rows: count }] of unknown) {
    problems.push({
      file: path,
      line,
      docId,
      message: `document ${docId} is not in Parley; import its text first with another format (${count} row${count === 1 ? '' : 's'} refused)`,
    });
  }
  return { documents: [...documents.values()], problems, refused };
}

/** Spans as CSV rows; offsets in the export's unit, which the file cannot declare. */
export const csvFormat: Format = {
  id: 'csv',
  description: 'CSV, one span a row (pandas, spreadsheets); needs the texts in Parley to import',
  layout: { kind: 'file', extension: '.csv' },

  serialize: (dataset, options) => ({
    files: [{ path: 'spans.csv', content: stringify([[...CSV_COLUMNS], ...serializeRows(dataset, options.offsets)]) }],
    dropped: [],
  }),

  parse: (files, options) => {
    const result: ParseResult = { documents: [], labels: [], problems: [], refusedSpans: 0 };
    const seenIds = new Set<string>();
    for (const file of files) {
      const read = readFile(file, options.knownTexts);
      result.problems.push(...read.problems);
      result.refusedSpans += read.refused;
      for (const raw of read.documents) {
        const finished = finishDocument(raw, options.offsets, seenIds);
        result.documents.push(finished.document);
        result.problems.push(...finished.problems);
        result.refusedSpans += finished.refused;
      }
    }
    return result;
  },
};
