/**
 * The renderer figures, in Chromium through the end-to-end harness. They are taken with the
 * settings a new store has (suggestions on), because that is what people run; opening and
 * tagging are taken again with suggestions off, to show what suggestions cost. Every key that
 * changes the text (tag, relabel, delete, undo, accept) is timed alike, from the keydown to the
 * painted frame, as each has to fit in one frame; set-up before a key press is never timed, and
 * each change is let settle (its follow-up calls ended, the store written) before the next, so a
 * figure never includes the previous change's work. Review, a 1,000-document launch and long
 * lists are timed because their cost grows with the corpus rather than with one document.
 */
import type { Browser, Page } from '@playwright/test';
import type { Annotation } from '../main/api/contract';
import {
  addedId,
  armAdd,
  armChange,
  keyPaintMs,
  armOpen,
  callTimes,
  collect,
  collectLaunch,
  frames,
  isShown,
  pageNow,
  rememberIds,
  revealListEntry,
  scrollThrough,
  scrollToFraction,
  selectInText,
  usedHeap,
  watchLaunch,
  whenIdle,
  type Until,
} from './page-probes';
import type { OpenSample } from './page-probes';
import { wordsOf } from './spans';
import { orElse, quantile, rangeOf, type Range } from './stats';
import { openApp, type AppOptions, type AppPage } from './chromium';
import { profile, type ProfileSummary } from './profile';
import { REVIEW_ANNOTATORS, SIZES, type BenchDocument, type SizeKey, type Workload } from './workloads';

/** Median and 95th percentile of a series of timings. */
export interface Timing {
  median: number;
  p95: number;
}

/** Opening and tagging, per document size. */
export interface OpenAndAdd {
  open: Record<SizeKey, Range>;
  add: Record<SizeKey, Timing>;
}

/** The edits timed from the key press until the frame showing the result is painted. */
export const EDITS = ['relabel', 'delete', 'undo', 'accept'] as const;
export type EditKind = (typeof EDITS)[number];

/**
 * An add as the browser's Event Timing counts it (what Interaction to Next Paint uses): from the
 * key event until the next frame was presented, in steps of 8 ms; a key under 16 ms is not
 * reported by the API and counts here as 8 ms. `under16` is the share of those.
 */
export interface PaintTiming extends Timing {
  under16: number;
}

/** Median, p95 and the share under 16 ms of Event Timing durations (0: under 16 ms, counted as 8). */
function paintTimingOf(paints: readonly number[]): PaintTiming {
  const counted = paints.map((ms) => (ms === 0 ? 8 : ms));
  return { ...timingOf(counted), under16: paints.filter((ms) => ms === 0).length / Math.max(1, paints.length) };
}

/** The renderer figures, in milliseconds unless named otherwise. */
export interface RendererFigures extends OpenAndAdd {
  /** The adds again, as Event Timing counts them. */
  addPaint: Record<SizeKey, PaintTiming>;
  /** Share (0 to 1) of frames that took longer than 16.7 ms while scrolling the 1 MiB document. */
  scrollJankShare: number;
  heapMB: { '1m': number };
  /** Open and add again with suggestions turned off. */
  suggestionsOff: OpenAndAdd;
  edit: Record<EditKind, Record<SizeKey, Timing>>;
  /** From Ctrl+2 until the 1 MiB document's review highlights (three annotators) are painted. */
  reviewOpen: { '1m': Range };
  bigCorpus: {
    /** From navigation start until the first document's highlights are painted (median). */
    launchMs: number;
    /** From a click on another document's entry until its highlights are painted (median). */
    switchMs: number;
    /** The worse of the two lists' shares of late frames. */
    listJankShare: number;
    listJank: { documents: number; annotations: number };
  };
}

