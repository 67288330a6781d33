/**
 * The store's journal, `<store>.journal`: one JSON line per transaction made since the snapshot,
 * appended and fsynced before the save indicator says Saved. A line cut short by a crash is the
 * last one and was never reported saved; it is dropped. Anything else that does not read is
 * refused, so a damaged journal is never written over.
 */
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import {
  annotationSchema,
  docStatusSchema,
  labelSchema,
  settingsSchema,
  storedDocumentSchema,
  storedReviewSchema,
} from '../core/model';
import type { Change, Transaction } from '../core/transaction';
import { syncFolder } from './durable-file';
import { ParleyError } from './errors';

/** The journal next to a store file. */
export const journalPathOf = (storePath: string): string => `${storePath}.journal`;

/** A change as the journal keeps it: its key and the value after (null: removed). */
const recordedChange = z.discriminatedUnion('type', [
  z.object({ type: z.literal('annotation'), id: z.string().min(1), after: annotationSchema.nullable() }),
  z.object({ type: z.literal('status'), docId: z.string(), annotator: z.string(), after: docStatusSchema.nullable() }),
  z.object({ type: z.literal('document'), docId: z.string(), after: storedDocumentSchema.nullable() }),
  z.object({ type: z.literal('review'), docId: z.string(), after: storedReviewSchema.nullable() }),
  z.object({
    type: z.literal('rejectedSuggestions'),
    docId: z.string(),
    annotator: z.string(),
    after: z.array(z.string()).nullable(),
  }),
  z.object({ type: z.literal('activity'), annotator: z.string(), docId: z.string(), after: z.number().nullable() }),
  z.object({ type: z.literal('settings'), after: settingsSchema }),
  z.object({ type: z.literal('labels'), after: z.array(labelSchema) }),
  z.object({ type: z.literal('folders'), after: z.array(z.string()) }),
]);

const recordSchema = z.object({ seq: z.number().int().positive(), at: z.string(), changes: z.array(recordedChange) });

/** One line of the journal, parsed: a transaction's changes with their values after. */
export interface JournalRecord {
  seq: number;
  changes: Change[];
}

/** The journal line of transaction `seq`: its changes without their `before` values. */
export function journalLine(seq: number, tx: Transaction, at: string): string {
  const changes = tx.changes.map(({ before: _before, ...rest }) => rest);
  return `${JSON.stringify({ seq, at, changes })}\n`;
}

/** A journal line that does not read: refused with where and why. */
function refuseLine(path: string, line: number, why: string): never {
  throw new ParleyError(
    'STORE_UNAVAILABLE',
    `${basename(path)} line ${line} ${why}; the store and its journal were left untouched`,
  );
}

/** What reading a journal found: the records after the snapshot, and the length of its good part. */
export interface ReadJournal {
  records: JournalRecord[];
  /** Bytes of complete lines; what follows is a line cut short by a crash. */
  goodBytes: number;
  /** Whether the file holds anything the snapshot does not (records after it, or a cut line). */
  hasExtra: boolean;
}

/**
 * Reads the journal at `path` and returns the records after `afterSeq`, in order. No file means
 * no records. A damaged line before the last, or a gap in the numbers, throws ParleyError.
 */
export async function readJournal(path: string, afterSeq: number): Promise<ReadJournal> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodBytes: 0, hasExtra: false };
    throw error;
  }
  const records: JournalRecord[] = [];
  let at = 0;
  let line = 0;
  let expected = afterSeq + 1;
  let skipped = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    line += 1;
    // No newline: the last line was cut short by a crash before it was fsynced and reported.
    if (end < 0) break;
    const refuse = (why: string): never => refuseLine(path, line, why);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(at, end));
    } catch {
      refuse('is not valid JSON');
    }
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuseLine(
        path,
        line,
        `is not a Parley change (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown shape'})`,
      );
    }
    const record = parsed.data;
    if (record.seq <= afterSeq) skipped += 1;
    else if (record.seq !== expected) refuse(`is change ${record.seq} where change ${expected} was expected`);
    else {
      expected += 1;
      records.push({ seq: record.seq, changes: record.changes.map((c) => ({ ...c, before: null }) as Change) });
    }
    at = end + 1;
  }
  const goodBytes = Buffer.byteLength(text.slice(0, at), 'utf8');
  return { records, goodBytes, hasExtra: records.length > 0 || at < text.length || skipped > 0 };
}

/** Appends to one journal file, fsyncing each append; keeps its length so a failed append is cut off. */
export class JournalWriter {
  private isKnownToExist = false;

  constructor(
    readonly path: string,
    /** Bytes of the journal, all complete lines. */
    public bytes: number,
  ) {}

  /**
   * Appends `text` (whole lines) and fsyncs it; the folder too when the file is new. On failure
   * the file is cut back to its length before, so a half-written line never precedes the next.
   */
  async append(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8');
    const handle = await open(this.path, 'a');
    try {
      await handle.writeFile(data);
      await handle.datasync();
    } catch (error) {
      await handle.truncate(this.bytes).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
    this.bytes += data.length;
    if (!this.isKnownToExist) {
      await syncFolder(dirname(this.path));
      this.isKnownToExist = true;
    }
  }

  /** Empties the journal (its records are in a snapshot now), durably. */
  async clear(): Promise<void> {
    try {
      await truncate(this.path, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.bytes = 0;
    const exists = await stat(this.path).then(
      () => true,
      () => false,
    );
    if (exists) {
      const handle = await open(this.path, 'r+');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
    }
  }
}
