/**
 * The main-process figures, measured under Node on the modules themselves: the store's load and
 * save, every export format, agreement and suggestions. Each is the median of a few runs after
 * a warm-up.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMAT_IDS, type FormatId } from '../main/api/contract';
import { FORMATS } from '../main/core/formats/index';
import { suggest } from '../main/core/suggest/index';
import { ParleyService } from '../main/service/parley-service';
import { Store } from '../main/service/store';
import { emptyStoreData } from '../main/service/store-data';
import { medianOfRuns } from './stats';
import { BENCH_ANNOTATOR, CORPUS_ANNOTATORS, type Workload } from './workloads';

/** The main-side figures, in milliseconds. */
export interface MainFigures {
  storeSave100k: number;
  storeLoad100k: number;
  export: Record<FormatId, number>;
  agreement: number;
  suggest1m: number;
}

/** How many timed runs each figure takes (after one warm-up). */
const RUNS = { store: 5, export: 3, agreement: 3, suggest: 3 };

async function storeFigures(
  corpus: Workload,
  dir: string,
): Promise<Pick<MainFigures, 'storeLoad100k' | 'storeSave100k'>> {
  const path = join(dir, 'store-bench.json');
  await copyFile(corpus.storePath, path);
  const open = async (): Promise<Store> => {
    const opened = await Store.open(path, () => emptyStoreData(CORPUS_ANNOTATORS[0]));
    if (!opened.ok) throw new Error(`the generated store was refused: ${opened.problem.message}`);
    return opened.store;
  };
  const storeLoad100k = await medianOfRuns(RUNS.store, open);
  const store = await open();
  const storeSave100k = await medianOfRuns(RUNS.store, () => store.flush(true));
  await store.close();
  return { storeSave100k, storeLoad100k };
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
  await copyFile(workload.storePath, storePath);
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
 * Measures the main side on the corpus (store, export, agreement) and on the text of `oneMiB`
 * (suggestions), using `dir` for copies and exports.
 */
export async function measureMain(corpus: Workload, oneMiB: string, dir: string): Promise<MainFigures> {
  await mkdir(dir, { recursive: true });
  const store = await storeFigures(corpus, dir);
  const storePath = join(dir, 'service-store.json');
  await copyFile(corpus.storePath, storePath);
  const service = await ParleyService.create({
    storePath,
    seedDirs: [corpus.seedDir],
    defaultAnnotator: CORPUS_ANNOTATORS[0],
  });
  const exported = await exportFigures(service, dir);
  const agreement = await medianOfRuns(RUNS.agreement, () => service.getAgreement({}));
  await service.close();
  const suggest1m = await medianOfRuns(RUNS.suggest, () => suggest(oneMiB));
  return { ...store, export: exported, agreement, suggest1m };
}
