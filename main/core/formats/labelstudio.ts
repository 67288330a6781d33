/**
 * `labelstudio`: a Label Studio JSON task list, one task a document and annotator: `data` holds the
 * text and doc_id, `meta` the annotator, status and offset unit, and the annotation's `labels`
 * results the spans (region id = span id). Attributes and notes are per-region TextArea results
 * sharing the region id (`attr_<name>`, `note`); labelStudioConfig() writes the matching project.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Label } from '../../api/contract';
import { createOffsetCodec, OFFSET_ENCODINGS, type OffsetEncoding } from '../codepoints';
import type { DatasetDocument, Format, ParseResult, Problem, RawDocument, RawSpan } from './dataset';
import { isRecord, isTooDeep, MAX_JSON_DEPTH } from './jsonl';
import { finishDocument, isDocStatus } from './validate';

/** Names in the labelling config: the Labels control, the Text object, the per-region TextAreas. */
const LABELS_NAME = 'label';
const TEXT_NAME = 'text';
const NOTE_NAME = 'note';
const ATTRIBUTE_PREFIX = 'attr_';

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const escapeXml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The Label Studio labelling config for these labels: a Labels control named `label` over a Text
 * named `text`, and one per-region TextArea per attribute name (`attr_<name>`) plus `note`.
 */
export function labelStudioConfig(labels: readonly Label[], attributes: readonly string[] = []): string {
  const textAreas = [...attributes.map((a) => [`${ATTRIBUTE_PREFIX}${a}`, a]), [NOTE_NAME, NOTE_NAME]];
  return [
    '<View>',
    // Without pre-wrap Label Studio collapses white space on screen; offsets still count every character.
    '  <Style>.htx-text { white-space: pre-wrap; }</Style>',
    `  <Labels name="${LABELS_NAME}" toName="${TEXT_NAME}">`,
    ...labels.map((l) => `    <Label value="${escapeXml(l.id)}" background="${escapeXml(l.color)}"/>`),
    '  </Labels>',
    `  <Text name="${TEXT_NAME}" value="$text"/>`,
    ...textAreas.map(
      ([name = '', placeholder = '']) =>
        `  <TextArea name="${escapeXml(name)}" toName="${TEXT_NAME}" perRegion="true" editable="true" maxSubmissions="1" placeholder="${escapeXml(placeholder)}"/>`,
    ),
    '</View>',
    '',
  ].join('\n');
}

/** The results of one span: its labels region, then one TextArea result per attribute and note. */
function spanResults(doc: DatasetDocument, offsets: OffsetEncoding, regionPrefix: string): object[] {
  const codec = createOffsetCodec(doc.text, offsets);
  return doc.spans.flatMap((s, index) => {
    const [start, end] = [codec.toExternal(s.start), codec.toExternal(s.end)];
    const extras: [string, string][] = [
      ...Object.entries(s.attributes ?? {}).map(([name, value]): [string, string] => [ATTRIBUTE_PREFIX + name, value]),
      ...(s.note !== undefined ? [[NOTE_NAME, s.note] as [string, string]] : []),
    ];
    // A TextArea finds its region by id, so a span without one that has extras is given one.
    const id = s.id ?? (extras.length > 0 ? `${regionPrefix}-${index + 1}` : undefined);
    const result = (type: string, from: string, value: object): object => ({
      ...(id !== undefined && { id }),
      type,
      from_name: from,
      to_name: TEXT_NAME,
      origin: 'manual',
      value,
    });
    return [
      result('labels', LABELS_NAME, { start, end, text: s.text, labels: [s.label] }),
      ...extras.map(([from, value]) => result('textarea', from, { start, end, text: [value] })),
    ];
  });
}

function serializeTask(doc: DatasetDocument, index: number, offsets: OffsetEncoding): string {
  // An empty annotation tells Label Studio "looked, found nothing": only for spans or a done status.
  const annotated = doc.spans.length > 0 || doc.status === 'done';
  return JSON.stringify({
    id: index + 1,
    data: {
      text: doc.text,
      doc_id: doc.docId,
      ...(doc.title !== undefined && { title: doc.title }),
      ...(doc.source !== undefined && { source: doc.source }),
      ...(doc.sha256 !== undefined && { sha256: doc.sha256 }),
    },
    annotations: annotated ? [{ result: spanResults(doc, offsets, `parley-${index + 1}`) }] : [],
    meta: {
      ...(doc.annotator !== undefined && { annotator: doc.annotator }),
      ...(doc.status !== undefined && { status: doc.status }),
      offsetEncoding: offsets,
    },
  });
}

