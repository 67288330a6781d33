/**
 * The store's schema version, a fresh store, and the check that a parsed store of the current
 * version has the shape of main/core/model.ts. A file that parses as JSON but does not have this
 * shape is treated like a corrupt one: refused, never overwritten.
 */
import { defaultLabels } from '../core/labels';
import { annotationSchema, storeTablesSchema, type Annotation, type StoreData } from '../core/model';

/** The version this build of Parley reads and writes. */
export const CURRENT_SCHEMA_VERSION = 4;

export type { StoreData, StoredDocument, StoredReview } from '../core/model';

/** A fresh store for an annotator. */
export const emptyStoreData = (annotator: string): StoreData => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  settings: { annotator, extendToWords: true },
  folders: [],
  labels: defaultLabels(),
  documents: {},
  status: {},
  annotations: [],
  review: {},
  rejectedSuggestions: {},
  activity: {},
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a parsed value has every field an annotation must have, with its type. Fast: run on
 * each of 100,000 annotations at every start; zod explains the first one that fails.
 */
function looksLikeAnnotation(a: unknown, docId: string): a is Annotation {
  if (!isRecord(a)) return false;
  const { id, start, end, label, text, prefix, suffix, annotator, createdAt, updatedAt } = a;
  return (
    typeof id === 'string' &&
    id !== '' &&
    a.docId === docId &&
    Number.isInteger(start) &&
    (start as number) >= 0 &&
    Number.isInteger(end) &&
    (end as number) >= 0 &&
    typeof label === 'string' &&
    label !== '' &&
    typeof text === 'string' &&
    typeof prefix === 'string' &&
    typeof suffix === 'string' &&
    typeof annotator === 'string' &&
    annotator !== '' &&
    typeof createdAt === 'string' &&
    typeof updatedAt === 'string' &&
    (a.attributes === undefined || isRecord(a.attributes)) &&
    (a.note === undefined || typeof a.note === 'string') &&
    (a.comments === undefined || Array.isArray(a.comments)) &&
    (a.acceptedFrom === undefined || typeof a.acceptedFrom === 'string') &&
    (a.source === undefined || a.source === 'manual' || a.source === 'suggested')
  );
}

/** Why an annotation that failed the fast check is not valid, as zod words it. */
function explainAnnotation(a: unknown, docId: string, path: string): string {
  if (isRecord(a) && a.docId !== docId) return `${path}.docId: expected “${docId}”, the document it is filed under`;
  const issue = annotationSchema.safeParse(a).error?.issues[0];
  return issue ? `${[path, ...issue.path].join('.')}: ${issue.message}` : `${path}: not an annotation`;
}

export type ValidatedStore = { ok: true; data: StoreData } | { ok: false; problem: string };

/**
 * Checks a parsed store of the current version (annotations filed by document:
 * `{ docId: Annotation[] }`) and returns it as StoreData, or the first problem in words.
 */
export function validateStore(raw: Record<string, unknown>): ValidatedStore {
  const tables = storeTablesSchema.safeParse(raw);
  if (!tables.success) {
    const issue = tables.error.issues[0];
    return { ok: false, problem: issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'unknown shape' };
  }
  const filed = raw.annotations;
  if (!isRecord(filed)) return { ok: false, problem: 'annotations: expected an object of documents' };
  const annotations: Annotation[] = [];
  const seen = new Set<string>();
  for (const [docId, list] of Object.entries(filed)) {
    if (!Array.isArray(list)) return { ok: false, problem: `annotations.${docId}: expected a list of annotations` };
    for (let i = 0; i < list.length; i += 1) {
      const a: unknown = list[i];
      if (!looksLikeAnnotation(a, docId))
        return { ok: false, problem: explainAnnotation(a, docId, `annotations.${docId}.${i}`) };
      if (seen.has(a.id)) return { ok: false, problem: `annotations.${docId}.${i}: the id ${a.id} is used twice` };
      seen.add(a.id);
      annotations.push(a);
    }
  }
  return { ok: true, data: { ...tables.data, annotations } };
}
