import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParleyService } from '../../../main/service/parley-service';
import { SuggestClient } from '../../../main/service/suggest-client';
import { readStore } from '../../fixtures/store-files';

const TEXT =
  'Kyiv, March 3, 2025\n' +
  '“We are ready to talk,” Dmitry Peskov said on Monday. Talks can start only if Ukraine withdraws its troops, Peskov added.\n';

let dir: string;
let seeds: string;
const services: ParleyService[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-session-'));
  seeds = join(dir, 'seeds');
  await mkdir(seeds);
  await writeFile(join(seeds, 'kyiv.txt'), TEXT);
  await writeFile(join(seeds, 'other.txt'), 'Nothing about talks here. Talks, talks.');
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(annotator = 'ada'): Promise<ParleyService> {
  const service = await ParleyService.create({
    storePath: join(dir, 'store.json'),
    seedDirs: [seeds],
    defaultAnnotator: annotator,
    debounceMs: 5,
  });
  services.push(service);
  return service;
}

async function reopen(service: ParleyService, annotator = 'ada'): Promise<ParleyService> {
  await service.close();
  return open(annotator);
}

describe('suggestions', () => {
  it('suggests quotes, dates and preconditions, and accepting one tags it as suggested', async () => {
    const service = await open();
    const suggestions = await service.getSuggestions('kyiv');
    const quote = suggestions.find((s) => s.label === 'quote');
    expect(quote).toMatchObject({ text: 'We are ready to talk', attributes: { speaker: 'Dmitry Peskov' } });
    const monday = suggestions.find((s) => s.label === 'date' && s.text === 'Monday');
    // Resolved against the date the article states on its first line.
    expect(monday?.attributes.value).toBe('2025-03-03');
    const added = await service.acceptSuggestion('kyiv', quote?.id ?? '', { speaker: 'Peskov' });
    expect(added).toMatchObject({ source: 'suggested', label: 'quote', attributes: { speaker: 'Peskov' } });
    expect((await service.getSuggestions('kyiv')).map((s) => s.id)).not.toContain(quote?.id);
    // Undo takes the accepted suggestion back, and it is offered again.
    await service.undo('kyiv');
    expect((await service.getSuggestions('kyiv')).map((s) => s.id)).toContain(quote?.id);
  });

  it('keeps a rejection for that annotator and document only, across a restart', async () => {
    let service = await open();
    const [first] = await service.getSuggestions('kyiv');
    await service.rejectSuggestion('kyiv', first?.id ?? '');
    service = await reopen(service);
    expect((await service.getSuggestions('kyiv')).map((s) => s.id)).not.toContain(first?.id);
    await service.updateSettings({ annotator: 'ben' });
    expect((await service.getSuggestions('kyiv')).map((s) => s.id)).toContain(first?.id);
    await expect(service.rejectSuggestion('kyiv', 'quote:0:1')).rejects.toThrow(/no suggestion/);
  });

  it('suggests only the labels switched on', async () => {
    const service = await open();
    await service.updateSettings({ suggestLabels: ['date'] });
    const labels = new Set((await service.getSuggestions('kyiv')).map((s) => s.label));
    expect([...labels]).toEqual(['date']);
  });

  it('uses the publication date the person sets over the one in the text', async () => {
    const service = await open();
    expect((await service.listDocuments()).find((d) => d.id === 'kyiv')?.publishedAt).toBe('2025-03-03');
    const summary = await service.setPublishedAt('kyiv', '2025-03-12');
    expect(summary.publishedAt).toBe('2025-03-12');
    const monday = (await service.getSuggestions('kyiv')).find((s) => s.text === 'Monday');
    expect(monday?.attributes.value).toBe('2025-03-10');
    await expect(service.setPublishedAt('kyiv', '2025-02-30')).rejects.toThrow(/not a calendar date/);
  });

  it('answers for the date set while the suggestions were being computed, not the one before', async () => {
    const service = await open();
    const pending = service.getSuggestions('kyiv');
    await service.setPublishedAt('kyiv', '2025-03-12');
    expect((await pending).find((s) => s.text === 'Monday')?.attributes.value).toBe('2025-03-10');
  });

  it('answers for the labels switched on while the suggestions were being computed', async () => {
    const service = await open();
    const pending = service.getSuggestions('kyiv');
    await service.updateSettings({ suggestLabels: ['quote'] });
    expect(new Set((await pending).map((s) => s.label))).toEqual(new Set(['quote']));
  });

  it('computes once when two requests for a document overlap', async () => {
    const run = vi.spyOn(SuggestClient.prototype, 'run');
    try {
      const service = await open();
      const [first, second] = await Promise.all([service.getSuggestions('kyiv'), service.getSuggestions('kyiv')]);
      expect(second).toEqual(first);
      expect(await service.getSuggestions('kyiv')).toEqual(first);
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      run.mockRestore();
    }
  });

  it('accepts and rejects a suggestion that was never listed', async () => {
    const service = await open();
    const monday = TEXT.indexOf('Monday');
    const added = await service.acceptSuggestion('kyiv', `date:${monday}:${monday + 6}`);
    expect(added).toMatchObject({ source: 'suggested', label: 'date', attributes: { value: '2025-03-03' } });
    const dateline = TEXT.indexOf('March 3, 2025');
    await service.rejectSuggestion('kyiv', `date:${dateline}:${dateline + 13}`);
    expect((await service.getSuggestions('kyiv')).filter((s) => s.label === 'date')).toEqual([]);
  });
});

describe('labels as data', () => {
  it('adds, changes and refuses a taken or reserved hotkey', async () => {
    const service = await open();
    const labels = await service.addLabel({ id: 'actor', name: 'actor', color: '#7048e8', hotkey: '4' });
    expect(labels.map((l) => l.id)).toEqual(['quote', 'precondition', 'date', 'actor']);
    await expect(service.addLabel({ id: 'actor', name: 'x', color: '#000000', hotkey: '' })).rejects.toThrow(
      /already a label/,
    );
    await expect(service.updateLabel('actor', { hotkey: '1' })).rejects.toThrow(/hotkey of quote/);
    await expect(service.updateLabel('actor', { hotkey: 'x' })).rejects.toThrow(/Parley's own keys/);
    const changed = await service.updateLabel('actor', {
      name: 'Actor',
      attributes: [{ name: 'role', kind: 'choice', choices: ['state', 'person'] }],
    });
    expect(changed.find((l) => l.id === 'actor')).toMatchObject({ name: 'Actor', attributes: [{ name: 'role' }] });
  });

  it('deletes a label in use only as chosen: its spans moved to another label, after a backup', async () => {
    let service = await open();
    const start = TEXT.indexOf('Monday');
    await service.addAnnotation({ docId: 'kyiv', start, end: start + 6, label: 'date' });
    await service.addLabel({ id: 'when', name: 'when', color: '#123456', hotkey: '' });
    await service.addAnnotation({ docId: 'kyiv', start, end: start + 6, label: 'when' });
    const moved = await service.addAnnotation({ docId: 'kyiv', start: 0, end: 4, label: 'when' });
    const labels = await service.deleteLabel('when', { action: 'relabel', to: 'date' });
    expect(labels.map((l) => l.id)).not.toContain('when');
    service = await reopen(service);
    const spans = (await service.getDocument('kyiv')).annotations.map((a) => `${a.text}:${a.label}`);
    // The Monday span already tagged date is not doubled.
    expect(spans.sort()).toEqual(['Kyiv:date', 'Monday:date']);
    expect((await service.getDocument('kyiv')).annotations.find((a) => a.id === moved.id)?.label).toBe('date');
    expect((await readdir(dir)).some((name) => name.startsWith('store.json.backup-'))).toBe(true);
    await expect(service.deleteLabel('date', { action: 'relabel', to: 'date' })).rejects.toThrow(/another existing/);
    await service.deleteLabel('date', { action: 'delete' });
    expect((await service.getDocument('kyiv')).annotations).toEqual([]);
  });
});

describe('finding and statistics', () => {
  it('searches the corpus case-insensitively, most hits first', async () => {
    const service = await open();
    expect(await service.searchCorpus('TALKS')).toEqual([
      { docId: 'other', count: 3 },
      { docId: 'kyiv', count: 1 },
    ]);
    expect(await service.searchCorpus('zebra')).toEqual([]);
  });

  it('adds up active time per document and gives spans per hour and label counts', async () => {
    const service = await open();
    await service.addAnnotation({ docId: 'kyiv', start: 0, end: 4, label: 'quote' });
    await service.recordActivity('kyiv', 20 * 60_000);
    await service.recordActivity('kyiv', 10 * 60_000);
    const stats = await service.getSessionStats();
    expect(stats.activeMs).toEqual({ kyiv: 30 * 60_000 });
    expect(stats.spansPerHour).toBe(2);
    expect(stats.labelCounts).toEqual({ mine: { quote: 1 }, corpus: { quote: 1 } });
    await service.close();
    expect((await readStore(join(dir, 'store.json'))).activity).toEqual({ ada: { kyiv: 30 * 60_000 } });
  });
});
