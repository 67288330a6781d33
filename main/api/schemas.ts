/**
 * One argument schema per API method, checked in main before the service is called. Checks that
 * need data (an offset against the text, a label against the label set) are the service's.
 */
import { z } from 'zod';
import { DOC_STATUSES, FORMAT_IDS, IMPORT_FORMAT_IDS, type ApiMethod } from './contract';

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
    id: annotationId.optional(),
    docId,
    start: offset,
    end: offset,
    label: labelId,
    attributes: attributes.optional(),
    note: note.optional(),
    gold: z.boolean().optional(),
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
  suggestLabels: z.array(labelId).max(1000).optional(),
});

const attributeDef = z.strictObject({
  name: z.string().trim().min(1, 'an attribute needs a name').max(100),
  kind: z.enum(['text', 'choice', 'date']),
  choices: z.array(z.string().max(200)).max(200).optional(),
});
const labelFields = {
  name: z.string().trim().min(1, 'a label needs a name').max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb'),
  hotkey: z.string().max(1, 'a hotkey is one key'),
  attributes: z.array(attributeDef).max(50).optional(),
};
const newLabel = z.strictObject({
  id: z.string().regex(/^[\p{L}\p{N}_-]{1,64}$/u, 'a label id is 1–64 letters, digits, _ or -'),
  ...labelFields,
});
const labelChanges = z.strictObject({
  name: labelFields.name.optional(),
  color: labelFields.color.optional(),
  hotkey: labelFields.hotkey.optional(),
  attributes: labelFields.attributes,
});
const disposal = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('delete') }),
  z.strictObject({ action: z.literal('relabel'), to: labelId }),
]);
const suggestionId = z.string().min(1).max(MAX_ID);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

const format = z.enum(FORMAT_IDS as [string, ...string[]]);
const offsets = z.enum(['codepoint', 'utf16']).optional();
const name = z.string().min(1).max(200);
const ratio = z.number().nonnegative().finite();

const exportRequest = z.strictObject({
  format,
  annotators: z.array(name).max(1000).optional(),
  labels: z.array(labelId).max(1000).optional(),
  status: z.enum(['any', 'done']).optional(),
  offsets,
  singleColumn: z.boolean().optional(),
  header: z.boolean().optional(),
  split: z
    .strictObject({ train: ratio, dev: ratio, test: ratio, seed: z.number().int() })
    .refine((s) => s.train + s.dev + s.test > 0, 'the split ratios must not all be 0')
    .optional(),
});

const importRequest = z.strictObject({
  format: z.enum(IMPORT_FORMAT_IDS as [string, ...string[]]),
  annotator: name.optional(),
  addLabels: z.boolean().optional(),
  skipInvalid: z.boolean().optional(),
  offsets,
});

const agreementRequest = z.strictObject({
  annotators: z.array(name).max(1000).optional(),
  labels: z.array(labelId).max(1000).optional(),
  docs: z.array(docId).max(100_000).optional(),
});
const reviewers = z.array(name).max(1000);

/** A method's parameters in order: name (used in error messages) and schema. */
type Parameters = readonly (readonly [name: string, schema: z.ZodType])[];