/** What the figures leave out but the report shows: transport share, frame counts, spreads. */
export interface RendererDetails {
  openGetDocumentMs: Record<SizeKey, number | null>;
  scrollFrames: number;
  scrollWorstMs: number;
  /** Median time, after each add and edit was painted, that calls it caused went on (suggestions reloading). */
  settleMs: Record<SizeKey, number>;
  /** The Review's getReview and listReviewSummaries round trips (medians), when seen. */
  review: { getReviewMs: number | null; summariesMs: number | null };
  launch: Range;
  switches: Range;
  listFrames: { documents: number; annotations: number };
  listWorstMs: { documents: number; annotations: number };
  /** How many timed samples each figure is made of. */
  samples: { open: number; add: number; edit: number; offOpen: number; offAdd: number; review: number };
}

const OPEN_RUNS = 5;
const ADDS = 20;
/** Each edit, per size; p95 of 8 is the slowest. */
const EDITS_PER_KIND = 8;
/** With suggestions off (a comparison), fewer runs. */
const OFF_OPEN_RUNS = 3;
const OFF_ADDS = 10;
const REVIEW_RUNS = 3;
const LAUNCH_RUNS = 3;
const SWITCHES = 10;
/** Scrolling: 200 px per frame, in 8 stretches of 50 frames spread from the top to the bottom. */
const SCROLL = { stepPx: 200, stretches: 8, frames: 50 };
/** A frame slower than this missed the 60 Hz budget. */
const FRAME_BUDGET_MS = 16.7;
/** Frame timestamps are rounded to 0.1 ms: on-time frames read 16.5 to 16.8 ms apart. */
const ROUNDING_MS = 0.3;
const TIMEOUT_MS = 30_000;
/** No call under way for this long counts as settled. */
const QUIET_MS = 50;
/** The label key that relabels a selected span (precondition, of the default labels). */
const RELABEL_KEY = '2';
const RELABEL_TO = 'precondition';

const documentOf = (workload: Workload, key: string): BenchDocument => {
  const doc = workload.documents.find((d) => d.id === key);
  if (!doc) throw new Error(`the workload has no document ${key}`);
  return doc;
};

const timingOf = (times: readonly number[]): Timing => ({ median: rangeOf(times).median, p95: quantile(times, 0.95) });

/** The share of frame intervals over the 60 Hz budget (with the timestamps' rounding). */
const lateShare = (intervals: readonly number[]): number =>
  intervals.length === 0
    ? Number.NaN
    : intervals.filter((ms) => ms > FRAME_BUDGET_MS + ROUNDING_MS).length / intervals.length;

/**
 * After a change: waits until the app's follow-up calls (suggestions reloading, say) have ended,
 * then has the service write the store now rather than after its debounce, so that neither
 * runs into the next measurement (the service shares the event loop of this process). Returns
 * how long the calls went on.
 */
async function settle(app: AppPage): Promise<number> {
  const waited = await app.page.evaluate(whenIdle, { quietMs: QUIET_MS, timeoutMs: 60_000 });
  await app.harness.service.flush();
  return waited;
}

/**
 * Brings a document's entry into the list: a long list is windowed, so the entry exists only
 * near the view. `at` is the entry's place in the list as a fraction of its length.
 */
async function showEntry(page: Page, docId: string, at: number): Promise<void> {
  const entry = page.locator(`.doc-item[data-doc-id="${docId}"]`);
  for (let attempt = 0; (await entry.count()) === 0 && attempt < 5; attempt += 1) {
    await page.evaluate((fraction) => {
      const list = document.querySelector('.doc-list');
      if (list) list.scrollTop = fraction * list.scrollHeight - list.clientHeight / 2;
    }, at);
    await page.evaluate(frames, 2);
  }
}

/**
 * Clicks a document's entry and times it until its first and last spans are painted; `at`
 * (the entry's place in the list, 0–1) scrolls a long list to it first, untimed.
 */
