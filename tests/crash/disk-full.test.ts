/**
 * A full disk: the store's temporary file is made a link to /dev/full, so the kernel answers
 * every write with ENOSPC. The change stays in memory, the person is told why, the last good
 * store is left byte for byte, and the change reaches the disk once there is room again.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, basename, join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../main/api/contract';
import { ParleyService } from '../../main/service/parley-service';

const SEEDS = resolve(import.meta.dirname, '../../seeds');
let dir = '';

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync('/dev/full'))('a full disk (ENOSPC from /dev/full)', () => {
  it('keeps the change, says why it is not saved, leaves the last good store, and saves once there is room', async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-full-'));
    const seedsDir = join(dir, 'seeds');
    await cp(SEEDS, seedsDir, { recursive: true });
    const storePath = join(dir, 'parley-store.json');
    const service = await ParleyService.create({
      storePath,
      seedDirs: [seedsDir],
      defaultAnnotator: 'ada',
      debounceMs: 0,
    });
    const [doc] = await service.listDocuments();
    if (!doc) throw new Error('no seed documents');
    await service.addAnnotation({ docId: doc.id, start: 0, end: 6, label: 'quote' });
    await service.flush();
    const lastGood = await readFile(storePath);
    const states: SaveState[] = [];
    service.on('save-state', (state) => states.push(state));

    // The temporary file the store writes before renaming it over the store.
    const temporary = join(dirname(storePath), `.${basename(storePath)}.tmp`);
    await symlink('/dev/full', temporary);
    const kept = await service.addAnnotation({ docId: doc.id, start: 10, end: 20, label: 'date' });
    const failure = service.flush();
    await expect(failure).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(failure).rejects.toThrow(/ENOSPC/);
    expect(states.at(-1)?.state).toBe('error');
    expect(states.at(-1)?.message).toMatch(/ENOSPC.*changes are kept/);
    expect(await readFile(storePath)).toEqual(lastGood);
    expect((await service.getDocument(doc.id)).annotations.map((a) => a.id)).toContain(kept.id);

    // Room again: the retry the store scheduled writes the kept change.
    await rm(temporary);
    await vi.waitFor(() => expect(states.at(-1)).toEqual({ state: 'saved' }), { timeout: 10_000, interval: 100 });
    const onDisk = JSON.parse(await readFile(storePath, 'utf8')) as { annotations: Record<string, unknown> };
    expect(Object.keys(onDisk.annotations)).toContain(kept.id);
    await service.close();
  });
});
