/**
 * The store: opening (fresh, migrated, refused), writing through the journal (debounce, max wait,
 * failures), folding the journal into a snapshot, backups, read-only use, and the order of fsyncs
 * that makes "Saved" true after a power cut. node:fs/promises is wrapped to record every sync and
 * rename; the wrapper changes nothing else. Reading the journal itself: store-journal.test.ts.
 */
import type { PathLike } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../../main/api/contract';
import type { Annotation, StoreData } from '../../../main/core/model';
import { annotationChange } from '../../../main/core/transaction';
import { ParleyError } from '../../../main/service/errors';
import { BACKUPS_KEPT, Store, type StoreOptions } from '../../../main/service/store';
import { CURRENT_SCHEMA_VERSION, emptyStoreData } from '../../../main/service/store-data';
import { journalPathOf } from '../../../main/service/store-journal';
import { readSnapshotHeader } from '../../../main/service/store-snapshot';
import { readStore, storeFiles } from '../../fixtures/store-files';

/** What the store asked of the disk, in order, while `isRecording`; `at` is Date.now() (faked in some tests). */
const disk = vi.hoisted(() => ({
  isRecording: false,
  log: [] as { event: string; path: string; to?: string; at: number }[],
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const note = (event: string, path: PathLike, to?: PathLike): void => {
    if (disk.isRecording)
      disk.log.push({ event, path: String(path), ...(to !== undefined && { to: String(to) }), at: Date.now() });
  };
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      note('open', args[0]);
      const handle = await fs.open(...args);
      const sync = handle.sync.bind(handle);
      const datasync = handle.datasync.bind(handle);
      handle.sync = () => {
        note('sync', args[0]);
        return sync();
      };
      handle.datasync = () => {
        note('datasync', args[0]);
        return datasync();
      };
      return handle;
    },
    rename: async (from: PathLike, to: PathLike) => {
      note('rename', from, to);
      return fs.rename(from, to);
    },
  };
});