async function timeOpen(
  page: Page,
  doc: BenchDocument,
  annotations = doc.annotations,
  at?: number,
): Promise<OpenSample> {
  if (at !== undefined) await showEntry(page, doc.id, at);
  const first = annotations[0];
  const last = annotations.at(-1);
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

/** Selects `word` in the text of the open document `doc`, scrolling there first when needed. */
async function selectWord(page: Page, doc: BenchDocument, word: WordToTag): Promise<void> {
  // A view that draws only what is near the viewport needs scrolling to the word first.
  for (let attempt = 0; !(await page.evaluate(selectInText, word)); attempt += 1) {
    if (attempt === 3) throw new Error(`“${word.needle}” is not in the view of ${doc.id}`);
    await page.evaluate(scrollToFraction, word.at);
    await page.evaluate(frames, 3);
  }
  // ProseMirror reads the DOM selection on selectionchange; give it two frames.
  await page.evaluate(frames, 2);
}

/** Tags the selection with the label key `1`; resolves the time until the new highlight is painted. */
async function timeTag(page: Page, paints?: number[]): Promise<number> {
  await page.evaluate(armAdd, { timeoutMs: TIMEOUT_MS });
  await page.keyboard.press('1');
  const ms = (await page.evaluate(collect)) as number;
  if (paints) paints.push(await page.evaluate(keyPaintMs));
  return ms;
}

/**
 * Times tags of single words (`words`) with the label key `1` in the open document `doc`: from
 * the keydown until the new highlight is painted. `settled` gets each change's settling time.
 */
async function timeAdds(
  app: AppPage,
  doc: BenchDocument,
  words: readonly WordToTag[],
  settled: number[] = [],
  paints?: number[],
) {
  const page = app.page;
  await page.evaluate(
    rememberIds,
    doc.annotations.map((a) => a.id),
  );
  const times: number[] = [];
  for (const word of words) {
    await selectWord(page, doc, word);
    times.push(await timeTag(page, paints));
    settled.push(await settle(app));
  }
  return times;
}

/**
 * Spans of `doc` that overlap no other span, spread over the text, `count` for each of `sets`
 * (distinct), skipping the first and last (the open probe's) and those `skip` rejects.
 */
function lonelySpans(doc: BenchDocument, count: number, sets: number, skip: (a: Annotation) => boolean) {
  const list = doc.annotations;
  const lonely = list.filter(
    (a, i) =>
      i > 0 &&
      i < list.length - 1 &&
      !skip(a) &&
      (list[i - 1]?.end ?? 0) <= a.start &&
      a.end <= (list[i + 1]?.start ?? Infinity),
  );
  const picked: Annotation[][] = Array.from({ length: sets }, () => []);
  for (let k = 0; k < count * sets; k += 1) {
    const a = lonely[Math.floor(((k + 0.5) * lonely.length) / (count * sets))];
    if (a) picked[k % sets]?.push(a);
  }
  return picked;
}

/**
 * Selects the span `a` of the open document by clicking its entry in the annotation list (a
 * long list renders only rows near its viewport, so it is scrolled there first), then waits
 * until the text shows it.
 */
async function selectSpan(page: Page, doc: BenchDocument, a: Annotation): Promise<void> {
  const fraction = doc.annotations.indexOf(a) / doc.annotations.length;
  for (let attempt = 0; !(await page.evaluate(revealListEntry, { id: a.id, fraction })); attempt += 1) {
    if (attempt === 5) throw new Error(`the list of ${doc.id} does not show span ${a.id}`);
    await page.evaluate(frames, 3);
  }
  await page.locator(`.annotation-item[data-annotation-id="${a.id}"]`).click();
  for (let attempt = 0; !(await page.evaluate(isShown, `.text-view [data-annotation-id="${a.id}"]`)); attempt += 1) {
    if (attempt === 10) throw new Error(`the text of ${doc.id} does not show span ${a.id} once selected`);
    if (attempt === 5) await page.evaluate(scrollToFraction, a.start / doc.text.length);
    await page.evaluate(frames, 3);
  }
  await page.evaluate(frames, 2);
}

/** Presses `key` and times it until `until` holds of the text's highlight `id`. */
async function timeKey(page: Page, key: string, id: string, until: Until): Promise<number> {
  await page.evaluate(armChange, {
    root: '.text-view',
    selector: `[data-annotation-id="${id}"]`,
    until,
    timeoutMs: TIMEOUT_MS,
  });
  await page.keyboard.press(key);
  return (await page.evaluate(collect)) as number;
}

/** The id of the selected suggestion's highlight, if one is selected. */
const selectedSuggestion = (page: Page): Promise<string | null> =>
  page.evaluate(
    () => document.querySelector('.text-view .hl-suggestion.hl-selected')?.getAttribute('data-annotation-id') ?? null,
  );

/**
 * Times the edits in the open document `doc`, EDITS_PER_KIND of each, in this order: relabel
 * (select a span from the list, press 2), delete (select, press Delete), undo (tag a word in
 * `words`, untimed, then Control+z), accept (Tab to the next suggestion, untimed, then Enter).
 * A kind that cannot be measured is reported through `fail` and left empty; the others go on.
 */
async function timeEdits(
  app: AppPage,
  doc: BenchDocument,
  words: readonly WordToTag[],
  settled: number[],
  fail: (message: string) => void,
): Promise<Record<EditKind, number[]>> {
  const page = app.page;
  const [toRelabel = [], toDelete = []] = lonelySpans(doc, EDITS_PER_KIND, 2, (a) => a.label === RELABEL_TO);
  const times: Record<EditKind, number[]> = { relabel: [], delete: [], undo: [], accept: [] };
  await page.evaluate(
    rememberIds,
    doc.annotations.map((a) => a.id),
  );
  const repeat = async <T>(kind: EditKind, items: readonly T[], once: (item: T) => Promise<number>) => {
    times[kind] = await orElse(`${kind} in ${doc.id}`, [], fail, async () => {
      const taken: number[] = [];
      for (const item of items) {
        taken.push(await once(item));
        settled.push(await settle(app));
      }
      return taken;
    });
    // Whatever the last kind left selected must not turn the next kind's key into another command.
    await page.keyboard.press('Escape');
  };
  await repeat('relabel', toRelabel, async (a) => {
    await selectSpan(page, doc, a);
    return timeKey(page, RELABEL_KEY, a.id, { attribute: 'data-label', changedFrom: a.label });
  });
  await repeat('delete', toDelete, async (a) => {
    await selectSpan(page, doc, a);
    return timeKey(page, 'Delete', a.id, 'absent');
  });
  await repeat('undo', words, async (word) => {
    await selectWord(page, doc, word);
    await timeTag(page);
    const id = await page.evaluate(addedId);
    if (id === null) throw new Error('the add to undo showed no new highlight');
    settled.push(await settle(app));
    return timeKey(page, 'Control+z', id, 'absent');
  });
  await repeat(
    'accept',
    Array.from({ length: EDITS_PER_KIND }, (_, i) => i),
    async () => {
      const before = await selectedSuggestion(page);
      await page.keyboard.press('Tab');
      for (let attempt = 0; ; attempt += 1) {
        await page.evaluate(frames, 2);
        const now = await selectedSuggestion(page);
        if (now !== null && now !== before) break;
        if (attempt === 20) throw new Error('Tab selected no suggestion (.text-view .hl-suggestion.hl-selected)');
      }
      await page.evaluate(frames, 2);
      await page.evaluate(armAdd, { timeoutMs: TIMEOUT_MS });
      await page.keyboard.press('Enter');
      return (await page.evaluate(collect)) as number;
    },
  );
  return times;
}

/** Opens `doc` in a fresh page, lets it settle, then runs `task` there. */
async function withOpenDocument<T>(
  browser: Browser,
  workload: Workload,
  scratchDir: string,
  doc: BenchDocument,
  task: (app: AppPage) => Promise<T>,
  options: AppOptions = {},
): Promise<T> {
  const app = await openApp(browser, workload, scratchDir, options);
  try {
    await timeOpen(app.page, doc);
    await app.page.waitForTimeout(1000);
    await settle(app);
    return await task(app);
  } finally {
    await app.close();
  }
}

/** Times opening `doc` in `runs` fresh pages; `atLast` runs in the last page after its open. */
async function timeOpens(
  browser: Browser,
  workload: Workload,
  scratchDir: string,
  doc: BenchDocument,
  runs: number,
  options: AppOptions,
  atLast?: (page: Page) => Promise<void>,
): Promise<OpenSample[]> {
  const samples: OpenSample[] = [];
  for (let run = 0; run < runs; run += 1) {
    const app = await openApp(browser, workload, scratchDir, options);
    try {
      samples.push(await timeOpen(app.page, doc));
      if (run === runs - 1) await atLast?.(app.page);
    } finally {
      await app.close();
    }
  }
  return samples;
}

/** A timed Review: its time and, of the calls it made, the slowest of each. */
interface ReviewSample {
  ms: number;
  getReviewMs: number | null;
  summariesMs: number | null;
}

/** Times Ctrl+2 (Review) with the 1 MiB document open, until other annotators' highlights are painted. */
async function timeReview(page: Page): Promise<ReviewSample> {
  const since = await page.evaluate(pageNow);
  await page.evaluate(armChange, {
    // The text view may be made anew for Review, so the whole page is watched.
    root: 'body',
    selector: REVIEW_ANNOTATORS.map((name) => `.text-view [data-annotator="${name}"]`).join(', '),
    until: 'present' as const,
    timeoutMs: TIMEOUT_MS,
  });
  await page.keyboard.press('Control+2');
  const ms = (await page.evaluate(collect)) as number;
  const slowest = async (channel: string): Promise<number | null> => {
    const times = await page.evaluate(callTimes, { channel, since });
    return times.length === 0 ? null : Math.max(...times);
  };
  return {
    ms,
    getReviewMs: await slowest('parley:getReview'),
    summariesMs: await slowest('parley:listReviewSummaries'),
  };
}

/** The annotations of `doc` by `annotator`, in text order. */
const ownOf = (doc: BenchDocument, annotator: string): Annotation[] =>
  doc.annotations.filter((a) => a.annotator === annotator).sort((a, b) => a.start - b.start || b.end - a.end);

/**
 * The corpus figures: LAUNCH_RUNS launches (navigation start until the first document's first
 * and last spans by the store's annotator are painted), then in the last page SWITCHES
 * switches to documents spread over the list and the scrolling of the document list.
 */
async function measureCorpus(
  browser: Browser,
  corpus: Workload,
  scratchDir: string,
  fail: (message: string) => void,
): Promise<{ launch: number[]; switches: number[]; intervals: number[] }> {
  const annotator = corpus.annotator;
  const first = corpus.documents[0];
  if (!first) throw new Error('the corpus has no documents');
  const firstOwn = ownOf(first, annotator);
  const ids = [firstOwn[0]?.id ?? '', firstOwn.at(-1)?.id ?? ''];
  const launch: number[] = [];
  let switches: number[] = [];
  let intervals: number[] = [];
  for (let run = 0; run < LAUNCH_RUNS; run += 1) {
    const app = await openApp(browser, corpus, scratchDir, {
      firstDocId: first.id,
      beforeLoad: async (page) => {
        await page.addInitScript(watchLaunch, { docId: first.id, ids });
      },
    });
    try {
      launch.push(await app.page.evaluate(collectLaunch));
      if (run < LAUNCH_RUNS - 1) continue;
      switches = await orElse('switching documents in the corpus', [], fail, async () => {
        const times: number[] = [];
        for (let i = 0; i < SWITCHES; i += 1) {
          const index = Math.floor(((i + 0.5) * corpus.documents.length) / SWITCHES);
          const doc = corpus.documents[index];
          if (!doc) continue;
          times.push((await timeOpen(app.page, doc, ownOf(doc, annotator), index / corpus.documents.length)).ms);
          await settle(app);
        }
        return times;
      });
      intervals = await orElse('scrolling the document list (.doc-list)', [], fail, () =>
        app.page.evaluate(scrollThrough, { ...SCROLL, selector: '.doc-list' }),
      );
    } finally {
      await app.close();
    }
  }
  return { launch, switches, intervals };
}

/** Runs every renderer measurement, each in fresh pages; `corpus` is the 1,000-document corpus. */
export async function measureRenderer(
  browser: Browser,
  workload: Workload,
  corpus: Workload,
  scratchDir: string,
  log: (message: string) => void,
  fail: (message: string) => void,
): Promise<{ figures: RendererFigures; details: RendererDetails }> {
  const open = {} as RendererFigures['open'];
  const add = {} as RendererFigures['add'];
  const addPaint = {} as RendererFigures['addPaint'];
  const off: OpenAndAdd = { open: {} as OpenAndAdd['open'], add: {} as OpenAndAdd['add'] };
  const edit = Object.fromEntries(EDITS.map((kind) => [kind, {}])) as RendererFigures['edit'];
  const openGetDocumentMs = {} as RendererDetails['openGetDocumentMs'];
  const settleMs = {} as RendererDetails['settleMs'];
  let heapBytes = Number.NaN;
  for (const size of SIZES) {
    const doc = documentOf(workload, size.key);
    log(`renderer ${size.key}: open ×${OPEN_RUNS}`);
    const samples = await timeOpens(browser, workload, scratchDir, doc, OPEN_RUNS, {}, async (page) => {
      if (size.key !== '1m') return;
      await page.waitForTimeout(500);
      heapBytes = await page.evaluate(usedHeap);
    });
    open[size.key] = rangeOf(samples.map((s) => s.ms));
    const transport = samples.flatMap((s) => (s.getDocumentMs === null ? [] : [s.getDocumentMs]));
    openGetDocumentMs[size.key] = transport.length > 0 ? rangeOf(transport).median : null;
    // Words for the adds and, interleaved with them, for the adds that are undone: none is tagged twice.
    const total = ADDS + EDITS_PER_KIND;
    const isUndone = (i: number): boolean =>
      Math.floor(((i + 1) * EDITS_PER_KIND) / total) > Math.floor((i * EDITS_PER_KIND) / total);
    const words = wordsToTag(doc, total);
    const addWords = words.filter((_, i) => !isUndone(i));
    const undoWords = words.filter((_, i) => isUndone(i));
    const settled: number[] = [];
    const paints: number[] = [];
    log(`renderer ${size.key}: add ×${addWords.length}, then relabel, delete, undo and accept ×${EDITS_PER_KIND}`);
    const { adds, edits } = await withOpenDocument(browser, workload, scratchDir, doc, async (app) => ({
      adds: await timeAdds(app, doc, addWords, settled, paints),
      edits: await timeEdits(app, doc, undoWords, settled, fail),
    }));
    add[size.key] = timingOf(adds);
    addPaint[size.key] = paintTimingOf(paints);
    for (const kind of EDITS) edit[kind][size.key] = timingOf(edits[kind]);
    settleMs[size.key] = rangeOf(settled).median;
    log(`renderer ${size.key}, suggestions off: open ×${OFF_OPEN_RUNS}, add ×${OFF_ADDS}`);
    const offOptions = { suggestions: false };
    const offSamples = await orElse(`opening ${size.key} with suggestions off`, [], fail, () =>
      timeOpens(browser, workload, scratchDir, doc, OFF_OPEN_RUNS, offOptions),
    );
    off.open[size.key] = rangeOf(offSamples.map((s) => s.ms));
    const offAdds = await orElse(`adding in ${size.key} with suggestions off`, [], fail, () =>
      withOpenDocument(
        browser,
        workload,
        scratchDir,
        doc,
        (app) => timeAdds(app, doc, wordsToTag(doc, OFF_ADDS)),
        offOptions,
      ),
    );
    off.add[size.key] = timingOf(offAdds);
  }
  const oneMiB = documentOf(workload, '1m');
  log(`renderer 1m: Review with three annotators ×${REVIEW_RUNS}, scrolling the text and the list of spans`);
  const reviews = await orElse('opening Review on 1m', [], fail, async () => {
    const taken: ReviewSample[] = [];
    for (let run = 0; run < REVIEW_RUNS; run += 1) {
      taken.push(await withOpenDocument(browser, workload, scratchDir, oneMiB, (app) => timeReview(app.page)));
    }
    return taken;
  });
  const medianOf = (values: (number | null)[]): number | null => {
    const seen = values.filter((v): v is number => v !== null);
    return seen.length === 0 ? null : rangeOf(seen).median;
  };
  const scrolled = await withOpenDocument(browser, workload, scratchDir, oneMiB, async ({ page }) => ({
    text: await page.evaluate(scrollThrough, SCROLL),
    list: await orElse('scrolling the annotation list of 1m (.annotation-list)', [], fail, () =>
      page.evaluate(scrollThrough, { ...SCROLL, selector: '.annotation-list' }),
    ),
  }));
  log(
    `renderer on the corpus (${corpus.documents.length} documents): launch ×${LAUNCH_RUNS}, switch ×${SWITCHES}, list`,
  );
  const empty = { launch: [], switches: [], intervals: [] };
  const big = await orElse('the corpus figures', empty, fail, () => measureCorpus(browser, corpus, scratchDir, fail));
  const listJank = { documents: lateShare(big.intervals), annotations: lateShare(scrolled.list) };
  const worst = (intervals: readonly number[]): number =>
    intervals.length === 0 ? Number.NaN : Math.max(...intervals);
  return {
    figures: {
      open,
      add,
      addPaint,
      scrollJankShare: lateShare(scrolled.text),
      heapMB: { '1m': heapBytes / 2 ** 20 },
      suggestionsOff: off,
      edit,
      reviewOpen: { '1m': rangeOf(reviews.map((r) => r.ms)) },
      bigCorpus: {
        launchMs: rangeOf(big.launch).median,
        switchMs: rangeOf(big.switches).median,
        // NaN when either list could not be measured: the worse of the two is then unknown.
        listJankShare: Math.max(listJank.documents, listJank.annotations),
        listJank,
      },
    },
    details: {
      openGetDocumentMs,
      scrollFrames: scrolled.text.length,
      scrollWorstMs: worst(scrolled.text),
      settleMs,
      review: {
        getReviewMs: medianOf(reviews.map((r) => r.getReviewMs)),
        summariesMs: medianOf(reviews.map((r) => r.summariesMs)),
      },
      launch: rangeOf(big.launch),
      switches: rangeOf(big.switches),
      listFrames: { documents: big.intervals.length, annotations: scrolled.list.length },
      listWorstMs: { documents: worst(big.intervals), annotations: worst(scrolled.list) },
      samples: {
        open: OPEN_RUNS,
        add: ADDS,
        edit: EDITS_PER_KIND,
        offOpen: OFF_OPEN_RUNS,
        offAdd: OFF_ADDS,
        review: REVIEW_RUNS,
      },
    },
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
    await settle(app);
    const words = wordsToTag(doc, PROFILED_ADDS);
    const add = await profile(browser, app.page, async () => void (await timeAdds(app, doc, words)));
    const stretch = { ...SCROLL, stretches: 1, frames: PROFILED_FRAMES };
    const scroll = await profile(browser, app.page, async () => void (await app.page.evaluate(scrollThrough, stretch)));
    return { open, add, scroll };
  } finally {
    await app.close();
  }
}
