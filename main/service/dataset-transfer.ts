/**
 * Export and import as the service runs them: build the dataset, let the format write or read
 * it, plan the import and apply it after a backup. The service lends a narrow host; this module
 * never touches its indexes directly.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type {
  Annotation,
  DocumentSummary,
  EventName,
  ExportRequest,
  ExportSummary,
  ImportFormatId,
  ImportReport,
  ImportRequest,
  ParleyEvents,
} from '../api/contract';
import type { Format } from '../core/formats/dataset';
import { FORMATS } from '../core/formats/index';
import { quoteOf } from '../core/span';
import type { LoadedDocument } from './corpus';
import { buildDataset, serializeExport, summarize, writeExportFiles } from './dataset-export';
import { planImport, readImportFiles, type ImportPlan } from './dataset-import';
import { ParleyError } from './errors';
import { parleyStoreFormat } from './store-format';
import type { Store } from './store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a transfer may use of the service. */
export interface TransferHost {
  store: Store;
  documents: ReadonlyMap<string, LoadedDocument>;
  /** A document's annotations, any annotator. */
  annotationsOf: (docId: string) => Annotation[];
  /** Loads a folder into the corpus. */
  addFolder(path: string): Promise<string[]>;
  /** Replaces an annotator's annotations in a document (and forgets its undo history). */
  replaceAnnotations(docId: string, annotator: string, next: Annotation[]): void;
  emit<E extends EventName>(name: E, payload: ParleyEvents[E]): void;
  listDocuments(): Promise<DocumentSummary[]>;
}

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
export async function exportTo(
  host: TransferHost,
  destination: string,
  request: ExportRequest,
): Promise<ExportSummary> {
  const format = formatOf(request.format);
  const dataset = buildDataset(
    {
      data: host.store.data,
      documents: [...host.documents.values()],
      annotationsOf: host.annotationsOf,
      currentAnnotator: host.store.data.settings.annotator,
    },
    request,
  );
  host.emit('progress', { task: 'export', done: 0, total: dataset.documents.length });
  const { files, dropped } = serializeExport(format, dataset, request);
  const written = await writeExportFiles(destination, files, !isFolderExport(format, request));
  host.emit('progress', { task: 'export', done: dataset.documents.length, total: dataset.documents.length });
  return summarize(resolve(destination), written, dataset, dropped);
}

/**
 * Imports a file or folder. With any problem nothing changes unless `skipInvalid` is set; the
 * store is backed up before anything is written.
 */
export async function importFrom(host: TransferHost, source: string, request: ImportRequest): Promise<ImportReport> {
  const { store } = host;
  const format = formatOf(request.format);
  if (request.format === 'parley' && request.annotator !== undefined) {
    throw new ParleyError('BAD_REQUEST', 'A Parley store names its annotators; import it without choosing one');
  }
  const files = await readImportFiles(source, format.layout.kind === 'folder');
  const knownTexts = new Map<string, string>();
  for (const doc of host.documents.values()) if (doc.text !== undefined) knownTexts.set(doc.id, doc.text);
  const currentAnnotator = store.data.settings.annotator;
  const parsed = format.parse(files, { offsets: request.offsets ?? 'codepoint', knownTexts, currentAnnotator });
  const plan = planImport(
    parsed,
    {
      sourceName: source,
      documents: host.documents,
      labels: store.data.labels,
      currentAnnotator: store.data.settings.annotator,
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
  const backup = await store.backup();
  await applyImport(host, plan);
  return { ...report, applied: true, backup };
}

async function applyImport(host: TransferHost, plan: ImportPlan): Promise<void> {
  const { store } = host;
  store.data.labels.push(...plan.labelsToAdd);
  const newDocs = plan.documents.filter((d) => d.newText !== undefined);
  if (newDocs.length > 0) {
    const folder = join(dirname(store.path), 'parley-texts');
    await mkdir(folder, { recursive: true });
    for (const doc of newDocs) await writeFile(join(folder, `${doc.docId}.txt`), doc.newText ?? '', 'utf8');
    await host.addFolder(folder);
    if (!store.data.folders.includes(folder)) store.data.folders.push(folder);
  }
  const now = new Date().toISOString();
  plan.documents.forEach((planned, index) => {
    const text = host.documents.get(planned.docId)?.text ?? '';
    // A file's own id is kept when it is a UUID no other set uses (re-importing a colleague's file
    // keeps ids, so gold spans accepted from it still point at them); anything else gets a new one.
    const isFree = (id: string): boolean => {
      const holder = store.data.annotations[id];
      return holder === undefined || (holder.annotator === planned.annotator && holder.docId === planned.docId);
    };
    const taken = new Set<string>();
    const idOf = (id: string | undefined): string => {
      const chosen = id !== undefined && UUID.test(id) && isFree(id) && !taken.has(id) ? id : randomUUID();
      taken.add(chosen);
      return chosen;
    };
    const created = planned.spans.map((span): Annotation => ({
      id: idOf(span.id),
      docId: planned.docId,
      ...quoteOf(text, span),
      start: span.start,
      end: span.end,
      label: span.label,
      annotator: planned.annotator,
      createdAt: now,
      updatedAt: now,
      ...(span.attributes && { attributes: span.attributes }),
      ...(span.note !== undefined && { note: span.note }),
      ...(span.comments !== undefined && { comments: span.comments }),
      ...(span.acceptedFrom !== undefined && { acceptedFrom: span.acceptedFrom }),
    }));
    host.replaceAnnotations(planned.docId, planned.annotator, created);
    if (planned.status !== undefined) {
      store.data.status[planned.docId] = { ...store.data.status[planned.docId], [planned.annotator]: planned.status };
    }
    host.emit('progress', { task: 'import', done: index + 1, total: plan.documents.length });
  });
  store.markDirty();
  host.emit('documents-changed', await host.listDocuments());
}
