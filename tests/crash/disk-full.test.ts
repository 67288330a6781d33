/**
 * A full disk: a change is written to the store's journal, so the journal is made a link to
 * /dev/full (the real one moved aside), and the kernel answers every write with ENOSPC. The
 * change stays in memory, the person is told why, the snapshot is left byte for byte, and the
 * change reaches the journal once there is room again (the real journal put back).
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../main/api/contract';
import { ParleyService } from '../../main/service/parley-service';
import { journalPathOf } from '../../main/service/store-journal';
import { readStore } from '../fixtures/store-files';

const SEEDS = resolve(import.meta.dirname, '../../seeds');
let dir = '';

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync('/dev/full'))('a full disk (ENOSPC from /dev/full)', () => {
  it('keeps the change, says why it is not saved, leaves the snapshot, and saves once there is room', async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-full-'));
    const seedsDir = join(dir, 'seeds');
    await cp(SEEDS, seedsDir, { recursive: true });
    const storePath = join(dir, 'parley-store.json');
    const journal = journalPathOf(storePath);
    const service = await ParleyService.create({
      storePath,
      seedDirs: [seedsDir],
      defaultAnnotator: 'ada',
      debounceMs: 0,
    });
    const [doc] = await service.listDocuments();
    if (!doc) throw new Error('no seed documents');
    const first = await service.addAnnotation({ docId: doc.id, start: 0, end: 6, label: 'quote' });
    await service.flush();
    const snapshot = await readFile(storePath);
    const states: SaveState[] = [];
    service.on('save-state', (state) => states.push(state));

    // The journal, where the next change is written, now leads to a device that is always full.
    const aside = `${journal}.aside`;
    const hasJournal = existsSync(journal);
    if (hasJournal) await rename(journal, aside);
    await symlink('/dev/full', journal);
    const kept = await service.addAnnotation({ docId: doc.id, start: 10, end: 20, label: 'date' });
    const failure = service.flush();
    await expect(failure).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(failure).rejects.toThrow(/ENOSPC/);
    expect(states.at(-1)?.state).toBe('error');
    expect(states.at(-1)?.message).toMatch(/ENOSPC.*changes are kept/);
    expect(await readFile(storePath)).toEqual(snapshot);
    expect((await service.getDocument(doc.id)).annotations.map((a) => a.id)).toEqual(
      expect.arrayContaining([first.id, kept.id]),
    );

    // Room again: the real journal is back, and the retry the store scheduled writes the kept change.
    await rm(journal);
    if (hasJournal) await rename(aside, journal);
    await vi.waitFor(() => expect(states.at(-1)).toEqual({ state: 'saved' }), { timeout: 10_000, interval: 100 });
    expect((await readStore(storePath)).annotations.map((a) => a.id)).toEqual(
      expect.arrayContaining([first.id, kept.id]),
    );
    expect(await readFile(storePath)).toEqual(snapshot);
    await service.close();
    expect((await readStore(storePath)).annotations.map((a) => a.id).sort()).toEqual([first.id, kept.id].sort());
  }, 20_000);
});
