/**
 * Every format through the service, as the app and the CLI use it: the golden annotations of a
 * seed article exported from one store and imported into a fresh one, span for span.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_IDS, type AnnotationView, type FormatId } from '../../../main/api/contract';
import { FORMATS } from '../../../main/core/formats/index';
import { ParleyService } from '../../../main/service/parley-service';
import { storeFiles } from '../../fixtures/store-files';

const ROOT = join(import.meta.dirname, '../../..');
const SEEDS = join(ROOT, 'seeds');
const DOC = '004_0a172a30c89c87c3';
const GOLDEN = join(ROOT, 'tests/fixtures/formats/spans/seed-004.jsonl');

/** What each format carries besides start, end and label. */
const CARRIES: Record<FormatId, { ids: boolean; attributes: boolean; notes: boolean }> = {
  spans: { ids: true, attributes: true, notes: true },
  doccano: { ids: true, attributes: true, notes: true },
  csv: { ids: true, attributes: true, notes: true },
  labelstudio: { ids: true, attributes: true, notes: true },
  webanno: { ids: true, attributes: true, notes: true },
  brat: { ids: true, attributes: true, notes: true },
  conll: { ids: false, attributes: false, notes: false },
};

let dir: string;
let source: ParleyService;
let original: AnnotationView[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-formats-'));
  source = await ParleyService.create({
    storePath: join(dir, 'source.json'),
    seedDirs: [SEEDS],
    defaultAnnotator: 'ada',
  });
  const report = await source.importFrom(GOLDEN, { format: 'spans', annotator: 'ada' });
  expect(report.applied).toBe(true);
  original = (await source.getDocument(DOC)).annotations;
});

afterAll(async () => {
  await source.close();
  await rm(dir, { recursive: true, force: true });
});

describe('every format through the service', () => {
  it('registers all seven formats', () => {
    expect(Object.keys(FORMATS).sort()).toEqual([...FORMAT_IDS].sort());
  });

  it.each(FORMAT_IDS.filter((id) => FORMATS[id] !== undefined))(
    '%s: export, then import into a fresh store, gives the same spans',
    async (id) => {
      const format = FORMATS[id];
      if (!format) throw new Error(`no ${id}`);
      const out = join(dir, format.layout.kind === 'folder' ? `${id}-out` : `${id}-out${format.layout.extension}`);
      const summary = await source.exportTo(out, { format: id });
      const target = await ParleyService.create({
        storePath: join(dir, `${id}.json`),
        seedDirs: [SEEDS],
        defaultAnnotator: 'bob',
      });
      try {
        const report = await target.importFrom(out, { format: id, annotator: 'bob' });
        expect(report.problems).toEqual([]);
        expect(report.applied).toBe(true);
        const back = (await target.getDocument(DOC)).annotations;
        const droppedTexts = new Set(summary.dropped.map((d) => `${d.label}:${d.text}`));
        const expected = original.filter((a) => !droppedTexts.has(`${a.label}:${a.text}`));
        const carried = CARRIES[id];
        const view = (a: AnnotationView) => ({
          start: a.start,
          end: a.end,
          label: a.label,
          text: a.text,
          ...(carried.ids && { id: a.id }),
          ...(carried.attributes && { attributes: a.attributes }),
          ...(carried.notes && { note: a.note }),
        });
        expect(back.map(view)).toEqual(expected.map(view));
        expect(back.every((a) => a.annotator === 'bob')).toBe(true);
      } finally {
        await target.close();
      }
    },
  );
});

describe('every format with a broken line in the middle', () => {
  it.each(FORMAT_IDS)('%s: reports it and leaves the store as it was', async (id) => {
    const format = FORMATS[id];
    const out = join(dir, format.layout.kind === 'folder' ? `${id}-broken` : `${id}-broken${format.layout.extension}`);
    await source.exportTo(out, { format: id });
    const main =
      format.layout.kind === 'folder' ? join(out, (await readdir(out)).find((n) => n.endsWith('.ann')) ?? '') : out;
    const lines = (await readFile(main, 'utf8')).split('\n');
    const middle = Math.floor(lines.length / 2);
    await writeFile(main, [...lines.slice(0, middle), '}{"broken": \t\t-5 -1', ...lines.slice(middle)].join('\n'));

    const storePath = join(dir, `${id}-untouched-store.json`);
    const target = await ParleyService.create({ storePath, seedDirs: [SEEDS], defaultAnnotator: 'bob' });
    try {
      await target.close();
      const before = await storeFiles(storePath);
      const report = await target.importFrom(out, { format: id, annotator: 'bob' });
      expect(report.applied).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.problems[0]?.message).not.toBe('');
      await target.close();
      expect(await storeFiles(storePath)).toEqual(before);
    } finally {
      await target.close();
    }
  });
});
