/**
 * `webanno`: a W3C Web Annotation collection in JSON-LD. Each span is an Annotation whose
 * target is its document, selected by TextQuoteSelector and TextPositionSelector (code points:
 * the model's "characters"). The texts travel in `parley:documents`, so the file imports alone.
 * Carries everything a Dataset holds. JSON scanning with line numbers lives here too.
 */
import { createOffsetCodec, OFFSET_ENCODINGS, type OffsetEncoding } from '../codepoints';
import type { Label } from '../../api/contract';
import type { DatasetDocument, Format, ParseResult, Problem, RawDocument, RawSpan } from './dataset';
import { isRecord } from './jsonl';
import { finishDocument, isDocStatus } from './validate';

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Parley's own terms are `parley:…`, a URN namespace so no web address is implied. */
const CONTEXT = [ANNO_CONTEXT, { parley: 'urn:parley:ns:' }];
const DOC_PREFIX = 'urn:parley:doc:';
const SPAN_PREFIX = 'urn:parley:span:';
/** Ids given to spans that had none, so every Annotation has one; read back as no id. */
const ANONYMOUS_PREFIX = 'urn:parley:anonymous:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Code points of context in TextQuoteSelector prefix and suffix. */
const QUOTE_CONTEXT = 32;
/** Deeper JSON is refused: JSON.stringify, used on values in messages, overflows the stack near 5,000. */
const MAX_DEPTH = 512;

/** A value in a message: JSON, cut short. */
const show = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
};

const isSurrogatePair = (text: string, i: number): boolean =>
  /[\uD800-\uDBFF]/.test(text[i] ?? '') && /[\uDC00-\uDFFF]/.test(text[i + 1] ?? '');

/** Up to QUOTE_CONTEXT code points before `start` and after `end` (UTF-16 offsets). */
function quoteContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  let from = start;
  for (let n = 0; n < QUOTE_CONTEXT && from > 0; n += 1) from -= from >= 2 && isSurrogatePair(text, from - 2) ? 2 : 1;
  let to = end;
  for (let n = 0; n < QUOTE_CONTEXT && to < text.length; n += 1) to += isSurrogatePair(text, to) ? 2 : 1;
  return { prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

function annotationId(id: string | undefined, fallback: string): string {
  if (id === undefined) return `${ANONYMOUS_PREFIX}${fallback}`;
  return UUID.test(id) ? `urn:uuid:${id}` : `${SPAN_PREFIX}${encodeURIComponent(id)}`;
}

/** Parley's id of an Annotation id; foreign ids are kept whole. */
function spanId(id: unknown): unknown {
  if (typeof id !== 'string') return id;
  if (id.startsWith(ANONYMOUS_PREFIX)) return undefined;
  if (id.startsWith('urn:uuid:')) return id.slice('urn:uuid:'.length);
  if (!id.startsWith(SPAN_PREFIX)) return id;
  try {
    return decodeURIComponent(id.slice(SPAN_PREFIX.length));
  } catch {
    return id;
  }
}

function serializeAnnotations(doc: DatasetDocument, offsets: OffsetEncoding, docIndex: number): unknown[] {
  const codec = createOffsetCodec(doc.text, offsets);
  const source = `${DOC_PREFIX}${encodeURIComponent(doc.docId)}`;
  return doc.spans.map((span, index) => {
    const exact = doc.text.slice(span.start, span.end);
    const { prefix, suffix } = quoteContext(doc.text, span.start, span.end);
    return {
      id: annotationId(span.id, `${docIndex}-${index}`),
      type: 'Annotation',
      ...(doc.annotator !== undefined && { creator: { type: 'Person', name: doc.annotator } }),
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: span.label },
        ...Object.entries(span.attributes ?? {}).map(([name, value]) => ({
          type: 'TextualBody',
          purpose: 'describing',
          'parley:attribute': name,
          value,
        })),
        ...(span.note !== undefined ? [{ type: 'TextualBody', purpose: 'commenting', value: span.note }] : []),
      ],
      target: {
        source,
        selector: [
          { type: 'TextQuoteSelector', exact, ...(prefix && { prefix }), ...(suffix && { suffix }) },
          { type: 'TextPositionSelector', start: codec.toExternal(span.start), end: codec.toExternal(span.end) },
        ],
      },
    };
  });
}

