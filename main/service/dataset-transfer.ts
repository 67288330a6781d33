/**
 * Export and import as the service runs them: build the dataset, let the format write or read
 * it, plan the import and apply it after a backup. The service lends a narrow host; this module
 * never touches its indexes directly.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  GOLD,
  type ExportRequest,
  type ExportSummary,
  type ImportFormatId,
  type ImportReport,
  type ImportRequest,
} from '../api/contract';
import { stampAnnotation } from '../core/annotation';
import type { Format } from '../core/formats/dataset';
import { FORMATS } from '../core/formats/index';
import type { Label } from '../core/model';
import { annotationChange, type Change } from '../core/transaction';
import { buildDataset, serializeExport, summarize, writeExportFiles } from './dataset-export';
import { planImport, readImportFiles, type ImportPlan } from './dataset-import';
import { ParleyError } from './errors';
import type { ServiceHost } from './service-host';
import { Store } from './store';
import { datasetOfStore, parleyStoreFormat, refusedStore } from './store-format';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The format with this id (`parley`: another store, import only). Throws BAD_REQUEST for an unknown one. */
export function formatOf(id: ImportFormatId): Format {
  const format = id === 'parley' ? parleyStoreFormat : (FORMATS as Partial<Record<string, Format>>)[id];
  if (!format) throw new ParleyError('BAD_REQUEST', `Parley has no ${id} format`);
  return format;
}

/** Whether an export writes a folder: folder formats, and any export with a split. */
export const isFolderExport = (format: Format, request: ExportRequest): boolean =>
  format.layout.kind === 'folder' || request.split !== undefined;

/** Exports to a file (one-file formats) or a folder (folder formats, or with a split). */
export async function exportTo(host: ServiceHost, destination: string, request: ExportRequest): Promise<ExportSummary> {
  const format = formatOf(request.format);
  const dataset = buildDataset(
    {
      data: host.tables(),
      documents: [...host.corpus.documents.values()],
      annotationsOf: (docId) => host.annotationsOf(docId),
      currentAnnotator: host.annotator(),
    },
    request,
  );
  const { files, dropped } = serializeExport(format, dataset, request);
  // Progress in files written: each write is a moment the renderer hears of it.
  host.emit('progress', { task: 'export', done: 0, total: files.length });
  const written = await writeExportFiles(destination, files, !isFolderExport(format, request), (done) =>
    host.emit('progress', { task: 'export', done, total: files.length }),
  );
  return summarize(resolve(destination), written, dataset, dropped);
}

/**
 * Imports a file or folder. With any problem nothing changes unless `skipInvalid` is set; the
 * store is backed up before anything is written.
 */
export async function importFrom(host: ServiceHost, source: string, request: ImportRequest): Promise<ImportReport> {
  const format = formatOf(request.format);
  if (request.format === 'parley' && request.annotator !== undefined) {
    throw new ParleyError('BAD_REQUEST', 'A Parley store names its annotators; import it without choosing one');
  }
  // Progress while the files are read, one by one; then once per document applied.
  const files =
    request.format === 'parley'
      ? []
      : await readImportFiles(source, format.layout.kind === 'folder', (done, total) =>
          host.emit('progress', { task: 'import', done, total }),
        );
  const knownTexts = new Map<string, string>();
  for (const doc of host.corpus.documents.values()) if (doc.text !== undefined) knownTexts.set(doc.id, doc.text);
  const currentAnnotator = host.annotator();
  // Another Parley's store is its snapshot and the journal beside it, read as that Parley would.
  const parsed =
    request.format === 'parley'
      ? await parseOtherStore(resolve(source), knownTexts, currentAnnotator)
      : format.parse(files, { offsets: request.offsets ?? 'codepoint', knownTexts, currentAnnotator });
  const plan = planImport(
    parsed,
    {
      sourceName: source,
      documents: host.corpus.documents,
      labels: host.tables().labels as Label[],
      currentAnnotator,
    },
    request,
  );
  const report: ImportReport = {
    source: resolve(source),
    applied: false,
    documents: plan.documents.length,
    spans: plan.documents.reduce((n, d) => n + d.spans.length, 0),
    addedDocuments: plan.documents.filter((d) => d.newText !== undefined).map((d) => d.docId),
    addedLabels: plan.labelsToAdd.map((l) => l.id),
    problems: plan.problems,
    skipped: plan.skipped,
    ...(parsed.notes && { notes: parsed.notes }),
  };
  if ((plan.problems.length > 0 && !request.skipInvalid) || plan.documents.length === 0) return report;
  const backup = await host.backup();
  await applyImport(host, plan);
  return { ...report, applied: true, backup };
}