/** 1-based line of a character offset. */
function lineFinder(content: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) breaks.push(i);
  return (offset) => {
    let [low, high] = [0, breaks.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((breaks[mid] ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}

/** The value node of an object's property. */
const property = (node: JsonNode | undefined, key: string): JsonNode | undefined =>
  node?.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1] : undefined;

const items = (node: JsonNode | undefined): JsonNode[] => (node?.type === 'array' ? (node.children ?? []) : []);

/** Where each task and each of its annotations' results starts, for problems. */
interface TaskLines {
  task: number;
  results: number[][];
}

/** Lines of the tasks and results of a valid JSON text; empty when it is too deep to walk. */
function locateTasks(content: string): TaskLines[] {
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(content, [], STRICT_JSON);
  } catch {
    // jsonc-parser recurses; nesting deep enough to overflow the stack just costs the line numbers.
    return [];
  }
  const lineOf = lineFinder(content);
  const tasks = tree?.type === 'array' ? items(tree) : tree ? [tree] : [];
  return tasks.map((task) => ({
    task: lineOf(task.offset),
    results: items(property(task, 'annotations')).map((a) => items(property(a, 'result')).map((r) => lineOf(r.offset))),
  }));
}

/** Where a text stops being JSON, found by jsonc-parser because V8's messages often omit it. */
function jsonErrorAt(content: string): { line?: number; detail: string } {
  const errors: ParseError[] = [];
  try {
    parseTree(content, errors, STRICT_JSON);
  } catch {
    return { detail: 'nested too deeply' };
  }
  const first = errors[0];
  if (first === undefined) return { detail: 'not JSON' };
  const detail = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return { line: lineFinder(content)(first.offset), detail };
}

/** Where a task was read: its file, 1-based index, line and its results' lines when known. */
interface TaskAt {
  file: string;
  index: number;
  lines: TaskLines | undefined;
}

/** A task's annotator: Parley's meta, else the Label Studio user who completed the annotation. */
function annotatorOf(meta: Record<string, unknown>, annotation: Record<string, unknown>): string | undefined {
  if (typeof meta.annotator === 'string') return meta.annotator;
  const by = annotation.completed_by;
  if (typeof by === 'string') return by;
  return isRecord(by) && typeof by.email === 'string' ? by.email : undefined;
}

/** The spans of one annotation's results, with TextArea values attached to their regions. */
function readResults(
  results: unknown[],
  lines: readonly number[] | undefined,
  where: Omit<Problem, 'message'>,
): { spans: RawSpan[]; problems: Problem[]; refused: number } {
  const spans: RawSpan[] = [];
  const problems: Problem[] = [];
  let refused = 0;
  const problem = (index: number, message: string): void => {
    const line = lines?.[index] ?? where.line;
    problems.push({ ...where, ...(line !== undefined && { line }), message: `result ${index + 1}: ${message}` });
  };
  const textAreas: { index: number; result: Record<string, unknown>; value: Record<string, unknown> }[] = [];
  results.forEach((result, index) => {
    if (!isRecord(result) || !isRecord(result.value)) {
      refused += 1;
      return problem(index, 'expected an object with a "value"');
    }
    const { value } = result;
    const from = result.from_name;
    if (result.type === 'textarea' && (from === NOTE_NAME || String(from).startsWith(ATTRIBUTE_PREFIX))) {
      textAreas.push({ index, result, value });
    }
    // Other results (choices, relations, global TextAreas) hold nothing a span can keep.
    if (result.type !== 'labels') return;
    const { labels } = value;
    if (!Array.isArray(labels) || labels.length !== 1) {
      refused += 1;
      return problem(index, `value.labels must hold exactly one label (got ${JSON.stringify(labels)})`);
    }
    const line = lines?.[index] ?? where.line;
    spans.push({
      start: value.start,
      end: value.end,
      label: labels[0],
      ...(value.text !== undefined && { text: value.text }),
      ...(result.id !== undefined && { id: result.id }),
      ...(line !== undefined && { line }),
    });
  });
  for (const { index, result, value } of textAreas) {
    const span = spans.find((s) => s.id !== undefined && s.id === result.id);
    const typed = typeof value.text === 'string' ? [value.text] : value.text;
    const text = Array.isArray(typed) && typed.every((t) => typeof t === 'string') ? typed : null;
    if (span === undefined) {
      problem(
        index,
        `${String(result.from_name)} belongs to region ${JSON.stringify(result.id)}, which is no labelled span`,
      );
    } else if (text === null) {
      problem(index, 'value.text must be a list of strings');
    } else if (result.from_name === NOTE_NAME) {
      span.note = text.join('\n');
    } else {
      const name = String(result.from_name).slice(ATTRIBUTE_PREFIX.length);
      span.attributes = { ...(span.attributes as Record<string, string> | undefined), [name]: text.join('\n') };
    }
  }
  return { spans, problems, refused };
}

/** What a task holds: one document per annotation (one without spans when it has none). */
type TaskRead =
  { documents: RawDocument[]; encoding: OffsetEncoding | undefined; problems: Problem[]; refused: number } | Problem;

function readTask(task: unknown, at: TaskAt): TaskRead {
  const where = { file: at.file, ...(at.lines && { line: at.lines.task }) };
  const refuse = (message: string, docId?: string): Problem => ({
    ...where,
    ...(docId !== undefined && { docId }),
    message: `task ${at.index}: ${message}`,
  });
  const data = isRecord(task) && isRecord(task.data) ? task.data : undefined;
  if (!isRecord(task) || data === undefined || typeof data.text !== 'string') {
    return refuse('expected an object with "data": {"text": ...}');
  }
  const docId = data.doc_id;
  if (typeof docId !== 'string' || docId === '') return refuse('data.doc_id is missing');
  const meta = isRecord(task.meta) ? task.meta : {};
  const declared = meta.offsetEncoding;
  if (declared !== undefined && !(OFFSET_ENCODINGS as readonly unknown[]).includes(declared)) {
    return refuse(`meta.offsetEncoding ${JSON.stringify(declared)} is not codepoint or utf16`, docId);
  }
  if (meta.status !== undefined && !isDocStatus(meta.status)) {
    return refuse(`meta.status ${JSON.stringify(meta.status)} is not todo, in-progress or done`, docId);
  }
  const annotations = task.annotations ?? [];
  if (!Array.isArray(annotations) || !annotations.every((a) => isRecord(a) && Array.isArray(a.result ?? []))) {
    return refuse('"annotations" must be a list of objects, each with a "result" list', docId);
  }
  const list = annotations as Record<string, unknown>[];
  const problems: Problem[] = [];
  let refused = 0;
  const base = {
    file: at.file,
    ...(at.lines && { line: at.lines.task }),
    docId,
    text: data.text,
    ...(typeof data.title === 'string' && { title: data.title }),
    ...(typeof data.source === 'string' && { source: data.source }),
    ...(typeof data.sha256 === 'string' && { sha256: data.sha256 }),
    ...(isDocStatus(meta.status) && { status: meta.status }),
  };
  // A task nobody annotated still brings its text, status and annotator.
  const documents = (list.length > 0 ? list : [{}]).map((annotation, a): RawDocument => {
    const read = readResults((annotation.result ?? []) as unknown[], at.lines?.results[a], {
      file: at.file,
      ...(at.lines && { line: at.lines.task }),
      docId,
    });
    problems.push(...read.problems.map((p) => ({ ...p, message: `task ${at.index}: ${p.message}` })));
    refused += read.refused;
    const annotator = annotatorOf(meta, annotation);
    return { ...base, ...(annotator !== undefined && { annotator }), spans: read.spans };
  });
  return { documents, encoding: declared as OffsetEncoding | undefined, problems, refused };
}

/** The tasks of a file, or the problem that stops it being read. */
function readTasks(file: string, content: string): unknown[] | Problem {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    const { line, detail } = jsonErrorAt(content);
    const reason = error instanceof Error ? error.message : String(error);
    return { file, ...(line !== undefined && { line }), message: `not valid JSON: ${detail} (${reason})` };
  }
  if (isTooDeep(value)) return { file, line: 1, message: `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels` };
  // Label Studio imports a single task object as well as a list.
  if (isRecord(value)) return [value];
  if (!Array.isArray(value)) return { file, line: 1, message: 'expected a list of Label Studio tasks' };
  return value as unknown[];
}

