import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitDocuments, writeExportFiles } from '../../../main/service/dataset-export';
import { ParleyService } from '../../../main/service/parley-service';
import { removeStore, storeFiles } from '../../fixtures/store-files';

let dir: string;
let storePath: string;
let seeds: string;
const services: ParleyService[] = [];

const TEXTS: Record<string, string> = {
  a: 'Peskov said talks could start on Monday.',
  b: 'Zelensky 😀 wants security guarantees first.',
  c: 'Nothing to tag here.',
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-datasets-'));
  seeds = join(dir, 'seeds');
  storePath = join(dir, 'store.json');
  await import('node:fs/promises').then((fs) => fs.mkdir(seeds));
  for (const [id, text] of Object.entries(TEXTS)) await writeFile(join(seeds, `${id}.txt`), text);
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(annotator = 'ada'): Promise<ParleyService> {
  const service = await ParleyService.create({
    storePath,
    seedDirs: [seeds],
    defaultAnnotator: annotator,
    debounceMs: 5,
  });
  services.push(service);
  return service;
}

const tag = (service: ParleyService, docId: string, covered: string, label: string) => {
  const start = TEXTS[docId]?.indexOf(covered) ?? -1;
  return service.addAnnotation({ docId, start, end: start + covered.length, label });
};

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          meta: { doc_id: string; status: string; annotator: string };
          spans: { start: number; label: string; text: string }[];
        },
    );

describe('dataset export', () => {
  it('exports the current annotator’s documents with spans or a status, in code points', async () => {
    const service = await open();
    await tag(service, 'a', 'Monday', 'date');
    await tag(service, 'b', 'security guarantees', 'precondition');
    await service.setStatus('c', 'done');
    const out = join(dir, 'out.jsonl');
    const summary = await service.exportTo(out, { format: 'spans' });
    expect(summary).toMatchObject({ documents: 3, spans: 2 });
    const docs = await lines(out);
    expect(docs.map((d) => [d.meta.doc_id, d.meta.status, d.spans.length])).toEqual([
      ['a', 'in-progress', 1],
      ['b', 'in-progress', 1],
      ['c', 'done', 0],
    ]);
    // Python: 'Zelensky 😀 wants security guarantees first.'.index('security') == 17
    expect(docs[1]?.spans[0]?.start).toBe(17);
  });

  it('filters by annotator, label and status', async () => {
    const service = await open();
    await tag(service, 'a', 'Monday', 'date');
    await tag(service, 'a', 'talks could start', 'quote');
    await service.setStatus('a', 'done');
    await service.updateSettings({ annotator: 'bob' });
    await tag(service, 'b', 'Zelensky', 'quote');
    const out = join(dir, 'f.jsonl');
    await service.exportTo(out, { format: 'spans', annotators: ['ada'], labels: ['date'], status: 'done' });
    const docs = await lines(out);
    expect(docs.map((d) => [d.meta.doc_id, d.meta.annotator, d.spans.map((s) => s.label)])).toEqual([
      ['a', 'ada', ['date']],
    ]);
    await service.exportTo(out, { format: 'spans', annotators: ['ada', 'bob'] });
    expect((await lines(out)).map((d) => `${d.meta.doc_id}/${d.meta.annotator}`)).toEqual(['a/ada', 'b/bob']);
  });

  it('splits by document, the same way for the same seed', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `doc-${i}`);
    const split = { train: 0.8, dev: 0.1, test: 0.1, seed: 42 };
    const first = splitDocuments(ids, split);
    const again = splitDocuments([...ids].reverse(), split);
    expect([first.train.size, first.dev.size, first.test.size]).toEqual([80, 10, 10]);
    expect([...again.test].sort()).toEqual([...first.test].sort());
    expect([...splitDocuments(ids, { ...split, seed: 43 }).test].sort()).not.toEqual([...first.test].sort());
  });

  it('writes a split as train, dev and test files in the chosen folder', async () => {
    const service = await open();
    for (const id of ['a', 'b', 'c']) await service.setStatus(id, 'done');
    const out = join(dir, 'split');
    const summary = await service.exportTo(out, { format: 'spans', split: { train: 1, dev: 1, test: 1, seed: 1 } });
    expect((await readdir(out)).sort()).toEqual(['dev.jsonl', 'test.jsonl', 'train.jsonl']);
    expect(summary.files).toHaveLength(3);
  });

  it('never writes outside the chosen folder', async () => {
    await expect(writeExportFiles(join(dir, 'x'), [{ path: '../escape.txt', content: 'no' }], false)).rejects.toThrow(
      /outside/,
    );
    expect(await readdir(dir)).not.toContain('escape.txt');
  });
});

