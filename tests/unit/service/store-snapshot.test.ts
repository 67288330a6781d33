/**
 * The snapshot's layout: valid JSON with the header on the first line and one document's
 * annotations per line, and a new snapshot made of the old lines of documents that did not
 * change, byte for byte. To tell a reused line from one written again, the test edits an
 * untouched document's line into a spelling Parley would never write (spaces after commas).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, StoreData } from '../../../main/core/model';
import { annotationChange } from '../../../main/core/transaction';
import { Store } from '../../../main/service/store';
import { emptyStoreData } from '../../../main/service/store-data';
import { journalPathOf } from '../../../main/service/store-journal';
import { readSnapshotHeader } from '../../../main/service/store-snapshot';
import { readStore } from '../../fixtures/store-files';

let dir: string;
let path: string;
const opened: Store[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-snapshot-'));
  path = join(dir, 'parley-store.json');
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const fresh = (): StoreData => emptyStoreData('ada');

async function openOk(at = path): Promise<Store> {
  const result = await Store.open(at, fresh, { debounceMs: 10 });
  if (!result.ok) throw new Error(`store refused: ${result.problem.message}`);
  opened.push(result.store);
  return result.store;
}

const annotation = (id: string, docId: string, start: number, label = 'quote'): Annotation => ({
  id,
  docId,
  start,
  end: start + 3,
  label,
  text: 'abc',
  prefix: '',
  suffix: '',
  annotator: 'ada',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** The line of a document's annotations in a snapshot, without the comma that may end it. */
function lineOf(snapshot: string, docId: string): string | undefined {
  return snapshot
    .split('\n')
    .find((l) => l.startsWith(`${JSON.stringify(docId)}:`))
    ?.replace(/,$/, '');
}

/** A store on disk with annotations in doc-a and doc-b, written by Parley; closed. */
async function twoDocuments(): Promise<void> {
  const store = await openOk();
  store.commit({
    changes: [
      annotationChange(null, annotation('b2', 'doc-b', 10)),
      annotationChange(null, annotation('a1', 'doc-a', 0)),
      annotationChange(null, annotation('b1', 'doc-b', 2)),
    ],
  });
  await store.close();
  opened.splice(opened.indexOf(store), 1);
}

/** Respells doc-b's line in the snapshot (same JSON, spaces after commas): proof of reuse if it survives. */
async function respellDocB(): Promise<string> {
  const text = await readFile(path, 'utf8');
  const line = lineOf(text, 'doc-b') ?? '';
  const respelled = line.replaceAll('","', '", "');
  expect(respelled).not.toBe(line);
  await writeFile(path, text.replace(line, respelled));
  return respelled;
}

describe('store snapshot', () => {
  it('is valid JSON: the header first, then a line per document, annotations in text order', async () => {
    await twoDocuments();
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^\{"schemaVersion":4,"header":\{"seq":1,"savedAt":"[^"]+","documents":0,"annotations":3\},$/,
    );
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: 4, header: { seq: 1 } });
    expect(lines.filter((l) => l.startsWith('"doc-'))).toEqual([
      `"doc-a":${JSON.stringify([annotation('a1', 'doc-a', 0)])},`,
      `"doc-b":${JSON.stringify([annotation('b1', 'doc-b', 2), annotation('b2', 'doc-b', 10)])}`,
    ]);
    expect(await readSnapshotHeader(path)).toMatchObject({ seq: 1, documents: 0, annotations: 3 });
  });

  it('reuses the line of a document that did not change, byte for byte, and writes the changed one again', async () => {
    await twoDocuments();
    const respelled = await respellDocB();
    const store = await openOk();
    store.commit({ changes: [annotationChange(null, annotation('a2', 'doc-a', 20))] });
    await store.flush();
    await store.compact();

    const text = await readFile(path, 'utf8');
    expect(lineOf(text, 'doc-b')).toBe(respelled);
    expect(lineOf(text, 'doc-a')).toBe(
      `"doc-a":${JSON.stringify([annotation('a1', 'doc-a', 0), annotation('a2', 'doc-a', 20)])}`,
    );
    expect((await readStore(path)).annotations.map((a) => a.id).sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('writes again the line of a document the journal changed since the snapshot', async () => {
    await twoDocuments();
    await respellDocB();
    const store = await openOk();
    const b1 = store.model.annotation('b1');
    if (!b1) throw new Error('no b1');
    store.commit({ changes: [annotationChange(b1, { ...b1, label: 'date' })] });
    await store.flush();
    // A Parley killed now: its journal holds the change; another opens a copy of its files.
    const left = join(dir, 'left.json');
    await writeFile(left, await readFile(path));
    await writeFile(journalPathOf(left), await readFile(journalPathOf(path)));

    const again = await openOk(left);
    await again.compact();
    const line = lineOf(await readFile(left, 'utf8'), 'doc-b');
    expect(line).toBe(
      `"doc-b":${JSON.stringify([{ ...annotation('b1', 'doc-b', 2), label: 'date' }, annotation('b2', 'doc-b', 10)])}`,
    );
  });

  it('writes again the line of a document whose annotation the journal deleted, so it stays deleted', async () => {
    await twoDocuments();
    const store = await openOk();
    const b1 = store.model.annotation('b1');
    if (!b1) throw new Error('no b1');
    store.commit({ changes: [annotationChange(b1, null)] });
    await store.flush();
    // A Parley killed now: its journal holds the delete; another opens a copy of its files.
    const left = join(dir, 'left.json');
    await writeFile(left, await readFile(path));
    await writeFile(journalPathOf(left), await readFile(journalPathOf(path)));

    const again = await openOk(left);
    expect(again.model.annotation('b1')).toBeUndefined();
    await again.compact();
    expect(lineOf(await readFile(left, 'utf8'), 'doc-b')).toBe(
      `"doc-b":${JSON.stringify([annotation('b2', 'doc-b', 10)])}`,
    );
    expect((await readStore(left)).annotations.map((a) => a.id).sort()).toEqual(['a1', 'b2']);
  });

  it('drops the line of a document whose last annotation is gone', async () => {
    await twoDocuments();
    const store = await openOk();
    const a1 = store.model.annotation('a1');
    if (!a1) throw new Error('no a1');
    store.commit({ changes: [annotationChange(a1, null)] });
    await store.close();
    const text = await readFile(path, 'utf8');
    expect(lineOf(text, 'doc-a')).toBeUndefined();
    expect(JSON.parse(text)).toMatchObject({ header: { annotations: 2 } });
  });

  it('has no header to read in a store of the older layout', async () => {
    await writeFile(path, JSON.stringify({ ...emptyStoreData('ada'), schemaVersion: 3, annotations: {} }, null, 2));
    expect(await readSnapshotHeader(path)).toBeNull();
  });
});
