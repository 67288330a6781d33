/**
 * The benchmark's workloads, generated from a seed and written to a folder as Parley would find
 * them: a seed folder of articles and a store in the store's schema. One workload for the
 * renderer (three documents of growing size, the largest also tagged by two more annotators for
 * Review) and one corpus for the main-side figures. writeStoreFile and copyStoreFile are the
 * only places that know how a store lies on disk, so a new store layout changes only them.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Annotation, DocStatus } from '../main/api/contract';
import { quoteOf } from '../main/core/span';
import { StoreModel } from '../main/core/store-model';
import { sha256Of, titleOf } from '../main/service/corpus';
import { emptyStoreData, type StoreData } from '../main/service/store-data';
import { SnapshotFile } from '../main/service/store-snapshot';
import { newsText } from './news-text';
import { createRandom, type Random } from './random';
import { spansOver, wordsOf, type LabelledSpan } from './spans';

/** The document sizes the renderer is measured on. */
export const SIZES = [
  { key: '20k', length: 20_000, spans: 100 },
  { key: '200k', length: 200_000, spans: 2_000 },
  { key: '1m', length: 1_048_576, spans: 10_000 },
] as const;
export type SizeKey = (typeof SIZES)[number]['key'];

/** The annotator of the renderer workload's store. */
export const BENCH_ANNOTATOR = 'bench';
/** The three annotators of the corpus. */
export const CORPUS_ANNOTATORS = ['amira', 'bao', 'carla'] as const;
/** The two annotators whose sets on the renderer workload's 1 MiB document give Review three. */
export const REVIEW_ANNOTATORS = ['bench-2', 'bench-3'] as const;

/** A generated document and its annotations (sorted by start, then longer first). */
export interface BenchDocument {
  id: string;
  text: string;
  annotations: Annotation[];
  /**
   * Other annotators' spans, in the store but kept out of `annotations`, so that `annotations`
   * stays what the renderer workload's annotator sees (the open probe waits for its first and last).
   */
  others: Annotation[];
}

/** A folder of articles and the store that annotates them. */
export interface Workload {
  seedDir: string;
  storePath: string;
  /** The store's own annotator (settings.annotator): whose spans the app shows and adds. */
  annotator: string;
  documents: BenchDocument[];
}

const BASE_TIME = Date.UTC(2025, 2, 1);

