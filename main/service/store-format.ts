/**
 * Importing another Parley store file (a colleague's `parley-store.json`): every annotator's set
 * in it, matched to this corpus by document id and SHA-256 of the text, each span checked against
 * the text here. A store holds no texts, so documents this corpus lacks are reported, not added.
 * The importer's own set and the store's gold set are left as they are here.
 */
import { createHash } from 'node:crypto';
import { GOLD, type Annotation, type DocStatus } from '../api/contract';
import type { DatasetDocument, Format, ParseResult, Problem } from '../core/formats/dataset';
import { finishDocument } from '../core/formats/validate';
import type { StoreData } from '../core/model';
import { migrate } from './migrations';

const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A store file that could not be read as a Parley store, as a parse result. */
export const refusedStore = (file: string, message: string): ParseResult => ({
  documents: [],
  labels: [],
  problems: [{ file, message }],
  refusedSpans: 0,
});

function parseStore(file: string, content: string, knownTexts: ReadonlyMap<string, string>, me: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refusedStore(file, `is not a Parley store: ${(error as Error).message}`);
  }
  const migrated = migrate(raw);
  if (!migrated.ok) return refusedStore(file, `the store ${migrated.reason}`);
  return datasetOfStore(file, migrated.data, knownTexts, me);
}

/**
 * Another store's sets as a dataset for import: every annotator's but `me`'s and gold's,
 * matched to this corpus by document id and SHA-256.
 */
export function datasetOfStore(
  file: string,
  store: StoreData,
  knownTexts: ReadonlyMap<string, string>,
  me: string,
): ParseResult {
  const bySha = new Map<string, string>();
  for (const [id, text] of knownTexts) bySha.set(sha256Of(text), id);
  const byDoc = new Map<string, Map<string, Annotation[]>>();
  for (const a of store.annotations) {
    const sets = byDoc.get(a.docId) ?? new Map<string, Annotation[]>();
    sets.set(a.annotator, [...(sets.get(a.annotator) ?? []), a]);
    byDoc.set(a.docId, sets);
  }
  for (const [docId, statuses] of Object.entries(store.status)) {
    const sets = byDoc.get(docId) ?? new Map<string, Annotation[]>();
    for (const [name, status] of Object.entries(statuses)) if (status !== 'todo' && !sets.has(name)) sets.set(name, []);
    byDoc.set(docId, sets);
  }

  const documents: DatasetDocument[] = [];
  const problems: Problem[] = [];
  const left = new Set<string>();
  const seenIds = new Set<string>();
  let refusedSpans = 0;
  for (const [foreignId, sets] of byDoc) {
    const stored = store.documents[foreignId];
    const sameId = knownTexts.get(foreignId);
    const docId =
      sameId !== undefined && (stored === undefined || sha256Of(sameId) === stored.sha256)
        ? foreignId
        : stored !== undefined
          ? bySha.get(stored.sha256)
          : undefined;
    const text = docId === undefined ? undefined : knownTexts.get(docId);
    const count = [...sets.values()].reduce((n, list) => n + list.length, 0);
    if (docId === undefined || text === undefined) {
      const why = sameId === undefined ? 'is not in this corpus' : 'has another text here';
      problems.push({
        file,
        docId: foreignId,
        message: `document ${foreignId} ${why}; its ${count} span(s) were refused`,
      });
      refusedSpans += count;
      continue;
    }
    for (const [annotator, list] of sets) {
      if (annotator === me || annotator === GOLD) {
        left.add(annotator);
        continue;
      }
      const status: DocStatus | undefined = store.status[foreignId]?.[annotator];
      const finished = finishDocument(
        {
          file,
          docId,
          text,
          annotator,
          ...(status !== undefined && { status }),
          spans: list.map((a) => ({ ...a })),
        },
        'utf16',
        seenIds,
      );
      documents.push(finished.document);
      problems.push(...finished.problems);
      refusedSpans += finished.refused;
    }
  }
  const notes = [...left].map((name) =>
    name === GOLD
      ? 'The store’s gold set was not imported; your gold set is as it was.'
      : `The store’s annotations by ${name} (you) were not imported; yours are as they were.`,
  );
  return { documents, labels: store.labels, problems, refusedSpans, ...(notes.length > 0 && { notes }) };
}

/** Another Parley store file, for import only. */
export const parleyStoreFormat: Format = {
  id: 'parley',
  description: 'another Parley store file (every annotator in it but you)',
  layout: { kind: 'file', extension: '.json' },
  serialize: () => {
    throw new Error('A Parley store is imported, not exported; copy the store file instead');
  },
  parse: (files, options) => {
    const file = files[0];
    if (file === undefined) return { documents: [], labels: [], problems: [], refusedSpans: 0 };
    return parseStore(file.path, file.content, options.knownTexts ?? new Map(), options.currentAnnotator ?? '');
  },
};
