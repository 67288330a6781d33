import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GOLD } from '../../../main/api/contract';
import { ParleyService } from '../../../main/service/parley-service';

const TEXTS: Record<string, string> = {
  a: 'Peskov said talks could start on Monday if Kyiv agreed.',
  b: 'Zelensky 😀 wants security guarantees first.',
};

let dir: string;
let seeds: string;
const services: ParleyService[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-review-'));
  seeds = join(dir, 'seeds');
  await mkdir(seeds);
  for (const [id, text] of Object.entries(TEXTS)) await writeFile(join(seeds, `${id}.txt`), text);
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(storeName = 'store.json', annotator = 'ada', extra: string[] = []): Promise<ParleyService> {
  const service = await ParleyService.create({
    storePath: join(dir, storeName),
    seedDirs: [seeds, ...extra],
    defaultAnnotator: annotator,
    debounceMs: 5,
    pickSavePath: async (name) => join(dir, name),
  });
  services.push(service);
  return service;
}

const at = (docId: string, covered: string) => {
  const start = TEXTS[docId]?.indexOf(covered) ?? -1;
  if (start < 0) throw new Error(`${covered} not in ${docId}`);
  return { docId, start, end: start + covered.length };
};

/** Tags as `annotator`: the service stamps the current annotator's name. */
async function tagAs(service: ParleyService, annotator: string, docId: string, covered: string, label: string) {
  await service.updateSettings({ annotator });
  return service.addAnnotation({ ...at(docId, covered), label });
}

/** ben and cy tagged document a; ada reviews. */
async function twoColleagues(service: ParleyService) {
  const benTalks = await tagAs(service, 'ben', 'a', 'talks could start', 'precondition');
  const benMonday = await tagAs(service, 'ben', 'a', 'Monday', 'date');
  const benKyiv = await tagAs(service, 'ben', 'a', 'if Kyiv agreed', 'precondition');
  const cyTalks = await tagAs(service, 'cy', 'a', 'talks could start', 'quote');
  const cyMonday = await tagAs(service, 'cy', 'a', 'Monday', 'date');
  const cyKyiv = await tagAs(service, 'cy', 'a', 'Kyiv agreed', 'precondition');
  const cyPeskov = await tagAs(service, 'cy', 'a', 'Peskov', 'quote');
  await service.updateSettings({ annotator: 'ada' });
  return { benTalks, benMonday, benKyiv, cyTalks, cyMonday, cyKyiv, cyPeskov };
}

describe('review', () => {
  it('lists annotators with counts per label and document, you first and gold last', async () => {
    const service = await open();
    const spans = await twoColleagues(service);
    await service.acceptSpan(spans.benMonday.id);
    const stats = await service.listAnnotatorStats();
    expect(stats.map((s) => s.name)).toEqual(['ada', 'ben', 'cy', GOLD]);
    expect(stats[1]).toMatchObject({
      total: 3,
      perLabel: { precondition: 2, date: 1 },
      perDocument: { a: 3 },
      documents: 1,
    });
    expect(stats[3]).toMatchObject({ isGold: true, total: 1 });
    expect(stats[0]).toMatchObject({ isCurrent: true, total: 0, documents: 0 });
  });

  it('classes every span of the reviewed annotators and counts what remains', async () => {
    const service = await open();
    const s = await twoColleagues(service);
    const review = await service.getReview('a', ['ben', 'cy']);
    const cls = Object.fromEntries(review.spans.map((span) => [span.id, span.cls]));
    expect(cls[s.benTalks.id]).toBe('label');
    expect(cls[s.cyTalks.id]).toBe('label');
    expect(cls[s.benMonday.id]).toBe('agreed');
    expect(cls[s.benKyiv.id]).toBe('boundary');
    expect(cls[s.cyKyiv.id]).toBe('boundary');
    expect(cls[s.cyPeskov.id]).toBe('only');
    expect(review.remaining).toBe(5);
    expect(review.state).toBe('open');
  });

  it('accepts into gold once, rejects what conflicts with it, and reject toggles', async () => {
    const service = await open();
    const s = await twoColleagues(service);
    const gold = await service.acceptSpan(s.benKyiv.id);
    expect(gold).toMatchObject({
      annotator: GOLD,
      acceptedFrom: s.benKyiv.id,
      text: 'if Kyiv agreed',
      label: 'precondition',
    });
    expect((await service.acceptSpan(s.benKyiv.id)).id).toBe(gold.id);
    let review = await service.getReview('a', ['ben', 'cy']);
    const resolution = (id: string) => review.spans.find((span) => span.id === id)?.resolution;
    expect(resolution(s.benKyiv.id)).toBe('accepted');
    expect(resolution(s.cyKyiv.id)).toBe('rejected');
    expect(review.gold.map((g) => g.text)).toEqual(['if Kyiv agreed']);
    expect(review.remaining).toBe(3);

    await service.rejectSpan(s.cyPeskov.id, true);
    review = await service.getReview('a', ['ben', 'cy']);
    expect(resolution(s.cyPeskov.id)).toBe('rejected');
    expect(review.remaining).toBe(2);
    await service.rejectSpan(s.cyPeskov.id, false);
    review = await service.getReview('a', ['ben', 'cy']);
    expect(resolution(s.cyPeskov.id)).toBeUndefined();
  });

  it('lets the reviewer edit and delete gold spans, and undo an accept', async () => {
    const service = await open();
    const s = await twoColleagues(service);
    const gold = await service.acceptSpan(s.cyKyiv.id);
    const widened = await service.updateAnnotation(gold.id, { start: at('a', 'if Kyiv agreed').start });
    expect(widened.text).toBe('if Kyiv agreed');
    const own = await service.addAnnotation({ ...at('a', 'Peskov'), label: 'quote', gold: true });
    expect(own.annotator).toBe(GOLD);
    await service.deleteAnnotation(own.id);
    await service.undo('a'); // brings the deleted gold span back
    await service.undo('a'); // removes it again (its creation)
    await service.undo('a'); // the widening
    await service.undo('a'); // the accept
    expect((await service.getReview('a', ['ben', 'cy'])).gold).toEqual([]);
    await expect(service.updateAnnotation(s.benMonday.id, { label: 'quote' })).rejects.toThrow(/belongs to ben/);
  });

  it('marks a document adjudicated, and the gold set exports with status done', async () => {
    const service = await open();
    const s = await twoColleagues(service);
    await service.acceptSpan(s.benMonday.id);
    const summary = await service.setReviewState('a', 'adjudicated', ['ben', 'cy']);
    expect(summary).toMatchObject({ docId: 'a', state: 'adjudicated', disagreements: 5, remaining: 5 });
    const out = join(dir, 'gold.jsonl');
    await service.exportTo(out, { format: 'spans', annotators: [GOLD], status: 'done' });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { meta: unknown; spans: unknown });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.meta).toMatchObject({ doc_id: 'a', annotator: GOLD, status: 'done' });
    expect(lines[0]?.spans).toMatchObject([{ text: 'Monday', label: 'date', acceptedFrom: s.benMonday.id }]);
    const summaries = await service.listReviewSummaries(['ben', 'cy']);
    expect(summaries).toEqual([
      { docId: 'a', state: 'adjudicated', disagreements: 5, remaining: 5 },
      { docId: 'b', state: 'open', disagreements: 0, remaining: 0 },
    ]);
  });

  it('keeps comment threads on anyone’s span, across a restart and in a spans export', async () => {
    let service = await open();
    const s = await twoColleagues(service);
    await service.addComment(s.cyPeskov.id, 'Peskov is the speaker, not the quote.');
    await service.updateSettings({ annotator: 'ben' });
    await service.addComment(s.cyPeskov.id, 'Agreed.');
    await expect(service.addComment(s.cyPeskov.id, '   ')).rejects.toThrow(/cannot be empty/);
    service = await (async () => {
      await service.close();
      return open();
    })();
    const review = await service.getReview('a', ['ben', 'cy']);
    const thread = review.spans.find((span) => span.id === s.cyPeskov.id)?.comments;
    expect(thread?.map((c) => [c.author, c.text])).toEqual([
      ['ada', 'Peskov is the speaker, not the quote.'],
      ['ben', 'Agreed.'],
    ]);
    const out = join(dir, 'cy.jsonl');
    await service.exportTo(out, { format: 'spans', annotators: ['cy'] });
    expect(await readFile(out, 'utf8')).toContain('"comments":[{"author":"ada"');
  });

  it('lists the disagreements behind a pair, optionally for one label', async () => {
    const service = await open();
    const s = await twoColleagues(service);
    const all = await service.listDisagreements({ a: 'ben', b: 'cy' });
    expect(all.map((d) => [d.cls, d.a?.id, d.b?.id])).toEqual([
      ['label', s.benTalks.id, s.cyTalks.id],
      ['boundary', s.benKyiv.id, s.cyKyiv.id],
      ['only', undefined, s.cyPeskov.id],
    ]);
    const dates = await service.listDisagreements({ a: 'ben', b: 'cy', label: 'date' });
    expect(dates).toEqual([]);
    const quotes = await service.listDisagreements({ a: 'ben', b: 'cy', label: 'quote' });
    expect(quotes.map((d) => d.b?.text)).toEqual(['talks could start', 'Peskov']);
  });

  it('counts an annotator who found nothing: a document marked done with no spans is an answer', async () => {
    const service = await open();
    await tagAs(service, 'ada', 'a', 'talks could start', 'quote');
    await service.updateSettings({ annotator: 'ben' });
    await service.setStatus('a', 'done');
    const report = await service.getAgreement({});
    // Ben is the current annotator, so first; ada is measured against him.
    expect(report.annotators).toEqual(['ben', 'ada']);
    const pair = report.pairwise[0];
    expect(pair?.documents).toBe(1);
    expect(pair?.cohenKappa.perLabel['quote']).toBe(0);
    expect(pair?.spanExact.perLabel['quote']).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 });
    expect(report.group.krippendorffAlpha.perLabel['quote']).toEqual(expect.any(Number));
    expect(report.group.fleissKappa.perLabel['quote']).toEqual(expect.any(Number));
    expect(report.group.unitizedAlpha.perLabel['quote']).toEqual(expect.any(Number));
  });

  it('counts an imported record with no spans as its annotator’s answer for the document', async () => {
    const service = await open();
    await tagAs(service, 'ada', 'a', 'talks could start', 'quote');
    const file = join(dir, 'ben.jsonl');
    await writeFile(file, `${JSON.stringify({ text: TEXTS['a'], meta: { doc_id: 'a' }, spans: [] })}\n`);
    await service.importFrom(file, { format: 'spans', annotator: 'ben' });
    const report = await service.getAgreement({});
    expect(report.annotators).toEqual(['ada', 'ben']);
    expect(report.pairwise[0]?.documents).toBe(1);
    expect(report.perDocument.find((d) => d.docId === 'a')?.annotated).toEqual(['ada', 'ben']);
  });

  it('refuses gold as a personal annotator name and unknown names in agreement', async () => {
    const service = await open();
    await expect(service.updateSettings({ annotator: GOLD })).rejects.toThrow(/adjudicated set/);
    await expect(service.getAgreement({ annotators: ['ada', 'zed'] })).rejects.toThrow(/No annotator “zed”/);
    await expect(service.getAgreement({ labels: ['mood'] })).rejects.toThrow(/Unknown label “mood”/);
  });

  it('writes the agreement figures as CSV where the person chose', async () => {
    const service = await open();
    await twoColleagues(service);
    const path = await service.saveAgreementCsv({ annotators: ['ben', 'cy'] });
    expect(path).toBe(join(dir, 'parley-agreement.csv'));
    const csv = await readFile(path ?? '', 'utf8');
    expect(csv.split('\n')[0]).toMatch(/measure/);
    expect(csv).toContain('pair,,ben,cy,cohen_kappa,,');
  });
});

