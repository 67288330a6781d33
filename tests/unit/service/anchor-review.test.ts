import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParleyService } from '../../../main/service/parley-service';

const SEEDS = resolve(import.meta.dirname, '../../../seeds');
let dir = '';
let seeds = '';
let storePath = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-anchor-'));
  seeds = join(dir, 'seeds');
  await cp(SEEDS, seeds, { recursive: true });
  storePath = join(dir, 'parley-store.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = (storeFile = storePath) =>
  ParleyService.create({ storePath: storeFile, seedDirs: [seeds], defaultAnnotator: 'ada', debounceMs: 0 });

/** Tags `needles` in the first seed, then changes its file with `edit` and opens Parley again. */
async function tagThenEdit(needles: string[], edit: (text: string) => string) {
  let service = await start();
  const [doc] = await service.listDocuments();
  if (!doc) throw new Error('no seeds');
  const { text } = await service.getDocument(doc.id);
  const ids: Record<string, string> = {};
  for (const [i, needle] of needles.entries()) {
    const at = text.indexOf(needle);
    if (at < 0) throw new Error(`no “${needle}”`);
    ids[needle] = (
      await service.addAnnotation({
        docId: doc.id,
        start: at,
        end: at + needle.length,
        label: ['quote', 'precondition', 'date'][i % 3] ?? 'quote',
      })
    ).id;
  }
  await service.close();
  const file = doc.source;
  const edited = edit(await readFile(file, 'utf8'));
  await writeFile(file, edited);
  service = await start();
  return { service, docId: doc.id, ids, edited };
}

describe('spans of a text changed since they were tagged', () => {
  it('are found again after edits before, inside and after them, or kept as orphans', async () => {
    const { service, docId, ids, edited } = await tagThenEdit(
      ['Kremlin spokesman Dmitry Peskov', 'Dec. 19, 2024', 'cautiously welcoming new signs', 'Gavriil Grigorov'],
      (text) =>
        `CORRECTION: an earlier version misdated the conference.\n\n${text}`
          .replace('cautiously welcoming new signs', 'cautiously welcoming the new signs')
          .replace('Sputnik/Gavriil Grigorov/Pool', 'Pool photo')
          .concat('\n\nThis article was updated.'),
    );
    const review = await service.getAnchorReview(docId);
    const moved = Object.fromEntries(review.moved.map((m) => [m.id, m]));
    expect(moved[ids['Kremlin spokesman Dmitry Peskov'] ?? '']).toMatchObject({
      how: 'exact',
      text: 'Kremlin spokesman Dmitry Peskov',
    });
    expect(moved[ids['Dec. 19, 2024'] ?? '']).toMatchObject({ how: 'exact', text: 'Dec. 19, 2024' });
    expect(moved[ids['cautiously welcoming new signs'] ?? '']).toMatchObject({
      how: 'fuzzy',
      oldText: 'cautiously welcoming new signs',
      text: 'cautiously welcoming the new signs',
    });
    for (const m of review.moved) expect(edited.slice(m.start, m.end)).toBe(m.text);
    expect(review.orphans.map((o) => [o.id, o.text])).toEqual([[ids['Gavriil Grigorov'], 'Gavriil Grigorov']]);

    // One by one: accept the fuzzy one; then all.
    const fuzzyId = ids['cautiously welcoming new signs'] ?? '';
    const after = await service.acceptMovedSpans(docId, [fuzzyId]);
    expect(after.moved.map((m) => m.id)).not.toContain(fuzzyId);
    expect(after.moved).toHaveLength(2);
    const view = await service.getDocument(docId);
    const accepted = view.annotations.find((a) => a.id === fuzzyId);
    expect(accepted).toMatchObject({ text: 'cautiously welcoming the new signs' });
    expect(accepted?.problem).toBeUndefined();
    const rest = await service.acceptMovedSpans(docId, 'all');
    expect(rest.moved).toEqual([]);
    expect(rest.orphans).toHaveLength(1);

    // The orphan is kept, flagged, with its text, and still exported.
    const orphan = (await service.getDocument(docId)).annotations.find((a) => a.id === ids['Gavriil Grigorov']);
    expect(orphan).toMatchObject({
      text: 'Gavriil Grigorov',
      problem: expect.stringMatching(/mismatch|range/) as unknown,
    });
    const out = join(dir, 'out.jsonl');
    await service.exportTo(out, { format: 'spans' });
    expect(await readFile(out, 'utf8')).toContain('Gavriil Grigorov');
    await service.close();

    // Accepted moves are on disk.
    const again = await start();
    expect((await again.getAnchorReview(docId)).moved).toEqual([]);
    await again.close();
  });
});
