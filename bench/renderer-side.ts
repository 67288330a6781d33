/**
 * The renderer figures, in Chromium through the end-to-end harness: opening each document,
 * tagging a word in it, scrolling the largest, and the heap it takes.
 */
import type { Browser, Page } from '@playwright/test';
import {
  armAdd,
  armOpen,
  collect,
  frames,
  rememberIds,
  scrollThrough,
  scrollToFraction,
  selectInText,
  usedHeap,
} from './page-probes';
import type { OpenSample } from './page-probes';
import { wordsOf } from './spans';
import { quantile, rangeOf, type Range } from './stats';
import { openApp } from './chromium';
import { profile, type ProfileSummary } from './profile';
import { SIZES, type BenchDocument, type SizeKey, type Workload } from './workloads';

/** The renderer figures, in milliseconds unless named otherwise. */
export interface RendererFigures {
  open: Record<SizeKey, Range>;
  add: Record<SizeKey, { median: number; p95: number }>;
  /** Share (0 to 1) of frames that took longer than 16.7 ms while scrolling the 1 MiB document. */
  scrollJankShare: number;
  heapMB: { '1m': number };
}

/** What the figures leave out but the report shows: transport share, frame counts. */
export interface RendererDetails {
  openGetDocumentMs: Record<SizeKey, number | null>;
  scrollFrames: number;
  scrollWorstMs: number;
}

const OPEN_RUNS = 5;
const ADDS = 20;
/** Scrolling: 200 px per frame, in 8 stretches of 50 frames spread from the top to the bottom. */
const SCROLL = { stepPx: 200, stretches: 8, frames: 50 };
/** A frame slower than this missed the 60 Hz budget. */
const FRAME_BUDGET_MS = 16.7;
/** Frame timestamps are rounded to 0.1 ms: on-time frames read 16.5 to 16.8 ms apart. */
const ROUNDING_MS = 0.3;
const TIMEOUT_MS = 30_000;

const documentOf = (workload: Workload, key: SizeKey): BenchDocument => {
  const doc = workload.documents.find((d) => d.id === key);
  if (!doc) throw new Error(`the workload has no document ${key}`);
  return doc;
};

/** Clicks a document's entry and times it until its first and last spans are painted. */
async function timeOpen(page: Page, doc: BenchDocument): Promise<OpenSample> {
  const first = doc.annotations[0];
  const last = doc.annotations.at(-1);
  if (!first || !last) throw new Error(`${doc.id} has no spans`);
  await page.evaluate(armOpen, {
    docId: doc.id,
    firstId: first.id,
    lastId: last.id,
    lastAt: last.start / doc.text.length,
    timeoutMs: TIMEOUT_MS,
  });
  await page.locator(`.doc-item[data-doc-id="${doc.id}"]`).click();
  return (await page.evaluate(collect)) as OpenSample;
}

/** A word to select: its needle in the text, where it is in the needle, and where in the text. */
interface WordToTag {
  needle: string;
  offset: number;
  length: number;
  /** The word's start as a fraction of the text. */
  at: number;
}

/**
 * `count` words spread over the text to tag: none already a span, each found by a needle (the
 * word with its line's context) that occurs once in the text.
 */
function wordsToTag(doc: BenchDocument, count: number): WordToTag[] {
  const taken = new Set(doc.annotations.map((a) => `${a.start}:${a.end}`));
  const words = wordsOf(doc.text);
  const chosen: WordToTag[] = [];
  for (let i = 0; i < count; i += 1) {
    const from = Math.floor(((i + 0.5) * doc.text.length) / count);
    for (const word of words) {
      if (word.start < from || word.end - word.start < 4 || taken.has(`${word.start}:${word.end}`)) continue;
      const lineStart = doc.text.lastIndexOf('\n', word.start) + 1;
      const lineEnd = doc.text.indexOf('\n', word.end);
      const start = Math.max(lineStart, word.start - 24);
      const needle = doc.text.slice(start, Math.min(lineEnd < 0 ? doc.text.length : lineEnd, word.end + 24));
      if (doc.text.indexOf(needle) !== doc.text.lastIndexOf(needle)) continue;
      chosen.push({
        needle,
        offset: word.start - start,
        length: word.end - word.start,
        at: word.start / doc.text.length,
      });
      break;
    }
  }
  return chosen;
}

/**
 * Times `count` tags of single words with the label key `1` in the open document `doc`: from
 * the keydown until the new highlight is painted.
 */