describe('dataset import', () => {
  async function exportFrom(setup: (s: ParleyService) => Promise<void>): Promise<string> {
    const service = await open();
    await setup(service);
    const out = join(dir, 'exchange.jsonl');
    await service.exportTo(out, { format: 'spans' });
    await service.close();
    services.splice(services.indexOf(service), 1);
    await removeStore(storePath);
    return out;
  }

  it('brings back spans with their ids, and a done status with no spans', async () => {
    const file = await exportFrom(async (s) => {
      await tag(s, 'b', 'security guarantees', 'precondition');
      await s.setStatus('c', 'done');
    });
    const service = await open('zoe');
    const report = await service.importFrom(file, { format: 'spans', annotator: 'bob' });
    expect(report).toMatchObject({ applied: true, documents: 2, spans: 1, problems: [] });
    expect(report.backup).toMatch(/store\.json\.backup-/);
    await service.updateSettings({ annotator: 'bob' });
    const docs = await service.listDocuments();
    expect(docs.find((d) => d.id === 'c')).toMatchObject({ status: 'done', spanCount: 0 });
    expect((await service.getDocument('b')).annotations[0]).toMatchObject({
      text: 'security guarantees',
      annotator: 'bob',
    });
  });

  it('matches a document by the SHA-256 of its text when its id differs, and adds unknown ones', async () => {
    const service = await open();
    const line = (docId: string, text: string) =>
      JSON.stringify({
        text,
        meta: { doc_id: docId },
        spans: [{ start: 0, end: 6, label: 'quote', text: text.slice(0, 6) }],
      });
    const file = join(dir, 'in.jsonl');
    await writeFile(file, `${line('renamed-a', TEXTS.a ?? '')}\n${line('brand-new', 'Kremlin says yes.')}\n`);
    const report = await service.importFrom(file, { format: 'spans', annotator: 'ada' });
    expect(report).toMatchObject({ applied: true, addedDocuments: ['brand-new'] });
    expect((await service.getDocument('a')).annotations.map((a) => a.text)).toEqual(['Peskov']);
    expect((await service.getDocument('brand-new')).text).toBe('Kremlin says yes.');
  });

  it('changes nothing when any record is refused, and says where', async () => {
    const service = await open();
    await tag(service, 'a', 'Monday', 'date');
    await service.close();
    const file = join(dir, 'bad.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ text: TEXTS.a, meta: { doc_id: 'a' }, spans: [{ start: 0, end: 6, label: 'quote' }] }),
        JSON.stringify({ text: TEXTS.b, meta: { doc_id: 'b' }, spans: [{ start: 0, end: 999, label: 'quote' }] }),
        JSON.stringify({ text: TEXTS.c, meta: { doc_id: 'c' }, spans: [{ start: 0, end: 7, label: 'rumour' }] }),
      ].join('\n'),
    );
    const again = await open();
    await again.flush();
    const before = await storeFiles(storePath);
    const report = await again.importFrom(file, { format: 'spans', annotator: 'ada' });
    expect(report.applied).toBe(false);
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(/past the end[\s\S]*unknown label "rumour"/);
    expect(report.problems[0]).toMatchObject({ file: 'bad.jsonl', line: 2, docId: 'b' });
    await again.close();
    expect(await storeFiles(storePath)).toEqual(before);
    expect((await readdir(dir)).some((n) => n.includes('.backup-'))).toBe(false);
  });

  it('imports the valid records and reports the skipped ones with skipInvalid, adding labels on request', async () => {
    const service = await open();
    const file = join(dir, 'mixed.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({
          text: TEXTS.a,
          meta: { doc_id: 'a' },
          spans: [
            { start: 0, end: 6, label: 'speaker' },
            { start: -1, end: 2, label: 'quote' },
          ],
        }),
      ].join('\n'),
    );
    const report = await service.importFrom(file, {
      format: 'spans',
      annotator: 'ada',
      skipInvalid: true,
      addLabels: true,
    });
    expect(report).toMatchObject({ applied: true, spans: 1, skipped: 1, addedLabels: ['speaker'] });
    expect((await service.getSession()).labels.map((l) => l.id)).toContain('speaker');
  });

  it('replaces that annotator’s spans in the imported documents and nothing else', async () => {
    const service = await open();
    await tag(service, 'a', 'Monday', 'date');
    await service.updateSettings({ annotator: 'bob' });
    await tag(service, 'a', 'Peskov', 'quote');
    const file = join(dir, 'bob.jsonl');
    await writeFile(
      file,
      JSON.stringify({ text: TEXTS.a, meta: { doc_id: 'a' }, spans: [{ start: 7, end: 11, label: 'quote' }] }),
    );
    await service.importFrom(file, { format: 'spans', annotator: 'bob' });
    expect((await service.getDocument('a')).annotations.map((a) => a.text)).toEqual(['said']);
    await service.updateSettings({ annotator: 'ada' });
    expect((await service.getDocument('a')).annotations.map((a) => a.text)).toEqual(['Monday']);
  });
});

