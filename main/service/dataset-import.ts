/**
 * Imports: read the files, let the format parse them, then match each document to Parley's
 * corpus (by id, then by SHA-256 of the text) and decide what the store gains. Nothing here
 * writes; the service applies a plan only when it has no problems or the person chose to skip.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { DocStatus, ImportProblem, ImportRequest, Label } from '../api/contract';
import type { DatasetFile, DatasetSpan, ParseResult } from '../core/formats/dataset';
import type { LoadedDocument } from './corpus';
import { ParleyError } from './errors';

/** Colours for labels an import adds, in turn. */
const NEW_LABEL_COLORS = ['#7048e8', '#c2255c', '#0c8599', '#e67700', '#5c940d', '#862e9c'];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Files larger than this are refused before reading (bytes). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** One document the import will write. */
export interface PlannedDocument {
  docId: string;
  annotator: string;
  /**
   * The status the file gives. Without one, a document still _to do_ for the annotator becomes
   * _in progress_: a record is their answer for it, "nothing here" too, and agreement counts it.
   */
  status?: DocStatus;
  spans: DatasetSpan[];
  /** Set when the document is new to Parley: its text, to be saved with the store. */
  newText?: string;
}

export interface ImportPlan {
  documents: PlannedDocument[];
  labelsToAdd: Label[];
  problems: ImportProblem[];
  /** Spans and documents refused. */
  skipped: number;
}

async function readText(path: string, name: string): Promise<string> {
  const info = await lstat(path);
  if (info.size > MAX_IMPORT_BYTES) {
    throw new ParleyError(
      'BAD_REQUEST',
      `${name} is ${info.size} bytes; Parley imports files up to ${MAX_IMPORT_BYTES} bytes`,
    );
  }
  try {
    return utf8.decode(await readFile(path));
  } catch {
    throw new ParleyError('BAD_REQUEST', `${name} is not valid UTF-8 text; save it as UTF-8 and import it again`);
  }
}

/**
 * The files to parse: the file itself, or every regular file directly in a folder (links are
 * followed only to files inside the folder). Throws BAD_REQUEST / IO_ERROR with the reason.
 */
export async function readImportFiles(
  path: string,
  isFolder: boolean,
  /** Called after each file is read, with how many are read and how many there are. */
  onRead: (done: number, total: number) => void = () => undefined,
): Promise<DatasetFile[]> {
  try {
    if (!isFolder) {
      const content = await readText(path, path);
      onRead(1, 1);
      return [{ path: path.split(sep).pop() ?? path, content }];
    }
    const root = await realpath(path);
    const files: DatasetFile[] = [];
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const [index, entry] of entries.entries()) {
      onRead(index, entries.length);
      const full = join(path, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => '');
        if (!target.startsWith(root + sep)) continue;
      } else if (!entry.isFile()) continue;
      files.push({ path: relative(path, full), content: await readText(full, entry.name) });
    }
    onRead(entries.length, entries.length);
    return files;
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ParleyError('IO_ERROR', `${path} cannot be read (${code})`);
  }
}

const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Whether an id can name a file Parley writes (documents new to Parley are saved as `<id>.txt`). */
const isSafeDocId = (id: string): boolean => /^[\p{L}\p{N}_.\- ~]{1,200}$/u.test(id) && !id.startsWith('.');

export interface ImportContext {
  /** Name of the file or folder read, for problems found after parsing. */
  sourceName: string;
  documents: ReadonlyMap<string, LoadedDocument>;
  labels: readonly Label[];
  currentAnnotator: string;
}

/** Decides what an import would change, and every problem it has. */
export function planImport(parsed: ParseResult, context: ImportContext, request: ImportRequest): ImportPlan {
  const problems: ImportProblem[] = [...parsed.problems];
  let skipped = parsed.refusedSpans;
  const bySha = new Map<string, string>();
  for (const doc of context.documents.values()) if (doc.text !== undefined) bySha.set(sha256Of(doc.text), doc.id);
  const known = new Set(context.labels.map((l) => l.id));
  const labelsToAdd: Label[] = [];
  const documents: PlannedDocument[] = [];
  const planned = new Set<string>();

  for (const doc of parsed.documents) {
    const where = { file: context.sourceName, docId: doc.docId };
    const sameId = context.documents.get(doc.docId);
    const sameText = bySha.get(sha256Of(doc.text));
    let docId: string;
    let newText: string | undefined;
    if (sameId?.text === doc.text) docId = doc.docId;
    else if (sameText !== undefined) docId = sameText;
    else if (sameId !== undefined) {
      problems.push({
        ...where,
        message: `the text of document ${doc.docId} differs from Parley's; its ${doc.spans.length} span(s) were refused`,
      });
      skipped += doc.spans.length;
      continue;
    } else if (!isSafeDocId(doc.docId)) {
      problems.push({ ...where, message: `document id ${JSON.stringify(doc.docId)} cannot be used as a file name` });
      skipped += doc.spans.length;
      continue;
    } else {
      docId = doc.docId;
      newText = doc.text;
    }
    const spans: DatasetSpan[] = [];
    for (const span of doc.spans) {
      if (known.has(span.label)) spans.push(span);
      else if (request.addLabels) {
        known.add(span.label);
        const color = NEW_LABEL_COLORS[labelsToAdd.length % NEW_LABEL_COLORS.length] ?? '#868e96';
        labelsToAdd.push({ id: span.label, name: span.label, color, hotkey: '' });
        spans.push(span);
      } else {
        problems.push({
          ...where,
          message: `unknown label ${JSON.stringify(span.label)} (allow adding labels to import it)`,
        });
        skipped += 1;
      }
    }
    const annotator = request.annotator ?? doc.annotator ?? context.currentAnnotator;
    // Each record replaces the annotator's spans in its document: two would overwrite each other.
    const key = `${annotator}\u0000${docId}`;
    if (planned.has(key)) {
      problems.push({
        ...where,
        message: `document ${docId} appears twice for ${annotator}; only one record per document and annotator can be imported`,
      });
      skipped += spans.length;
      continue;
    }
    planned.add(key);
    documents.push({
      docId,
      annotator,
      spans,
      ...(doc.status && { status: doc.status }),
      ...(newText !== undefined && { newText }),
    });
  }
  const withFiles = problems.map((p) =>
    p.file === '' ? { ...p, file: parsed.documents.length > 0 ? 'import' : p.file } : p,
  );
  return { documents, labelsToAdd, problems: withFiles, skipped };
}
