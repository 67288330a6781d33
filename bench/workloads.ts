/**
 * The benchmark's workloads, generated from a seed and written to a folder as Parley would find
 * them: a seed folder of articles and a store file in the store's schema. One workload for the
 * renderer (three documents of growing size) and one corpus for the main-side figures.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Annotation, DocStatus } from '../main/api/contract';
import { quoteOf } from '../main/core/span';
import { sha256Of, titleOf } from '../main/service/corpus';
import { emptyStoreData, type StoreData } from '../main/service/store-data';
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

/** A generated document and its annotations (sorted by start, then longer first). */
export interface BenchDocument {
  id: string;
  text: string;
  annotations: Annotation[];
}

/** A folder of articles and the store that annotates them. */
export interface Workload {
  seedDir: string;
  storePath: string;
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
    for (const a of doc.annotations) data.annotations[a.id] = a;
  }
  await Promise.all(documents.map((doc) => writeFile(join(seedDir, `${doc.id}.txt`), doc.text, 'utf8')));
  await writeFile(storePath, `${JSON.stringify(data, null, 1)}\n`);
  return { seedDir: resolve(seedDir), storePath, documents };
}

/**
 * The renderer workload in `dir`: a short article opened at start (`000-start`), then one
 * document per entry of SIZES, with its spans by BENCH_ANNOTATOR.
 */
export async function writeRendererWorkload(dir: string, seed: number): Promise<Workload> {
  const r = createRandom(seed);
  const start = newsText(r, 2_000);
  const documents: BenchDocument[] = [{ id: '000-start', text: start, annotations: [] }];
  for (const size of SIZES) {
    const text = newsText(r, size.length);
    const spans = spansOver(r, wordsOf(text), size.spans);
    documents.push({
      id: size.key,
      text,
      annotations: spans.map((s) => annotationOf(r, size.key, text, s, BENCH_ANNOTATOR)),
    });
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
    docs.push({ id, text, annotations });
    const statuses: DocStatus[] = ['done', 'done', 'done', 'in-progress'];
    data.status[id] = Object.fromEntries(CORPUS_ANNOTATORS.map((a) => [a, r.pick(statuses)]));
  }
  return writeWorkload(join(dir, 'corpus-seeds'), join(dir, 'corpus-store.json'), docs, data);
}
