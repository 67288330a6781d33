/**
 * The main-process figures, measured under Node on the modules themselves: the store's load and
 * save, what one change costs, every export format, agreement and suggestions. One change is
 * measured on a small and on a big store because its cost should not grow with the store: the
 * main thread serves the window while it saves. It counts main-thread time (event-loop active
 * time, so waiting for the disk is left out) and bytes written. Figures are medians of a few runs
 * after a warm-up, the per-change ones of 100 changes. The store figures open and save the store
 * only through openStore and saveStore, so a new store layout changes only those two here.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { FORMAT_IDS, type FormatId, type NewAnnotation } from '../main/api/contract';
import { FORMATS } from '../main/core/formats/index';
import { suggest } from '../main/core/suggest/index';
import { dispatch } from '../main/service/dispatch';
import { ParleyService } from '../main/service/parley-service';
import { Store } from '../main/service/store';
import { emptyStoreData } from '../main/service/store-data';
import { wordsOf } from './spans';
import { median, medianOfRuns, orElse } from './stats';
import { BENCH_ANNOTATOR, CORPUS_ANNOTATORS, copyStoreFile, type Workload } from './workloads';

/** What one change (an add and its flush) costs, as medians over PER_CHANGE changes. */
export interface ChangeCost {
  /** Main-thread time (event-loop active time), waiting for the disk left out. */
  ms: number;
  /** Bytes the process wrote (`wchar` of /proc/self/io); null where that file does not exist. */
  bytes: number | null;
  /** The longest event-loop stall during the changes (monitorEventLoopDelay, 1 ms resolution). */
  maxStallMs: number;
}

/** The main-side figures, in milliseconds. */
export interface MainFigures {
  storeSave100k: number;
  storeLoad100k: number;
  /** One change on a store of 1,000 annotations (small) and of 100,000 (big). */
  perChange: { small: ChangeCost; big: ChangeCost };
  export: Record<FormatId, number>;
  agreement: number;
  suggest1m: number;
}

/** How many timed runs each figure takes (after one warm-up). */
const RUNS = { store: 5, export: 3, agreement: 3, suggest: 3 };
/** How many changes the per-change figures are the median of. */
const PER_CHANGE = 100;
/** Where Linux counts the bytes a process writes. */
const PROC_IO = '/proc/self/io';

/** Opens the store at `path` for writing, as the service does (the one place that calls Store.open). */
async function openStore(path: string): Promise<Store> {
  const opened = await Store.open(path, () => emptyStoreData(CORPUS_ANNOTATORS[0]));
  if (!opened.ok) throw new Error(`the generated store was refused: ${opened.problem.message}`);
  return opened.store;
}

/**
 * Writes the whole store now: folds the journal into a new snapshot, as the store does when its
 * journal is full and when Parley quits (the one place that calls compact()).
 */
const saveStore = (store: Store): Promise<void> => store.compact();

async function storeFigures(
  corpus: Workload,
  dir: string,
): Promise<Pick<MainFigures, 'storeLoad100k' | 'storeSave100k'>> {
  const path = join(dir, 'store-bench.json');
  await copyStoreFile(corpus.storePath, path);
  const storeLoad100k = await medianOfRuns(RUNS.store, () => openStore(path));
  const store = await openStore(path);
  const storeSave100k = await medianOfRuns(RUNS.store, () => saveStore(store));
  await store.close();
  return { storeSave100k, storeLoad100k };
}

