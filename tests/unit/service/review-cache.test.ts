import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, ReviewSummary } from '../../../main/api/contract';
import type { ReadonlyTables } from '../../../main/core/store-model';
import { ParleyService } from '../../../main/service/parley-service';
import { ReviewService } from '../../../main/service/review-service';
import type { ServiceHost } from '../../../main/service/service-host';

const TEXTS: Record<string, string> = {
  a: 'Peskov said talks could start on Monday if Kyiv agreed.',
  b: 'Zelensky wants security guarantees first, on Thursday.',
};
const REVIEWED = ['ben', 'cy'];

let dir: string;
let seeds: string;
let service: ParleyService | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-review-cache-'));
  seeds = join(dir, 'seeds');
  await mkdir(seeds);
  for (const [id, text] of Object.entries(TEXTS)) await writeFile(join(seeds, `${id}.txt`), text);
});

afterEach(async () => {
  await service?.close();
  service = null;
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<ParleyService> {
  service = await ParleyService.create({
    storePath: join(dir, 'store.json'),
    seedDirs: [seeds],
    defaultAnnotator: 'ada',
    debounceMs: 5,
  });
  return service;
}

/** The summaries a service that has cached nothing yet computes: the store reopened. */
async function fromScratch(): Promise<ReviewSummary[]> {
  await service?.close();
  return (await open()).listReviewSummaries(REVIEWED);
}

const at = (docId: string, covered: string) => {
  const start = TEXTS[docId]?.indexOf(covered) ?? -1;
  if (start < 0) throw new Error(`${covered} not in ${docId}`);
  return { docId, start, end: start + covered.length };
};

async function tagAs(s: ParleyService, annotator: string, docId: string, covered: string, label: string) {
  await s.updateSettings({ annotator });
  const added = await s.addAnnotation({ ...at(docId, covered), label });
  await s.updateSettings({ annotator: 'ada' });
  return added;
}

describe('review summaries cache', () => {
  it('follows every kind of change without being told, as a service starting afresh counts', async () => {
    const s = await open();
    const benTalks = await tagAs(s, 'ben', 'a', 'talks could start', 'precondition');
    await tagAs(s, 'cy', 'a', 'talks could start', 'quote');
    const benMonday = await tagAs(s, 'ben', 'a', 'Monday', 'date');
    await tagAs(s, 'cy', 'a', 'Monday', 'date');
    const cyKyiv = await tagAs(s, 'cy', 'a', 'Kyiv agreed', 'precondition');
    await tagAs(s, 'ben', 'b', 'Thursday', 'date');
    type Step = (current: ParleyService) => Promise<unknown>;
    const steps: [string, Step][] = [
      ['a colleague tags', (c) => tagAs(c, 'ben', 'a', 'if Kyiv agreed', 'precondition')],
      ['an accept into gold', (c) => c.acceptSpan(benTalks.id)],
      ['a reject', (c) => c.rejectSpan(cyKyiv.id, true)],
      ['an undo', (c) => c.undo('a')],
      ['a redo', (c) => c.redo('a')],
      ['an un-reject', (c) => c.rejectSpan(cyKyiv.id, false)],
      ['a status', (c) => c.setStatus('b', 'done')],
      ['a review state', (c) => c.setReviewState('a', 'adjudicated', REVIEWED)],
      [
        'a colleague deletes',
        async (c) => {
          await c.updateSettings({ annotator: 'ben' });
          await c.deleteAnnotation(benMonday.id);
          await c.updateSettings({ annotator: 'ada' });
        },
      ],
      ['a colleague on another document', (c) => tagAs(c, 'cy', 'b', 'Thursday', 'date')],
    ];
    let current = s;
    for (const [name, step] of steps) {
      await current.listReviewSummaries(REVIEWED);
      await current.getReview('a', REVIEWED);
      await step(current);
      const cached = await current.listReviewSummaries(REVIEWED);
      const review = await current.getReview('a', REVIEWED);
      expect(cached.find((c) => c.docId === 'a')?.remaining, name).toBe(review.remaining);
      expect(cached, name).toEqual(await fromScratch());
      current = service ?? current;
    }
  });

  it('answers setReviewState with the counts of the document', async () => {
    const s = await open();
    await tagAs(s, 'ben', 'a', 'Monday', 'date');
    await tagAs(s, 'cy', 'a', 'Monday', 'quote');
    await s.listReviewSummaries(REVIEWED);
    expect(await s.setReviewState('a', 'adjudicated', REVIEWED)).toEqual({
      docId: 'a',
      state: 'adjudicated',
      disagreements: 2,
      remaining: 2,
    });
    expect((await s.listReviewSummaries(REVIEWED)).find((c) => c.docId === 'a')?.state).toBe('adjudicated');
  });
});

describe('ReviewService.invalidate', () => {
  /** A host over plain values, which a test may change in place as the real model never does. */
  function hostOver(annotations: Annotation[]): ServiceHost {
    const tables = { status: {}, review: {} } as unknown as ReadonlyTables;
    return {
      tables: () => tables,
      annotationsOf: (docId: string) => annotations.filter((a) => a.docId === docId),
      corpus: {
        readableIds: () => Object.keys(TEXTS),
        requireText: (docId: string) => ({ id: docId, text: TEXTS[docId] ?? '' }),
      },
      view: (a: Annotation) => ({ ...a, rev: 0 }),
    } as unknown as ServiceHost;
  }
  const annotation = (id: string, docId: string, annotator: string, label: string): Annotation => ({
    id,
    ...at(docId, docId === 'a' ? 'Monday' : 'Thursday'),
    label,
    text: docId === 'a' ? 'Monday' : 'Thursday',
    prefix: '',
    suffix: '',
    annotator,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

  it('recomputes the documents it is given, and every document without arguments', () => {
    const annotations = [
      annotation('1', 'a', 'ben', 'date'),
      annotation('2', 'a', 'cy', 'date'),
      annotation('3', 'b', 'ben', 'date'),
      annotation('4', 'b', 'cy', 'date'),
    ];
    const review = new ReviewService(hostOver(annotations));
    const remaining = () => review.listReviewSummaries(REVIEWED).map((s) => s.remaining);
    expect(remaining()).toEqual([0, 0]);
    // The same objects changed in place: only an invalidation can tell.
    for (const a of annotations) Object.assign(a, { label: a.annotator === 'cy' ? 'quote' : 'date' });
    review.invalidate(['a']);
    expect(remaining()[0]).toBe(2);
    review.invalidate();
    expect(remaining()).toEqual([2, 2]);
  });
});
