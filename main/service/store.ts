/**
 * Parley's store: a snapshot file (lowdb, store-snapshot.ts) and a journal of the transactions
 * made since (store-journal.ts). A change is applied to the model in memory, appended to the
 * journal after a short trailing debounce and fsynced before the bar says Saved; the journal is
 * folded into a new snapshot once it grows, rewriting only the documents that changed. Files it
 * cannot read, or that a newer Parley wrote, are refused and never written over.
 */
import { copyFile, readdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import type { BackupInfo, SaveState, StoreProblem } from '../api/contract';
import type { StoreData } from '../core/model';
import { StoreModel } from '../core/store-model';
import { touchedDocIds, type Transaction } from '../core/transaction';
import { ParleyError } from './errors';
import { migrate } from './migrations';
import { StoreInUseError, StoreLock } from './store-lock';
import { journalLine, journalPathOf, JournalWriter, readJournal, type ReadJournal } from './store-journal';
import { readSnapshotHeader, SnapshotFile, type ReadSnapshot, type Snapshot } from './store-snapshot';

/** How many backups of the store are kept; older ones are removed. */
export const BACKUPS_KEPT = 5;

/** Default quiet time after the last change before it is written (a trailing debounce). */
export const DEFAULT_DEBOUNCE_MS = 250;
/** However steady the changes, none waits longer than this to be written. */
const MAX_WAIT_MS = 1000;
/** Delay before a failed write is tried again. */
const RETRY_MS = 2000;
/** A journal this long (bytes or records) is folded into a new snapshot. */
export const DEFAULT_JOURNAL_LIMIT: JournalLimit = { bytes: 4 * 2 ** 20, records: 5000 };

/** When the journal is folded into a new snapshot: once it holds this many bytes or records. */
export interface JournalLimit {
  bytes: number;
  records: number;
}

export type OpenStoreResult = { ok: true; store: Store } | { ok: false; problem: StoreProblem };

/** How a store is opened: for writing, under a lock naming `lockedBy`, or only to read. */
export type StoreAccess = { lockedBy: string } | { readOnly: true };

/** How a store is opened; every field has a default. */
export interface StoreOptions {
  /** Quiet time after the last change before it is written (trailing debounce). */
  debounceMs?: number | undefined;
  access?: StoreAccess | undefined;
  journalLimit?: JournalLimit | undefined;
}

/** `2026-11-23T16-02-11-123Z` (a backup's stamp) as ISO 8601. */
const stampToIso = (stamp: string): string =>
  stamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');

const stampOf = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/** A journal line waiting to be written. */
interface Pending {
  seq: number;
  line: string;
}

/** What reading a store's files gave: its data and where the journal left off, or a problem. */
type LoadResult =
  | { ok: true; data: StoreData; seq: number; snapshot: ReadSnapshot | null; journal: ReadJournal; migrated: boolean }
  | { ok: false; problem: StoreProblem };

/** Reads the snapshot and journal of the store at `path`; `fresh` when there is no store yet. */
async function load(path: string, fresh: () => StoreData, file: SnapshotFile): Promise<LoadResult> {
  const journalPath = journalPathOf(path);
  const unreadable = (error: unknown, name: string): LoadResult => ({
    ok: false,
    problem: {
      kind: 'unreadable',
      path,
      message: `${name} cannot be read (${codeOf(error)}); check its permissions and start Parley again`,
      canStartFresh: false,
    },
  });
  const corrupt = (message: string): LoadResult => ({
    ok: false,
    problem: { kind: 'corrupt', path, message, canStartFresh: true },
  });
  let snapshot: ReadSnapshot | null;
  try {
    snapshot = await file.readRaw();
  } catch (error) {
    return error instanceof ParleyError ? corrupt(error.message) : unreadable(error, basename(path));
  }
  const migrated = snapshot === null ? { ok: true as const, data: fresh(), changed: true } : migrate(snapshot.raw);
  if (!migrated.ok) {
    const message = `${basename(path)} ${migrated.reason}`;
    return { ok: false, problem: { kind: migrated.kind, path, message, canStartFresh: migrated.kind === 'corrupt' } };
  }
  let journal: ReadJournal;
  try {
    journal = await readJournal(journalPath, snapshot?.seq ?? 0);
  } catch (error) {
    return error instanceof ParleyError ? corrupt(error.message) : unreadable(error, basename(journalPath));
  }
  if (snapshot === null && journal.records.length > 0) {
    return corrupt(
      `${basename(journalPath)} holds changes but ${basename(path)}, the store they belong to, is missing; both were left untouched`,
    );
  }
  const seq = journal.records.at(-1)?.seq ?? snapshot?.seq ?? 0;
  return { ok: true, data: migrated.data, seq, snapshot, journal, migrated: migrated.changed };
}

/**
 * Applies a journal's records to the model; returns the ids of the documents whose annotations
 * they changed. A journal line keeps only the value after, so a deletion's document is the one
 * the model holds the annotation in before it is removed.
 */
function replay(model: StoreModel, journal: ReadJournal): Set<string> {
  const touched = new Set<string>();
  for (const record of journal.records) {
    for (const change of record.changes) {
      if (change.type === 'annotation') {
        const docId = model.annotation(change.id)?.docId ?? change.after?.docId;
        if (docId !== undefined) touched.add(docId);
      }
      model.set(change);
    }
  }
  return touched;
}

/** The store: its model in memory and the schedule of its writes. */
export class Store {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Writes run one after another on this chain. */
  private queue: Promise<void> = Promise.resolve();
  private pending: Pending[] = [];
  private firstPendingAt = 0;
  private journalRecords = 0;
  private saveState: SaveState = { state: 'saved' };
  private readonly listeners = new Set<(state: SaveState) => void>();

  private constructor(
    private readonly low: Low<Snapshot>,
    private readonly file: SnapshotFile,
    private readonly journal: JournalWriter,
    private current: StoreModel,
    private lastSeq: number,
    readonly path: string,
    private readonly debounceMs: number,
    private readonly journalLimit: JournalLimit,
    /** Null when opened only to read: nothing is ever written. */
    private readonly lock: StoreLock | null,
  ) {}

  /**
   * Opens the store at `path`, creating it from `fresh()` when there is no file. A store that
   * cannot be read, parsed or understood is refused with a StoreProblem and left untouched.
   */
  static async open(path: string, fresh: () => StoreData, options: StoreOptions = {}): Promise<OpenStoreResult> {
    const access = options.access ?? { lockedBy: 'Parley' };
    let lock: StoreLock | null = null;
    if ('lockedBy' in access) {
      try {
        lock = await StoreLock.acquire(path, access.lockedBy);
      } catch (error) {
        if (error instanceof StoreInUseError) {
          return { ok: false, problem: { kind: 'in-use', path, message: error.message, canStartFresh: false } };
        }
        const message = `${basename(path)} cannot be locked for writing (${codeOf(error)}); check the permissions of its folder`;
        return { ok: false, problem: { kind: 'unreadable', path, message, canStartFresh: false } };
      }
    }
    try {
      const opened = await Store.read(path, fresh, options, lock);
      if (!opened.ok) await lock?.release();
      return opened;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  private static async read(
    path: string,
    fresh: () => StoreData,
    options: StoreOptions,
    lock: StoreLock | null,
  ): Promise<OpenStoreResult> {
    const file = new SnapshotFile(path);
    const loaded = await load(path, fresh, file);
    if (!loaded.ok) return loaded;
    const { data, seq, snapshot, journal, migrated } = loaded;
    const model = new StoreModel(data);
    const twice = model.duplicateIds[0];
    if (twice !== undefined) {
      const message = `${basename(path)} is not a valid Parley store (the annotation id ${twice} is used twice); it was left untouched`;
      return { ok: false, problem: { kind: 'corrupt', path, message, canStartFresh: true } };
    }
    const touched = replay(model, journal);
    if (snapshot?.lines && !migrated) {
      file.adoptLines(snapshot.lines);
      // Documents the journal changed are not as the snapshot has them.
      file.invalidate(touched);
    }
    const writer = new JournalWriter(journalPathOf(path), journal.goodBytes);
    const low = new Low<Snapshot>(file, { seq, model });
    const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    const limit = options.journalLimit ?? DEFAULT_JOURNAL_LIMIT;
    const store = new Store(low, file, writer, model, seq, path, debounceMs, limit, lock);
    store.journalRecords = journal.records.length;
    if (lock === null) return { ok: true, store };
    if (journal.goodBytes < (await Store.sizeOf(writer.path))) {
      // A line cut short by a crash: never acknowledged, so cut it before appending after it.
      await truncate(writer.path, journal.goodBytes);
    }
    if (migrated) {
      // The file as the older Parley wrote it is kept before the migrated store replaces it.
      if (snapshot !== null) await Store.copyToBackup(path, new Date());
      await store.compact();
    } else if (journal.hasExtra) {
      // The last session's changes are folded into the snapshot in the background.
      void store.compact().catch(() => undefined);
    }
    return { ok: true, store };
  }

  private static async sizeOf(path: string): Promise<number> {
    return stat(path).then(
      (s) => s.size,
      () => 0,
    );
  }

  /**
   * Moves an unusable store file (and its journal) aside as `<name>.corrupt-<timestamp>` so a
   * fresh store can take its place. Returns the new path of the old file.
   */
  static async setAside(path: string, now = new Date()): Promise<string> {
    const target = `${path}.corrupt-${stampOf(now)}`;
    const journal = journalPathOf(path);
    const hasStore = await stat(path).then(
      () => true,
      () => false,
    );
    if (hasStore) await rename(path, target);
    const hasJournal = await stat(journal).then(
      () => true,
      () => false,
    );
    if (hasJournal) await rename(journal, `${target}.journal`);
    if (!hasStore && !hasJournal) await stat(path);
    return target;
  }

  /**
   * Reads the store at `path` (snapshot and journal) without locking or writing it: another
   * Parley's store to import, say. Resolves its data, or why it is not a Parley store.
   */
  static async readData(path: string): Promise<{ ok: true; data: StoreData } | { ok: false; message: string }> {
    const loaded = await load(
      path,
      () => {
        throw new ParleyError('NOT_FOUND', `${basename(path)} does not exist`);
      },
      new SnapshotFile(path),
    ).catch((error: unknown) => ({
      ok: false as const,
      problem: { kind: 'unreadable' as const, path, message: String((error as Error).message), canStartFresh: false },
    }));
    if (!loaded.ok) return { ok: false, message: loaded.problem.message };
    const model = new StoreModel(loaded.data);
    replay(model, loaded.journal);
    return { ok: true, data: model.toData() };
  }

  /** The data, read-only; it changes only through commit(). */
  get model(): StoreModel {
    return this.current;
  }

  /** The number of the last transaction committed. */
  get seq(): number {
    return this.lastSeq;
  }

  get state(): SaveState {
    return this.saveState;
  }

  /**
   * Applies a transaction to the model and schedules its write; returns its number. Throws
   * RangeError, changing nothing, when the transaction does not fit the data (a bug). A store
   * opened only to read keeps the change in memory.
   */
  commit(tx: Transaction): number {
    this.current.apply(tx);
    this.lastSeq += 1;
    if (this.lock === null) return this.lastSeq;
    this.file.invalidate(touchedDocIds(tx));
    if (this.pending.length === 0) this.firstPendingAt = Date.now();
    this.pending.push({ seq: this.lastSeq, line: journalLine(this.lastSeq, tx, new Date().toISOString()) });
    this.setState({ state: 'saving' });
    this.schedule(Math.min(this.debounceMs, Math.max(0, this.firstPendingAt + MAX_WAIT_MS - Date.now())));
    return this.lastSeq;
  }

  /**
   * Writes pending changes now and resolves once they are on the disk. Rejects with IO_ERROR when
   * the write fails; the change stays in memory and another write is scheduled.
   */
  async flush(): Promise<void> {
    if (this.lock === null) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.enqueue(() => this.writePending());
  }

  /** Folds the journal into a new snapshot of the whole store, then empties the journal. */
  async compact(): Promise<void> {
    if (this.lock === null) return;
    await this.enqueue(() => this.writeSnapshot());
  }

  /**
   * Writes pending changes, then writes the whole store to `<name>.backup-<timestamp>` next to
   * it and removes all but the newest BACKUPS_KEPT backups. Returns the backup's path.
   */
  async backup(now = new Date()): Promise<string> {
    await this.flush();
    const target = `${this.path}.backup-${stampOf(now)}`;
    await this.enqueue(() => this.file.writeCopy(target, { seq: this.lastSeq, model: this.current }));
    await Store.removeOldBackups(this.path);
    return target;
  }

  /** The backups of the store at `path`, newest first, with what they hold (read from their first line). */
  static async listBackups(path: string): Promise<BackupInfo[]> {
    const prefix = `${basename(path)}.backup-`;
    const names = (await Store.backupNames(path)).reverse();
    return Promise.all(
      names.map(async (name): Promise<BackupInfo> => {
        const file = join(dirname(path), name);
        const { size } = await stat(file);
        const header = await readSnapshotHeader(file).catch(() => null);
        const counts = header
          ? { annotations: header.annotations, documents: header.documents }
          : await Store.countsOfOldBackup(file);
        return { name, createdAt: stampToIso(name.slice(prefix.length)), bytes: size, ...counts };
      }),
    );
  }

  /** Counts of a backup in the layout before snapshots had a header: the whole file is read. */
  private static async countsOfOldBackup(
    file: string,
  ): Promise<{ annotations: number | null; documents: number | null }> {
    const read = await Store.readBackup(file).catch(() => null);
    if (!read?.ok) return { annotations: null, documents: null };
    return { annotations: read.data.annotations.length, documents: Object.keys(read.data.documents).length };
  }

  /** The data of a backup file, migrated to the current schema; or why it is not a Parley store. */
  static async readBackup(file: string): Promise<{ ok: true; data: StoreData } | { ok: false; message: string }> {
    let read: ReadSnapshot | null;
    try {
      read = await new SnapshotFile(file).readRaw();
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (read === null) return { ok: false, message: `${basename(file)} does not exist` };
    const migrated = migrate(read.raw);
    if (!migrated.ok) return { ok: false, message: `${basename(file)} ${migrated.reason}` };
    const twice = new StoreModel(migrated.data).duplicateIds[0];
    return twice === undefined
      ? { ok: true, data: migrated.data }
      : {
          ok: false,
          message: `${basename(file)} uses the annotation id ${twice} twice; it is not a valid Parley store`,
        };
  }

  /** Replaces all the data (a restored backup) and writes it as the new snapshot. */
  async replaceData(next: StoreData): Promise<void> {
    if (this.lock === null) throw new ParleyError('FORBIDDEN', 'This store was opened only to read');
    this.current = new StoreModel(next);
    this.lastSeq += 1;
    // What was waiting is part of the data being replaced.
    this.pending = [];
    this.file.invalidateAll();
    await this.compact();
  }

  /** File names of the backups of the store at `path`, oldest first (their stamps sort by time). */
  static async backupNames(path: string): Promise<string[]> {
    const prefix = `${basename(path)}.backup-`;
    return (await readdir(dirname(path))).filter((n) => n.startsWith(prefix) && !n.endsWith('.tmp')).sort();
  }

  /** Subscribes to save-state changes; returns the unsubscribe function. */
  onSaveState(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Writes what is pending, folds the journal into the snapshot (so the store file alone holds
   * everything once Parley has quit), stops the timers and lets another process open the store.
   */
  async close(): Promise<void> {
    await this.flush();
    if (this.lock !== null && this.journal.bytes > 0) await this.compact();
    await this.queue;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.lock?.release();
  }

  /** Copies the file at `path` to `<name>.backup-<timestamp>` and keeps the newest BACKUPS_KEPT. */
  private static async copyToBackup(path: string, now: Date): Promise<string> {
    const target = `${path}.backup-${stampOf(now)}`;
    await copyFile(path, target);
    await Store.removeOldBackups(path);
    return target;
  }

  private static async removeOldBackups(path: string): Promise<void> {
    const backups = await Store.backupNames(path);
    for (const old of backups.slice(0, -BACKUPS_KEPT)) await rm(join(dirname(path), old), { force: true });
  }

  /** Runs `task` after every write before it; rejects with its error, the chain goes on. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.writePending()).catch(() => undefined);
    }, delayMs);
  }

  /**
   * Appends the pending lines to the journal; on failure keeps them and tries again later. A
   * journal over its limit is then folded into a snapshot; if that fails the changes are safe in
   * the journal (the caller hears nothing), the bar shows the problem and it is tried again.
   */
  private async writePending(): Promise<void> {
    const batch = this.pending;
    if (batch.length > 0) {
      this.pending = [];
      try {
        await this.journal.append(batch.map((p) => p.line).join(''));
      } catch (error) {
        this.pending = [...batch, ...this.pending];
        throw this.failed(error);
      }
      this.journalRecords += batch.length;
    }
    const limit = this.journalLimit;
    if (this.journal.bytes >= limit.bytes || this.journalRecords >= limit.records) {
      await this.writeSnapshot().catch(() => undefined);
    } else if (this.pending.length === 0) {
      this.setState({ state: 'saved' });
    }
  }

  /** Writes the model as the snapshot, then empties the journal: everything in it is in the snapshot. */
  private async writeSnapshot(): Promise<void> {
    const seq = this.lastSeq;
    this.low.data = { seq, model: this.current };
    try {
      await this.low.write();
      await this.journal.clear();
    } catch (error) {
      throw this.failed(error);
    }
    this.journalRecords = 0;
    // Changes made while the snapshot was written are still to go to the journal.
    this.pending = this.pending.filter((p) => p.seq > seq);
    if (this.pending.length === 0) this.setState({ state: 'saved' });
    else this.schedule(0);
  }

  /** Shows a failed write and schedules another; returns the error to throw. */
  private failed(error: unknown): ParleyError {
    const message = `Could not save to ${this.path} (${codeOf(error)}); your changes are kept and saving is retried`;
    this.setState({ state: 'error', message });
    this.schedule(RETRY_MS);
    return new ParleyError('IO_ERROR', message);
  }

  private setState(next: SaveState): void {
    if (next.state === this.saveState.state && next.message === this.saveState.message) return;
    this.saveState = next;
    for (const listener of this.listeners) listener(next);
  }
}