let dir: string;
let path: string;
const opened: Store[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-store-'));
  path = join(dir, 'parley-store.json');
  disk.isRecording = false;
  disk.log = [];
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  disk.isRecording = false;
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const fresh = (): StoreData => emptyStoreData('ada');

/** How long to wait for a write on a busy machine; no test asserts how fast a write is. */
const WAIT = { timeout: 5000, interval: 50 };

/** Opens the store and fails the test when it is refused. */
async function openOk(at = path, options: StoreOptions = {}): Promise<Store> {
  const result = await Store.open(at, fresh, { debounceMs: 10, ...options });
  if (!result.ok) throw new Error(`store refused: ${result.problem.message}`);
  opened.push(result.store);
  return result.store;
}

const annotation = (id: string, docId = 'doc-a', start = 0): Annotation => ({
  id,
  docId,
  start,
  end: start + 3,
  label: 'quote',
  text: 'abc',
  prefix: '',
  suffix: '',
  annotator: 'ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** Commits one more folder, as File > Open Folder… does. */
function addFolder(store: Store, folder: string): number {
  const before = store.model.tables.folders;
  return store.commit({ changes: [{ type: 'folders', before, after: [...before, folder] }] });
}

const addAnnotation = (store: Store, a: Annotation): number => store.commit({ changes: [annotationChange(null, a)] });

/** Data compared as a value: annotations in id order. */
const normalised = (data: StoreData): StoreData => ({
  ...data,
  annotations: [...data.annotations].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

const sizeOf = (at: string): Promise<number> =>
  stat(at).then(
    (s) => s.size,
    () => 0,
  );

/** A current-version store file as a person might have edited it: annotations filed by document. */
const validStore = (changes: Record<string, unknown> = {}): string =>
  JSON.stringify({ ...emptyStoreData('ada'), annotations: {}, ...changes }, null, 1);

/** The recorded disk events, named relative to the test's folder ("." is the folder). */
const events = (kinds: readonly string[] = ['sync', 'datasync', 'rename', 'saved']): string[] =>
  disk.log
    .filter((e) => kinds.includes(e.event))
    .map((e) =>
      [e.event, relative(dir, e.path) || '.', ...(e.to === undefined ? [] : [relative(dir, e.to)])].join(' '),
    );

describe('store', () => {
  describe('Store.open', () => {
    it('creates a snapshot with fresh data when there is none', async () => {
      const store = await openOk();
      expect(store.model.toData()).toEqual(emptyStoreData('ada'));
      expect(await readStore(path)).toEqual(emptyStoreData('ada'));
      expect(await readSnapshotHeader(path)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, seq: 0 });
      expect(store.state).toEqual({ state: 'saved' });
    });

    it('does not rewrite a valid store it opens', async () => {
      const content = `${validStore({ folders: ['/corpus'] })}   `;
      await writeFile(path, content);
      const store = await openOk();
      expect(store.model.tables.folders).toEqual(['/corpus']);
      await store.close();
      expect(await storeFiles(path)).toEqual({ snapshot: Buffer.from(content), journal: null });
    });

    it('does not rewrite a store this Parley wrote when its journal is empty', async () => {
      const first = await openOk();
      addAnnotation(first, annotation('a1'));
      await first.flush();
      await first.compact();
      await first.close();
      const before = await storeFiles(path);
      expect(before.journal?.length ?? 0).toBe(0);

      const again = await openOk();
      expect(again.model.annotation('a1')).toEqual(annotation('a1'));
      await again.close();
      expect(await storeFiles(path)).toEqual(before);
    });

    const annotationById = annotation('a1', 'd');
    const {
      review: _review,
      rejectedSuggestions: _rejected,
      activity: _activity,
      annotations: _a,
      ...v1
    } = emptyStoreData('ada');
    const { annotations: _none, ...v3 } = emptyStoreData('ada');
    it.each([
      { version: 1, content: JSON.stringify({ ...v1, schemaVersion: 1, annotations: { a1: annotationById } }) },
      {
        version: 3,
        content: JSON.stringify({ ...v3, schemaVersion: 3, annotations: { a1: annotationById } }, null, 2),
      },
    ])(
      'migrates a version $version store (annotations by id), keeping the old file byte for byte as a backup',
      async ({ content }) => {
        await writeFile(path, content);
        const store = await openOk();
        const data = await readStore(path);
        expect(data.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
        expect(data.annotations).toEqual([annotationById]);
        expect(data).toMatchObject({ review: {}, rejectedSuggestions: {}, activity: {}, settings: v3.settings });
        expect(normalised(store.model.toData())).toEqual(normalised(data));
        // Written in the current layout: the header first.
        expect(await readSnapshotHeader(path)).toMatchObject({
          schemaVersion: CURRENT_SCHEMA_VERSION,
          annotations: 1,
          documents: 0,
        });
        const backups = await Store.backupNames(path);
        expect(backups).toHaveLength(1);
        expect(await readFile(join(dir, backups[0] ?? ''), 'utf8')).toBe(content);
      },
    );

    it('keeps a version 3 store the same, field for field, when it migrates it', async () => {
      const v3Data = {
        ...v3,
        schemaVersion: 3,
        folders: ['/news'],
        documents: { d: { id: 'd', title: 'D', source: '/news/d.txt', sha256: 'ab' } },
        status: { d: { ada: 'done' } },
        review: { d: { state: 'adjudicated', rejected: ['x'] } },
        rejectedSuggestions: { d: { ada: ['quote:0:3'] } },
        activity: { ada: { d: 1234 } },
        annotations: { a1: annotationById, a2: annotation('a2', 'd', 5), b1: annotation('b1', 'e', 1) },
      };
      await writeFile(path, JSON.stringify(v3Data));
      await openOk();
      const data = normalised(await readStore(path));
      expect(data).toEqual({
        ...v3Data,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        annotations: [annotationById, annotation('a2', 'd', 5), annotation('b1', 'e', 1)],
      });
    });

    it('refuses a file that is not valid JSON, names the file and the line, and leaves it untouched', async () => {
      const content = '{\n "schemaVersion": 1,\n oops\n}\n';
      await writeFile(path, content);
      const result = await Store.open(path, fresh, { debounceMs: 10 });
      expect(result).toMatchObject({ ok: false, problem: { kind: 'corrupt', path, canStartFresh: true } });
      if (result.ok) return;
      expect(result.problem.message).toContain('parley-store.json');
      expect(result.problem.message).toContain('at line 3');
      expect(await storeFiles(path)).toEqual({ snapshot: Buffer.from(content), journal: null });
    });

    const withoutPosition = [
      { case: 'a truncated file', content: '{\n "schemaVersion": 1,\n "folders": [\n' },
      { case: 'an unexpected token', content: '{\n "schemaVersion": 1,\n "folders": }\n' },
    ];
    for (const { case: name, content } of withoutPosition) {
      it(`names the line when the JSON error is ${name}`, async () => {
        await writeFile(path, content);
        const result = await Store.open(path, fresh, { debounceMs: 10 });
        expect(await readFile(path, 'utf8')).toBe(content);
        expect(result.ok ? '' : result.problem.message).toMatch(/parley-store\.json is not valid JSON at line \d+/);
      });
    }

    it.each([
      { case: 'an array', content: '[]' },
      { case: 'a number', content: '42' },
      { case: 'an empty file', content: '' },
      { case: 'an object without schemaVersion', content: '{}' },
      { case: 'schemaVersion 0', content: validStore({ schemaVersion: 0 }) },
      { case: 'annotations: 5', content: validStore({ annotations: 5 }) },
      { case: 'annotations as a list', content: validStore({ annotations: [] }) },
      {
        case: 'an annotation filed under another document',
        content: validStore({ annotations: { x: [annotation('a')] } }),
      },
      { case: 'a settings object without annotator', content: validStore({ settings: { extendToWords: true } }) },
    ])('refuses $case as corrupt and leaves the file untouched', async ({ content }) => {
      await writeFile(path, content);
      const result = await Store.open(path, fresh, { debounceMs: 10 });
      expect(result).toMatchObject({ ok: false, problem: { kind: 'corrupt', canStartFresh: true } });
      expect(await storeFiles(path)).toEqual({ snapshot: Buffer.from(content), journal: null });
    });

    it('names the field when the shape is wrong', async () => {
      await writeFile(path, validStore({ annotations: 5 }));
      const result = await Store.open(path, fresh, { debounceMs: 10 });
      expect(result.ok ? '' : result.problem.message).toMatch(/parley-store\.json .*annotations/);
    });

    it('refuses a file holding null as corrupt and leaves it untouched', async () => {
      await writeFile(path, 'null');
      const result = await Store.open(path, fresh, { debounceMs: 10 });
      if (result.ok) opened.push(result.store);
      expect(await readFile(path, 'utf8')).toBe('null');
      expect(result).toMatchObject({ ok: false, problem: { kind: 'corrupt', canStartFresh: true } });
    });

    it('refuses a store from a newer Parley without offering to start fresh, and leaves it untouched', async () => {
      const content = validStore({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
      await writeFile(path, content);
      const result = await Store.open(path, fresh, { debounceMs: 10 });
      expect(result).toMatchObject({ ok: false, problem: { kind: 'newer-version', path, canStartFresh: false } });
      expect(result.ok ? '' : result.problem.message).toContain(`schema version ${CURRENT_SCHEMA_VERSION + 1}`);
      expect(await storeFiles(path)).toEqual({ snapshot: Buffer.from(content), journal: null });
    });

    it('reports a store it cannot read as unreadable, without offering to start fresh', async () => {
      await mkdir(path);
      const result = await Store.open(path, fresh, { debounceMs: 10 });
      expect(result).toMatchObject({ ok: false, problem: { kind: 'unreadable', canStartFresh: false } });
      expect(result.ok ? '' : result.problem.message).toContain('EISDIR');
    });
  });

  describe('writing', () => {
    it('keeps the data across close and reopen', async () => {
      const store = await openOk();
      addFolder(store, '/news');
      const settings = store.model.tables.settings;
      store.commit({ changes: [{ type: 'settings', before: settings, after: { ...settings, annotator: 'bob' } }] });
      await store.close();

      const again = await openOk();
      expect(again.model.tables.folders).toEqual(['/news']);
      expect(again.model.tables.settings.annotator).toBe('bob');
    });

    it('has a change in the journal after flush, where Store.readData sees it, and leaves the snapshot', async () => {
      const store = await openOk();
      const snapshot = await readFile(path);
      const seq = addAnnotation(store, annotation('a1'));
      await store.flush();
      const lines = (await readFile(journalPathOf(path), 'utf8')).split('\n');
      expect(lines.at(-1)).toBe('');
      expect(JSON.parse(lines[0] ?? '')).toMatchObject({ seq, changes: [{ type: 'annotation', id: 'a1' }] });
      expect((await readStore(path)).annotations).toEqual([annotation('a1')]);
      expect(await readFile(path)).toEqual(snapshot);
      expect(store.state).toEqual({ state: 'saved' });
    });

    it('leaves no temporary file: beside the store only its journal and, while open, its lock', async () => {
      const store = await openOk();
      addFolder(store, '/a');
      await store.flush();
      await store.compact();
      addFolder(store, '/b');
      await store.flush();
      expect((await readdir(dir)).sort()).toEqual([
        'parley-store.json',
        'parley-store.json.journal',
        'parley-store.json.lock',
      ]);
      await store.close();
      expect((await readdir(dir)).filter((n) => n !== 'parley-store.json.journal')).toEqual(['parley-store.json']);
    });

    it('writes a change on its own within the debounce', async () => {
      const store = await openOk();
      addFolder(store, '/debounced');
      expect(store.state.state).toBe('saving');
      await vi.waitFor(async () => expect((await readStore(path)).folders).toEqual(['/debounced']), WAIT);
      await vi.waitFor(() => expect(store.state).toEqual({ state: 'saved' }), WAIT);
    });

    it('appends ten commits 20 ms apart once, after they pause (trailing debounce)', async () => {
      const store = await openOk(path, { debounceMs: 100 });
      const states: SaveState['state'][] = [];
      store.onSaveState((s) => states.push(s.state));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      disk.isRecording = true;
      const sizes: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        addFolder(store, `/f${i}`);
        await vi.advanceTimersByTimeAsync(20);
        sizes.push(await sizeOf(journalPathOf(path)));
      }
      // Each commit came within the debounce of the one before: nothing was written yet.
      expect(sizes).toEqual(Array.from({ length: 10 }, () => 0));
      await vi.advanceTimersByTimeAsync(100);
      await vi.waitFor(() => expect(store.state.state).toBe('saved'), WAIT);
      // One append: one open of the journal, one datasync.
      expect(events(['open', 'datasync']).filter((e) => e.endsWith('.journal'))).toEqual([
        'open parley-store.json.journal',
        'datasync parley-store.json.journal',
      ]);
      expect(states).toEqual(['saving', 'saved']);
      const lines = (await readFile(journalPathOf(path), 'utf8')).split('\n').filter(Boolean);
      expect(lines).toHaveLength(10);
      vi.useRealTimers();
      expect((await readStore(path)).folders).toEqual(Array.from({ length: 10 }, (_, i) => `/f${i}`));
    });

    it('writes steady commits within the maximum wait of 1 s, without waiting for them to pause', async () => {
      const store = await openOk(path, { debounceMs: 300 });
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      disk.isRecording = true;
      const startedAt = Date.now();
      // A commit every 50 ms for 2.5 s: the debounce of 300 ms never runs out on its own.
      for (let i = 0; i < 50; i += 1) {
        addFolder(store, `/f${i}`);
        await vi.advanceTimersByTimeAsync(50);
      }
      const lastCommitAt = Date.now() - 50;
      const appendsAt = disk.log
        .filter((e) => e.event === 'open' && e.path.endsWith('.journal'))
        .map((e) => e.at - startedAt);
      expect(appendsAt[0]).toBeLessThanOrEqual(1000);
      expect(appendsAt[0]).toBeLessThan(lastCommitAt - startedAt);
      await vi.advanceTimersByTimeAsync(300);
      await vi.waitFor(() => expect(store.state.state).toBe('saved'), WAIT);
      vi.useRealTimers();
      expect((await readStore(path)).folders).toHaveLength(50);
    });

    it('rejects with IO_ERROR, reports the error, keeps the change and writes it once the folder is back', async () => {
      const folder = join(dir, 'nested');
      await mkdir(folder);
      const at = join(folder, 'parley-store.json');
      const store = await openOk(at);
      // The store's folder is replaced by a regular file, so the next write fails with ENOTDIR.
      await rename(folder, `${folder}-aside`);
      await writeFile(folder, 'not a folder');

      addFolder(store, '/unsaved');
      const failure = store.flush();
      await expect(failure).rejects.toBeInstanceOf(ParleyError);
      await expect(failure).rejects.toMatchObject({ code: 'IO_ERROR' });
      expect(store.state.state).toBe('error');
      expect(store.state.message).toMatch(/ENOTDIR.*changes are kept/);
      expect(store.model.tables.folders).toEqual(['/unsaved']);

      // Once the folder is back, the kept change reaches the disk.
      await rm(folder);
      await rename(`${folder}-aside`, folder);
      await store.flush();
      expect(store.state).toEqual({ state: 'saved' });
      expect((await readStore(at)).folders).toEqual(['/unsaved']);
    });

    it('retries a snapshot that failed after the journal append, and ends saved', async () => {
      const store = await openOk(path, { journalLimit: { bytes: 2 ** 30, records: 1 } });
      // The snapshot's temporary file cannot be created while a folder has its name (EISDIR).
      const temporary = join(dir, '.parley-store.json.tmp');
      await mkdir(temporary);
      addFolder(store, '/a');
      await store.flush().catch(() => undefined);
      // The change is on the disk all the same, in the journal.
      expect((await readStore(path)).folders).toEqual(['/a']);
      expect(store.state.state).toBe('error');

      await rm(temporary, { recursive: true });
      await vi.waitFor(() => expect(store.state).toEqual({ state: 'saved' }), WAIT);
      expect(await sizeOf(journalPathOf(path))).toBe(0);
      expect(await readSnapshotHeader(path)).toMatchObject({ seq: 1 });
    }, 15_000);

    it('refuses a transaction that does not fit the data with RangeError and writes nothing', async () => {
      const store = await openOk();
      const before = await storeFiles(path);
      expect(() => store.commit({ changes: [{ type: 'folders', before: ['/not', '/these'], after: ['/x'] }] })).toThrow(
        RangeError,
      );
      expect(store.state).toEqual({ state: 'saved' });
      await store.close();
      expect(await storeFiles(path)).toEqual(before);
    });
  });

  describe('folding the journal into a snapshot', () => {
    it.each([
      { limit: { bytes: 2 ** 30, records: 3 }, by: 'records' },
      { limit: { bytes: 600, records: 10_000 }, by: 'bytes' },
    ])('empties the journal into a snapshot holding everything at its limit in $by', async ({ limit }) => {
      const store = await openOk(path, { journalLimit: limit });
      for (let i = 0; i < 3; i += 1) {
        addAnnotation(store, annotation(`a${i}`, `doc-${i % 2}`, i * 10));
        await store.flush();
      }
      expect(await sizeOf(journalPathOf(path))).toBe(0);
      expect(await readSnapshotHeader(path)).toMatchObject({ seq: store.seq, annotations: 3, documents: 0 });
      const data = normalised(await readStore(path));
      expect(data).toEqual(normalised(store.model.toData()));
      expect(data.annotations.map((a) => a.id)).toEqual(['a0', 'a1', 'a2']);
      expect(store.state).toEqual({ state: 'saved' });

      await store.close();
      const again = await openOk();
      expect(normalised(again.model.toData())).toEqual(data);
      expect(again.seq).toBe(store.seq);
    });

    it('folds into the snapshot the journal a session left when it ended without closing', async () => {
      const first = await openOk();
      addFolder(first, '/news');
      await first.flush();
      // The files as a killed Parley leaves them, under another name: the first store stays open.
      const left = join(dir, 'left.json');
      await writeFile(left, await readFile(path));
      await writeFile(journalPathOf(left), await readFile(journalPathOf(path)));
      expect(await sizeOf(journalPathOf(left))).toBeGreaterThan(0);

      const again = await openOk(left);
      expect(again.model.tables.folders).toEqual(['/news']);
      await again.flush();
      expect(await sizeOf(journalPathOf(left))).toBe(0);
      expect(await readSnapshotHeader(left)).toMatchObject({ seq: 1 });
      expect((await readStore(left)).folders).toEqual(['/news']);
    });

    it('folds the journal into the snapshot when it closes, so the snapshot alone holds everything', async () => {
      const store = await openOk();
      addFolder(store, '/news');
      await store.flush();
      expect(await sizeOf(journalPathOf(path))).toBeGreaterThan(0);
      await store.close();
      expect(await sizeOf(journalPathOf(path))).toBe(0);
      expect(await readSnapshotHeader(path)).toMatchObject({ seq: 1 });
    });

    it('goes on numbering transactions after the snapshot, across a restart', async () => {
      const first = await openOk(path, { journalLimit: { bytes: 2 ** 30, records: 2 } });
      for (let i = 0; i < 3; i += 1) addFolder(first, `/f${i}`);
      await first.flush();
      await first.close();
      const again = await openOk();
      expect(again.seq).toBe(3);
      expect(addFolder(again, '/f3')).toBe(4);
      await again.close();
      expect((await readStore(path)).folders).toEqual(['/f0', '/f1', '/f2', '/f3']);
    });
  });

  describe('backups', () => {
    it('writes a whole snapshot, changes still in the journal included', async () => {
      const store = await openOk();
      addAnnotation(store, annotation('a1', 'doc-a'));
      await store.compact();
      addAnnotation(store, annotation('b1', 'doc-b'));
      const target = await store.backup(new Date('2026-11-20T09:00:00.000Z'));
      expect(basename(target)).toBe('parley-store.json.backup-2026-11-20T09-00-00-000Z');
      expect(await readSnapshotHeader(target)).toMatchObject({ annotations: 2, documents: 0, seq: store.seq });
      const read = await Store.readBackup(target);
      expect(read.ok && normalised(read.data)).toEqual(normalised(store.model.toData()));
      // The store itself: the second annotation is in the journal, not the snapshot.
      expect((await readSnapshotHeader(path))?.annotations).toBe(1);
    });

    it('lists a backup from its first line only: a valid header followed by garbage lists with its counts', async () => {
      const store = await openOk();
      addAnnotation(store, annotation('a1'));
      const target = await store.backup(new Date('2026-11-20T09:00:00.000Z'));
      const [header] = (await readFile(target, 'utf8')).split('\n');
      await writeFile(
        target,
        `${header ?? ''}\n"this is not": [the rest of a snapshot, {{{\n`.replace(/"annotations":1/, '"annotations":41'),
      );
      expect(await Store.listBackups(path)).toEqual([
        {
          name: 'parley-store.json.backup-2026-11-20T09-00-00-000Z',
          createdAt: '2026-11-20T09:00:00.000Z',
          bytes: (await stat(target)).size,
          annotations: 41,
          documents: 0,
        },
      ]);
    });

    it('counts what an old-layout backup holds by reading all of it', async () => {
      const { annotations: _none, ...v3 } = emptyStoreData('ada');
      const content = JSON.stringify(
        {
          ...v3,
          schemaVersion: 3,
          documents: { d: { id: 'd', title: 'D', source: '/d.txt', sha256: 'ab' } },
          annotations: { a1: annotation('a1', 'd'), a2: annotation('a2', 'd', 4) },
        },
        null,
        2,
      );
      await writeFile(`${path}.backup-2026-11-19T09-00-00-000Z`, content);
      await writeFile(`${path}.backup-2026-11-18T09-00-00-000Z`, '{"schemaVersion": 3, "annotations": ');
      expect((await Store.listBackups(path)).map((b) => [b.name.slice(-24), b.annotations, b.documents])).toEqual([
        ['2026-11-19T09-00-00-000Z', 2, 1],
        ['2026-11-18T09-00-00-000Z', null, null],
      ]);
    });

    it(`keeps the newest ${BACKUPS_KEPT} backups`, async () => {
      const store = await openOk();
      for (let day = 10; day < 10 + BACKUPS_KEPT + 2; day += 1) {
        await store.backup(new Date(`2026-11-${day}T09:00:00.000Z`));
      }
      const names = await Store.backupNames(path);
      expect(names).toHaveLength(BACKUPS_KEPT);
      expect(names[0]).toBe('parley-store.json.backup-2026-11-12T09-00-00-000Z');
    });
  });

  describe('read-only', () => {
    it('writes nothing, even after commits: no journal, the snapshot as it was', async () => {
      const writer = await openOk();
      addFolder(writer, '/written');
      await writer.compact();
      await writer.close();
      await rm(journalPathOf(path), { force: true });
      const before = await storeFiles(path);

      const result = await Store.open(path, fresh, { debounceMs: 0, access: { readOnly: true } });
      if (!result.ok) throw new Error(result.problem.message);
      const reader = result.store;
      addFolder(reader, '/never-written');
      expect(reader.model.tables.folders).toEqual(['/written', '/never-written']);
      await reader.flush();
      await reader.compact();
      await reader.close();
      expect(await storeFiles(path)).toEqual({ snapshot: before.snapshot, journal: null });
      expect((await readdir(dir)).sort()).toEqual(['parley-store.json']);
    });

    it('does not cut a torn journal line short when it only reads', async () => {
      const writer = await openOk();
      addFolder(writer, '/kept');
      await writer.close();
      await writeFile(journalPathOf(path), '{"seq":2,"at":"2026', { flag: 'a' });
      const before = await storeFiles(path);
      const result = await Store.open(path, fresh, { access: { readOnly: true } });
      expect(result.ok && result.store.model.tables.folders).toEqual(['/kept']);
      if (result.ok) await result.store.close();
      expect(await storeFiles(path)).toEqual(before);
    });
  });

  describe('Store.setAside', () => {
    it('renames the file to <path>.corrupt-<timestamp>', async () => {
      await writeFile(path, '{ broken');
      const target = await Store.setAside(path, new Date('2024-05-01T12:34:56.789Z'));
      expect(target).toBe(`${path}.corrupt-2024-05-01T12-34-56-789Z`);
      expect(await readFile(target, 'utf8')).toBe('{ broken');
      expect(await readdir(dir)).toEqual(['parley-store.json.corrupt-2024-05-01T12-34-56-789Z']);
    });

    it('moves the journal aside with the snapshot', async () => {
      await writeFile(path, '{ broken');
      await writeFile(journalPathOf(path), '{"seq":1}\n');
      const target = await Store.setAside(path, new Date('2024-05-01T12:34:56.789Z'));
      expect(await readFile(`${target}.journal`, 'utf8')).toBe('{"seq":1}\n');
      expect((await readdir(dir)).sort()).toEqual([
        'parley-store.json.corrupt-2024-05-01T12-34-56-789Z',
        'parley-store.json.corrupt-2024-05-01T12-34-56-789Z.journal',
      ]);
    });

    it('rejects when there is no file to set aside', async () => {
      await expect(Store.setAside(path)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });

  describe('fsync', () => {
    it('datasyncs a new journal and fsyncs its folder before the state says saved', async () => {
      const store = await openOk();
      store.onSaveState((s) => {
        if (disk.isRecording && s.state === 'saved') disk.log.push({ event: 'saved', path: dir, at: Date.now() });
      });
      disk.isRecording = true;
      addFolder(store, '/a');
      await store.flush();
      expect(events()).toEqual(['datasync parley-store.json.journal', 'sync .', 'saved .']);

      // The journal is known to the folder now: the next append needs only its own sync.
      disk.log = [];
      addFolder(store, '/b');
      await store.flush();
      const next = events();
      expect(next.indexOf('datasync parley-store.json.journal')).toBeGreaterThanOrEqual(0);
      expect(next.indexOf('datasync parley-store.json.journal')).toBeLessThan(next.indexOf('saved .'));
    });

    it('syncs a snapshot in its temporary file before the rename, and the folder after it', async () => {
      const store = await openOk();
      addFolder(store, '/a');
      await store.flush();
      disk.isRecording = true;
      await store.compact();
      const log = events(['sync', 'datasync', 'rename']);
      const synced = log.indexOf('sync .parley-store.json.tmp');
      const renamed = log.indexOf('rename .parley-store.json.tmp parley-store.json');
      const folder = log.indexOf('sync .');
      expect(synced).toBeGreaterThanOrEqual(0);
      expect(renamed).toBeGreaterThan(synced);
      expect(folder).toBeGreaterThan(renamed);
      // The journal is emptied only once the snapshot holding its records is durable.
      expect(log.indexOf('datasync parley-store.json.journal')).toBeGreaterThan(folder);
    });
  });
});

describe('store: an annotation id used twice', () => {
  it('refuses the store as corrupt, naming the id, and leaves the file as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-twice-'));
    try {
      const path = join(dir, 'parley-store.json');
      const annotation = {
        id: 'a1',
        docId: 'd1',
        start: 0,
        end: 4,
        label: 'quote',
        text: 'Kyiv',
        prefix: '',
        suffix: '',
        annotator: 'ada',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      const data = { ...emptyStoreData('ada'), annotations: undefined };
      const content = JSON.stringify({
        ...data,
        annotations: { d1: [annotation], d2: [{ ...annotation, docId: 'd2' }] },
      });
      await writeFile(path, content);
      const opened = await Store.open(path, () => emptyStoreData('ada'));
      expect(opened.ok).toBe(false);
      if (!opened.ok)
        expect(opened.problem).toMatchObject({
          kind: 'corrupt',
          message: expect.stringContaining('a1 is used twice') as unknown,
        });
      expect(await readFile(path, 'utf8')).toBe(content);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