function annotationOf(r: Random, docId: string, text: string, span: LabelledSpan, annotator: string): Annotation {
  const at = new Date(BASE_TIME + r.int(0, 30 * 86_400_000)).toISOString();
  return {
    id: r.uuid(),
    docId,
    start: span.start,
    end: span.end,
    label: span.label,
    ...quoteOf(text, span),
    annotator,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Writes `data` as the store at `path`, the way Parley writes it (pretty JSON in one file today);
 * the one place to change when the store's layout on disk changes.
 */
export async function writeStoreFile(path: string, data: StoreData): Promise<void> {
  // The store's own snapshot writer: the layout Parley reads, with an empty journal.
  await new SnapshotFile(path).write({ seq: 0, model: new StoreModel(data) });
}

/** Puts annotations into store data: beside writeStoreFile, as it is the store's shape that knows how. */
function putAnnotations(data: StoreData, annotations: readonly Annotation[]): void {
  data.annotations.push(...annotations);
}

/** Copies the store at `from` to `to`, so each page or run gets its own (see writeStoreFile). */
export async function copyStoreFile(from: string, to: string): Promise<void> {
  await copyFile(from, to);
}

/** Writes the documents as `<id>.txt` into `seedDir` and a store holding their annotations. */
async function writeWorkload(
  seedDir: string,
  storePath: string,
  documents: BenchDocument[],
  data: StoreData,
): Promise<Workload> {
  await mkdir(seedDir, { recursive: true });
  for (const doc of documents) {
    const path = join(seedDir, `${doc.id}.txt`);
    const bytes = Buffer.from(doc.text, 'utf8');
    // The same metadata the service computes, so opening the store does not rewrite it.
    const title = titleOf(doc.text, `${doc.id}.txt`);
    data.documents[doc.id] = { id: doc.id, title, source: resolve(path), sha256: sha256Of(bytes) };
    putAnnotations(data, [...doc.annotations, ...doc.others]);
  }
  await Promise.all(documents.map((doc) => writeFile(join(seedDir, `${doc.id}.txt`), doc.text, 'utf8')));
  await writeStoreFile(storePath, data);
  return { seedDir: resolve(seedDir), storePath, annotator: data.settings.annotator, documents };
}

/**
 * The renderer workload in `dir`: a short article opened at start (`000-start`), then one
 * document per entry of SIZES, with its spans by BENCH_ANNOTATOR. The 1 MiB document also has a
 * variant of every span by each of REVIEW_ANNOTATORS, drawn from a generator of its own so the
 * texts and the bench annotator's spans are those of earlier runs with the same seed.
 */
export async function writeRendererWorkload(dir: string, seed: number): Promise<Workload> {
  const r = createRandom(seed);
  const start = newsText(r, 2_000);
  const documents: BenchDocument[] = [{ id: '000-start', text: start, annotations: [], others: [] }];
  const spansOf = new Map<string, LabelledSpan[]>();
  for (const size of SIZES) {
    const text = newsText(r, size.length);
    const spans = spansOver(r, wordsOf(text), size.spans);
    spansOf.set(size.key, spans);
    documents.push({
      id: size.key,
      text,
      annotations: spans.map((s) => annotationOf(r, size.key, text, s, BENCH_ANNOTATOR)),
      others: [],
    });
  }
  const reviewed = documents.find((d) => d.id === '1m');
  const variants = createRandom((seed ^ 0x5eed_cafe) >>> 0);
  if (reviewed) {
    reviewed.others = REVIEW_ANNOTATORS.flatMap((annotator) =>
      (spansOf.get('1m') ?? []).map((s) =>
        annotationOf(variants, '1m', reviewed.text, variantOf(variants, s, reviewed.text), annotator),
      ),
    );
  }
  return writeWorkload(
    join(dir, 'renderer-seeds'),
    join(dir, 'renderer-store.json'),
    documents,
    emptyStoreData(BENCH_ANNOTATOR),
  );
}

/** An annotator's version of a reference span: mostly the same, sometimes relabelled or a word longer. */
function variantOf(r: Random, span: LabelledSpan, text: string): LabelledSpan {
  const roll = r.next();
  if (roll < 0.8) return span;
  if (roll < 0.9) return { ...span, label: span.label === 'date' ? 'quote' : 'date' };
  const next = wordsOf(text.slice(span.end, span.end + 40))[0];
  return next ? { ...span, end: span.end + next.end } : span;
}

/**
 * The corpus in `dir`: `documents` articles of 4,000 to 8,000 characters with 100 annotations
 * each, 34/33/33 by CORPUS_ANNOTATORS, who agree on about four spans in five.
 */
export async function writeCorpusWorkload(dir: string, seed: number, documents = 1_000): Promise<Workload> {
  const r = createRandom(seed);
  const data = emptyStoreData(CORPUS_ANNOTATORS[0]);
  const docs: BenchDocument[] = [];
  const counts = [34, 33, 33];
  for (let d = 0; d < documents; d += 1) {
    const id = `article-${String(d).padStart(4, '0')}`;
    const text = newsText(r, r.int(4_000, 8_000));
    const reference = spansOver(r, wordsOf(text), 34);
    const annotations = CORPUS_ANNOTATORS.flatMap((annotator, i) =>
      reference.slice(0, counts[i]).map((s) => annotationOf(r, id, text, variantOf(r, s, text), annotator)),
    );
    docs.push({ id, text, annotations, others: [] });
    const statuses: DocStatus[] = ['done', 'done', 'done', 'in-progress'];
    data.status[id] = Object.fromEntries(CORPUS_ANNOTATORS.map((a) => [a, r.pick(statuses)]));
  }
  return writeWorkload(join(dir, 'corpus-seeds'), join(dir, 'corpus-store.json'), docs, data);
}
