/**
 * Reading the journal as a store opens: a line cut short by a crash is dropped (and cut off before
 * the next append), records the snapshot already holds are skipped, and anything else that does
 * not read (a damaged line, a gap in the numbers, a journal without its snapshot) is refused with
 * both files left byte for byte.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreData } from '../../../main/core/model';
import { Store } from '../../../main/service/store';
import { emptyStoreData } from '../../../main/service/store-data';
import { journalLine, journalPathOf } from '../../../main/service/store-journal';
import { readStore, storeFiles } from '../../fixtures/store-files';

let dir: string;
let path: string;
let journal: string;
const opened: Store[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-journal-'));
  path = join(dir, 'parley-store.json');
  journal = journalPathOf(path);
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const fresh = (): StoreData => emptyStoreData('ada');

async function openOk(): Promise<Store> {
  const result = await Store.open(path, fresh, { debounceMs: 10 });
  if (!result.ok) throw new Error(`store refused: ${result.problem.message}`);
  opened.push(result.store);
  return result.store;
}

function addFolder(store: Store, folder: string): number {
  const before = store.model.tables.folders;
  return store.commit({ changes: [{ type: 'folders', before, after: [...before, folder] }] });
}

/**
 * A store whose journal holds one line per folder, as a Parley killed after writing them leaves
 * it (the store is never closed, which would fold the journal into the snapshot).
 */
async function storeWithJournal(folders: string[]): Promise<string[]> {
  const writer = await openOk();
  for (const folder of folders) {
    addFolder(writer, folder);
    await writer.flush();
  }
  const lines = (await readFile(journal, 'utf8')).split('\n').slice(0, -1);
  expect(lines).toHaveLength(folders.length);
  // Let go of the lock as a killed process does: its files stay as they are.
  opened.splice(opened.indexOf(writer), 1);
  return lines;
}

describe('store journal', () => {
  it('drops a last line cut short by a crash, opens, and reads the next append after it', async () => {
    await storeWithJournal(['/a', '/b']);
    const torn = '{"seq":3,"at":"2026-11-23T09:00:00.000Z","changes":[{"type":"folders","af';
    await appendFile(journal, torn);
    expect((await readStore(path)).folders).toEqual(['/a', '/b']);

    const store = await openOk();
    expect(store.model.tables.folders).toEqual(['/a', '/b']);
    expect(store.seq).toBe(2);
    addFolder(store, '/c');
    await store.flush();
    expect(await readFile(journal, 'utf8')).not.toContain(torn);
    expect((await readStore(path)).folders).toEqual(['/a', '/b', '/c']);
    await store.close();
    const again = await openOk();
    expect(again.model.tables.folders).toEqual(['/a', '/b', '/c']);
  });

  it.each([
    { case: 'not JSON', line: '{"seq":2,"at":"2026-11-23", oops' },
    { case: 'not a Parley change', line: '{"seq":2,"at":"2026-11-23","changes":[{"type":"folders","after":5}]}' },
    { case: 'empty', line: '' },
  ])(
    'refuses a damaged line before the last ($case), naming the journal and the line, and changes neither file',
    async ({ line }) => {
      const lines = await storeWithJournal(['/a', '/b', '/c']);
      await writeFile(journal, [lines[0], line, lines[2], ''].join('\n'));
      const before = await storeFiles(path);

      const result = await Store.open(path, fresh, { debounceMs: 10 });
      expect(result).toMatchObject({ ok: false, problem: { kind: 'corrupt', path, canStartFresh: true } });
      expect(result.ok ? '' : result.problem.message).toMatch(/parley-store\.json\.journal line 2 /);
      expect(await Store.readData(path)).toMatchObject({
        ok: false,
        message: expect.stringContaining('parley-store.json.journal line 2') as unknown,
      });
      expect(await storeFiles(path)).toEqual(before);
    },
  );

  it('refuses a gap in the numbers of the changes, and changes neither file', async () => {
    const lines = await storeWithJournal(['/a', '/b', '/c']);
    await writeFile(journal, [lines[0], lines[2], ''].join('\n'));
    const before = await storeFiles(path);

    const result = await Store.open(path, fresh, { debounceMs: 10 });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'corrupt' } });
    expect(result.ok ? '' : result.problem.message).toMatch(
      /parley-store\.json\.journal line 2 is change 3 where change 2 was expected/,
    );
    expect(await storeFiles(path)).toEqual(before);
  });

  it('refuses a journal whose snapshot is missing, naming both, and creates no snapshot', async () => {
    await storeWithJournal(['/a']);
    await rm(path);
    const before = await storeFiles(path);
    expect(before.snapshot).toBeNull();

    const result = await Store.open(path, fresh, { debounceMs: 10 });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'corrupt' } });
    expect(result.ok ? '' : result.problem.message).toMatch(/parley-store\.json\.journal .*parley-store\.json/);
    expect(await storeFiles(path)).toEqual(before);
  });

  it('skips the records the snapshot holds already (a crash between its rename and emptying the journal)', async () => {
    await storeWithJournal(['/a', '/b']);
    const stale = await readFile(journal);
    const writer = await openOk();
    await writer.compact();
    opened.splice(opened.indexOf(writer), 1);
    const next = journalLine(
      3,
      { changes: [{ type: 'folders', before: ['/a', '/b'], after: ['/a', '/b', '/c'] }] },
      '2026-11-23T09:00:00.000Z',
    );
    await writeFile(journal, Buffer.concat([stale, Buffer.from(next)]));

    expect((await readStore(path)).folders).toEqual(['/a', '/b', '/c']);
    const store = await openOk();
    expect(store.seq).toBe(3);
    expect(store.model.tables.folders).toEqual(['/a', '/b', '/c']);
  });

  it('keeps only the values after in a journal line, one line per transaction', () => {
    const line = journalLine(
      7,
      { changes: [{ type: 'folders', before: ['/old'], after: ['/old', '/new'] }] },
      '2026-11-23T09:00:00.000Z',
    );
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      seq: 7,
      at: '2026-11-23T09:00:00.000Z',
      changes: [{ type: 'folders', after: ['/old', '/new'] }],
    });
  });
});