/** A Label Studio JSON task list; offsets in each task's `meta.offsetEncoding`, else the import's unit. */
export const labelstudioFormat: Format = {
  id: 'labelstudio',
  description: 'Label Studio JSON tasks with annotations (import with labelStudioConfig)',
  layout: { kind: 'file', extension: '.json' },

  serialize: (dataset, options) => {
    const tasks = dataset.documents.map((d, i) => serializeTask(d, i, options.offsets));
    const content = tasks.length === 0 ? '[]\n' : `[\n${tasks.join(',\n')}\n]\n`;
    return { files: [{ path: 'labelstudio.json', content }], dropped: [] };
  },

  parse: (files, options) => {
    const result: ParseResult = { documents: [], labels: [], problems: [], refusedSpans: 0 };
    const seenIds = new Set<string>();
    for (const { path, content } of files) {
      const tasks = readTasks(path, content);
      if (!Array.isArray(tasks)) {
        result.problems.push(tasks);
        continue;
      }
      const lines = locateTasks(content);
      tasks.forEach((task, index) => {
        const read = readTask(task, { file: path, index: index + 1, lines: lines[index] });
        if (!('documents' in read)) {
          result.problems.push(read);
          return;
        }
        result.problems.push(...read.problems);
        result.refusedSpans += read.refused;
        for (const raw of read.documents) {
          const finished = finishDocument(raw, read.encoding ?? options.offsets, seenIds);
          result.documents.push(finished.document);
          result.problems.push(...finished.problems.map((p) => ({ ...p, message: `task ${index + 1}: ${p.message}` })));
          result.refusedSpans += finished.refused;
        }
      });
    }
    return result;
  },
};