async function timeAdds(page: Page, doc: BenchDocument, count: number): Promise<number[]> {
  await page.evaluate(
    rememberIds,
    doc.annotations.map((a) => a.id),
  );
  const times: number[] = [];
  for (const word of wordsToTag(doc, count)) {
    // A view that draws only what is near the viewport needs scrolling to the word first.
    for (let attempt = 0; !(await page.evaluate(selectInText, word)); attempt += 1) {
      if (attempt === 3) throw new Error(`“${word.needle}” is not in the view of ${doc.id}`);
      await page.evaluate(scrollToFraction, word.at);
      await page.evaluate(frames, 3);
    }
    // ProseMirror reads the DOM selection on selectionchange; give it two frames.
    await page.evaluate(frames, 2);
    await page.evaluate(armAdd, { timeoutMs: TIMEOUT_MS });
    await page.keyboard.press('1');
    times.push((await page.evaluate(collect)) as number);
    // Lets the store's debounced write finish before the next add.
    await page.waitForTimeout(300);
  }
  return times;
}

/** Opens `doc` in a fresh page, lets it settle, then runs `task` there. */
async function withOpenDocument<T>(
  browser: Browser,
  workload: Workload,
  scratchDir: string,
  doc: BenchDocument,
  task: (page: Page) => Promise<T>,
): Promise<T> {
  const app = await openApp(browser, workload, scratchDir);
  try {
    await timeOpen(app.page, doc);
    await app.page.waitForTimeout(1000);
    return await task(app.page);
  } finally {
    await app.close();
  }
}

/** Runs every renderer measurement, each in fresh pages. */
export async function measureRenderer(
  browser: Browser,
  workload: Workload,
  scratchDir: string,
): Promise<{ figures: RendererFigures; details: RendererDetails }> {
  const open = {} as RendererFigures['open'];
  const add = {} as RendererFigures['add'];
  const openGetDocumentMs = {} as RendererDetails['openGetDocumentMs'];
  let heapBytes = Number.NaN;
  for (const size of SIZES) {
    const doc = documentOf(workload, size.key);
    const samples: OpenSample[] = [];
    for (let run = 0; run < OPEN_RUNS; run += 1) {
      const app = await openApp(browser, workload, scratchDir);
      samples.push(await timeOpen(app.page, doc));
      if (size.key === '1m' && run === OPEN_RUNS - 1) {
        await app.page.waitForTimeout(500);
        heapBytes = await app.page.evaluate(usedHeap);
      }
      await app.close();
    }
    open[size.key] = rangeOf(samples.map((s) => s.ms));
    const transport = samples.flatMap((s) => (s.getDocumentMs === null ? [] : [s.getDocumentMs]));
    openGetDocumentMs[size.key] = transport.length > 0 ? rangeOf(transport).median : null;
    const adds = await withOpenDocument(browser, workload, scratchDir, doc, (page) => timeAdds(page, doc, ADDS));
    add[size.key] = { median: rangeOf(adds).median, p95: quantile(adds, 0.95) };
  }
  const oneMiB = documentOf(workload, '1m');
  const intervals = await withOpenDocument(browser, workload, scratchDir, oneMiB, (page) =>
    page.evaluate(scrollThrough, SCROLL),
  );
  const slow = intervals.filter((ms) => ms > FRAME_BUDGET_MS + ROUNDING_MS).length;
  return {
    figures: { open, add, scrollJankShare: slow / intervals.length, heapMB: { '1m': heapBytes / 2 ** 20 } },
    details: { openGetDocumentMs, scrollFrames: intervals.length, scrollWorstMs: Math.max(...intervals) },
  };
}

/** How many adds the add profile covers. */
export const PROFILED_ADDS = 5;

/** How many frames of scrolling the scroll profile covers. */
export const PROFILED_FRAMES = 60;

/**
 * Profiles opening the 1 MiB document in a fresh page, then PROFILED_ADDS adds in it, then
 * PROFILED_FRAMES frames of scrolling from its top.
 */
export async function profileRenderer(
  browser: Browser,
  workload: Workload,
  scratchDir: string,
): Promise<{ open: ProfileSummary; add: ProfileSummary; scroll: ProfileSummary }> {
  const doc = documentOf(workload, '1m');
  const app = await openApp(browser, workload, scratchDir);
  try {
    const open = await profile(browser, app.page, async () => void (await timeOpen(app.page, doc)));
    await app.page.waitForTimeout(1000);
    const add = await profile(browser, app.page, async () => void (await timeAdds(app.page, doc, PROFILED_ADDS)));
    const stretch = { ...SCROLL, stretches: 1, frames: PROFILED_FRAMES };
    const scroll = await profile(browser, app.page, async () => void (await app.page.evaluate(scrollThrough, stretch)));
    return { open, add, scroll };
  } finally {
    await app.close();
  }
}