/** Reads another Parley's store (snapshot and journal) as a dataset to import. */
async function parseOtherStore(
  path: string,
  knownTexts: ReadonlyMap<string, string>,
  me: string,
): Promise<ReturnType<typeof datasetOfStore>> {
  const read = await Store.readData(path);
  const file = basename(path);
  return read.ok ? datasetOfStore(file, read.data, knownTexts, me) : refusedStore(file, read.message);
}

/**
 * Writes the texts of new documents, then applies the plan as one transaction: labels added,
 * each planned annotator's set in each document replaced, statuses set. Undo histories of the
 * replaced sets are forgotten.
 */
async function applyImport(host: ServiceHost, plan: ImportPlan): Promise<void> {
  const newDocs = plan.documents.filter((d) => d.newText !== undefined);
  let folder: string | null = null;
  if (newDocs.length > 0) {
    folder = join(dirname(host.storePath), 'parley-texts');
    await mkdir(folder, { recursive: true });
    for (const doc of newDocs) await writeFile(join(folder, `${doc.docId}.txt`), doc.newText ?? '', 'utf8');
    await host.addFolder(folder);
  }
  const { labels, folders, status } = host.tables();
  const changes: Change[] = [];
  if (plan.labelsToAdd.length > 0)
    changes.push({ type: 'labels', before: labels, after: [...labels, ...plan.labelsToAdd] });
  if (folder !== null && !folders.includes(folder))
    changes.push({ type: 'folders', before: folders, after: [...folders, folder] });
  const now = new Date().toISOString();
  const replaced = new Set<string>();
  plan.documents.forEach((planned, index) => {
    const text = host.corpus.documents.get(planned.docId)?.text ?? '';
    // A file's own id is kept when it is a UUID no other set uses (re-importing a colleague's file
    // keeps ids, so gold spans accepted from it still point at them); anything else gets a new one.
    const isFree = (id: string): boolean => {
      const holder = host.annotation(id);
      return holder === undefined || (holder.annotator === planned.annotator && holder.docId === planned.docId);
    };
    const taken = new Set<string>();
    const idOf = (id: string | undefined): string => {
      const chosen = id !== undefined && UUID.test(id) && isFree(id) && !taken.has(id) ? id : host.newId();
      taken.add(chosen);
      return chosen;
    };
    const old = new Map(
      host
        .annotationsOf(planned.docId)
        .filter((a) => a.annotator === planned.annotator)
        .map((a) => [a.id, a]),
    );
    for (const span of planned.spans) {
      const created = stampAnnotation({ ...span, docId: planned.docId }, text, planned.annotator, idOf(span.id), now);
      changes.push(annotationChange(old.get(created.id) ?? null, created));
      old.delete(created.id);
    }
    for (const gone of old.values()) changes.push(annotationChange(gone, null));
    replaced.add(`${planned.annotator}\u0000${planned.docId}`);
    const before = status[planned.docId]?.[planned.annotator] ?? null;
    const after = planned.status ?? (before === null || before === 'todo' ? 'in-progress' : before);
    if (before !== after) {
      changes.push({ type: 'status', docId: planned.docId, annotator: planned.annotator, before, after });
    }
    host.emit('progress', { task: 'import', done: index + 1, total: plan.documents.length });
  });
  host.commit({ changes });
  // Undo history of a replaced set would refer to annotations that are gone; any annotator's
  // history may hold gold changes.
  host.forgetHistories(
    ({ annotator, docId }) =>
      replaced.has(`${annotator}\u0000${docId}`) ||
      plan.documents.some((d) => d.docId === docId && d.annotator === GOLD),
  );
  host.emit('documents-changed', host.listDocuments());
}