describe('importing another Parley store', () => {
  it('brings in every colleague set but yours and gold, and a re-import replaces only that set', async () => {
    const ben = await open('ben.json', 'ben');
    const benKyiv = await ben.addAnnotation({ ...at('a', 'if Kyiv agreed'), label: 'precondition' });
    await ben.addComment(benKyiv.id, 'condition for talks');
    await ben.setStatus('a', 'done');
    await tagAs(ben, 'ada', 'b', 'security guarantees', 'precondition'); // ada's work, as ben imported it once
    await ben.updateSettings({ annotator: 'ben' });
    await ben.close();

    const ada = await open('store.json', 'ada');
    const mine = await ada.addAnnotation({ ...at('b', 'Zelensky'), label: 'quote' });
    const cy = await tagAs(ada, 'cy', 'b', 'first', 'date');
    await ada.updateSettings({ annotator: 'ada' });
    const report = await ada.importFrom(join(dir, 'ben.json'), { format: 'parley' });
    expect(report).toMatchObject({ applied: true, spans: 1, problems: [] });
    expect(report.notes).toEqual(['The store’s annotations by ada (you) were not imported; yours are as they were.']);
    let review = await ada.getReview('a', ['ben']);
    expect(review.spans).toMatchObject([
      { id: benKyiv.id, text: 'if Kyiv agreed', comments: [{ text: 'condition for talks' }] },
    ]);
    expect((await ada.listAnnotatorStats()).find((s) => s.name === 'ada')?.total).toBe(1);

    // ben works on; the newer file replaces his set and nothing else.
    const ben2 = await open('ben.json', 'ben');
    await ben2.deleteAnnotation(benKyiv.id);
    await ben2.addAnnotation({ ...at('a', 'Monday'), label: 'date' });
    await ben2.close();
    await ada.importFrom(join(dir, 'ben.json'), { format: 'parley' });
    review = await ada.getReview('a', ['ben']);
    expect(review.spans.map((s) => s.text)).toEqual(['Monday']);
    const ids = (await ada.getReview('b', ['ada', 'cy'])).spans.map((s) => s.id).sort();
    expect(ids).toEqual([mine.id, cy.id].sort());
  });

  it('refuses spans of documents this corpus lacks, and a file that is not a store', async () => {
    const other = join(dir, 'other');
    await mkdir(other);
    await writeFile(join(other, 'z.txt'), 'Only ben has this text.');
    const ben = await open('ben.json', 'ben', [other]);
    await ben.addAnnotation({ docId: 'z', start: 0, end: 4, label: 'quote' });
    await ben.close();
    const ada = await open();
    const report = await ada.importFrom(join(dir, 'ben.json'), { format: 'parley' });
    expect(report.applied).toBe(false);
    expect(report.problems.map((p) => p.message)).toEqual([
      'document z is not in this corpus; its 1 span(s) were refused',
    ]);
    await writeFile(join(dir, 'junk.json'), '{"schemaVersion": 1, "oops": true}');
    const junk = await ada.importFrom(join(dir, 'junk.json'), { format: 'parley' });
    expect(junk.applied).toBe(false);
    expect(junk.problems[0]?.message).toMatch(/is not a valid Parley store/);
    await expect(ada.importFrom(join(dir, 'ben.json'), { format: 'parley', annotator: 'x' })).rejects.toThrow(
      /names its annotators/,
    );
  });
});
