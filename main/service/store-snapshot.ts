/**
 * The store's snapshot file, as a lowdb adapter: one JSON value laid out a document to a line,
 * so a snapshot is rewritten from the lines of the documents that did not change (kept as bytes)
 * and the few that did. Writes are durable: a temporary file, fsync, rename, fsync of the folder.
 *
 *   {"schemaVersion":4,"header":{"seq":120,"savedAt":"…","documents":5,"annotations":812},
 *   "settings":{…},"folders":[…],"labels":[…],"documents":{…},"status":{…},…,
 *   "annotations":{
 *   "doc-a":[{…},{…}],
 *   "doc-b":[…]
 *   }}
 *
 * Characters outside ASCII are written as \u escapes: the file is then read as one-byte text,
 * which V8 decodes and parses about twice as fast as UTF-8 with curly quotes in it.
 */
import { isAscii } from 'node:buffer';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { compareSpans } from '../core/span';
import type { StoreModel } from '../core/store-model';
import type { Annotation, StoreTables } from '../core/model';
import { ParleyError } from './errors';
import { syncFolder } from './durable-file';

/** What the first line of a snapshot says about it; listing backups reads only this. */
export interface SnapshotHeader {
  schemaVersion: number;
  /** The last journal record the snapshot includes. */
  seq: number;
  savedAt: string;
  documents: number;
  annotations: number;
}

/** A snapshot as written: the model at journal record `seq`. */
export interface Snapshot {
  seq: number;
  model: StoreModel;
}

/** A snapshot as read: the parsed value, and the lines of its documents' annotations as bytes. */
export interface ReadSnapshot {
  raw: unknown;
  seq: number;
  /** docId → the bytes of its `"docId":[…]` line, for the next write; absent for an older layout. */
  lines: Map<string, Buffer> | null;
}

const ANNOTATIONS_OPEN = '"annotations":{\n';

/** JSON of a value with every character outside ASCII written as a \u escape. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const NEWLINE = 0x0a;

/** Line and column of a character index in a text, both from 1. */
function lineColumnOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/**
 * Where a text stops being JSON. V8's messages often give no position ("Unexpected token",
 * a truncated file), so jsonc-parser, run in strict JSON mode, finds the offset.
 */
function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return '';
  const { line, column } = lineColumnOf(text, first.offset);
  const problem = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return ` at line ${line}, column ${column} (${problem})`;
}

/** Parses a store file's text; a text that is not a JSON value, or is `null`, throws naming the line. */
export function parseStoreText(path: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = describeJsonError(text);
    throw new ParleyError('STORE_UNAVAILABLE', `${basename(path)} is not valid JSON${where}; it was left untouched`);
  }
  if (value === null) {
    throw new ParleyError(
      'STORE_UNAVAILABLE',
      `${basename(path)} holds null, not a Parley store; it was left untouched`,
    );
  }
  return value;
}

/** The end (exclusive) of the JSON string that starts at `from` in `bytes`, or -1. */
function stringEnd(bytes: Buffer, from: number, limit: number): number {
  if (bytes[from] !== 0x22) return -1;
  for (let i = from + 1; i < limit; i += 1) {
    const byte = bytes[i];
    if (byte === 0x5c) i += 1;
    else if (byte === 0x22) return i + 1;
  }
  return -1;
}

/**
 * The `"docId":[…]` lines of a snapshot's annotations, by document id, as views of `bytes`; null
 * when the file is not laid out a document to a line (an older store, an edited file).
 */
function documentLines(bytes: Buffer): Map<string, Buffer> | null {
  const open = bytes.indexOf(ANNOTATIONS_OPEN);
  if (open < 0) return null;
  const lines = new Map<string, Buffer>();
  let at = open + ANNOTATIONS_OPEN.length;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, at);
    if (end < 0) return null;
    if (bytes[at] === 0x7d) return lines; // the closing `}}`
    const stop = bytes[end - 1] === 0x2c ? end - 1 : end;
    const keyEnd = stringEnd(bytes, at, stop);
    if (keyEnd < 0 || bytes[keyEnd] !== 0x3a) return null;
    lines.set(JSON.parse(bytes.toString('utf8', at, keyEnd)) as string, bytes.subarray(at, stop));
    at = end + 1;
  }
}

/** Reads only the first line of a snapshot; null when the file has no snapshot header. */
export async function readSnapshotHeader(path: string): Promise<SnapshotHeader | null> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(4096), position: 0 });
    const line = buffer.toString('utf8', 0, bytesRead).split('\n', 1)[0] ?? '';
    if (!line.startsWith('{"schemaVersion":') || !line.endsWith(',')) return null;
    const value = JSON.parse(`${line.slice(0, -1)}}`) as { schemaVersion?: unknown; header?: Partial<SnapshotHeader> };
    const h = value.header;
    if (typeof value.schemaVersion !== 'number' || !h || typeof h.seq !== 'number') return null;
    return {
      schemaVersion: value.schemaVersion,
      seq: h.seq,
      savedAt: String(h.savedAt ?? ''),
      documents: Number(h.documents ?? 0),
      annotations: Number(h.annotations ?? 0),
    };
  } catch {
    // A line that is not the header we write: the file is of an older layout, or not ours.
    return null;
  } finally {
    await handle.close();
  }
}