describe('dataset import of one document twice', () => {
  it('refuses a second record for the same document and annotator instead of overwriting the first', async () => {
    const service = await open();
    const file = join(dir, 'twice.jsonl');
    const record = (start: number) =>
      JSON.stringify({ text: TEXTS.a, meta: { doc_id: 'a' }, spans: [{ start, end: start + 4, label: 'quote' }] });
    await writeFile(file, `${record(0)}\n${record(7)}\n`);
    const report = await service.importFrom(file, { format: 'spans', annotator: 'ada' });
    expect(report.applied).toBe(false);
    expect(report.problems.map((p) => p.message)).toEqual([expect.stringMatching(/appears twice for ada/) as unknown]);
  });
});

describe('a Label Studio export', () => {
  it('writes the labelling config beside the tasks, naming every label and attribute', async () => {
    const service = await open();
    const span = await tag(service, 'a', 'Monday', 'date');
    await service.updateAnnotation(span.id, { attributes: { value: '2024-12-09' } });
    const summary = await service.exportTo(join(dir, 'tasks.json'), { format: 'labelstudio' });
    expect(summary.files).toEqual([join(dir, 'tasks.json'), join(dir, 'tasks.label-config.xml')]);
    const config = await readFile(join(dir, 'tasks.label-config.xml'), 'utf8');
    expect(config).toMatch(/<Labels name="label" toName="text">/);
    for (const label of ['quote', 'precondition', 'date']) expect(config).toContain(`value="${label}"`);
    expect(config).toContain('attr_value');
  });
});

describe('a CoNLL export of a span that cuts a word', () => {
  it('counts it as exported and reports the change', async () => {
    const service = await open();
    await service.updateSettings({ extendToWords: false });
    await service.addAnnotation({ docId: 'a', start: 0, end: 9, label: 'quote' }); // "Peskov sa"
    const summary = await service.exportTo(join(dir, 'out.conll'), { format: 'conll' });
    expect(summary.spans).toBe(1);
    expect(summary.dropped).toEqual([
      expect.objectContaining({
        text: 'Peskov sa',
        reason: expect.stringMatching(/written as the whole tokens/) as unknown,
      }),
    ]);
  });
});
