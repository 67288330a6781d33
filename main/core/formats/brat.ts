/**
 * `brat`: brat's standoff folder. Per document `<doc_id>.txt` (the text, exactly) and
 * `<doc_id>.ann`; annotation.conf declares the labels and attribute values, visual.conf their
 * names and colours. Carries labels, attributes, notes and span ids (as `ParleyId` comments);
 * not the annotator, status, title, source or SHA-256, for which brat has no place.
 */
import { createOffsetCodec, sliceExternal, type OffsetCodec, type OffsetEncoding } from '../codepoints';
import type { Label } from '../../api/contract';
import type { DatasetDocument, DatasetFile, DroppedSpan, Format, ParseResult, Problem, RawSpan } from './dataset';
import { MAX_LINE_LENGTH } from './jsonl';
import { finishDocument } from './validate';

/** The first line of a Parley annotation.conf; it names the unit of the offsets. */
const MARK = /^# Written by Parley \(offsets: (codepoint|utf16)\)/;
const DEFAULT_COLOR = '#868e96';
/** Where Python's str.splitlines breaks a line (brat reads .ann files with it). */
const LINE_BREAKS = '\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029';
const LINE_BREAK = new RegExp(`[${LINE_BREAKS}]`, 'u');
/** White space and line breaks: what may separate the fragments of one span. */
const GAP = new RegExp(`^[\\s${LINE_BREAKS}]*$`, 'u');
/** Characters brat's files use as separators; percent-encoded in labels and attributes. */
const UNSAFE = /[\s\p{Cc}%",|<>!#[\]]/gu;

/** A label, attribute name or value as brat can hold it: unsafe characters as %XX, '' as `""`. */
function encodeName(value: string): string {
  if (value === '') return '""';
  return value.replace(UNSAFE, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}

/**
 * A label or attribute name in brat's storage form, `[A-Za-z0-9_-]` (brat rewrites any other
 * character when it reads annotation.conf): letters, digits and `-` stay, every other character,
 * `_` included, becomes `_<hex code point>_`, and a name of hyphens only (a separator line in
 * brat's config) has its first `-` escaped. Reversible with decodeType.
 */
function encodeType(name: string): string {
  if (name === '') return '_';
  const encoded = [...name]
    .map((c) => (/^[A-Za-z0-9-]$/.test(c) ? c : `_${(c.codePointAt(0) ?? 0).toString(16)}_`))
    .join('');
  return /^-+$/.test(encoded) ? `_2d_${encoded.slice(1)}` : encoded;
}

/** The inverse of encodeType, or null when the text is not in that form. */
function decodeType(value: string): string | null {
  if (value === '_') return '';
  if (!/^(?:[A-Za-z0-9-]|_[0-9a-f]{1,6}_)+$/.test(value)) return null;
  try {
    return value.replace(/_([0-9a-f]{1,6})_/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
  } catch {
    return null;
  }
}

/** The inverse of encodeName, or null when a %XX sequence is not UTF-8. */
function decodeName(value: string): string | null {
  if (value === '""') return '';
  try {
    return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decodeURIComponent(run));
  } catch {
    return null;
  }
}

/** A note or id on one line: line breaks as \n, \r or \uXXXX, and a backslash doubled. */
const escapeNote = (note: string): string =>
  note.replace(new RegExp(`[\\\\${LINE_BREAKS}]`, 'gu'), (c) =>
    c === '\\'
      ? '\\\\'
      : c === '\n'
        ? '\\n'
        : c === '\r'
          ? '\\r'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const unescapeNote = (note: string): string =>
  note.replace(/\\(\\|n|r|u[0-9a-fA-F]{4})/g, (_, code: string) =>
    code === '\\' ? '\\' : code === 'n' ? '\n' : code === 'r' ? '\r' : String.fromCharCode(parseInt(code.slice(1), 16)),
  );

/**
 * A span as brat fragments (UTF-16 offsets): the runs between line breaks, since an .ann line
 * cannot hold one. A span that begins or ends with a line break gets an empty fragment there,
 * so its extent survives.
 */
function fragmentsOf(text: string, start: number, end: number): [number, number][] {
  const fragments: [number, number][] = [];
  const isBreak = (i: number) => LINE_BREAK.test(text[i] ?? '');
  if (isBreak(start)) fragments.push([start, start]);
  for (let i = start; i < end;) {
    if (isBreak(i)) {
      i += 1;
      continue;
    }
    const from = i;
    while (i < end && !isBreak(i)) i += 1;
    fragments.push([from, i]);
  }
  if (isBreak(end - 1)) fragments.push([end, end]);
  return fragments;
}

function serializeAnn(doc: DatasetDocument, offsets: OffsetEncoding): string {
  const codec = createOffsetCodec(doc.text, offsets);
  const lines: string[] = [];
  let attributeCount = 0;
  let commentCount = 0;
  doc.spans.forEach((span, index) => {
    const id = `T${index + 1}`;
    const fragments = fragmentsOf(doc.text, span.start, span.end);
    const where = fragments.map(([s, e]) => `${codec.toExternal(s)} ${codec.toExternal(e)}`).join(';');
    const covered = fragments.map(([s, e]) => doc.text.slice(s, e)).join(' ');
    lines.push(`${id}\t${encodeType(span.label)} ${where}\t${covered}`);
    for (const [name, value] of Object.entries(span.attributes ?? {})) {
      attributeCount += 1;
      lines.push(`A${attributeCount}\t${encodeType(name)} ${id} ${encodeName(value)}`);
    }
    if (span.id !== undefined) {
      commentCount += 1;
      lines.push(`#${commentCount}\tParleyId ${id}\t${escapeNote(span.id)}`);
    }
    if (span.note !== undefined) {
      commentCount += 1;
      lines.push(`#${commentCount}\tAnnotatorNotes ${id}\t${escapeNote(span.note)}`);
    }
  });
  return lines.map((line) => `${line}\n`).join('');
}

/** annotation.conf: every label, and every attribute with the values it takes. */
function annotationConf(labels: readonly string[], documents: readonly DatasetDocument[], offsets: OffsetEncoding) {
  const values = new Map<string, Set<string>>();
  for (const span of documents.flatMap((d) => d.spans)) {
    for (const [name, value] of Object.entries(span.attributes ?? {})) {
      values.set(encodeType(name), (values.get(encodeType(name)) ?? new Set()).add(encodeName(value)));
    }
  }
  const attributes = [...values.keys()]
    .sort()
    .map((name) => `${name}\tArg:<ENTITY>, Value:${[...(values.get(name) ?? [])].sort().join('|')}`);
  return [
    `# Written by Parley (offsets: ${offsets}). Label and attribute names are in brat's storage form`,
    '# (other characters as _<hex>_); attribute values are percent-encoded where brat cannot hold a',
    '# character, and "" is the empty value. Notes and ParleyId comments write a line',
    '# break as \\n or \\r and a backslash as \\\\.',
    '[entities]',
    ...labels.map(encodeType),
    '',
    '[relations]',
    '# Parley spans may nest, cross and coincide.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    ...attributes,
    '',
  ].join('\n');
}

/** visual.conf: each label's name and colour. */
function visualConf(labels: readonly Label[]): string {
  const named = labels.filter(
    // brat reads <...> in visual.conf as a macro and drops the whole file when it is unknown.
    (l) => /^[^|\t#\s<>][^|\t<>]*$/u.test(l.name) && !LINE_BREAK.test(l.name) && l.name.trim() === l.name,
  );
  return [
    '[labels]',
    ...named.map((l) => `${encodeType(l.id)} | ${l.name}`),
    '',
    '[drawing]',
    'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken',
    'ARC_DEFAULT\tcolor:black',
    'ATTRIBUTE_DEFAULT\tglyph:*',
    ...labels.filter((l) => /^#[0-9a-fA-F]{6}$/.test(l.color)).map((l) => `${encodeType(l.id)}\tbgColor:${l.color}`),
    '',
  ].join('\n');
}

/** Lines of a .conf file by section, comments and blank lines left out. */
function confSections(content: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let section = '';
  for (const line of content.split(/\r\n|\r|\n/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) section = header[1] ?? '';
    else if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      const lines = sections.get(section) ?? [];
      lines.push(line);
      sections.set(section, lines);
    }
  }
  return sections;
}

/** The labels annotation.conf and visual.conf declare. */
function readLabels(annotation: string, visual: string, decode: (v: string) => string | null): Label[] {
  const names = new Map<string, string>();
  const colors = new Map<string, string>();
  const visuals = confSections(visual);
  for (const line of visuals.get('labels') ?? []) {
    const [id, name] = line.split('|').map((t) => t.trim());
    if (id && name) names.set(id, name);
  }
  for (const line of visuals.get('drawing') ?? []) {
    const match = /^(\S+)\s.*bgColor:(#[0-9a-fA-F]{6})/.exec(line);
    if (match?.[1] && match[2]) colors.set(match[1], match[2]);
  }
  return (confSections(annotation).get('entities') ?? []).flatMap((line) => {
    const term = line.trim().split(/\s/)[0]?.split('|')[0]?.replace(/^!/, '') ?? '';
    const id = decode(term);
    if (!id) return [];
    return [{ id, name: names.get(term) ?? id, color: colors.get(term) ?? DEFAULT_COLOR, hotkey: '' }];
  });
}

/** A span read from a T line, with what the A and # lines add to it. */
interface ReadEntity {
  raw: RawSpan | null;
  /** A Map, so that an attribute named like an Object.prototype member stays an attribute. */
  attributes: Map<string, string>;
}

/** Fragments of a T line's `<type> <start> <end>[;<start> <end>…]`, numbers where they are whole. */
function readFragments(where: string): { start: number | string; end: number | string }[] | null {
  const parts = where.split(';').map((p) => /^(\S+) (\S+)$/.exec(p.trim()));
  if (parts.some((p) => p === null)) return null;
  const asNumber = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : s);
  return parts.map((p) => ({ start: asNumber(p?.[1] ?? ''), end: asNumber(p?.[2] ?? '') }));
}

/**
 * One span from fragments: joined when only white space separates them, which is how brat
 * writes a span across a line break. Returns the span, or the reason it is refused.
 */
function joinFragments(
  fragments: { start: number | string; end: number | string }[],
  covered: string | undefined,
  text: string,
  codec: OffsetCodec,
): Pick<RawSpan, 'start' | 'end' | 'text'> | string {
  const first = fragments[0];
  const last = fragments[fragments.length - 1];
  if (!first || !last) return 'the span has no offsets';
  if (fragments.length === 1)
    return { start: first.start, end: first.end, ...(covered !== undefined && { text: covered }) };
  const slices: string[] = [];
  for (const [i, f] of fragments.entries()) {
    if (typeof f.start !== 'number' || typeof f.end !== 'number') return { start: f.start, end: f.end };
    const slice = sliceExternal(codec, text, f.start, f.end);
    if (slice === null) return { start: f.start, end: f.end };
    const next = fragments[i + 1];
    if (next && typeof next.start === 'number') {
      const gap = next.start < f.end ? null : sliceExternal(codec, text, f.end, next.start);
      if (gap === null) return `fragments ${f.start}–${f.end} and ${next.start}–${String(next.end)} are out of order`;
      if (!GAP.test(gap)) {
        return `its fragments are separated by ${JSON.stringify(gap.slice(0, 40))}; a Parley span is continuous`;
      }
    }
    slices.push(slice);
  }
  if (covered !== undefined && covered !== slices.join(' ')) {
    return `text ${JSON.stringify(covered)} does not match the document at ${String(first.start)}–${String(last.end)} (${JSON.stringify(slices.join(' '))})`;
  }
  return { start: first.start, end: last.end };
}

/** The spans of one .ann file, and the problems of its lines. */
function readAnn(
  file: string,
  content: string,
  text: string,
  codec: OffsetCodec,
  isParley: boolean,
): { spans: RawSpan[]; problems: Problem[]; refused: number } {
  const problems: Problem[] = [];
  const entities = new Map<string, ReadEntity>();
  const later: { line: number; kind: string; data: string; tail: string | undefined }[] = [];
  let refused = 0;
  const decode = (value: string) => (isParley ? decodeName(value) : value);
  const unescape = (value: string) => (isParley ? unescapeNote(value) : value);
  content.split(/\r\n|\r|\n/).forEach((line, index) => {
    const where = { file, line: index + 1 };
    if (line.trim() === '') return;
    if (line.length > MAX_LINE_LENGTH) {
      problems.push({
        ...where,
        message: `the line is ${line.length} characters long; the limit is ${MAX_LINE_LENGTH}`,
      });
      return;
    }
    const [id = '', data = '', ...rest] = line.split('\t');
    const tail = rest.length > 0 ? rest.join('\t') : undefined;
    if (!/^(\*|([A-Za-z]+|#)\d+)/.test(id) || !line.includes('\t')) {
      problems.push({ ...where, message: 'expected an annotation line: <id><TAB><type and offsets><TAB><text>' });
      return;
    }
    if (!id.startsWith('T')) {
      later.push({ line: index + 1, kind: id, data, tail });
      return;
    }
    if (entities.has(id)) {
      problems.push({ ...where, message: `${id} appears twice` });
      return;
    }
    const space = data.indexOf(' ');
    const label = space > 0 ? (isParley ? decodeType(data.slice(0, space)) : data.slice(0, space)) : '';
    const fragments = space > 0 ? readFragments(data.slice(space + 1)) : null;
    const joined =
      fragments === null
        ? `expected "<label> <start> <end>[;<start> <end>…]", found ${JSON.stringify(data)}`
        : label === null
          ? 'the label is not percent-encoded UTF-8'
          : joinFragments(fragments, tail, text, codec);
    if (typeof joined === 'string' || label === null) {
      problems.push({ ...where, message: `${id}: ${typeof joined === 'string' ? joined : 'the label is unreadable'}` });
      refused += 1;
      entities.set(id, { raw: null, attributes: new Map() });
      return;
    }
    entities.set(id, { raw: { ...joined, label, line: index + 1 }, attributes: new Map() });
  });
  for (const { line, kind, data, tail } of later) {
    const where = { file, line };
    const [type = '', target = '', ...value] = data.split(' ');
    const entity = entities.get(target);
    if (!/^[AM#]/.test(kind)) {
      problems.push({ ...where, message: `${kind}: relations, events and normalizations are not imported` });
    } else if (!entity) {
      problems.push({
        ...where,
        message: `${kind} refers to ${JSON.stringify(target)}, which is no span in this file`,
      });
    } else if (!entity.raw) {
      // The span was refused above, with its own problem.
    } else if (kind.startsWith('#')) {
      if (type !== 'AnnotatorNotes' && type !== 'ParleyId') continue;
      const key = type === 'ParleyId' ? 'id' : 'note';
      if (entity.raw[key] !== undefined) problems.push({ ...where, message: `${target} has a second ${type}` });
      else entity.raw[key] = unescape(tail ?? '');
    } else {
      // A and M lines; an attribute without a value is one of brat's binary attributes.
      const name = isParley ? decodeType(type) : type;
      const decoded = value.length > 0 ? decode(value.join(' ')) : 'true';
      if (name === null || decoded === null) {
        problems.push({ ...where, message: `${kind} is not percent-encoded UTF-8` });
      } else if (entity.attributes.has(name)) {
        problems.push({ ...where, message: `${target} has a second ${name} attribute` });
      } else entity.attributes.set(name, decoded);
    }
  }
  const spans = [...entities.values()].flatMap(({ raw, attributes }) =>
    raw ? [attributes.size > 0 ? { ...raw, attributes: Object.fromEntries(attributes) } : raw] : [],
  );
  return { spans, problems, refused };
}

/** A path without its folders and extension. */
const stem = (path: string): string => path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');

/**
 * brat standoff. Serialize: one .txt/.ann pair per document (a second annotator's copy of a
 * document is dropped), annotation.conf and visual.conf. Parse: pairs files by name; offsets in
 * the unit annotation.conf declares, else `options.offsets`.
 */
export const bratFormat: Format = {
  id: 'brat',
  description: 'brat standoff: a .txt and .ann per document, with annotation.conf',
  layout: { kind: 'folder' },

  serialize: (dataset, options) => {
    const files: DatasetFile[] = [];
    const dropped: DroppedSpan[] = [];
    const written = new Set<string>();
    const documents: DatasetDocument[] = [];
    for (const doc of dataset.documents) {
      if (written.has(doc.docId)) {
        const reason = `brat keeps one set of annotations per document, and ${doc.docId} was already written for another annotator; export one annotator at a time`;
        dropped.push(...doc.spans.map((span) => ({ docId: doc.docId, span, reason })));
        continue;
      }
      written.add(doc.docId);
      // brat takes a span whose text is only white space for one with missing text and rewrites it.
      const blank = doc.spans.filter((s) => s.text.trim() === '');
      const reason = 'it covers only white space, which brat takes for missing text';
      dropped.push(...blank.map((span) => ({ docId: doc.docId, span, reason })));
      documents.push(blank.length === 0 ? doc : { ...doc, spans: doc.spans.filter((s) => s.text.trim() !== '') });
      files.push({ path: `${doc.docId}.txt`, content: doc.text });
      files.push({ path: `${doc.docId}.ann`, content: serializeAnn(documents.at(-1) ?? doc, options.offsets) });
    }
    const labels = [
      ...new Set([...dataset.labels.map((l) => l.id), ...documents.flatMap((d) => d.spans.map((s) => s.label))]),
    ];
    files.push({ path: 'annotation.conf', content: annotationConf(labels, documents, options.offsets) });
    files.push({ path: 'visual.conf', content: visualConf(dataset.labels) });
    return { files, dropped };
  },

  parse: (files, options) => {
    const result: ParseResult = { documents: [], labels: [], problems: [], refusedSpans: 0 };
    const seenIds = new Set<string>();
    const byName = new Map(files.map((f) => [f.path.replace(/^.*[\\/]/, ''), f.content]));
    const mark = MARK.exec(byName.get('annotation.conf') ?? '');
    const isParley = mark !== null;
    const encoding = (mark?.[1] as OffsetEncoding | undefined) ?? options.offsets;
    const decodeLabel = (value: string) => (isParley ? decodeType(value) : value);
    result.labels = readLabels(byName.get('annotation.conf') ?? '', byName.get('visual.conf') ?? '', decodeLabel);
    const texts = new Map(files.filter((f) => f.path.endsWith('.txt')).map((f) => [f.path.slice(0, -4), f.content]));
    for (const { path, content } of files) {
      if (!path.endsWith('.ann')) continue;
      const docId = stem(path);
      const text = texts.get(path.slice(0, -4));
      if (text === undefined) {
        result.problems.push({
          file: path,
          docId,
          message: `${docId}.txt is missing; brat needs the text beside the .ann`,
        });
        continue;
      }
      const read = readAnn(path, content, text, createOffsetCodec(text, encoding), isParley);
      const finished = finishDocument({ file: path, docId, text, spans: read.spans }, encoding, seenIds);
      result.documents.push(finished.document);
      result.problems.push(...read.problems.map((p) => ({ ...p, docId })), ...finished.problems);
      result.refusedSpans += read.refused + finished.refused;
    }
    return result;
  },
};