/** The snapshot file at `path`, read and written through lowdb. */
export class SnapshotFile implements Adapter<Snapshot> {
  /** The bytes of each document's line as last written or read; a changed document has none. */
  private lines = new Map<string, Buffer>();
  /** What the last read found, for the store to migrate and validate. */
  lastRead: ReadSnapshot | null = null;

  constructor(readonly path: string) {}

  /** lowdb's read: always null, the parsed value is left in `lastRead` for migration. */
  async read(): Promise<Snapshot | null> {
    this.lastRead = await this.readRaw();
    return null;
  }

  /** Reads and parses the file; null when there is none. Throws ParleyError for a file that is not JSON. */
  async readRaw(): Promise<ReadSnapshot | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // An ASCII file (as Parley writes it) is read as Latin-1: the same text, decoded much faster.
    const raw = parseStoreText(this.path, bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
    const header = (raw as { header?: { seq?: unknown } }).header;
    const seq = typeof header?.seq === 'number' && Number.isInteger(header.seq) ? header.seq : 0;
    const lines = documentLines(bytes);
    return { raw, seq, lines };
  }

  /** Keeps the document lines of the file just read, once its value was accepted unchanged. */
  adoptLines(lines: Map<string, Buffer>): void {
    this.lines = lines;
  }

  /** Forgets the written lines of these documents: their annotations changed. */
  invalidate(docIds: Iterable<string>): void {
    for (const id of docIds) this.lines.delete(id);
  }

  /** Forgets every written line (the whole data was replaced). */
  invalidateAll(): void {
    this.lines.clear();
  }

  /** lowdb's write: the model as a snapshot at `seq`, durably, at this file's path. */
  async write(snapshot: Snapshot): Promise<void> {
    await writeSnapshot(this.path, snapshot, this.lines);
  }

  /** The same snapshot written to another file (a backup), reusing this file's lines. */
  async writeCopy(path: string, snapshot: Snapshot): Promise<void> {
    await writeSnapshot(path, snapshot, this.lines);
  }
}

/** A document's line: its id and its annotations in text order. */
function lineOf(docId: string, annotations: readonly Annotation[]): Buffer {
  const sorted = [...annotations].sort((a, b) => compareSpans(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Buffer.from(`${asciiJson(docId)}:${asciiJson(sorted)}`, 'latin1');
}

/** The bytes of a snapshot, as buffers to write in order; fills `lines` with what it serialised. */
function snapshotBuffers(snapshot: Snapshot, lines: Map<string, Buffer>): Uint8Array[] {
  const { model, seq } = snapshot;
  const { schemaVersion, ...tables } = model.tables as StoreTables;
  const header: SnapshotHeader = {
    schemaVersion,
    seq,
    savedAt: new Date().toISOString(),
    documents: Object.keys(tables.documents).length,
    annotations: model.annotationCount,
  };
  const { schemaVersion: _version, ...headerFields } = header;
  const buffers: Uint8Array[] = [
    Buffer.from(`{"schemaVersion":${schemaVersion},"header":${asciiJson(headerFields)},\n`, 'latin1'),
    Buffer.from(`${asciiJson(tables).slice(1, -1)},\n${ANNOTATIONS_OPEN}`, 'latin1'),
  ];
  const comma = Buffer.from(',\n');
  const docIds = [...model.annotatedDocIds()].sort();
  docIds.forEach((docId, i) => {
    let line = lines.get(docId);
    if (!line) {
      line = lineOf(docId, model.annotationsOf(docId));
      lines.set(docId, line);
    }
    buffers.push(line);
    if (i < docIds.length - 1) buffers.push(comma);
  });
  const kept = new Set(docIds);
  for (const stale of [...lines.keys()]) if (!kept.has(stale)) lines.delete(stale);
  buffers.push(Buffer.from(`${docIds.length > 0 ? '\n' : ''}}}\n`, 'utf8'));
  return buffers;
}

/** Linux writes at most 1,024 buffers in one writev. */
const WRITEV_MAX = 1024;

/**
 * Writes a snapshot to `path` so that a crash or a power cut at any moment leaves either the old
 * file or the new one: temporary file, fsync, rename over `path`, fsync of the folder.
 */
async function writeSnapshot(path: string, snapshot: Snapshot, lines: Map<string, Buffer>): Promise<void> {
  const buffers = snapshotBuffers(snapshot, lines);
  const temporary = join(dirname(path), `.${basename(path)}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    for (let i = 0; i < buffers.length; i += WRITEV_MAX) await handle.writev(buffers.slice(i, i + WRITEV_MAX));
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await syncFolder(dirname(path));
}
