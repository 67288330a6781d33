/**
 * The lowdb adapter behind Parley: reads the store once, refuses files it cannot parse or that a
 * newer Parley wrote, and writes changes atomically (temporary file, then rename) after a short
 * debounce, so every change is on disk within `debounceMs` and a burst costs one write.
 */
import { copyFile, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { BackupInfo, SaveState, StoreProblem } from '../api/contract';
import { ParleyError } from './errors';
import { StoreInUseError, StoreLock } from './store-lock';
import { migrate } from './migrations';
import type { StoreData } from './store-data';

/** How many backups of the store are kept; older ones are removed. */
export const BACKUPS_KEPT = 5;

/** Default delay between a change and its write; the issue asks for ≤ 500 ms to disk. */
export const DEFAULT_DEBOUNCE_MS = 200;
/** Delay before a failed write is tried again. */
const RETRY_MS = 2000;

export type OpenStoreResult = { ok: true; store: Store } | { ok: false; problem: StoreProblem };

/** How a store is opened: for writing, under a lock naming `lockedBy`, or only to read. */
export type StoreAccess = { lockedBy: string } | { readOnly: true };

const WRITER: StoreAccess = { lockedBy: 'Parley' };

/** `2026-11-23T16-02-11-123Z` (a backup's stamp) as ISO 8601. */
const stampToIso = (stamp: string): string =>
  stamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');

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

/** Parses the store file; a file that is not a JSON value, or is `null`, throws naming the line. */
function parseStoreText(path: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = describeJsonError(text);
    throw new ParleyError('STORE_UNAVAILABLE', `${basename(path)} is not valid JSON${where}; it was left untouched`);
  }
  // lowdb reads `null` as "no file" and would write defaults over it.
  if (value === null) {
    throw new ParleyError(
      'STORE_UNAVAILABLE',
      `${basename(path)} holds null, not a Parley store; it was left untouched`,
    );
  }
  return value;
}

/** The store file: its data in memory and the schedule of its writes. */
export class Store {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private isDirty = false;
  private saveState: SaveState = { state: 'saved' };
  private readonly listeners = new Set<(state: SaveState) => void>();

  private constructor(
    private readonly db: Low<StoreData>,
    readonly path: string,
    private readonly debounceMs: number,
    /** Null when opened only to read: nothing is ever written. */
    private readonly lock: StoreLock | null,
  ) {}

  /**
   * Opens the store at `path`, creating it from `fresh()` when there is no file. A file that
   * cannot be read, parsed or understood is refused with a StoreProblem and left untouched.
   */
  static async open(
    path: string,
    fresh: () => StoreData,
    debounceMs = DEFAULT_DEBOUNCE_MS,
    access: StoreAccess = WRITER,
  ): Promise<OpenStoreResult> {
    let lock: StoreLock | null = null;
    if ('lockedBy' in access) {
      try {
        lock = await StoreLock.acquire(path, access.lockedBy);
      } catch (error) {
        if (error instanceof StoreInUseError) {
          return { ok: false, problem: { kind: 'in-use', path, message: error.message, canStartFresh: false } };
        }
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        const message = `${basename(path)} cannot be locked for writing (${code}); check the permissions of its folder`;
        return { ok: false, problem: { kind: 'unreadable', path, message, canStartFresh: false } };
      }
    }
    const opened = await Store.read(path, fresh, debounceMs, lock);
    if (!opened.ok) await lock?.release();
    return opened;
  }

  private static async read(
    path: string,
    fresh: () => StoreData,
    debounceMs: number,
    lock: StoreLock | null,
  ): Promise<OpenStoreResult> {
    const adapter = new DataFile<unknown>(path, {
      parse: (text) => parseStoreText(path, text),
      stringify: (data) => `${JSON.stringify(data, null, 1)}\n`,
    });
    let raw: unknown;
    try {
      raw = await adapter.read();
    } catch (error) {
      if (error instanceof ParleyError) {
        return { ok: false, problem: { kind: 'corrupt', path, message: error.message, canStartFresh: true } };
      }
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const message = `${basename(path)} cannot be read (${code}); check its permissions and start Parley again`;
      return { ok: false, problem: { kind: 'unreadable', path, message, canStartFresh: false } };
    }
    const isNew = raw === null;
    const migrated = isNew ? { ok: true as const, data: fresh(), changed: true } : migrate(raw);
    if (!migrated.ok) {
      const canStartFresh = migrated.kind === 'corrupt';
      const message = `${basename(path)} ${migrated.reason}`;
      return { ok: false, problem: { kind: migrated.kind, path, message, canStartFresh } };
    }
    const store = new Store(new Low<StoreData>(adapter as DataFile<StoreData>, migrated.data), path, debounceMs, lock);
    if (lock === null) return { ok: true, store };
    // The file as the older Parley wrote it is kept before the migrated store replaces it.
    if (migrated.changed && !isNew) await Store.copyToBackup(path, new Date());
    if (migrated.changed) await store.flush(true);
    return { ok: true, store };
  }

