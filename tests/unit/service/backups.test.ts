import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/service/dispatch';
import { ParleyService } from '../../../main/service/parley-service';
import { Store } from '../../../main/service/store';
import { emptyStoreData } from '../../../main/service/store-data';
import { readStore, storeFiles } from '../../fixtures/store-files';

const SEEDS = resolve(import.meta.dirname, '../../../seeds');
let dir = '';
let storePath = '';
let service: ParleyService;

const start = (): Promise<ParleyService> =>
  ParleyService.create({ storePath, seedDirs: [join(dir, 'seeds')], defaultAnnotator: 'ada', debounceMs: 0 });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-backups-'));
  await cp(SEEDS, join(dir, 'seeds'), { recursive: true });
  storePath = join(dir, 'parley-store.json');
  service = await start();
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

const firstDoc = async (): Promise<string> => (await service.listDocuments())[0]?.id ?? '';
const backupAt = (stamp: string): string => `parley-store.json.backup-${stamp}`;

/** Backs the store up as it is now, as if at `iso`: the app is quit, the store backed up, the app started again. */
async function backupAsOf(iso: string): Promise<void> {
  await service.close();
  const opened = await Store.open(storePath, () => emptyStoreData('ada'));
  if (!opened.ok) throw new Error(opened.problem.message);
  await opened.store.backup(new Date(iso));
  await opened.store.close();
  service = await start();
}

describe('backups', () => {
  it('lists backups newest first with what they hold, and restores one; the store before it becomes a backup', async () => {
    const docId = await firstDoc();
    await service.addAnnotation({ docId, start: 0, end: 7, label: 'quote' });
    await backupAsOf('2026-11-20T09:00:00.000Z');
    await service.addAnnotation({ docId, start: 8, end: 16, label: 'date' });
    await backupAsOf('2026-11-21T09:00:00.000Z');
    await service.addAnnotation({ docId, start: 20, end: 30, label: 'precondition' });

    const listed = await service.listBackups();
    expect(listed.map((b) => [b.name, b.createdAt, b.annotations, b.documents])).toEqual([
      [backupAt('2026-11-21T09-00-00-000Z'), '2026-11-21T09:00:00.000Z', 2, 5],
      [backupAt('2026-11-20T09-00-00-000Z'), '2026-11-20T09:00:00.000Z', 1, 5],
    ]);

    await service.restoreBackup(backupAt('2026-11-20T09-00-00-000Z'));
    expect((await service.getDocument(docId)).annotations.map((a) => a.label)).toEqual(['quote']);
    await service.flush();
    expect((await readStore(storePath)).annotations.map((a) => a.label)).toEqual(['quote']);
    // The store as it was (three spans) is now the newest backup: the restore can be undone.
    const after = await service.listBackups();
    expect(after).toHaveLength(3);
    expect(after[0]?.annotations).toBe(3);
    await service.restoreBackup(after[0]?.name ?? '');
    expect((await service.getDocument(docId)).annotations).toHaveLength(3);
    // Undo history of the restored store starts afresh, and editing goes on.
    await expect(service.undo(docId)).resolves.toBeNull();
    await service.addAnnotation({ docId, start: 40, end: 45, label: 'quote' });
    expect((await service.getDocument(docId)).annotations).toHaveLength(4);
  });

  it('refuses a name that is not a listed backup, and a backup that is not a Parley store, changing nothing', async () => {
    const docId = await firstDoc();
    await service.addAnnotation({ docId, start: 0, end: 7, label: 'quote' });
    await service.flush();
    const before = await storeFiles(storePath);
    await expect(service.restoreBackup(backupAt('2026-01-01T00-00-00-000Z'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await writeFile(join(dir, backupAt('2026-11-22T09-00-00-000Z')), '{"version": 3, "annotations": ');
    expect((await service.listBackups())[0]).toMatchObject({ annotations: null, documents: null });
    await expect(service.restoreBackup(backupAt('2026-11-22T09-00-00-000Z'))).rejects.toThrow(
      /is not valid JSON at line 1.*the store was left as it is/,
    );
    expect(await storeFiles(storePath)).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.includes('.backup-'))).toHaveLength(1);
  });

  it('refuses a path instead of a backup name at the process boundary', async () => {
    const result = await dispatch(service, 'restoreBackup', ['../../etc/parley-store.json.backup-2026']);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
