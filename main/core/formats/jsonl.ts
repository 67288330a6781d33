/**
 * JSON Lines formats: reading one JSON value a line (each parse error with its line number,
 * over-long and over-deep lines refused), and the skeleton a one-document-a-line format fills
 * with how it writes and reads one line.
 */
import type { OffsetEncoding } from '../../api/contract';
import type { DatasetDocument, Format, FormatId, ParseResult, Problem, RawDocument } from './dataset';
import { finishDocument } from './validate';

/** Lines longer than this (UTF-16 units) are refused: no annotation record is this large. */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** The parsed values of a JSONL file with their 1-based line numbers, and the lines that failed. */
export function readJsonLines(
  file: string,
  content: string,
): { values: { line: number; value: unknown }[]; problems: Problem[] } {
  const values: { line: number; value: unknown }[] = [];
  const problems: Problem[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    if (text.length > MAX_LINE_LENGTH) {
      problems.push({
        file,
        line,
        message: `the line is ${text.length} characters long; the limit is ${MAX_LINE_LENGTH}`,
      });
      return;
    }
    try {
      const value = JSON.parse(text) as unknown;
      if (isTooDeep(value))
        problems.push({ file, line, message: `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels` });
      else values.push({ line, value });
    } catch (error) {
      problems.push({
        file,
        line,
        message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  });
  return { values, problems };
}

/** No Parley record nests deeper than this; deeper input is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `limit` (recursion stops at the limit). */
export function isTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((child) => isTooDeep(child, limit - 1));
}

/** Whether a value is a plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A document's id and metadata as the JSONL formats write them, with the offset unit. */
export const documentMeta = (doc: DatasetDocument, offsets: OffsetEncoding) => ({
  doc_id: doc.docId,
  ...(doc.title !== undefined && { title: doc.title }),
  ...(doc.source !== undefined && { source: doc.source }),
  ...(doc.sha256 !== undefined && { sha256: doc.sha256 }),
  ...(doc.annotator !== undefined && { annotator: doc.annotator }),
  ...(doc.status !== undefined && { status: doc.status }),
  offsetEncoding: offsets,
});

/** One line read: its raw document (and any spans refused while reading), or why it is refused. */
export type LineRead = { raw: RawDocument; encoding: OffsetEncoding | undefined; problems: Problem[] } | Problem;

/** What a one-document-a-line format supplies. */
export interface JsonLinesSpec {
  id: FormatId;
  description: string;
  /** The file name inside an export. */
  fileName: string;
  /** One document as one JSON line (no line break), offsets in `offsets`. */
  writeLine(doc: DatasetDocument, offsets: OffsetEncoding): string;
  /** One parsed line as a raw document, with offsets still in the file's unit. */
  readLine(value: unknown, where: { file: string; line: number }): LineRead;
}

/** A Format over JSON Lines from a spec; every document goes through finishDocument. */
export function jsonLinesFormat(spec: JsonLinesSpec): Format {
  return {
    id: spec.id,
    description: spec.description,
    layout: { kind: 'file', extension: '.jsonl' },
    serialize: (dataset, options) => ({
      files: [
        {
          path: spec.fileName,
          content: dataset.documents.map((d) => `${spec.writeLine(d, options.offsets)}\n`).join(''),
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
          const read = spec.readLine(value, { file: path, line });
          if (!('raw' in read)) {
            result.problems.push(read);
            continue;
          }
          // Spans refused while reading never reach validation; they count as refused here.
          result.problems.push(...read.problems);
          result.refusedSpans += read.problems.length;
          const finished = finishDocument(read.raw, read.encoding ?? options.offsets, seenIds);
          result.documents.push(finished.document);
          result.problems.push(...finished.problems);
          result.refusedSpans += finished.refused;
        }
      }
      return result;
    },
  };
}