/** Bytes written by this process so far, or null without /proc/self/io. */
function bytesWritten(): number | null {
  let text: string;
  try {
    text = readFileSync(PROC_IO, 'utf8');
  } catch {
    return null;
  }
  const match = /^wchar:\s*(\d+)$/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Whether the bytes a change writes can be counted here; says why not when they cannot. */
function canCountBytes(fail: (message: string) => void): boolean {
  if (bytesWritten() !== null) return true;
  fail(`bytes written per change could not be measured: ${PROC_IO} is missing or has no wchar line`);
  return false;
}

/**
 * `count` single words to tag as quotes, spread over the workload's documents, none of them a
 * quote already by `annotator` (the service would refuse a duplicate).
 */
function wordsToTag(workload: Workload, annotator: string, count: number): NewAnnotation[] {
  const chosen: NewAnnotation[] = [];
  const docs = workload.documents;
  for (let i = 0; i < count; i += 1) {
    const doc = docs[Math.floor((i * docs.length) / count)];
    if (!doc) break;
    const taken = new Set(
      doc.annotations.filter((a) => a.annotator === annotator && a.label === 'quote').map((a) => `${a.start}:${a.end}`),
    );
    const words = wordsOf(doc.text);
    // Changes in the same document (small store) go to different words.
    const from = Math.floor((((i * 7919) % count) / count) * words.length);
    const word = [...words.slice(from), ...words.slice(0, from)].find(
      (w) => !taken.has(`${w.start}:${w.end}`) && !chosen.some((c) => c.docId === doc.id && c.start === w.start),
    );
    if (word) chosen.push({ docId: doc.id, start: word.start, end: word.end, label: 'quote' });
  }
  return chosen;
}

/**
 * Tags PER_CHANGE words one by one on a fresh copy of `workload`'s store, each through
 * dispatch() (so argument validation counts) and then flushed, and returns the median
 * main-thread time and bytes written per change, and the longest event-loop stall meanwhile.
 * Main-thread time is the event loop's active time (performance.eventLoopUtilization), so
 * waiting for the disk is not counted and all JavaScript on the main thread is.
 */
async function perChangeCost(workload: Workload, dir: string, name: string, countBytes: boolean): Promise<ChangeCost> {
  const storePath = join(dir, `per-change-${name}.json`);
  await copyStoreFile(workload.storePath, storePath);
  const service = await ParleyService.create({
    storePath,
    seedDirs: [workload.seedDir],
    defaultAnnotator: workload.annotator,
  });
  const inputs = wordsToTag(workload, workload.annotator, PER_CHANGE);
  if (inputs.length < PER_CHANGE) throw new Error(`only ${inputs.length} words to tag in the ${name} store`);
  const times: number[] = [];
  const bytes: number[] = [];
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  try {
    stalls.enable();
    for (const input of inputs) {
      const written = countBytes ? bytesWritten() : null;
      const before = performance.eventLoopUtilization();
      const reply = await dispatch(service, 'addAnnotation', [input]);
      await service.flush();
      const used = performance.eventLoopUtilization(before);
      const after = countBytes ? bytesWritten() : null;
      if (!reply.ok) throw new Error(`addAnnotation was refused: ${reply.error.message}`);
      times.push(used.active);
      if (written !== null && after !== null) bytes.push(after - written);
    }
  } finally {
    stalls.disable();
    await service.close();
    await rm(storePath, { force: true });
  }
  return {
    ms: median(times),
    bytes: bytes.length === 0 ? null : median(bytes),
    maxStallMs: stalls.max / 1e6,
  };
}

/** Exports the corpus by its three annotators in every format, through the service. */
async function exportFigures(service: ParleyService, dir: string): Promise<Record<FormatId, number>> {
  const figures = {} as Record<FormatId, number>;
  for (const format of FORMAT_IDS) {
    const layout = FORMATS[format].layout;
    const target = join(dir, 'export', layout.kind === 'file' ? `corpus.${layout.extension}` : format);
    const request = { format, annotators: [...CORPUS_ANNOTATORS] };
    figures[format] = await medianOfRuns(
      RUNS.export,
      () => service.exportTo(target, request),
      () => rm(join(dir, 'export'), { recursive: true, force: true }),
    );
  }
  return figures;
}

/**
 * The service's own part of opening the 1 MiB document of the renderer workload (`getDocument`,
 * without any transport), so the renderer's open time can be read against it.
 */
export async function measureGetDocument(workload: Workload, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const storePath = join(dir, 'get-document-store.json');
  await copyStoreFile(workload.storePath, storePath);
  const service = await ParleyService.create({
    storePath,
    seedDirs: [workload.seedDir],
    defaultAnnotator: BENCH_ANNOTATOR,
  });
  const ms = await medianOfRuns(RUNS.store, () => service.getDocument('1m'));
  await service.close();
  return ms;
}

/**
 * Measures the main side on the corpus (store, per change, export, agreement), on the small
 * corpus (per change) and on the text of `oneMiB` (suggestions), using `dir` for copies and
 * exports. `log` tells progress; `fail` what could not be measured and why.
 */
export async function measureMain(
  corpus: Workload,
  smallCorpus: Workload,
  oneMiB: string,
  dir: string,
  log: (message: string) => void,
  fail: (message: string) => void,
): Promise<MainFigures> {
  await mkdir(dir, { recursive: true });
  const store = await storeFigures(corpus, dir);
  const countBytes = canCountBytes(fail);
  const notMeasured: ChangeCost = { ms: Number.NaN, bytes: null, maxStallMs: Number.NaN };
  log(`main side: ${PER_CHANGE} changes on 1,000 annotations, then on 100,000`);
  const perChange = {
    small: await orElse('one change on 1,000 annotations', notMeasured, fail, () =>
      perChangeCost(smallCorpus, dir, 'small', countBytes),
    ),
    big: await orElse('one change on 100,000 annotations', notMeasured, fail, () =>
      perChangeCost(corpus, dir, 'big', countBytes),
    ),
  };
  log('main side: export, agreement, suggestions');
  const storePath = join(dir, 'service-store.json');
  await copyStoreFile(corpus.storePath, storePath);
  const service = await ParleyService.create({
    storePath,
    seedDirs: [corpus.seedDir],
    defaultAnnotator: CORPUS_ANNOTATORS[0],
  });
  const exported = await exportFigures(service, dir);
  const agreement = await medianOfRuns(RUNS.agreement, () => service.getAgreement({}));
  await service.close();
  const suggest1m = await medianOfRuns(RUNS.suggest, () => suggest(oneMiB));
  return { ...store, perChange, export: exported, agreement, suggest1m };
}
