/**
 * Parley's domain model, defined once: each shape is a zod schema and its TypeScript type is
 * inferred from it. The store validates what it reads with these schemas; the wire contract
 * (api/contract.ts) re-exports the types. Offsets are UTF-16 code units, `end` exclusive.
 */
import { z } from 'zod';
import { DOC_STATUSES } from '../api/contract';

/** An attribute a label declares: a free text, one of a list of choices, or an ISO 8601 date. */
export const attributeDefSchema = z.object({
  name: z.string(),
  kind: z.enum(['text', 'choice', 'date']),
  /** For `choice`: the values offered. */
  choices: z.array(z.string()).optional(),
});
export type AttributeDef = z.infer<typeof attributeDefSchema>;

/** A label analysts tag with. Labels are data: users add, rename and recolour them. */
export const labelSchema = z.object({
  /** Stable id stamped on annotations (`quote`). */
  id: z.string().min(1),
  /** Name shown in the palette. */
  name: z.string(),
  /** CSS hex colour `#rrggbb`. */
  color: z.string(),
  /** One key that applies the label (`1`), or empty for none. */
  hotkey: z.string(),
  /** Attributes a span of this label can carry (quote → speaker, precondition → holder, date → value). */
  attributes: z.array(attributeDefSchema).optional(),
});
export type Label = z.infer<typeof labelSchema>;

/** An analyst's progress on one document. */
export const docStatusSchema = z.enum(DOC_STATUSES);
export type DocStatus = z.infer<typeof docStatusSchema>;

/** Where a span came from: tagged by hand, or an accepted suggestion (kept for audit). */
export const annotationSourceSchema = z.enum(['manual', 'suggested']);
export type AnnotationSource = z.infer<typeof annotationSourceSchema>;

/** One comment of a span's review thread. */
export const commentSchema = z.object({
  author: z.string(),
  /** ISO 8601. */
  at: z.string(),
  text: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

/** A tagged span. Offsets are UTF-16 code units into the document text, `end` exclusive. */
export const annotationSchema = z.object({
  /** UUID; survives undo of a delete. */
  id: z.string().min(1),
  docId: z.string().min(1),
  /** First UTF-16 code unit of the span. */
  start: z.number().int().nonnegative(),
  /** One past the last UTF-16 code unit of the span. */
  end: z.number().int().nonnegative(),
  /** A label id. */
  label: z.string().min(1),
  /** The covered text, `docText.slice(start, end)` when it was tagged. */
  text: z.string(),
  /** Up to 32 UTF-16 code units before the span, to find it again if the text drifts. */
  prefix: z.string(),
  /** Up to 32 UTF-16 code units after the span. */
  suffix: z.string(),
  annotator: z.string().min(1),
  /** ISO 8601 timestamps. */
  createdAt: z.string(),
  updatedAt: z.string(),
  attributes: z.record(z.string(), z.string()).optional(),
  note: z.string().optional(),
  /** A review thread on the span, oldest first. */
  comments: z.array(commentSchema).optional(),
  /** For a gold span: the id of the colleague's span it was accepted from. */
  acceptedFrom: z.string().optional(),
  /** `suggested` when the span is an accepted suggestion; absent means tagged by hand. */
  source: annotationSourceSchema.optional(),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** User preferences kept in the store. */
export const settingsSchema = z.object({
  /** Name stamped on every annotation. */
  annotator: z.string().min(1),
  /** Extend a selection to whole words before tagging it. */
  extendToWords: z.boolean(),
  /** Labels whose built-in recogniser suggests spans; absent: every label that has one. */
  suggestLabels: z.array(z.string()).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Review state of a document. */
export const reviewStateSchema = z.enum(['open', 'adjudicated']);
export type ReviewState = z.infer<typeof reviewStateSchema>;

/** A document's review: its state and the colleagues' spans the reviewer rejected. */
export const storedReviewSchema = z.object({ state: reviewStateSchema, rejected: z.array(z.string()) });
export type StoredReview = z.infer<typeof storedReviewSchema>;

/** What the store remembers about a document between runs. */
export const storedDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  sha256: z.string(),
  /** ISO 8601 date of publication, when known. */
  publishedAt: z.string().optional(),
});
export type StoredDocument = z.infer<typeof storedDocumentSchema>;

/** Everything the store keeps besides the annotations: small tables, written whole. */
export const storeTablesSchema = z.object({
  schemaVersion: z.number().int().positive(),
  settings: settingsSchema,
  /** Folders added with File > Open Folder…, loaded again at start. */
  folders: z.array(z.string()),
  labels: z.array(labelSchema),
  documents: z.record(z.string(), storedDocumentSchema),
  /** docId → annotator → status; a missing entry means todo. */
  status: z.record(z.string(), z.record(z.string(), docStatusSchema)),
  /** docId → review; a missing entry means open with nothing rejected. */
  review: z.record(z.string(), storedReviewSchema),
  /** docId → annotator → ids of the suggestions they rejected. */
  rejectedSuggestions: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  /** annotator → docId → milliseconds of active work. */
  activity: z.record(z.string(), z.record(z.string(), z.number().nonnegative())),
});
export type StoreTables = z.infer<typeof storeTablesSchema>;

/** A value that cannot be changed through this type, however deep. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The whole store as a value: the tables and every annotator's annotations. */
export interface StoreData extends StoreTables {
  annotations: Annotation[];
}