  /**
   * Moves an unusable store file aside as `<name>.corrupt-<timestamp>` so a fresh store can
   * take its place. Returns the new path of the old file.
   */
  static async setAside(path: string, now = new Date()): Promise<string> {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const target = `${path}.corrupt-${stamp}`;
    await stat(path);
    await rename(path, target);
    return target;
  }

  /** The data; mutate it, then call markDirty(). */
  get data(): StoreData {
    return this.db.data;
  }

  get state(): SaveState {
    return this.saveState;
  }

  /** Schedules a write; many calls within the debounce cost one write. A read-only store keeps changes in memory. */
  markDirty(): void {
    if (this.lock === null) return;
    this.isDirty = true;
    this.setState({ state: 'saving' });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.debounceMs);
  }

  /**
   * Writes pending changes now. Rejects with IO_ERROR when the write fails; the change stays in
   * memory and another write is scheduled.
   */
  async flush(force = false): Promise<void> {
    if (this.lock === null) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.isDirty && !force) return this.writing;
    this.isDirty = false;
    this.setState({ state: 'saving' });
    const write = this.writing.then(() => this.db.write());
    this.writing = write.catch(() => undefined);
    try {
      await write;
      if (!this.isDirty) this.setState({ state: 'saved' });
    } catch (error) {
      this.isDirty = true;
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      const message = `Could not save to ${this.path} (${reason}); your changes are kept and saving is retried`;
      this.setState({ state: 'error', message });
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush().catch(() => undefined);
      }, RETRY_MS);
      throw new ParleyError('IO_ERROR', message);
    }
  }

  /**
   * Writes pending changes, then copies the store to `<name>.backup-<timestamp>` next to it and
   * removes all but the newest BACKUPS_KEPT backups. Returns the backup's path.
   */
  async backup(now = new Date()): Promise<string> {
    await this.flush(true);
    return Store.copyToBackup(this.path, now);
  }

  /** The backups of the store at `path`, newest first, with what they hold. */
  static async listBackups(path: string): Promise<BackupInfo[]> {
    const prefix = `${basename(path)}.backup-`;
    const names = (await Store.backupNames(path)).reverse();
    return Promise.all(
      names.map(async (name): Promise<BackupInfo> => {
        const file = join(dirname(path), name);
        const { size } = await stat(file);
        const read = await Store.readBackup(file).catch(() => null);
        const data = read?.ok ? read.data : null;
        return {
          name,
          createdAt: stampToIso(name.slice(prefix.length)),
          bytes: size,
          annotations: data ? Object.keys(data.annotations).length : null,
          documents: data ? Object.keys(data.documents).length : null,
        };
      }),
    );
  }

  /** The data of a backup file, migrated to the current schema; or why it is not a Parley store. */
  static async readBackup(file: string): Promise<{ ok: true; data: StoreData } | { ok: false; message: string }> {
    let raw: unknown;
    try {
      raw = parseStoreText(file, await readFile(file, 'utf8'));
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const migrated = migrate(raw);
    return migrated.ok
      ? { ok: true, data: migrated.data }
      : { ok: false, message: `${basename(file)} ${migrated.reason}` };
  }

  /** Replaces all the data (a restored backup) and writes it. */
  async replaceData(next: StoreData): Promise<void> {
    this.db.data = next;
    this.markDirty();
    await this.flush();
  }

  /** Copies the file at `path` to `<name>.backup-<timestamp>` and keeps the newest BACKUPS_KEPT. */
  private static async copyToBackup(path: string, now: Date): Promise<string> {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const target = `${path}.backup-${stamp}`;
    await copyFile(path, target);
    const backups = await Store.backupNames(path);
    for (const old of backups.slice(0, -BACKUPS_KEPT)) await rm(join(dirname(path), old), { force: true });
    return target;
  }

  /** File names of the backups of the store at `path`, oldest first (their stamps sort by time). */
  static async backupNames(path: string): Promise<string[]> {
    const prefix = `${basename(path)}.backup-`;
    return (await readdir(dirname(path))).filter((n) => n.startsWith(prefix)).sort();
  }

  /** Subscribes to save-state changes; returns the unsubscribe function. */
  onSaveState(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes what is pending, stops the timers and lets another process open the store. */
  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.lock?.release();
  }

  private setState(next: SaveState): void {
    if (next.state === this.saveState.state && next.message === this.saveState.message) return;
    this.saveState = next;
    for (const listener of this.listeners) listener(next);
  }
}
