/**
 * One argument schema per API method, checked in main before the service is called. Checks that
 * need data (an offset against the text, a label against the label set) are the service's.
 */
import { z } from 'zod';
import { DOC_STATUSES, type ApiMethod } from './contract';

const MAX_ID = 512;
const docId = z.string().min(1, 'docId must not be empty').max(MAX_ID);
const annotationId = z.uuid('id must be a UUID');
const offset = z.number().int('offsets must be whole numbers').nonnegative('offsets must be >= 0');
const labelId = z.string().min(1, 'label must not be empty').max(MAX_ID);
const attributes = z.record(z.string().max(MAX_ID), z.string().max(10_000));
const note = z.string().max(100_000);
const startBeforeEnd = (span: { start?: number | undefined; end?: number | undefined }, ctx: z.RefinementCtx): void => {
  if (span.start !== undefined && span.end !== undefined && span.start >= span.end) {
    ctx.addIssue({ code: 'custom', message: `start ${span.start} must be < end ${span.end}`, path: ['start'] });
  }
};

const newAnnotation = z
  .strictObject({
    docId,
    start: offset,
    end: offset,
    label: labelId,
    attributes: attributes.optional(),
    note: note.optional(),
  })
  .superRefine(startBeforeEnd);

const annotationChanges = z
  .strictObject({
    start: offset.optional(),
    end: offset.optional(),
    label: labelId.optional(),
    attributes: attributes.optional(),
    note: note.optional(),
  })
  .superRefine(startBeforeEnd);

const settingsChanges = z.strictObject({
  annotator: z.string().max(200, 'the annotator name must be at most 200 characters').optional(),
  extendToWords: z.boolean().optional(),
});

/** The arguments each method accepts, as a tuple. */
export const ARGUMENT_SCHEMAS = {
  getSession: z.tuple([]),
  listDocuments: z.tuple([]),
  getDocument: z.tuple([docId]),
  addAnnotation: z.tuple([newAnnotation]),
  updateAnnotation: z.tuple([annotationId, annotationChanges]),
  deleteAnnotation: z.tuple([annotationId]),
  undo: z.tuple([docId]),
  redo: z.tuple([docId]),
  setStatus: z.tuple([docId, z.enum(DOC_STATUSES as [string, ...string[]])]),
  updateSettings: z.tuple([settingsChanges]),
  openFolder: z.tuple([]),
  startFreshStore: z.tuple([]),
  quit: z.tuple([]),
} satisfies Record<ApiMethod, z.ZodType>;

/**
 * Validates a call's arguments. Returns them parsed, or a message naming the field and the rule
 * ("addAnnotation: start 120 must be < end 118").
 */
export function parseArguments(
  method: ApiMethod,
  args: unknown,
): { ok: true; args: unknown[] } | { ok: false; message: string } {
  const result = ARGUMENT_SCHEMAS[method].safeParse(args);
  if (result.success) return { ok: true, args: result.data };
  const details = result.error.issues.map((issue) => {
    const path = issue.path.filter((p) => typeof p !== 'number' || issue.path.length > 1).slice(1);
    return path.length > 0 ? `${path.join('.')}: ${issue.message}` : issue.message;
  });
  return { ok: false, message: `${method}: ${details.join('; ')}` };
}