/** The parameters of each method. */
export const ARGUMENT_SCHEMAS = {
  getSession: [],
  listDocuments: [],
  getDocument: [['docId', docId]],
  addAnnotation: [['input', newAnnotation]],
  updateAnnotation: [
    ['id', annotationId],
    ['changes', annotationChanges],
  ],
  deleteAnnotation: [['id', annotationId]],
  undo: [['docId', docId]],
  redo: [['docId', docId]],
  setStatus: [
    ['docId', docId],
    ['status', z.enum(DOC_STATUSES)],
  ],
  updateSettings: [['changes', settingsChanges]],
  openFolder: [],
  startFreshStore: [],
  getAnchorReview: [['docId', docId]],
  acceptMovedSpans: [
    ['docId', docId],
    ['ids', z.union([z.literal('all'), z.array(annotationId).max(100_000)])],
  ],
  listBackups: [],
  restoreBackup: [
    [
      'name',
      z
        .string()
        .min(1)
        .max(300)
        .regex(/^[^/\\]+\.backup-[0-9TZ-]+$/, 'is not the name of a backup'),
    ],
  ],
  quit: [],
  listAnnotators: [],
  exportDataset: [['request', exportRequest]],
  importDataset: [['request', importRequest]],
  listAnnotatorStats: [],
  getAgreement: [['request', agreementRequest]],
  saveAgreementCsv: [['request', agreementRequest]],
  listDisagreements: [
    ['query', z.strictObject({ a: name, b: name, label: labelId.optional(), docId: docId.optional() })],
  ],
  getReview: [
    ['docId', docId],
    ['annotators', reviewers],
  ],
  listReviewSummaries: [['annotators', reviewers]],
  acceptSpan: [['annotationId', annotationId]],
  rejectSpan: [
    ['annotationId', annotationId],
    ['rejected', z.boolean()],
  ],
  setReviewState: [
    ['docId', docId],
    ['state', z.enum(['open', 'adjudicated'])],
    ['annotators', reviewers],
  ],
  addComment: [
    ['annotationId', annotationId],
    ['text', z.string().min(1, 'a comment cannot be empty').max(100_000)],
  ],
  getSuggestions: [['docId', docId]],
  acceptSuggestion: [
    ['docId', docId],
    ['suggestionId', suggestionId],
    ['attributes', attributes.optional()],
    ['id', annotationId.optional()],
  ],
  rejectSuggestion: [
    ['docId', docId],
    ['suggestionId', suggestionId],
  ],
  setPublishedAt: [
    ['docId', docId],
    ['date', isoDate.nullable()],
  ],
  addLabel: [['label', newLabel]],
  updateLabel: [
    ['id', labelId],
    ['changes', labelChanges],
  ],
  deleteLabel: [
    ['id', labelId],
    ['disposal', disposal],
  ],
  searchCorpus: [['query', z.string().min(1).max(1000)]],
  recordActivity: [
    ['docId', docId],
    ['ms', z.number().int().nonnegative().max(3_600_000)],
  ],
  getSessionStats: [],
} as const satisfies Record<ApiMethod, Parameters>;

const countOf = (params: Parameters): string =>
  params.length === 0
    ? 'no arguments'
    : `${params.length} argument${params.length === 1 ? '' : 's'} (${params.map(([name]) => name).join(', ')})`;

/**
 * Validates a call's arguments. Returns them parsed, or a message naming the method, the
 * parameter or field, and the rule ("addAnnotation: input.start: start 120 must be < end 118").
 */
export function parseArguments(
  method: ApiMethod,
  args: unknown,
): { ok: true; args: unknown[] } | { ok: false; message: string } {
  const params: Parameters = ARGUMENT_SCHEMAS[method];
  if (!Array.isArray(args)) return { ok: false, message: `${method}: the arguments must be a list` };
  // Trailing optional parameters may be left out.
  const required = params.filter(([, schema], i) => i >= args.length && !schema.safeParse(undefined).success).length;
  if (args.length > params.length || required > 0) {
    return { ok: false, message: `${method}: takes ${countOf(params)}, got ${args.length}` };
  }
  const parsed: unknown[] = [];
  const problems: string[] = [];
  params.forEach(([name, schema], index) => {
    const result = schema.safeParse(args[index]);
    if (index >= args.length && result.success) return;
    if (result.success) parsed.push(result.data);
    else problems.push(...result.error.issues.map((issue) => `${[name, ...issue.path].join('.')}: ${issue.message}`));
  });
  return problems.length === 0
    ? { ok: true, args: parsed }
    : { ok: false, message: `${method}: ${problems.join('; ')}` };
}
