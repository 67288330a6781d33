/**
 * The shape of Parley's store file (schemaVersion 1) and its validation. A file that parses as
 * JSON but does not have this shape is treated like a corrupt one: refused, never overwritten.
 */
import { z } from 'zod';
import type { Annotation, DocStatus, Label, ReviewState, Settings } from '../api/contract';
import { defaultLabels } from '../core/labels';

/** The version this build of Parley reads and writes. */
export const CURRENT_SCHEMA_VERSION = 3;

/** A document's review: its state and the colleagues' spans the reviewer rejected. */
export interface StoredReview {
  state: ReviewState;
  rejected: string[];
}

/** What the store remembers about a document between runs. */
export interface StoredDocument {
  id: string;
  title: string;
  source: string;
  sha256: string;
  /** ISO 8601 date of publication, when known. */
  publishedAt?: string;
}

export interface StoreData {
  schemaVersion: number;
  settings: Settings;
  /** Folders added with File > Open Folder…, loaded again at start. */
  folders: string[];
  labels: Label[];
  documents: Record<string, StoredDocument>;
  /** docId → annotator → status; a missing entry means todo. */
  status: Record<string, Record<string, DocStatus>>;
  /** Every annotator's annotations, by id. */
  annotations: Record<string, Annotation>;
  /** docId → review; a missing entry means open with nothing rejected. */
  review: Record<string, StoredReview>;
  /** docId → annotator → ids of the suggestions they rejected. */
  rejectedSuggestions: Record<string, Record<string, string[]>>;
  /** annotator → docId → milliseconds of active work. */
  activity: Record<string, Record<string, number>>;
}

/** A fresh store for an annotator. */
export const emptyStoreData = (annotator: string): StoreData => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  settings: { annotator, extendToWords: true },
  folders: [],
  labels: defaultLabels(),
  documents: {},
  status: {},
  annotations: {},
  review: {},
  rejectedSuggestions: {},
  activity: {},
});

const annotationSchema = z.object({
  id: z.string().min(1),
  docId: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  label: z.string().min(1),
  text: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  annotator: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  attributes: z.record(z.string(), z.string()).optional(),
  note: z.string().optional(),
  comments: z.array(z.object({ author: z.string(), at: z.string(), text: z.string() })).optional(),
  acceptedFrom: z.string().optional(),
  source: z.enum(['manual', 'suggested']).optional(),
});

const storeSchema = z.object({
  schemaVersion: z.number().int().positive(),
  settings: z.object({
    annotator: z.string().min(1),
    extendToWords: z.boolean(),
    suggestLabels: z.array(z.string()).optional(),
  }),
  folders: z.array(z.string()),
  labels: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      color: z.string(),
      hotkey: z.string(),
      attributes: z
        .array(
          z.object({
            name: z.string(),
            kind: z.enum(['text', 'choice', 'date']),
            choices: z.array(z.string()).optional(),
          }),
        )
        .optional(),
    }),
  ),
  documents: z.record(
    z.string(),
    z.object({
      id: z.string(),
      title: z.string(),
      source: z.string(),
      sha256: z.string(),
      publishedAt: z.string().optional(),
    }),
  ),
  status: z.record(z.string(), z.record(z.string(), z.enum(['todo', 'in-progress', 'done']))),
  annotations: z.record(z.string(), annotationSchema),
  review: z.record(z.string(), z.object({ state: z.enum(['open', 'adjudicated']), rejected: z.array(z.string()) })),
  rejectedSuggestions: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  activity: z.record(z.string(), z.record(z.string(), z.number().nonnegative())),
});

/** Checks a parsed store of the current version; returns the first problem in words, or null. */
export function describeInvalidStore(value: unknown): string | null {
  const result = storeSchema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'unknown shape';
}
