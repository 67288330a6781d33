/**
 * Exports: choose what goes out (annotators, labels, documents, split), hand it to a format, and
 * write the files only inside the folder the person chose.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Annotation, DocStatus, ExportRequest, ExportSummary, Label } from '../api/contract';
import { compareSpans } from '../core/span';
import type { Dataset, DatasetDocument, DatasetFile, Format } from '../core/formats/dataset';
import { labelStudioConfig } from '../core/formats/labelstudio';
import type { LoadedDocument } from './corpus';
import { ParleyError } from './errors';
import type { ReadonlyTables } from '../core/store-model';

/** What an export reads from the service. */
export interface ExportSource {
  data: ReadonlyTables;
  documents: readonly LoadedDocument[];
  /** The annotations of a document, any annotator. */
  annotationsOf(docId: string): readonly Annotation[];
  currentAnnotator: string;
}

/** One DatasetDocument per (document, annotator) that has spans or a status, after the filters. */
export function buildDataset(source: ExportSource, request: ExportRequest): Dataset {
  const annotators =
    request.annotators && request.annotators.length > 0 ? request.annotators : [source.currentAnnotator];
  const labels = new Set(
    request.labels && request.labels.length > 0 ? request.labels : source.data.labels.map((l) => l.id),
  );
  const documents: DatasetDocument[] = [];
  for (const doc of source.documents) {
    if (doc.text === undefined) continue;
    const all = source.annotationsOf(doc.id);
    for (const annotator of annotators) {
      const status: DocStatus = source.data.status[doc.id]?.[annotator] ?? 'todo';
      if (request.status === 'done' && status !== 'done') continue;
      const own = all.filter((a) => a.annotator === annotator);
      if (own.length === 0 && status === 'todo') continue;
      documents.push({
        docId: doc.id,
        text: doc.text,
        title: doc.title,
        source: doc.source,
        sha256: doc.sha256,
        annotator,
        status,
        spans: own
          .filter((a) => labels.has(a.label))
          .sort(compareSpans)
          .map((a) => ({
            id: a.id,
            start: a.start,
            end: a.end,
            label: a.label,
            text: a.text,
            ...(a.attributes && { attributes: a.attributes }),
            ...(a.note !== undefined && { note: a.note }),
            ...(a.comments !== undefined && { comments: a.comments }),
            ...(a.acceptedFrom !== undefined && { acceptedFrom: a.acceptedFrom }),
          })),
      });
    }
  }
  const chosen = source.data.labels.filter((l) => labels.has(l.id));
  return { labels: structuredClone(chosen) as Label[], documents };
}

/** A seeded generator (mulberry32): the same seed gives the same split on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits document ids into train/dev/test by the ratios (normalised), after a seeded shuffle of
 * the sorted ids, so the same corpus, ratios and seed always give the same split.
 */
export function splitDocuments(
  docIds: readonly string[],
  split: NonNullable<ExportRequest['split']>,
): Record<'train' | 'dev' | 'test', Set<string>> {
  const ids = [...new Set(docIds)].sort();
  const random = seededRandom(split.seed);
  for (let i = ids.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j] ?? '', ids[i] ?? ''];
  }
  const total = split.train + split.dev + split.test;
  const trainCount = Math.round((ids.length * split.train) / total);
  const devCount = Math.round((ids.length * split.dev) / total);
  return {
    train: new Set(ids.slice(0, trainCount)),
    dev: new Set(ids.slice(trainCount, trainCount + devCount)),
    test: new Set(ids.slice(trainCount + devCount)),
  };
}

/** Files written beside a one-file export: Label Studio needs a labelling config to import into. */
function companionFiles(format: Format, dataset: Dataset): DatasetFile[] {
  if (format.id !== 'labelstudio') return [];
  const attributes = new Set(dataset.documents.flatMap((d) => d.spans.flatMap((s) => Object.keys(s.attributes ?? {}))));
  return [{ path: 'label-config.xml', content: labelStudioConfig(dataset.labels, [...attributes].sort()) }];
}

/**
 * The files of an export: the format's files (plus companions), or with a split one set per
 * part, named train/dev/test.
 */
export function serializeExport(format: Format, dataset: Dataset, request: ExportRequest) {
  const options = {
    offsets: request.offsets ?? 'codepoint',
    ...(request.singleColumn && { singleColumn: true }),
    ...(request.header && { header: true }),
  };
  if (!request.split) {
    const result = format.serialize(dataset, options);
    return { ...result, files: [...result.files, ...companionFiles(format, dataset)] };
  }
  if (format.id !== 'spans' && format.id !== 'conll') {
    throw new ParleyError('BAD_REQUEST', `A train/dev/test split is offered for spans and conll, not ${format.id}`);
  }
  const parts = splitDocuments(
    dataset.documents.map((d) => d.docId),
    request.split,
  );
  const files: DatasetFile[] = [];
  const dropped = [];
  for (const [part, ids] of Object.entries(parts)) {
    const result = format.serialize(
      { ...dataset, documents: dataset.documents.filter((d) => ids.has(d.docId)) },
      options,
    );
    files.push(...result.files.map((f) => ({ path: `${part}${extname(f.path)}`, content: f.content })));
    dropped.push(...result.dropped);
  }
  return { files, dropped };
}

/**
 * Writes the files under `destination` (a folder), or for a one-file export the first file to
 * `destination` and companions beside it as `<name>.<companion>`. Refuses any path that would
 * land outside the folder. Returns the absolute paths written.
 */
export async function writeExportFiles(
  destination: string,
  files: readonly DatasetFile[],
  isSingleFile: boolean,
  /** Called after each file is written, with how many of `files` are. */
  onWritten: (done: number) => void = () => undefined,
): Promise<string[]> {
  const root = resolve(destination);
  const written: string[] = [];
  for (const [index, file] of files.entries()) {
    const companion = join(dirname(root), `${basename(root, extname(root))}.${basename(file.path)}`);
    const target = isSingleFile ? (index === 0 ? root : companion) : resolve(root, file.path);
    const inside = relative(root, target);
    if (!isSingleFile && (inside === '' || inside.startsWith('..') || isAbsolute(inside))) {
      throw new ParleyError(
        'BAD_REQUEST',
        `The export would write ${file.path} outside ${root}; nothing more was written`,
      );
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
    written.push(target);
    onWritten(written.length);
  }
  return written;
}

/** The summary shown after an export. */
export function summarize(
  destination: string,
  files: string[],
  dataset: Dataset,
  dropped: ReturnType<Format['serialize']>['dropped'],
): ExportSummary {
  return {
    destination,
    files,
    documents: dataset.documents.length,
    spans:
      dataset.documents.reduce((n, d) => n + d.spans.length, 0) - dropped.filter((d) => !d.isWrittenChanged).length,
    dropped: dropped.map((d) => ({ docId: d.docId, label: d.span.label, text: d.span.text, reason: d.reason })),
  };
}
