import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParleyService } from '../../../main/service/parley-service';
import { Store } from '../../../main/service/store';
import { emptyStoreData } from '../../../main/service/store-data';
import { lockPathOf, StoreInUseError, StoreLock } from '../../../main/service/store-lock';
import { storeFiles } from '../../fixtures/store-files';
import { runCli } from '../main/run-cli';

const SEEDS = resolve(import.meta.dirname, '../../../seeds');
let dir = '';
let storePath = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-lock-'));
  storePath = join(dir, 'parley-store.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process that sleeps: a live pid that is not this one. */
function sleeper(): Promise<{ pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return new Promise((done) => child.once('spawn', () => done({ pid: child.pid ?? -1, stop: () => child.kill() })));
}

const lockOf = (pid: number, host = hostname()) =>
  `${JSON.stringify({ pid, host, by: 'the Parley app', since: '2026-11-23T09:00:00.000Z' })}\n`;

describe('store lock', () => {
  it('refuses a second writer while another live process holds the store, naming it', async () => {
    const other = await sleeper();
    try {
      await writeFile(lockPathOf(storePath), lockOf(other.pid));
      const error = await StoreLock.acquire(storePath, 'parley import').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreInUseError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `parley-store.json is open in the Parley app \\(process ${other.pid}, since .*\\)\\. Close it there first`,
        ),
      );
      // The service reports it as a store problem and does not touch the file.
      await writeFile(storePath, JSON.stringify({ ...emptyStoreData('ada'), annotations: {} }));
      const before = await storeFiles(storePath);
      const service = await ParleyService.create({ storePath, seedDirs: [SEEDS], defaultAnnotator: 'ada' });
      const session = await service.getSession();
      expect(session.storeProblem).toMatchObject({ kind: 'in-use', canStartFresh: false });
      await service.close();
      expect(await storeFiles(storePath)).toEqual(before);
      expect(await readFile(lockPathOf(storePath), 'utf8')).toBe(lockOf(other.pid));
    } finally {
      other.stop();
    }
  });

  it('takes over the lock of a process that is gone (killed, crashed) or a lock cut short', async () => {
    const other = await sleeper();
    other.stop();
    await new Promise((r) => setTimeout(r, 200));
    await writeFile(lockPathOf(storePath), lockOf(other.pid));
    const lock = await StoreLock.acquire(storePath, 'the Parley app');
    expect(JSON.parse(await readFile(lockPathOf(storePath), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    await writeFile(lockPathOf(storePath), '{"pid": 12');
    const again = await StoreLock.acquire(storePath, 'the Parley app');
    await again.release();
    await expect(readFile(lockPathOf(storePath))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a lock held on another machine and says how to clear it', async () => {
    await writeFile(lockPathOf(storePath), lockOf(1, 'analyst-laptop'));
    await expect(StoreLock.acquire(storePath, 'parley import')).rejects.toThrow(
      /process 1 on analyst-laptop.*If that machine no longer runs Parley, delete parley-store\.json\.lock/,
    );
  });

  it('lets readers open the store beside a writer, and they write nothing', async () => {
    const writer = await Store.open(storePath, () => emptyStoreData('ada'));
    if (!writer.ok) throw new Error(writer.problem.message);
    const reader = await Store.open(storePath, () => emptyStoreData('ada'), {
      debounceMs: 0,
      access: { readOnly: true },
    });
    if (!reader.ok) throw new Error(reader.problem.message);
    const before = await storeFiles(storePath);
    const folders = reader.store.model.tables.folders;
    reader.store.commit({ changes: [{ type: 'folders', before: folders, after: [...folders, '/never-written'] }] });
    await reader.store.flush();
    await reader.store.close();
    expect(await storeFiles(storePath)).toEqual(before);
    // The reader let go of nothing it did not hold: the writer's lock is still there.
    expect(JSON.parse(await readFile(lockPathOf(storePath), 'utf8'))).toMatchObject({ pid: process.pid });
    await writer.store.close();
  });

  it('the command line: import is refused while the app holds the store; export runs beside it', async () => {
    const other = await sleeper();
    try {
      const app = await ParleyService.create({ storePath, seedDirs: [SEEDS], defaultAnnotator: 'ada' });
      await app.close();
      await writeFile(lockPathOf(storePath), lockOf(other.pid));
      const source = join(dir, 'in.jsonl');
      await writeFile(source, '');
      const imported = await runCli(
        ...['import', '--store', storePath, '--seeds', SEEDS, '--format', 'spans', '--in', source, '--annotator', 'bo'],
      );
      expect(imported.code).toBe(1);
      expect(imported.err).toMatch(/is open in the Parley app \(process \d+/);
      const exported = await runCli(
        ...['export', '--store', storePath, '--seeds', SEEDS, '--format', 'spans', '--out', join(dir, 'out.jsonl')],
      );
      expect(exported.err).toBe('');
      expect(exported.code).toBe(0);
    } finally {
      other.stop();
    }
  });
});