/** A character for a message. */
const describe = (c: string | undefined): string => (c === undefined ? 'the end' : JSON.stringify(c));

/** Index after the string starting at `start`, or what is wrong with it. */
function stringEnd(content: string, start: number): number | string {
  const special = /["\\\p{Cc}]/gu;
  special.lastIndex = start + 1;
  for (let match = special.exec(content); match; match = special.exec(content)) {
    const i = match.index;
    if (match[0] === '"') return i + 1;
    if (match[0] !== '\\') {
      // JSON refuses raw U+0000–U+001F in a string; U+007F–U+009F are allowed.
      if (match[0].charCodeAt(0) >= 0x7f) continue;
      return 'a string is not closed on its line, or holds a raw control character';
    }
    const next = content[i + 1];
    if (next === 'u' && !/^[0-9a-fA-F]{4}$/.test(content.slice(i + 2, i + 6))) return '\\u needs four hex digits';
    if (next === undefined || !'"\\/bfnrtu'.includes(next))
      return `${describe(`\\${next ?? ''}`)} is not a JSON escape`;
    special.lastIndex = i + 2;
  }
  return 'a string is not closed before the end of the file';
}

/**
 * Checks JSON syntax and records the line where each element of an array starts, by JSON path
 * (`/first/items/3`), for arrays up to three levels deep. Returns the first syntax error with
 * its line instead, since JSON.parse does not say where it failed.
 */
function scanJson(content: string): { lines: Map<string, number>; error?: { line: number; message: string } } {
  const lines = new Map<string, number>();
  const stack: { isArray: boolean; path: string; count: number; key: string }[] = [];
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  type Mode = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after';
  let mode: Mode = 'value';
  let line = 1;
  let i = 0;
  const fail = (message: string) => ({ lines, error: { line, message } });
  for (;;) {
    for (; i < content.length; i += 1) {
      const code = content.charCodeAt(i);
      if (code === 10) line += 1;
      else if (code !== 32 && code !== 9 && code !== 13) break;
    }
    const top = stack[stack.length - 1];
    const c = content[i];
    if (c === undefined) return mode === 'after' && !top ? { lines } : fail('the JSON ends before it is complete');
    const close = top?.isArray ? ']' : '}';
    if (mode === 'after') {
      if (!top) return fail(`unexpected ${describe(c)} after the end of the JSON value`);
      if (c === close) stack.pop();
      else if (c !== ',') return fail(`expected ',' or '${close}', found ${describe(c)}`);
      else {
        top.count += 1;
        mode = top.isArray ? 'value' : 'key';
      }
      i += 1;
    } else if (mode === 'colon') {
      if (c !== ':') return fail(`expected ':' after a property name, found ${describe(c)}`);
      i += 1;
      mode = 'value';
    } else if ((mode === 'key-or-close' || mode === 'value-or-close') && c === close) {
      stack.pop();
      i += 1;
      mode = 'after';
    } else if (mode === 'key' || mode === 'key-or-close') {
      if (c !== '"') return fail(`expected a property name in double quotes, found ${describe(c)}`);
      const end = stringEnd(content, i);
      if (typeof end === 'string') return fail(end);
      if (top) top.key = JSON.parse(content.slice(i, end)) as string;
      i = end;
      mode = 'colon';
    } else {
      const path = top ? `${top.path}/${top.isArray ? top.count : top.key}` : '';
      if (top?.isArray && stack.length <= 3) lines.set(path, line);
      if (c === '{' || c === '[') {
        if (stack.length >= MAX_DEPTH) return fail(`the JSON is nested deeper than ${MAX_DEPTH} levels`);
        stack.push({ isArray: c === '[', path, count: 0, key: '' });
        mode = c === '[' ? 'value-or-close' : 'key-or-close';
        i += 1;
        continue;
      }
      literal.lastIndex = i;
      const end = c === '"' ? stringEnd(content, i) : literal.test(content) ? literal.lastIndex : null;
      if (typeof end !== 'number') return fail(end ?? `unexpected ${describe(c)}`);
      i = end;
      mode = 'after';
    }
  }
}

/** Whether a JSON-LD `type` (a string or a list) names this class. */
const hasType = (value: unknown, type: string): boolean =>
  value === type || (Array.isArray(value) && value.includes(type));

/** The one object of a value that may be an object or a list of one. */
const single = (value: unknown): Record<string, unknown> | null =>
  isRecord(value) ? value : Array.isArray(value) && value.length === 1 && isRecord(value[0]) ? value[0] : null;

/** Where the annotations are: a collection with an embedded first page, a page, a list or one. */
function locateItems(root: unknown): { items: unknown[]; path: string; container: Record<string, unknown> } | string {
  if (Array.isArray(root)) return { items: root, path: '', container: {} };
  if (!isRecord(root)) return 'expected an AnnotationCollection, an AnnotationPage or a list of annotations';
  if (hasType(root.type, 'AnnotationCollection')) {
    if (root.first === undefined) return { items: [], path: '/first/items', container: root };
    if (!isRecord(root.first)) return 'the collection\'s pages are not in this file ("first" is not an embedded page)';
    if (!Array.isArray(root.first.items)) return 'the first page has no "items" list';
    return { items: root.first.items, path: '/first/items', container: root };
  }
  if (hasType(root.type, 'AnnotationPage')) {
    return Array.isArray(root.items)
      ? { items: root.items, path: '/items', container: root }
      : 'the page has no "items" list';
  }
  if (hasType(root.type, 'Annotation')) return { items: [root], path: '', container: {} };
  return 'expected an AnnotationCollection, an AnnotationPage or a list of annotations';
}

/** Label, attributes and note from an Annotation's bodies, and what could not be read. */
function readBodies(body: unknown): Pick<RawSpan, 'label' | 'attributes' | 'note'> & { issues: string[] } {
  const bodies = body === undefined ? [] : Array.isArray(body) ? (body as unknown[]) : [body];
  const result: Pick<RawSpan, 'label' | 'attributes' | 'note'> & { issues: string[] } = {
    label: undefined,
    issues: [],
  };
  // A Map, so that an attribute named like an Object.prototype member stays an attribute.
  const attributes = new Map<string, unknown>();
  for (const b of bodies) {
    const purpose = isRecord(b) ? b.purpose : undefined;
    const name = isRecord(b) ? b['parley:attribute'] : undefined;
    if (!isRecord(b)) result.issues.push(`body ${show(b)} is not an object`);
    else if (purpose === 'tagging' && result.label === undefined) result.label = b.value;
    else if (purpose === 'commenting' && result.note === undefined) result.note = b.value;
    else if (purpose === 'describing' && typeof name === 'string' && !attributes.has(name)) {
      attributes.set(name, b.value);
    } else result.issues.push(`a second or unknown body (purpose ${show(purpose)}) was not imported`);
  }
  if (attributes.size > 0) result.attributes = Object.fromEntries(attributes);
  return result;
}

/** The TextPositionSelector and TextQuoteSelector of a target. */
function readSelectors(target: Record<string, unknown>): {
  position?: Record<string, unknown>;
  quote?: Record<string, unknown>;
} {
  const selectors = Array.isArray(target.selector) ? (target.selector as unknown[]) : [target.selector];
  const find = (type: string) =>
    selectors.find((s): s is Record<string, unknown> => isRecord(s) && hasType(s.type, type));
  const position = find('TextPositionSelector');
  const quote = find('TextQuoteSelector');
  return { ...(position && { position }), ...(quote && { quote }) };
}

/** A document of `parley:documents`, or why it cannot be read. */
function readDocument(entry: unknown, file: string, line: number | undefined): RawDocument | string {
  if (!isRecord(entry)) return 'a document must be an object';
  const docId = entry['parley:docId'];
  const text = entry['parley:text'];
  if (typeof docId !== 'string' || docId === '') return 'a document needs a "parley:docId" string';
  if (typeof text !== 'string') return `document ${docId} needs a "parley:text" string`;
  const status = entry['parley:status'];
  if (status !== undefined && !isDocStatus(status))
    return `parley:status ${show(status)} is not todo, in-progress or done`;
  const strings: Partial<Record<'title' | 'source' | 'sha256' | 'annotator', string>> = {};
  for (const key of ['title', 'source', 'sha256', 'annotator'] as const) {
    const value = entry[`parley:${key}`];
    if (typeof value === 'string') strings[key] = value;
  }
  return { file, ...(line !== undefined && { line }), docId, text, ...strings, ...(status && { status }), spans: [] };
}

/** Labels declared in `parley:labels`. */
const readLabels = (value: unknown): Label[] =>
  (Array.isArray(value) ? (value as unknown[]) : []).flatMap((l) =>
    isRecord(l) && typeof l['parley:id'] === 'string'
      ? [
          {
            id: l['parley:id'],
            name: typeof l['parley:name'] === 'string' ? l['parley:name'] : l['parley:id'],
            color: typeof l['parley:color'] === 'string' ? l['parley:color'] : '#868e96',
            hotkey: typeof l['parley:hotkey'] === 'string' ? l['parley:hotkey'] : '',
          },
        ]
      : [],
  );

/** Reads one .jsonld file into `result`. */
function parseFile(
  path: string,
  content: string,
  knownTexts: ReadonlyMap<string, string> | undefined,
  fallback: OffsetEncoding,
  result: ParseResult,
  seenIds: Set<string>,
): void {
  const problem = (message: string, line?: number, docId?: string): Problem => ({
    file: path,
    ...(line !== undefined && { line }),
    ...(docId !== undefined && { docId }),
    message,
  });
  const scan = scanJson(content);
  let root: unknown;
  let failure: string | undefined;
  if (scan.error) failure = `not valid JSON: ${scan.error.message}`;
  else {
    try {
      root = JSON.parse(content);
    } catch (error) {
      failure = `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const located = failure === undefined ? locateItems(root) : failure;
  if (typeof located === 'string') {
    result.problems.push(problem(located, scan.error?.line ?? 1));
    return;
  }
  const { items, path: itemsPath, container } = located;
  const declared = container['parley:offsetEncoding'];
  if (declared !== undefined && !(OFFSET_ENCODINGS as readonly unknown[]).includes(declared)) {
    result.problems.push(problem(`parley:offsetEncoding ${show(declared)} is not codepoint or utf16`, 1));
    return;
  }
  result.labels.push(...readLabels(container['parley:labels']));
  const documents: RawDocument[] = [];
  const key = (docId: string, annotator: unknown) =>
    JSON.stringify([docId, typeof annotator === 'string' ? annotator : null]);
  const byKey = new Map<string, RawDocument>();
  const entries = Array.isArray(container['parley:documents']) ? (container['parley:documents'] as unknown[]) : [];
  entries.forEach((entry, index) => {
    const line = scan.lines.get(`/parley:documents/${index}`);
    const doc = readDocument(entry, path, line);
    if (typeof doc === 'string') return result.problems.push(problem(doc, line));
    documents.push(doc);
    if (!byKey.has(key(doc.docId, doc.annotator))) byKey.set(key(doc.docId, doc.annotator), doc);
  });
  items.forEach((item, index) => {
    const line = scan.lines.get(`${itemsPath}/${index}`) ?? 1;
    const target = isRecord(item) ? single(item.target) : null;
    if (!isRecord(item) || !hasType(item.type, 'Annotation') || !target || typeof target.source !== 'string') {
      result.refusedSpans += 1;
      return result.problems.push(
        problem(`item ${index} is not an Annotation with one target that has a "source"`, line),
      );
    }
    const source = target.source;
    let docId = source;
    if (source.startsWith(DOC_PREFIX)) {
      try {
        docId = decodeURIComponent(source.slice(DOC_PREFIX.length));
      } catch {
        // A malformed escape: the source stays the id, and no document will match it.
      }
    }
    const annotator = single(item.creator)?.name;
    let doc = byKey.get(key(docId, annotator));
    const known = knownTexts?.get(docId);
    if (!doc && known !== undefined) {
      doc = { file: path, docId, text: known, ...(typeof annotator === 'string' && { annotator }), spans: [] };
      documents.push(doc);
      byKey.set(key(docId, annotator), doc);
    }
    const { position, quote } = readSelectors(target);
    if (!doc || !position) {
      result.refusedSpans += 1;
      const why = !doc
        ? `the text of ${show(source)} is neither in this file nor in Parley`
        : 'it has no TextPositionSelector';
      return result.problems.push(problem(`annotation ${show(item.id)} cannot be placed: ${why}`, line, docId));
    }
    const { issues, ...bodies } = readBodies(item.body);
    result.problems.push(...issues.map((issue) => problem(`annotation ${show(item.id)}: ${issue}`, line, docId)));
    const id = spanId(item.id);
    doc.spans.push({
      start: position.start,
      end: position.end,
      ...bodies,
      ...(quote && { text: quote.exact }),
      ...(id !== undefined && { id }),
      line,
    });
  });
  const encoding = (declared as OffsetEncoding | undefined) ?? fallback;
  for (const raw of documents) {
    const finished = finishDocument(raw, encoding, seenIds);
    result.documents.push(finished.document);
    result.problems.push(...finished.problems);
    result.refusedSpans += finished.refused;
  }
}

/**
 * W3C Web Annotation. Serialize: one AnnotationCollection with its texts; nothing is dropped.
 * Parse: a collection, a page, a list or one Annotation; texts from the file, else `knownTexts`;
 * offsets in the unit the file declares, else `options.offsets`.
 */
export const webannoFormat: Format = {
  id: 'webanno',
  description: 'W3C Web Annotation (JSON-LD), with the texts included',
  layout: { kind: 'file', extension: '.jsonld' },

  serialize: (dataset, options) => {
    const items = dataset.documents.flatMap((doc, index) => serializeAnnotations(doc, options.offsets, index));
    const collection = {
      '@context': CONTEXT,
      id: 'urn:parley:export',
      type: 'AnnotationCollection',
      label: 'Parley export',
      total: items.length,
      'parley:offsetEncoding': options.offsets,
      'parley:labels': dataset.labels.map((l) => ({
        'parley:id': l.id,
        'parley:name': l.name,
        'parley:color': l.color,
        'parley:hotkey': l.hotkey,
      })),
      'parley:documents': dataset.documents.map((d) => ({
        type: 'Text',
        'parley:docId': d.docId,
        ...(d.title !== undefined && { 'parley:title': d.title }),
        ...(d.source !== undefined && { 'parley:source': d.source }),
        ...(d.sha256 !== undefined && { 'parley:sha256': d.sha256 }),
        ...(d.annotator !== undefined && { 'parley:annotator': d.annotator }),
        ...(d.status !== undefined && { 'parley:status': d.status }),
        'parley:text': d.text,
      })),
      first: { id: 'urn:parley:export#page-1', type: 'AnnotationPage', startIndex: 0, items },
    };
    return { files: [{ path: 'dataset.jsonld', content: `${JSON.stringify(collection, null, 2)}\n` }], dropped: [] };
  },

  parse: (files, options) => {
    const result: ParseResult = { documents: [], labels: [], problems: [], refusedSpans: 0 };
    const seenIds = new Set<string>();
    for (const { path, content } of files)
      parseFile(path, content, options.knownTexts, options.offsets, result, seenIds);
    return result;
  },
};
