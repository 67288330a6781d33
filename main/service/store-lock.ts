/**
 * One writer per store: `<store>.lock` names the process that has the store open for writing.
 * Another Parley (a second app, a CLI import) finds it and is refused with who holds it. A lock
 * left by a process that no longer runs on this machine (killed, crashed) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';

/** What the lock file holds. */
export interface LockOwner {
  pid: number;
  host: string;
  /** What holds the store: "the Parley app", "parley import". */
  by: string;
  since: string;
}

export const lockPathOf = (storePath: string): string => `${storePath}.lock`;

/** Whether process `pid` runs on this machine (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return { pid: value.pid, host: value.host, by: String(value.by ?? 'Parley'), since: String(value.since ?? '') };
  } catch {
    return null;
  }
}

/** The store is held by another process. */
export class StoreInUseError extends Error {
  constructor(
    storePath: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.host === hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
    const since = owner.since ? `, since ${owner.since}` : '';
    super(
      `${basename(storePath)} is open in ${owner.by} (${where}${since}). Close it there first: two ` +
        `programs writing one store would overwrite each other's work.` +
        (owner.host === hostname()
          ? ''
          : ` If that machine no longer runs Parley, delete ${basename(lockPathOf(storePath))}.`),
    );
    this.name = 'StoreInUseError';
  }
}

/** A held lock; `release()` removes the file if it is still this process's. */
export class StoreLock {
  private constructor(
    private readonly path: string,
    private readonly owner: LockOwner,
  ) {}

  /**
   * Takes the lock of `storePath` for this process, or throws StoreInUseError naming the
   * process that holds it. A lock whose process is gone from this machine is taken over.
   */
  static async acquire(storePath: string, by: string, now = new Date()): Promise<StoreLock> {
    const path = lockPathOf(storePath);
    const owner: LockOwner = { pid: process.pid, host: hostname(), by, since: now.toISOString() };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const handle = await open(path, 'wx');
        try {
          await handle.writeFile(`${JSON.stringify(owner)}\n`);
        } finally {
          await handle.close();
        }
        return new StoreLock(path, owner);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      }
      const held = parseOwner(await readFile(path, 'utf8').catch(() => ''));
      // An unreadable lock is one a process died writing; a dead process's lock is stale.
      const isStale = held === null || (held.host === owner.host && (held.pid === process.pid || !isRunning(held.pid)));
      if (!isStale) throw new StoreInUseError(storePath, held);
      await rm(path, { force: true });
    }
  }

  /** Removes the lock file, unless another process has taken it since. */
  async release(): Promise<void> {
    const held = parseOwner(await readFile(this.path, 'utf8').catch(() => ''));
    if (held && held.pid === this.owner.pid && held.since === this.owner.since) await rm(this.path, { force: true });
  }
}
