import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GOLD, type ChangeEvent, type DocumentSummary, type NewAnnotation } from '../../../main/api/contract';
import { ParleyService, type ServiceOptions } from '../../../main/service/parley-service';
import { CURRENT_SCHEMA_VERSION } from '../../../main/service/store-data';
import { journalPathOf } from '../../../main/service/store-journal';
import { readStore, storeFiles } from '../../fixtures/store-files';

const SPEECH = 'Minister speaks\r\nThe minister said: "We will act by 2025." 😀 Then she left the hall.\n';
const REPORT = 'Quarterly report\nRevenue rose in the year-end quarter.\n';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let root: string;
let corpus: string;
let storePath: string;
const services: ParleyService[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-service-'));
  corpus = join(root, 'corpus');
  storePath = join(root, 'parley-store.json');
  await mkdir(corpus);
  await writeFile(join(corpus, 'a-speech.txt'), SPEECH);
  await writeFile(join(corpus, 'b-report.md'), REPORT);
  await writeFile(join(corpus, 'c-broken.txt'), Uint8Array.from([0xff, 0xfe, 0x41]));
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.close().catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

/** Starts the service as the app does, on the test's store and corpus. */
async function start(options: Partial<ServiceOptions> = {}): Promise<ParleyService> {
  const service = await ParleyService.create({
    storePath,
    seedDirs: [corpus],
    defaultAnnotator: 'ada',
    debounceMs: 10,
    ...options,
  });
  services.push(service);
  return service;
}

/** Closes the service and starts a new one on the same store, as quitting and relaunching does. */
async function restart(service: ParleyService, options: Partial<ServiceOptions> = {}): Promise<ParleyService> {
  await service.close();
  return start(options);
}

/** The span of the first occurrence of `quote` in `text`. */
function spanOf(text: string, quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { start, end: start + quote.length };
}

const tag = (quote: string, label = 'quote', docId = 'a-speech', text = SPEECH): NewAnnotation => ({
  docId,
  label,
  ...spanOf(text, quote),
});

const summary = async (service: ParleyService, id: string): Promise<DocumentSummary | undefined> =>
  (await service.listDocuments()).find((d) => d.id === id);

describe('parley-service', () => {
  describe('documents', () => {
    it('lists the corpus in name order, each todo with no spans, and a broken file with its error', async () => {
      const service = await start();
      const docs = await service.listDocuments();
      expect(docs.map((d) => [d.id, d.title, d.status, d.spanCount, d.flaggedCount])).toEqual([
        ['a-speech', 'Minister speaks', 'todo', 0, 0],
        ['b-report', 'Quarterly report', 'todo', 0, 0],
        ['c-broken', 'c-broken.txt', 'todo', 0, 0],
      ]);
      expect(docs[0]).toMatchObject({ length: SPEECH.length, source: join(corpus, 'a-speech.txt') });
      expect(docs[0]?.error).toBeUndefined();
      expect(docs[2]?.error).toMatch(/UTF-8/);
    });

    it('returns the text exactly as in the file and the annotations sorted by start, longer first', async () => {
      const service = await start();
      await service.addAnnotation(tag('2025'));
      await service.addAnnotation(tag('minister'));
      await service.addAnnotation(tag('The minister said', 'precondition'));
      const view = await service.getDocument('a-speech');
      expect(view.text).toBe(SPEECH);
      expect(view.annotations.map((a) => a.text)).toEqual(['The minister said', 'minister', '2025']);
    });

    it('refuses to open an unknown document with NOT_FOUND and a broken one with BAD_REQUEST', async () => {
      const service = await start();
      await expect(service.getDocument('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(service.getDocument('c-broken')).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('UTF-8') as unknown,
      });
    });
  });

  describe('addAnnotation', () => {
    it('fills id, quote, context, annotator and times, and marks the document in progress', async () => {
      const service = await start();
      const span = spanOf(SPEECH, 'We will act by 2025.');
      const added = await service.addAnnotation({ docId: 'a-speech', label: 'quote', ...span });
      expect(added).toMatchObject({
        docId: 'a-speech',
        label: 'quote',
        ...span,
        text: 'We will act by 2025.',
        annotator: 'ada',
      });
      expect(added.id).toMatch(UUID);
      expect(added.createdAt).toBe(added.updatedAt);
      expect(new Date(added.createdAt).toISOString()).toBe(added.createdAt);
      expect(await summary(service, 'a-speech')).toMatchObject({ status: 'in-progress', spanCount: 1 });
      // The context is kept in the store, to find the span again; the renderer's view goes without it.
      expect(added).not.toHaveProperty('prefix');
      await service.flush();
      expect((await readStore(storePath)).annotations.find((a) => a.id === added.id)).toMatchObject({
        prefix: SPEECH.slice(span.start - 32, span.start),
        suffix: SPEECH.slice(span.end, span.end + 32),
      });
    });

    it('counts offsets in UTF-16 code units across CRLF and emoji', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('😀 Then'));
      expect(added.end - added.start).toBe(7);
      expect(added.text).toBe('😀 Then');
    });

    it.each([
      { case: 'an unknown document', input: { ...tag('minister'), docId: 'nope' }, code: 'NOT_FOUND', message: 'nope' },
      {
        case: 'an end past the text',
        input: { docId: 'a-speech', label: 'quote', start: 0, end: SPEECH.length + 1 },
        code: 'BAD_REQUEST',
        message: `end ${SPEECH.length + 1} is past the end`,
      },
      {
        case: 'start after end',
        input: { docId: 'a-speech', label: 'quote', start: 20, end: 18 },
        code: 'BAD_REQUEST',
        message: 'start 20 must be < end 18',
      },
      {
        case: 'an empty span',
        input: { docId: 'a-speech', label: 'quote', start: 5, end: 5 },
        code: 'BAD_REQUEST',
        message: 'start 5 must be < end 5',
      },
      { case: 'an unknown label', input: tag('minister', 'rumour'), code: 'BAD_REQUEST', message: 'rumour' },
      { case: 'an exact duplicate', input: tag('2025'), code: 'BAD_REQUEST', message: 'already tagged as quote' },
      {
        case: 'a document that cannot be read',
        input: { docId: 'c-broken', label: 'quote', start: 0, end: 1 },
        code: 'BAD_REQUEST',
        message: 'c-broken',
      },
    ])('rejects $case with $code and writes nothing', async ({ input, code, message }) => {
      const service = await start();
      await service.addAnnotation(tag('2025'));
      await service.close();
      const before = await storeFiles(storePath);

      await expect(service.addAnnotation(input)).rejects.toMatchObject({
        name: 'ParleyError',
        code,
        message: expect.stringContaining(message) as unknown,
      });
      await service.close();
      expect(await storeFiles(storePath)).toEqual(before);
      expect((await service.getDocument('a-speech')).annotations).toHaveLength(1);
      expect((await service.getSession()).save).toEqual({ state: 'saved' });
    });

    it('allows the same span again under another label', async () => {
      const service = await start();
      await service.addAnnotation(tag('2025', 'quote'));
      await service.addAnnotation(tag('2025', 'date'));
      expect((await service.getDocument('a-speech')).annotations.map((a) => a.label).sort()).toEqual(['date', 'quote']);
    });
  });

  describe('updateAnnotation and deleteAnnotation', () => {
    it('relabels an annotation and keeps its id, span and creation time', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('2025'));
      const updated = await service.updateAnnotation(added.id, { label: 'date' });
      expect(updated).toMatchObject({ id: added.id, label: 'date', start: added.start, end: added.end, text: '2025' });
      expect(updated.createdAt).toBe(added.createdAt);
      expect((await service.getDocument('a-speech')).annotations).toEqual([updated]);
    });

    it('moves an annotation and recomputes its text, prefix and suffix', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('minister'));
      const moved = spanOf(SPEECH, 'the hall');
      const updated = await service.updateAnnotation(added.id, moved);
      expect(updated).toMatchObject({ ...moved, text: 'the hall' });
      await service.flush();
      expect((await readStore(storePath)).annotations).toMatchObject([
        {
          id: added.id,
          ...moved,
          text: 'the hall',
          prefix: SPEECH.slice(moved.start - 32, moved.start),
          suffix: '.\n',
        },
      ]);
    });

    it.each([
      { case: 'a move past the end', changes: { end: SPEECH.length + 5 }, code: 'BAD_REQUEST' },
      { case: 'a start past its end', changes: { start: 40 }, code: 'BAD_REQUEST' },
      { case: 'an unknown label', changes: { label: 'rumour' }, code: 'BAD_REQUEST' },
    ])('rejects $case and keeps the annotation as it was', async ({ changes, code }) => {
      const service = await start();
      const added = await service.addAnnotation(tag('minister'));
      await expect(service.updateAnnotation(added.id, changes)).rejects.toMatchObject({ code });
      expect((await service.getDocument('a-speech')).annotations).toEqual([added]);
    });

    it('deletes an annotation', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('minister'));
      await service.deleteAnnotation(added.id);
      expect((await service.getDocument('a-speech')).annotations).toEqual([]);
      expect(await summary(service, 'a-speech')).toMatchObject({ spanCount: 0 });
    });

    it('rejects changes to an annotation that does not exist with NOT_FOUND', async () => {
      const service = await start();
      const id = '00000000-0000-4000-8000-000000000000';
      await expect(service.deleteAnnotation(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(service.updateAnnotation(id, { label: 'date' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('undo and redo', () => {
    it('brings back a deleted annotation with the same id on undo, then removes a create', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('minister'));
      await service.deleteAnnotation(added.id);

      const undoDelete = await service.undo('a-speech');
      expect(undoDelete).toMatchObject({ docId: 'a-speech', touchedIds: [added.id], remove: [] });
      expect(undoDelete?.upsert).toEqual([{ ...added, rev: expect.any(Number) as unknown }]);
      expect(undoDelete?.upsert[0]?.rev).toBeGreaterThan(added.rev);
      expect((await service.getDocument('a-speech')).annotations).toEqual(undoDelete?.upsert);

      const undoCreate = await service.undo('a-speech');
      expect(undoCreate).toMatchObject({ upsert: [], touchedIds: [], remove: [{ id: added.id, docId: 'a-speech' }] });
      expect(undoCreate?.remove[0]?.rev).toBeGreaterThan(undoDelete?.upsert[0]?.rev ?? Infinity);
      expect((await service.getDocument('a-speech')).annotations).toEqual([]);
      expect(await service.undo('a-speech')).toBeNull();

      expect((await service.redo('a-speech'))?.upsert.map((a) => a.id)).toEqual([added.id]);
      expect((await service.redo('a-speech'))?.remove.map((r) => r.id)).toEqual([added.id]);
      expect(await service.redo('a-speech')).toBeNull();
    });

    it('undoes a relabel back to the old label', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('2025'));
      await service.updateAnnotation(added.id, { label: 'date' });
      const step = await service.undo('a-speech');
      expect(step?.upsert).toEqual([{ ...added, rev: expect.any(Number) as unknown }]);
      expect((await service.getDocument('a-speech')).annotations.map((a) => a.label)).toEqual(['quote']);
    });

    it('keeps one history per document', async () => {
      const service = await start();
      const speech = await service.addAnnotation(tag('minister'));
      await service.addAnnotation(tag('Revenue', 'quote', 'b-report', REPORT));

      const step = await service.undo('b-report');
      expect(step?.docId).toBe('b-report');
      expect(step?.remove.map((r) => r.docId)).toEqual(['b-report']);
      expect((await service.getDocument('b-report')).annotations).toEqual([]);
      expect((await service.getDocument('a-speech')).annotations).toEqual([speech]);
      expect(await service.undo('b-report')).toBeNull();
    });

    it('forgets the redo stack after a new change', async () => {
      const service = await start();
      await service.addAnnotation(tag('minister'));
      await service.undo('a-speech');
      await service.addAnnotation(tag('2025'));
      expect(await service.redo('a-speech')).toBeNull();
    });

    it('writes an undo to the store', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('minister'));
      await service.deleteAnnotation(added.id);
      await service.undo('a-speech');
      const again = await restart(service);
      // Revisions count the transactions of a run: after a restart the annotation is unchanged since.
      expect((await again.getDocument('a-speech')).annotations).toEqual([{ ...added, rev: 0 }]);
    });
  });

  describe('annotators', () => {
    it('shows each annotator only their own annotations and status', async () => {
      const service = await start();
      const ada = await service.addAnnotation(tag('minister'));

      await service.updateSettings({ annotator: 'bob' });
      expect((await service.getDocument('a-speech')).annotations).toEqual([]);
      expect(await summary(service, 'a-speech')).toMatchObject({ status: 'todo', spanCount: 0 });

      await service.updateSettings({ annotator: 'ada' });
      expect((await service.getDocument('a-speech')).annotations).toEqual([ada]);
      expect(await summary(service, 'a-speech')).toMatchObject({ status: 'in-progress', spanCount: 1 });
    });

    it("forbids bob to change or delete ada's annotation", async () => {
      const service = await start();
      const ada = await service.addAnnotation(tag('minister'));
      await service.updateSettings({ annotator: 'bob' });
      await expect(service.updateAnnotation(ada.id, { label: 'date' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('ada') as unknown,
      });
      await expect(service.deleteAnnotation(ada.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await service.updateSettings({ annotator: 'ada' });
      expect((await service.getDocument('a-speech')).annotations).toEqual([ada]);
    });

    it("lets bob tag the span ada tagged, and does not undo ada's change for bob", async () => {
      const service = await start();
      await service.addAnnotation(tag('minister'));
      await service.updateSettings({ annotator: 'bob' });
      expect(await service.undo('a-speech')).toBeNull();
      const bob = await service.addAnnotation(tag('minister'));
      expect(bob.annotator).toBe('bob');
    });

    it('rejects an empty annotator name', async () => {
      const service = await start();
      await expect(service.updateSettings({ annotator: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect((await service.getSession()).settings.annotator).toBe('ada');
    });
  });

  describe('across a restart', () => {
    it('keeps the status of a document', async () => {
      const service = await start();
      expect(await service.setStatus('b-report', 'done')).toMatchObject({ id: 'b-report', status: 'done' });
      const again = await restart(service);
      expect(await summary(again, 'b-report')).toMatchObject({ status: 'done' });
    });

    it('keeps annotations with their exact offsets', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('😀 Then she'));
      const again = await restart(service);
      expect((await again.getDocument('a-speech')).annotations).toEqual([{ ...added, rev: 0 }]);
    });

    it('keeps the settings', async () => {
      const service = await start();
      await service.updateSettings({ annotator: 'bob', extendToWords: false });
      const again = await restart(service);
      expect((await again.getSession()).settings).toEqual({ annotator: 'bob', extendToWords: false });
    });

    it('flags an annotation whose text changed on disk, without moving or dropping it', async () => {
      const service = await start();
      const added = await service.addAnnotation(tag('We will act'));
      await service.close();
      await writeFile(join(corpus, 'a-speech.txt'), SPEECH.replace('The minister', 'A minister'));

      const again = await start();
      const view = await again.getDocument('a-speech');
      expect(view.annotations).toEqual([{ ...added, rev: 0, problem: 'text-mismatch' }]);
      expect(view.document).toMatchObject({ spanCount: 1, flaggedCount: 1 });
      expect(await summary(again, 'a-speech')).toMatchObject({ flaggedCount: 1 });
    });
  });

  describe('a store that cannot be used', () => {
    it('reports a corrupt store in the session and leaves it untouched', async () => {
      await writeFile(storePath, '{ "schemaVersion": 1, oops }');
      const service = await start();
      const session = await service.getSession();
      expect(session.storeProblem).toMatchObject({ kind: 'corrupt', path: storePath, canStartFresh: true });
      await service.close();
      expect(await storeFiles(storePath)).toEqual({
        snapshot: Buffer.from('{ "schemaVersion": 1, oops }'),
        journal: null,
      });
    });

    it.each<{ call: string; run: (service: ParleyService) => Promise<unknown> }>([
      { call: 'listDocuments', run: (s) => s.listDocuments() },
      { call: 'getDocument', run: (s) => s.getDocument('a-speech') },
      { call: 'addAnnotation', run: (s) => s.addAnnotation(tag('minister')) },
      { call: 'deleteAnnotation', run: (s) => s.deleteAnnotation('00000000-0000-4000-8000-000000000000') },
      { call: 'undo', run: (s) => s.undo('a-speech') },
      { call: 'redo', run: (s) => s.redo('a-speech') },
      { call: 'setStatus', run: (s) => s.setStatus('a-speech', 'done') },
      { call: 'updateSettings', run: (s) => s.updateSettings({ annotator: 'bob' }) },
      { call: 'openFolder', run: (s) => s.openFolder() },
      { call: 'getAnchorReview', run: (s) => s.getAnchorReview('a-speech') },
      { call: 'acceptMovedSpans', run: (s) => s.acceptMovedSpans('a-speech', 'all') },
    ])('refuses $call with STORE_UNAVAILABLE while the store is corrupt, and writes nothing', async ({ run }) => {
      await writeFile(storePath, '{ "schemaVersion": 1, oops }');
      const service = await start();
      await expect(run(service)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await service.close();
      expect(await storeFiles(storePath)).toEqual({
        snapshot: Buffer.from('{ "schemaVersion": 1, oops }'),
        journal: null,
      });
    });

    it('moves the corrupt file aside and opens a fresh store on startFreshStore', async () => {
      await writeFile(storePath, '{ broken');
      const service = await start();
      const session = await service.startFreshStore();
      expect(session.storeProblem).toBeUndefined();
      expect(session.settings.annotator).toBe('ada');

      const aside = (await readdir(root)).filter((name) => name.startsWith('parley-store.json.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(await readFile(join(root, aside[0] ?? ''), 'utf8')).toBe('{ broken');
      expect(await readStore(storePath)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, annotations: [] });
      expect((await service.listDocuments()).map((d) => d.id)).toEqual(['a-speech', 'b-report', 'c-broken']);
      await service.addAnnotation(tag('minister'));
    });

    it('does not offer to start fresh over a store from a newer Parley', async () => {
      const content = JSON.stringify({ schemaVersion: 99 });
      await writeFile(storePath, content);
      const service = await start();
      expect((await service.getSession()).storeProblem).toMatchObject({ kind: 'newer-version', canStartFresh: false });
      await expect(service.startFreshStore()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await storeFiles(storePath)).toEqual({ snapshot: Buffer.from(content), journal: null });
    });

    it('refuses startFreshStore when the store is fine', async () => {
      const service = await start();
      await expect(service.startFreshStore()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  describe('openFolder', () => {
    it('adds the picked folder, suffixes a clashing id with ~2, and tells listeners', async () => {
      const extra = join(root, 'extra');
      await mkdir(extra);
      await writeFile(join(extra, 'a-speech.txt'), 'Another speech\nbody\n');
      await writeFile(join(extra, 'd-new.txt'), 'New one\n');
      const service = await start({ pickFolder: () => Promise.resolve(extra) });
      const events: DocumentSummary[][] = [];
      service.on('documents-changed', (docs) => events.push(docs));

      const added = await service.openFolder();
      expect(added?.map((d) => [d.id, d.title])).toEqual([
        ['a-speech~2', 'Another speech'],
        ['d-new', 'New one'],
      ]);
      expect(events).toHaveLength(1);
      expect(events[0]?.map((d) => d.id)).toEqual(['a-speech', 'b-report', 'c-broken', 'a-speech~2', 'd-new']);
      expect((await service.getDocument('a-speech~2')).text).toBe('Another speech\nbody\n');
    });

    it('loads the added folder again after a restart', async () => {
      const extra = join(root, 'extra');
      await mkdir(extra);
      await writeFile(join(extra, 'a-speech.txt'), 'Another speech\n');
      const service = await start({ pickFolder: () => Promise.resolve(extra) });
      await service.openFolder();
      const tagged = await service.addAnnotation(tag('Another', 'quote', 'a-speech~2', 'Another speech\n'));

      const again = await restart(service);
      expect((await again.listDocuments()).map((d) => d.id)).toEqual([
        'a-speech',
        'b-report',
        'c-broken',
        'a-speech~2',
      ]);
      expect((await again.getDocument('a-speech~2')).annotations).toEqual([{ ...tagged, rev: 0 }]);
    });

    it('does not add a folder twice', async () => {
      const service = await start({ pickFolder: () => Promise.resolve(corpus) });
      expect(await service.openFolder()).toEqual([]);
      expect(await service.listDocuments()).toHaveLength(3);
    });

    it('returns null and changes nothing when the person cancels', async () => {
      const service = await start({ pickFolder: () => Promise.resolve(null) });
      const events: unknown[] = [];
      service.on('documents-changed', (docs) => events.push(docs));
      expect(await service.openFolder()).toBeNull();
      expect(events).toEqual([]);
      expect(await service.listDocuments()).toHaveLength(3);
    });

    it('rejects with IO_ERROR when the picked folder cannot be listed', async () => {
      const service = await start({ pickFolder: () => Promise.resolve(join(root, 'missing')) });
      await expect(service.openFolder()).rejects.toMatchObject({ code: 'IO_ERROR' });
    });
  });

  describe('transactions', () => {
    it('sends a changes event per transaction: the annotation delta, revisions rising, and the touched documents', async () => {
      const service = await start();
      const events: ChangeEvent[] = [];
      service.on('changes', (event) => events.push(event));
      const added = await service.addAnnotation(tag('minister'));
      const relabelled = await service.updateAnnotation(added.id, { label: 'date' });
      const removed = await service.deleteAnnotation(added.id);

      // The tag, the document started (a transaction of its own), the relabel, the delete.
      expect(events).toHaveLength(4);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(4);
      const [tagged, started, updated, deleted] = events;
      expect(tagged).toMatchObject({ annotations: { upsert: [added], remove: [] } });
      expect(tagged?.documents).toMatchObject([{ id: 'a-speech', spanCount: 1 }]);
      expect(added.rev).toBe(tagged?.seq);
      expect(started).toMatchObject({ annotations: { upsert: [], remove: [] } });
      expect(started?.documents).toMatchObject([{ id: 'a-speech', status: 'in-progress', spanCount: 1 }]);
      expect(updated).toMatchObject({ annotations: { upsert: [relabelled], remove: [] } });
      expect(relabelled.rev).toBe(updated?.seq);
      expect(relabelled.rev).toBeGreaterThan(added.rev);
      expect(deleted).toMatchObject({ annotations: { upsert: [], remove: [removed] } });
      expect(deleted?.documents).toMatchObject([{ id: 'a-speech', spanCount: 0 }]);
      expect(removed).toEqual({ id: added.id, docId: 'a-speech', rev: deleted?.seq });
      expect((await service.getDocument('a-speech')).seq).toBe(deleted?.seq);
    });

    it('leaves the document in progress when the tag that started it is undone', async () => {
      const service = await start();
      await service.addAnnotation(tag('minister'));
      expect(await summary(service, 'a-speech')).toMatchObject({ status: 'in-progress', spanCount: 1 });
      await service.undo('a-speech');
      expect(await summary(service, 'a-speech')).toMatchObject({ status: 'in-progress', spanCount: 0 });
      // Starting the document is not in the history: there is nothing more to undo.
      expect(await service.undo('a-speech')).toBeNull();
      await service.flush();
      expect((await readStore(storePath)).status).toEqual({ 'a-speech': { ada: 'in-progress' } });
    });

    it('refuses an undo that would overwrite a later change by someone else, says why, and changes nothing', async () => {
      const service = await start();
      const gold = await service.addAnnotation({ ...tag('minister'), gold: true });
      await service.updateSettings({ annotator: 'bob' });
      await service.updateAnnotation(gold.id, { label: 'date' });
      await service.updateSettings({ annotator: 'ada' });
      await service.flush();
      const before = await storeFiles(storePath);

      await expect(service.undo('a-speech')).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(
          new RegExp(`^This change cannot be undone: annotation ${gold.id} changed since`),
        ) as unknown,
      });
      await service.flush();
      expect(await storeFiles(storePath)).toEqual(before);
      expect((await readStore(storePath)).annotations).toMatchObject([{ id: gold.id, annotator: GOLD, label: 'date' }]);
      // That history no longer fits the data and is forgotten.
      expect(await service.undo('a-speech')).toBeNull();
    });

    it('keeps an id the renderer chose, and refuses a taken one without changing anything', async () => {
      const service = await start();
      const id = '0b7c6a43-4e3a-4f7e-9d43-2c1f6a0f5e11';
      const added = await service.addAnnotation({ ...tag('minister'), id });
      expect(added.id).toBe(id);
      await service.flush();
      const before = (await readStore(storePath)).annotations;
      expect(before.map((a) => a.id)).toEqual([id]);

      await expect(service.addAnnotation({ ...tag('2025'), id })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(id) as unknown,
      });
      // Taken by anyone: bob cannot reuse ada's id either.
      await service.updateSettings({ annotator: 'bob' });
      await expect(service.addAnnotation({ ...tag('minister'), id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await service.updateSettings({ annotator: 'ada' });
      await service.flush();
      expect((await readStore(storePath)).annotations).toEqual(before);
      expect((await service.getDocument('a-speech')).annotations).toEqual([added]);
    });

    it('undoes a review accept whole: the gold span goes and the spans it rejected are rejected no more', async () => {
      const service = await start();
      await service.updateSettings({ annotator: 'ben' });
      const ben = await service.addAnnotation(tag('The minister said', 'precondition'));
      await service.updateSettings({ annotator: 'cy' });
      const cy = await service.addAnnotation(tag('The minister said', 'quote'));
      await service.updateSettings({ annotator: 'ada' });
      const resolutionOf = async (id: string) =>
        (await service.getReview('a-speech', ['ben', 'cy'])).spans.find((s) => s.id === id)?.resolution;

      const gold = await service.acceptSpan(ben.id);
      expect((await service.getReview('a-speech', ['ben', 'cy'])).gold.map((g) => g.id)).toEqual([gold.id]);
      expect(await resolutionOf(cy.id)).toBe('rejected');
      expect(await resolutionOf(ben.id)).toBe('accepted');

      const step = await service.undo('a-speech');
      expect(step?.remove.map((r) => r.id)).toEqual([gold.id]);
      expect((await service.getReview('a-speech', ['ben', 'cy'])).gold).toEqual([]);
      expect(await resolutionOf(cy.id)).toBeUndefined();
      expect(await resolutionOf(ben.id)).toBeUndefined();
      await service.flush();
      const data = await readStore(storePath);
      expect(data.annotations.filter((a) => a.annotator === GOLD)).toEqual([]);
      expect(data.review['a-speech']?.rejected ?? []).toEqual([]);

      // Redo brings both back, the gold span with its id.
      await service.redo('a-speech');
      expect((await service.getReview('a-speech', ['ben', 'cy'])).gold.map((g) => g.id)).toEqual([gold.id]);
      expect(await resolutionOf(cy.id)).toBe('rejected');
    });
  });

  describe('quit', () => {
    it('writes pending changes before it calls onQuit', async () => {
      // The store's files as they are when onQuit runs, copied aside at that moment.
      const atQuit = join(root, 'at-quit');
      const copyAtQuit = (): void => {
        mkdirSync(atQuit);
        for (const file of [storePath, journalPathOf(storePath)]) {
          if (existsSync(file)) copyFileSync(file, join(atQuit, file.slice(root.length + 1)));
        }
      };
      const service = await start({ debounceMs: 60_000, onQuit: copyAtQuit });
      await service.setStatus('b-report', 'done');
      await service.quit();
      expect(await readStore(join(atQuit, 'parley-store.json'))).toMatchObject({
        status: { 'b-report': { ada: 'done' } },
      });
    });
  });
});
