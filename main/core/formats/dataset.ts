/**
 * What every export format writes and every importer reads: documents with their text, the
 * annotator's status and spans. Inside a Dataset, offsets are Parley's UTF-16 code units; a
 * format converts to its file's unit (see ../codepoints.ts) as it writes and back as it reads.
 */
import type { Comment, DocStatus, FormatId, ImportProblem, Label, OffsetEncoding } from '../../api/contract';

export type { FormatId };

/** A span in a dataset. Offsets: UTF-16 code units, `end` exclusive. */
export interface DatasetSpan {
  /** Parley's annotation id, when known. */
  id?: string;
  start: number;
  end: number;
  /** Label id. */
  label: string;
  /** The covered text. */
  text: string;
  attributes?: Record<string, string>;
  note?: string;
  /** The span's review thread (spans format and Parley stores carry it). */
  comments?: Comment[];
  /** For a gold span: the id of the span it was accepted from. */
  acceptedFrom?: string;
}

/** One annotator's view of one document. */
export interface DatasetDocument {
  docId: string;
  text: string;
  title?: string;
  source?: string;
  sha256?: string;
  annotator?: string;
  status?: DocStatus;
  spans: DatasetSpan[];
}

export interface Dataset {
  /** The labels used (brat's annotation.conf, Label Studio's config). */
  labels: Label[];
  documents: DatasetDocument[];
}

/** A file a format writes or reads; `path` is relative to the folder the user chose. */
export interface DatasetFile {
  path: string;
  content: string;
}

export interface SerializeOptions {
  /** Unit of the written offsets; default codepoint. */
  offsets: OffsetEncoding;
  /** CoNLL only: one tag column instead of one per label. */
  singleColumn?: boolean;
  /** CoNLL only: a first line `# columns: token …` naming the columns (most readers take it for a token). */
  header?: boolean;
}

/** A span a format could not write as it is, and why (CoNLL single column drops overlaps). */
export interface DroppedSpan {
  docId: string;
  span: DatasetSpan;
  reason: string;
  /** Set when the span was still written, changed (CoNLL writes whole tokens). */
  isWrittenChanged?: boolean;
}

export interface SerializeResult {
  files: DatasetFile[];
  dropped: DroppedSpan[];
}

/** Where a problem was found (file, 1-based line, document) and what it is. */
export type Problem = ImportProblem;

/**
 * A span as read from a file, before validation: offsets in the file's unit. Parsers fill what
 * the format carries; validate.ts converts and checks.
 */
export interface RawSpan {
  start: unknown;
  end: unknown;
  label: unknown;
  text?: unknown;
  id?: unknown;
  attributes?: unknown;
  note?: unknown;
  comments?: unknown;
  acceptedFrom?: unknown;
  /** Where it was read, for problems. */
  line?: number;
}

export interface RawDocument {
  file: string;
  line?: number;
  docId: string;
  text: string;
  title?: string;
  source?: string;
  sha256?: string;
  annotator?: string;
  status?: DocStatus;
  spans: RawSpan[];
}

export interface ParseOptions {
  /** Unit of the offsets in the files, when the file does not declare it; default codepoint. */
  offsets: OffsetEncoding;
  /** Texts Parley has, by document id: CoNLL needs them to place tokens. */
  knownTexts?: ReadonlyMap<string, string>;
  /** The person importing: a Parley store's set of theirs is left as it is. */
  currentAnnotator?: string;
}

/** What a parser read: documents (offsets UTF-16, validated), labels it declared, and problems. */
export interface ParseResult {
  documents: DatasetDocument[];
  labels: Label[];
  problems: Problem[];
  /** Spans refused, counted per document; the documents above hold only the valid ones. */
  refusedSpans: number;
  /** What was left out on purpose, for the report. */
  notes?: string[];
}

/** One dataset format. */
export interface Format {
  id: FormatId | 'parley';
  /** Shown in menus and --help. */
  description: string;
  /** 'file': one file (its extension); 'folder': several files in a folder. */
  layout: { kind: 'file'; extension: string } | { kind: 'folder' };
  serialize(dataset: Dataset, options: SerializeOptions): SerializeResult;
  parse(files: readonly DatasetFile[], options: ParseOptions): ParseResult;
}
