/**
 * Brings a parsed store up to CURRENT_SCHEMA_VERSION, one step per version, and validates the
 * result. A store from a newer Parley is refused rather than guessed at.
 */
import { defaultLabels } from '../core/labels';
import { CURRENT_SCHEMA_VERSION, validateStore, type StoreData } from './store-data';

export type MigrationResult =
  { ok: true; data: StoreData; changed: boolean } | { ok: false; kind: 'corrupt' | 'newer-version'; reason: string };

/** Step n turns a version-n store into a version-(n+1) store. */
const STEPS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {
  /** 2 adds review (state and rejected spans per document); comments on annotations are optional. */
  1: (data) => ({ ...data, review: {} }),
  /** 3 adds rejected suggestions and active time; the default labels gain their attributes. */
  2: (data) => ({
    ...data,
    rejectedSuggestions: {},
    activity: {},
    labels: Array.isArray(data.labels)
      ? data.labels.map((label: unknown) => {
          const known = defaultLabels().find((d) => isRecord(label) && d.id === label.id);
          return isRecord(label) && known?.attributes && label.attributes === undefined
            ? { ...label, attributes: known.attributes }
            : label;
        })
      : data.labels,
  }),
  /** 4 files annotations by document (`{ docId: [annotations] }`), so a snapshot is written a document at a time. */
  3: (data) => ({ ...data, annotations: fileByDocument(data.annotations) }),
};

/** Annotations kept by id (`{ id: annotation }`), filed by their `docId`; anything else is left for validation to refuse. */
function fileByDocument(annotations: unknown): unknown {
  if (!isRecord(annotations)) return annotations;
  const filed: Record<string, unknown[]> = {};
  for (const a of Object.values(annotations)) {
    const docId = isRecord(a) && typeof a.docId === 'string' ? a.docId : '';
    (filed[docId] ??= []).push(a);
  }
  return filed;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Migrates and validates a parsed store. Never throws. */
export function migrate(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, kind: 'corrupt', reason: 'does not hold a Parley store (expected a JSON object)' };
  }
  let data = raw as Record<string, unknown>;
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, kind: 'corrupt', reason: 'has no valid schemaVersion' };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      kind: 'newer-version',
      reason: `was written by a newer Parley (schema version ${version}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Update Parley to open it; the file was left untouched.`,
    };
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v += 1) {
    const step = STEPS[v];
    if (!step) return { ok: false, kind: 'corrupt', reason: `has schema version ${v}, which cannot be migrated` };
    data = { ...step(data), schemaVersion: v + 1 };
  }
  const valid = validateStore(data);
  if (!valid.ok) {
    return {
      ok: false,
      kind: 'corrupt',
      reason: `is not a valid Parley store (${valid.problem}); it was left untouched`,
    };
  }
  return { ok: true, data: valid.data, changed: version !== CURRENT_SCHEMA_VERSION };
}
