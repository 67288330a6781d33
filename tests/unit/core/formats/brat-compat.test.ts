/**
 * Does brat itself accept what bratFormat writes? brat (Python) cannot run here, so this file
 * restates, in TypeScript, the rules brat's own loader and verifier apply, read from the source of
 * nlplab/brat (master, Python 3):
 *
 * - server/src/annotation.py @ c667cd1a: Annotations._parse_ann_lines, _split_textbound_data,
 *   TextAnnotations._parse_textbound_annotation, _parse_attribute_annotation,
 *   _parse_comment_annotation, _sanity, is_valid_id / __split_annotation_id, open_textfile.
 * - server/src/projectconfig.py @ c4a08bd1: __parse_configs, __read_term_hierarchy,
 *   TypeHierarchyNode.__init__, normalize_to_storage_form, __directory_relations_by_arg_num,
 *   ProjectConfiguration.overlap_types / span_can_contain / spans_can_be_equal /
 *   spans_can_cross / attributes_for / is_physical_entity_type.
 * - server/src/verify_annotations.py @ a5996114: verify_annotation_types, verify_entity_overlap
 *   (check_textbound_overlap), verify_attributes.
 *
 * Nothing is copied; each function names the brat function whose rule it restates. Where our
 * output breaks a rule, the check stays as `it.fails` with the reason beside it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../../main/api/contract';
import { bratFormat } from '../../../../main/core/formats/brat';
import type { Dataset, DatasetFile } from '../../../../main/core/formats/dataset';
import { datasetArb, LABELS } from './arbitraries';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats/brat');

/** What brat would say, by kind. `blank-text` is kept apart: see the it.fails below. */
type Rule =
  | 'syntax' // the line becomes an Unknown/UnparsedIdedAnnotation (annotation.py _parse_ann_lines)
  | 'crash' // an exception _parse_ann_lines does not catch: the document does not open
  | 'offsets' // start > end, start < 0, end past the text, fragments overlap
  | 'text' // the text after the offsets is not the document's text at them
  | 'blank-text' // the text is empty or white space: brat reports "missing text" and rewrites it
  | 'reference' // an A or # line names an id that no line defines (_sanity)
  | 'config' // annotation.conf or visual.conf does not parse, or a term is not in storage form
  | 'type' // a T line's type is no declared entity type (verify_annotation_types)
  | 'attribute' // an attribute the type may not take (verify_attributes)
  | 'value' // an attribute value annotation.conf does not list
  | 'overlap'; // overlapping spans the config does not allow (verify_entity_overlap)

interface Issue {
  rule: Rule;
  where: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Python string semantics brat relies on
// ---------------------------------------------------------------------------------------------

/** Characters for which Python 3's str.isspace() is true (what str.strip()/split() remove). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const isPySpace = (c: string): boolean => new RegExp(`^[${PY_SPACE}]$`, 'u').test(c);
const pyStrip = (s: string): string => s.replace(new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu'), '');
const pyRstrip = (s: string): string => s.replace(new RegExp(`[${PY_SPACE}]+$`, 'u'), '');
const pySplitWhite = (s: string): string[] =>
  pyStrip(s)
    .split(new RegExp(`[${PY_SPACE}]+`, 'u'))
    .filter(Boolean);

/**
 * annotation.py open_textfile + _parse_ann_file: the .ann is decoded as UTF-8 by a codecs reader
 * and split with readlines(), i.e. str.splitlines(keepends=True): these are its line breaks.
 */
const PY_LINE_BREAKS = '\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029';
function pyReadlines(content: string): string[] {
  const line = new RegExp(`[^${PY_LINE_BREAKS}]*(?:\\r\\n|[${PY_LINE_BREAKS}]|$)`, 'gu');
  return (content.match(line) ?? []).filter((l) => l !== '');
}

/** Python str indexing counts code points (TextAnnotations reads the .txt with f.read(), no newline translation). */
const codePoints = (s: string): string[] => Array.from(s);

/** Python int(): optional white space and sign, ASCII digits (all brat needs for our files). */
function pyInt(s: string): number | null {
  const m = new RegExp(`^[${PY_SPACE}]*([+-]?\\d+(?:_\\d+)*)[${PY_SPACE}]*$`, 'u').exec(s);
  return m?.[1] ? Number(m[1].replace(/_/g, '')) : null;
}

// ---------------------------------------------------------------------------------------------
// annotation.py: the .ann grammar
// ---------------------------------------------------------------------------------------------

interface TextBound {
  id: string;
  type: string;
  spans: [number, number][];
}
interface Attribute {
  id: string;
  type: string;
  target: string;
  value: string | true;
}
interface Comment {
  id: string;
  type: string;
  target: string;
  text: string;
}
interface Annotations {
  textbounds: TextBound[];
  attributes: Attribute[];
  comments: Comment[];
}

/** annotation.py __split_annotation_id / is_valid_id: `*`, or letters (or `#` and letters), digits, anything. */
const isValidId = (id: string): boolean => id === '*' || /^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$/u.test(id);

/** annotation.py annotation_id_prefix: the characters before the first digit; none is InvalidIdError. */
const idPrefix = (id: string): string => /^\D*/u.exec(id)?.[0] ?? '';

/**
 * annotation.py Annotations._split_textbound_data: "TYPE START END[;START END]*" — the type up to
 * the first space, each fragment exactly one space between two Python ints.
 */
function splitTextbound(data: string): { type: string; spans: [number, number][] } | null {
  const space = data.indexOf(' ');
  if (space < 0) return null;
  const spans: [number, number][] = [];
  for (const fragment of data.slice(space + 1).split(';')) {
    const parts = fragment.split(' ');
    if (parts.length !== 2) return null; // `start_str, end_str = span_str.split(' ', 2)`
    const endStr = pyRstrip(parts[1] ?? '');
    if (codePoints(endStr).some(isPySpace)) return null; // "Using space instead of tab?"
    const start = pyInt(parts[0] ?? '');
    const end = pyInt(endStr);
    if (start === null || end === null) return null;
    spans.push([start, end]);
  }
  return { type: data.slice(0, space), spans };
}

/**
 * annotation.py TextAnnotations._parse_textbound_annotation: offsets within the text, fragments
 * that do not overlap, and a tail that is TAB + the fragments' texts joined with DISCONT_SEP (' '),
 * compared in code points; an empty or all-white tail is reported and refilled.
 */
function checkTextbound(
  where: string,
  spans: [number, number][],
  dataTail: string,
  text: string[],
  issues: Issue[],
): boolean {
  const seen: [number, number][] = [];
  for (const [start, end] of spans) {
    if (start > end) issues.push({ rule: 'offsets', where, message: 'start > end' });
    else if (start < 0) issues.push({ rule: 'offsets', where, message: 'start < 0' });
    else if (end > text.length) issues.push({ rule: 'offsets', where, message: 'offset exceeds text length' });
    else if (seen.some(([os, oe]) => end >= os && start < oe)) {
      issues.push({ rule: 'offsets', where, message: 'Text-bound annotation spans overlap' });
    } else {
      seen.push([start, end]);
      continue;
    }
    return false;
  }
  const spanlen = spans.reduce((n, [s, e]) => n + e - s, 0) + (spans.length - 1);
  const tail = codePoints(dataTail);
  if (pyStrip(dataTail) === '' && spanlen > 0) {
    issues.push({
      rule: 'blank-text',
      where,
      message: 'Text-bound annotation missing text; filling from reference text',
    });
    return true;
  }
  if (tail.length === 0) {
    issues.push({ rule: 'crash', where, message: 'IndexError: data_tail[0] on an empty tail' });
    return false;
  }
  if (tail[0] !== '\t') {
    issues.push({ rule: 'syntax', where, message: 'missing tab before text' });
    return false;
  }
  if (spanlen > tail.length - 1) {
    issues.push({ rule: 'text', where, message: 'text shorter than marked span(s)' });
    return false;
  }
  const written = tail.slice(1, spanlen + 1).join('');
  const pieces = spans.map(([s, e]) => text.slice(s, e).join(''));
  if (written !== pieces.join(' ')) {
    const oldStyle = pieces.join('');
    issues.push({
      rule: 'text',
      where,
      message: written.startsWith(oldStyle)
        ? 'old-style (pre-1.3) discontinuous text; brat rewrites it'
        : `text ${JSON.stringify(written)} does not match ${JSON.stringify(pieces.join(' '))}`,
    });
    return false;
  }
  const rest = tail.slice(spanlen + 1);
  if (rest.length > 0 && !isPySpace(rest[0] ?? '')) {
    issues.push({ rule: 'syntax', where, message: 'text not separated from rest of line by space' });
    return false;
  }
  return true;
}

/** annotation.py _parse_attribute_annotation: `(.+?) (.+?) (.+?)$`, else `(.+?) (.+?)$` (a binary attribute). */
function parseAttribute(id: string, data: string): Attribute | null {
  // Python's `.` is anything but \n, and `$` also matches before one final \n.
  const three = /^([^\n]+?) ([^\n]+?) ([^\n]+?)\n?$/u.exec(data);
  const two = three ? null : /^([^\n]+?) ([^\n]+?)\n?$/u.exec(data);
  const type = three?.[1] ?? two?.[1];
  const target = three?.[2] ?? two?.[2];
  if (type === undefined || target === undefined) return null;
  if (!/^([A-Za-z]+|#[A-Za-z]*)([0-9]+)/u.test(target)) return null; // annotation_id_number(target)
  return { id, type, target, value: three?.[3] ?? true };
}

/** annotation.py _parse_ann_lines and the per-prefix parsers, then _sanity's reference check. */
function readAnn(file: string, content: string, docText: string): { anns: Annotations; issues: Issue[] } {
  const issues: Issue[] = [];
  const anns: Annotations = { textbounds: [], attributes: [], comments: [] };
  const ids = new Set<string>();
  const text = codePoints(docText);
  pyReadlines(content).forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const tab = line.indexOf('\t');
    if (tab < 0) {
      issues.push({ rule: 'syntax', where, message: 'no TAB after the id' });
      return;
    }
    const id = line.slice(0, tab);
    const idTail = line.slice(tab + 1);
    const pre = idPrefix(id);
    if (pre === '') {
      issues.push({ rule: 'crash', where, message: `InvalidIdError: ${JSON.stringify(id)}` });
      return;
    }
    if (ids.has(id) && pre !== '*') {
      issues.push({ rule: 'syntax', where, message: `duplicate id ${id}` });
      return;
    }
    if (!isValidId(id)) {
      issues.push({ rule: 'syntax', where, message: `invalid id ${JSON.stringify(id)}` });
      return;
    }
    const dataEnd = idTail.indexOf('\t');
    const data = dataEnd < 0 ? idTail : idTail.slice(0, dataEnd);
    const dataTail = dataEnd < 0 ? '' : idTail.slice(dataEnd);
    ids.add(id);
    switch (pre[0]) {
      case 'T': {
        const split = splitTextbound(data);
        if (!split) issues.push({ rule: 'syntax', where, message: `textbound ${JSON.stringify(data)}` });
        else if (checkTextbound(where, split.spans, dataTail, text, issues)) anns.textbounds.push({ id, ...split });
        return;
      }
      case 'A':
      case 'M': {
        const attribute = parseAttribute(id, data);
        if (!attribute) issues.push({ rule: 'syntax', where, message: `attribute ${JSON.stringify(data)}` });
        else anns.attributes.push(attribute);
        return;
      }
      case '#': {
        const parts = pySplitWhite(data); // `_type, target = data.split()`
        if (parts.length !== 2) issues.push({ rule: 'syntax', where, message: `comment ${JSON.stringify(data)}` });
        else anns.comments.push({ id, type: parts[0] ?? '', target: parts[1] ?? '', text: pyStrip(dataTail) });
        return;
      }
      default:
        // N, R, E and * lines have their own grammar; bratFormat never writes them.
        issues.push({ rule: 'syntax', where, message: `unexpected ${pre} line` });
    }
  });
  for (const ann of [...anns.attributes, ...anns.comments]) {
    if (!ids.has(ann.target)) {
      issues.push({ rule: 'reference', where: `${file} ${ann.id}`, message: `ID ${ann.target} not defined` });
    }
  }
  return { anns, issues };
}

// ---------------------------------------------------------------------------------------------
// projectconfig.py: annotation.conf and visual.conf
// ---------------------------------------------------------------------------------------------

const RESERVED = [
  'ANY',
  'ENTITY',
  'RELATION',
  'EVENT',
  'NONE',
  'EMPTY',
  'REL-TYPE',
  'URL',
  'URLBASE',
  'GLYPH-POS',
  'DEFAULT',
  'NORM',
  'OVERLAP',
  'OVL-TYPE',
  'INHERIT',
].map((n) => `<${n}>`);
const SPECIAL_RELATIONS = new Set(['ENTITY-NESTING', '<OVERLAP>']);

interface ConfNode {
  storage: string;
  arguments: Map<string, string[]>;
  special: Map<string, string[]>;
  argList: string[];
}
type Conf = Map<string, ConfNode[]>;

/** projectconfig.py normalize_to_storage_form: space → _, then anything outside [a-zA-Z0-9_-] → _. */
const storageForm = (term: string): string => term.replace(/ /g, '_').replace(/[^a-zA-Z0-9_-]/g, '_');

/** projectconfig.py TypeHierarchyNode.__init__: terms, storage form, KEY:TYPE|TYPE arguments. */
function confNode(terms: string[], args: string[], where: string, issues: Issue[]): ConfNode | null {
  if (terms.length === 0) return null;
  const first = (terms[0] ?? '').replace(/^!/, '');
  const storage = SPECIAL_RELATIONS.has(first) ? first : storageForm(first);
  if (storage !== first) {
    issues.push({ rule: 'config', where, message: `term '${first}' is not in storage form; brat uses '${storage}'` });
  }
  const node: ConfNode = { storage, arguments: new Map(), special: new Map(), argList: [] };
  for (const arg of args.map(pyStrip)) {
    const m = new RegExp(`^([^${PY_SPACE}]*?):([^${PY_SPACE}]*)$`, 'u').exec(arg);
    if (!m) {
      issues.push({ rule: 'config', where, message: `failed to parse argument '${arg}'` });
      return null;
    }
    const [, key = '', types = ''] = m;
    if (RESERVED.includes(key)) {
      node.special.set(key, key === '<REL-TYPE>' ? types.split('-') : [types]);
      continue;
    }
    const rep = new RegExp(`^([^${PY_SPACE}]+?)(\\{[^${PY_SPACE}]+\\}|\\?|\\*|\\+|)$`, 'u').exec(key);
    if (!rep?.[1] || node.arguments.has(rep[1])) {
      issues.push({ rule: 'config', where, message: `bad or repeated argument '${key}'` });
      return null;
    }
    const values = types.split('|');
    if (values.some((v) => pyStrip(v) === '')) {
      issues.push({ rule: 'config', where, message: `empty type for argument '${arg}'` });
      return null;
    }
    node.argList.push(rep[1]);
    node.arguments.set(rep[1], values);
  }
  return node;
}

/**
 * projectconfig.py __parse_configs + __read_term_hierarchy: sections by `[name]`; blank and `#`
 * lines skipped; a line of hyphens is a SEPARATOR, not a type; `<NAME>` must be a reserved string
 * or a macro (else an assertion fails and brat falls back to its minimal config); terms split at
 * `|`, arguments at `,`; the [labels] section splits terms from arguments at a TAB only.
 */
function readConf(file: string, content: string, expected: readonly string[]): { conf: Conf; issues: Issue[] } {
  const issues: Issue[] = [];
  const conf: Conf = new Map();
  let section = 'general';
  const lines = new Map<string, string[]>([[section, []]]);
  for (const line of content.split('\n')) {
    const header = /^\s*\[(.*)\]\s*$/u.exec(line);
    if (header) {
      section = header[1] === 'spans' ? 'entities' : (header[1] ?? '');
      if (!expected.includes(section)) issues.push({ rule: 'config', where: file, message: `unexpected [${section}]` });
      if (!lines.has(section)) lines.set(section, []);
    } else lines.get(section)?.push(line);
  }
  for (const [name, sectionLines] of lines) {
    const macros = new Map<string, string>();
    const nodes: ConfNode[] = [];
    for (const raw of sectionLines) {
      const where = `${file} [${name}] ${JSON.stringify(raw)}`;
      if (pyStrip(raw) === '' || /^\s*#/u.test(raw)) continue;
      if (/^\s*-+\s*$/u.test(raw)) continue; // SEPARATOR_STR: a display separator, declares nothing
      const macro = /^<([a-zA-Z_-]+)>=\s*(.*?)\s*$/u.exec(raw);
      if (macro) {
        macros.set(`<${macro[1] ?? ''}>`, macro[2] ?? '');
        continue;
      }
      let line = raw;
      for (const [key, value] of macros) line = line.split(key).join(value);
      const undefinedMacro = [...line.matchAll(/<.*?>/gu)].find((m) => !RESERVED.includes(m[0]));
      if (undefinedMacro) {
        issues.push({
          rule: 'config',
          where,
          message: `undefined macro ${undefinedMacro[0]}: brat falls back to a minimal config`,
        });
        continue;
      }
      const parsed =
        name === 'labels'
          ? /^(\s*)([^\t\n]+)(?:\t([^\n]*))?$/u.exec(line)
          : new RegExp(`^([${PY_SPACE}]*)([^${PY_SPACE}]+)(?:[${PY_SPACE}]+([^\\n]*))?$`, 'u').exec(line);
      if (!parsed) {
        issues.push({ rule: 'config', where, message: 'error parsing line' });
        continue;
      }
      const [, indent = '', terms = '', args = ''] = parsed;
      if (indent.length > 0)
        issues.push({ rule: 'config', where, message: 'indented: a child type with no parent here' });
      const termList = terms.split('|').map(pyStrip).filter(Boolean);
      const argList = args.split(',').map(pyStrip).filter(Boolean);
      if (argList.some((a) => new RegExp(`[${PY_SPACE}]`, 'u').test(a))) {
        issues.push({ rule: 'config', where, message: 'space in an argument (the deprecated old syntax)' });
      }
      const node = confNode(termList, argList, where, issues);
      if (node) nodes.push(node);
    }
    conf.set(name, nodes);
  }
  return { conf, issues };
}

/** projectconfig.py ProjectConfiguration, the parts verify_annotations.py asks. */
class ProjectConfig {
  constructor(private readonly conf: Conf) {}

  /** get_entity_types: the storage forms of the [entities] section. */
  entityTypes(): string[] {
    return (this.conf.get('entities') ?? []).map((n) => n.storage);
  }

  /** is_physical_entity_type (for declared types; undeclared ones are reported as 'type'). */
  isEntity(type: string): boolean {
    return this.entityTypes().includes(type);
  }

  /** __directory_relations_by_arg_num: does a relation's argument `num` accept `type`? */
  private accepts(rel: ConfNode, num: 0 | 1, type: string): boolean {
    if (rel.argList.length !== 2) return false;
    const types = rel.arguments.get(rel.argList[num] ?? '') ?? [];
    return types.some(
      (t) => t === type || t === '<ANY>' || type === '<ANY>' || (t === '<ENTITY>' && this.isEntity(type)),
    );
  }

  /** overlap_types: the <OVL-TYPE> values of special relations between inner and outer. */
  overlapTypes(inner: string, outer: string): Set<string> {
    const rels = (this.conf.get('relations') ?? []).filter(
      (r) => SPECIAL_RELATIONS.has(r.storage) && this.accepts(r, 0, inner) && this.accepts(r, 1, outer),
    );
    const ovl = rels.filter((r) => r.storage === '<OVERLAP>');
    if (ovl.length > 0)
      return new Set(ovl.flatMap((r) => (r.special.get('<OVL-TYPE>') ?? []).flatMap((v) => v.split('|'))));
    return new Set(rels.length > 0 ? ['contain'] : []);
  }

  /** span_can_contain / spans_can_be_equal / spans_can_cross. */
  overlapAllowed(kind: 'contain' | 'equal' | 'cross', t1: string, t2: string): boolean {
    const a = this.overlapTypes(t1, t2);
    const b = this.overlapTypes(t2, t1);
    if (kind === 'contain') return a.has('contain') || a.has('<ANY>') || b.has('<ANY>');
    return a.has(kind) || a.has('<ANY>') || b.has(kind) || b.has('<ANY>');
  }

  /** attributes_for: attribute types whose Arg accepts the type. */
  attributesFor(type: string): ConfNode[] {
    return (this.conf.get('attributes') ?? []).filter((a) => {
      const args = a.arguments.get('Arg') ?? [];
      return args.includes(type) || args.includes('<ANY>') || (this.isEntity(type) && args.includes('<ENTITY>'));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// verify_annotations.py
// ---------------------------------------------------------------------------------------------

const firstStart = (t: TextBound) => Math.min(...t.spans.map(([s]) => s));
const lastEnd = (t: TextBound) => Math.max(...t.spans.map(([, e]) => e));
/** annotation.py TextBoundAnnotation.same_span: the same set of fragments. */
const sameSpan = (a: TextBound, b: TextBound) => {
  const key = (t: TextBound) => [...new Set(t.spans.map(([s, e]) => `${s} ${e}`))].sort().join(';');
  return key(a) === key(b);
};
/** annotation.py TextBoundAnnotation.contains: every fragment of `inner` inside one of `outer`. */
const contains = (outer: TextBound, inner: TextBound) =>
  inner.spans.every(([os, oe]) => outer.spans.some(([s, e]) => os >= s && oe <= e));

function verify(file: string, anns: Annotations, config: ProjectConfig): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(anns.textbounds.map((t) => [t.id, t]));
  // verify_annotation_types: every textbound type is a declared entity (or event) type.
  for (const t of anns.textbounds) {
    if (!config.entityTypes().includes(t.type)) {
      issues.push({ rule: 'type', where: `${file} ${t.id}`, message: `${t.type} is not a known textbound type` });
    }
  }
  // verify_entity_overlap + check_textbound_overlap: each overlapping pair needs a permission.
  const physical = anns.textbounds.filter((t) => config.isEntity(t.type));
  for (const a1 of physical) {
    for (const a2 of physical) {
      if (a1 === a2 || !(firstStart(a2) < lastEnd(a1) && lastEnd(a2) > firstStart(a1))) continue;
      const ok = sameSpan(a1, a2)
        ? config.overlapAllowed('equal', a1.type, a2.type)
        : contains(a2, a1)
          ? config.overlapAllowed('contain', a1.type, a2.type)
          : contains(a1, a2)
            ? config.overlapAllowed('contain', a2.type, a1.type)
            : config.overlapAllowed('cross', a1.type, a2.type);
      if (!ok) issues.push({ rule: 'overlap', where: `${file} ${a1.id}`, message: `may not overlap ${a2.id}` });
    }
  }
  // verify_attributes: the target's type may take the attribute. brat's verifier stops there; the
  // values it offers are the `Value:` list (TypeHierarchyNode.arguments['Value']), so a value
  // outside it is checked too.
  for (const a of anns.attributes) {
    const target = byId.get(a.target);
    if (!target) continue;
    const declared = config.attributesFor(target.type).find((n) => n.storage === a.type);
    if (!declared) {
      issues.push({ rule: 'attribute', where: `${file} ${a.id}`, message: `${target.type} cannot take ${a.type}` });
    } else if (a.value !== true && !(declared.arguments.get('Value') ?? []).includes(a.value)) {
      issues.push({ rule: 'value', where: `${file} ${a.id}`, message: `${a.type} has no value ${a.value}` });
    }
  }
  return issues;
}

/** Everything brat would say about one exported folder. */
function bratIssues(files: readonly DatasetFile[]): Issue[] {
  const byName = new Map(files.map((f) => [f.path, f.content]));
  const annotation = readConf('annotation.conf', byName.get('annotation.conf') ?? '', [
    'entities',
    'relations',
    'events',
    'attributes',
  ]);
  const visual = readConf('visual.conf', byName.get('visual.conf') ?? '', ['options', 'labels', 'drawing']);
  const issues = [...annotation.issues, ...visual.issues];
  for (const name of ['entities', 'relations', 'events', 'attributes']) {
    if (!annotation.conf.has(name)) issues.push({ rule: 'config', where: 'annotation.conf', message: `no [${name}]` });
  }
  const config = new ProjectConfig(annotation.conf);
  for (const { path, content } of files) {
    if (!path.endsWith('.ann')) continue;
    const text = byName.get(`${path.slice(0, -4)}.txt`);
    if (text === undefined) {
      issues.push({ rule: 'crash', where: path, message: 'no .txt beside the .ann' });
      continue;
    }
    const read = readAnn(path, content, text);
    issues.push(...read.issues, ...verify(path, read.anns, config));
  }
  return issues;
}

const rules = (issues: readonly Issue[]) => [...new Set(issues.map((i) => i.rule))].sort();
const without = (issues: readonly Issue[], rule: Rule) => issues.filter((i) => i.rule !== rule);

function oneDoc(
  text: string,
  spans: { start: number; end: number; label?: string; attributes?: Record<string, string>; note?: string }[],
  labels: Label[] = LABELS,
): Dataset {
  return {
    labels,
    documents: [
      {
        docId: 'd',
        text,
        annotator: 'ada',
        status: 'done',
        spans: spans.map((s, i) => ({
          id: `s${i}`,
          text: text.slice(s.start, s.end),
          ...s,
          label: s.label ?? 'quote',
        })),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------

describe('the brat rules as restated here can fail (sanity)', () => {
  const conf = [
    '[entities]',
    'quote',
    '[relations]',
    '[events]',
    '[attributes]',
    'speaker\tArg:<ENTITY>, Value:Peskov',
    '',
  ].join('\n');
  const folder = (ann: string, annotationConf = conf): DatasetFile[] => [
    { path: 'd.txt', content: 'Peskov said 😀 talks' },
    { path: 'd.ann', content: ann },
    { path: 'annotation.conf', content: annotationConf },
    { path: 'visual.conf', content: '[labels]\nquote | Quote\n[drawing]\n' },
  ];

  it('accepts a well-formed file', () => {
    expect(
      bratIssues(
        folder('T1\tquote 0 6\tPeskov\nA1\tspeaker T1 Peskov\n#1\tAnnotatorNotes T1\tok\nT2\tquote 14 19\ttalks\n'),
      ),
    ).toEqual([]);
  });

  it.each([
    { case: 'space instead of tab', ann: 'T1 quote 0 6 Peskov\n', rule: 'syntax' },
    { case: 'space instead of tab before the text', ann: 'T1\tquote 0 6 Peskov\n', rule: 'syntax' },
    { case: 'a bad fragment', ann: 'T1\tquote 0 6;7\tPeskov\n', rule: 'syntax' },
    { case: 'UTF-16 offsets of an emoji', ann: 'T1\tquote 12 14\t😀\n', rule: 'text' },
    { case: 'offsets past the end', ann: 'T1\tquote 15 99\ttalks\n', rule: 'offsets' },
    { case: 'overlapping fragments', ann: 'T1\tquote 0 6;3 6\tPeskov kov\n', rule: 'offsets' },
    { case: 'fragments joined without a space', ann: 'T1\tquote 0 1;1 6\tPeskov\n', rule: 'text' },
    { case: 'a white-space span', ann: 'T1\tquote 6 7\t \n', rule: 'blank-text' },
    { case: 'no text at all', ann: 'T1\tquote 0 6\n', rule: 'blank-text' },
    { case: 'an empty span without a tab', ann: 'T1\tquote 0 0\n', rule: 'crash' },
    { case: 'an id without digits', ann: 'T\tquote 0 6\tPeskov\n', rule: 'syntax' },
    { case: 'an id that starts with a digit', ann: '1\tquote 0 6\tPeskov\n', rule: 'crash' },
    { case: 'a duplicate id', ann: 'T1\tquote 0 6\tPeskov\nT1\tquote 0 6\tPeskov\n', rule: 'syntax' },
    { case: 'an attribute with no target', ann: 'A1\tspeaker\n', rule: 'syntax' },
    { case: 'an attribute on a missing span', ann: 'A1\tspeaker T9 Peskov\n', rule: 'reference' },
    {
      case: 'a note with a space in its head',
      ann: 'T1\tquote 0 6\tPeskov\n#1\tAnnotator Notes T1\tx\n',
      rule: 'syntax',
    },
    { case: 'an undeclared type', ann: 'T1\tdate 0 6\tPeskov\n', rule: 'type' },
    { case: 'an undeclared attribute', ann: 'T1\tquote 0 6\tPeskov\nA1\tholder T1 Peskov\n', rule: 'attribute' },
    { case: 'an undeclared value', ann: 'T1\tquote 0 6\tPeskov\nA1\tspeaker T1 Putin\n', rule: 'value' },
    {
      case: 'a nested span with no <OVERLAP>',
      ann: 'T1\tquote 0 11\tPeskov said\nT2\tquote 0 6\tPeskov\n',
      rule: 'overlap',
    },
    {
      case: 'crossing spans with no <OVERLAP>',
      ann: 'T1\tquote 0 11\tPeskov said\nT2\tquote 7 12\tsaid \n',
      rule: 'overlap',
    },
  ])('rejects $case', ({ ann, rule }) => {
    expect(rules(bratIssues(folder(ann)))).toContain(rule);
  });

  it.each([
    {
      case: 'a label brat stores differently',
      conf: '[entities]\nPerson%20name\n[relations]\n[events]\n[attributes]\n',
    },
    { case: 'an undefined <macro>', conf: '[entities]\n<PERSON>\n[relations]\n[events]\n[attributes]\n' },
    {
      case: 'an empty attribute value',
      conf: '[entities]\nquote\n[relations]\n[events]\n[attributes]\nx\tArg:<ENTITY>, Value:a||b\n',
    },
  ])('rejects a config with $case', ({ conf: bad }) => {
    expect(rules(bratIssues(folder('', bad)))).toContain('config');
  });

  it('counts offsets in code points and splits lines where Python does', () => {
    expect(pyReadlines('a\nb\u2028c\r\nd')).toEqual(['a\n', 'b\u2028', 'c\r\n', 'd']);
    expect(rules(bratIssues(folder('T1\tquote 12 13\t😀\n')))).toEqual([]);
    expect(rules(bratIssues(folder('T1\tquote 12 14\t😀\n')))).toContain('text');
  });
});

describe('bratFormat output as brat reads it', () => {
  it('the golden folder loads with no issue', async () => {
    const names = await readdir(GOLDEN);
    const files = await Promise.all(
      names.map(async (path) => ({ path, content: await readFile(join(GOLDEN, path), 'utf8') })),
    );
    expect(bratIssues(files)).toEqual([]);
  });

  it('random datasets load: grammar, text, declarations, overlaps (all but blank-text)', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const { files } = bratFormat.serialize(dataset, { offsets: 'codepoint' });
        expect(without(bratIssues(files), 'blank-text')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('spans across line breaks, odd attribute values, multi-line notes, nesting and emoji load', () => {
    const text = 'Title 😀 Peskov said\r\ntalks “resume”\n\nin Kyiv 🇺🇦 end';
    const { files } = bratFormat.serialize(
      oneDoc(text, [
        { start: 0, end: text.length, attributes: { speaker: 'a "quoted" name, with comma|pipe' } },
        { start: 9, end: 30, label: 'date', note: 'line one\nline two\r\nthree\\', attributes: { speaker: '' } },
        { start: 9, end: 15, label: 'date' },
        { start: 9, end: 15, label: 'quote' },
        { start: 20, end: 44, label: 'precondition' },
      ]),
      { offsets: 'codepoint' },
    );
    const ann = files.find((f) => f.path === 'd.ann')?.content ?? '';
    expect(ann).toMatch(/^T2\tdate \d+ \d+;\d+ \d+\t/mu); // a span over CRLF became two fragments
    expect(ann).toMatch(/^T5\tprecondition (\d+) \1;/mu); // one starting at a break: an empty fragment
    expect(bratIssues(files)).toEqual([]);
  });

  // VIOLATION (main/core/formats/brat.ts, serializeAnn, the `covered` line 90-91): a span whose text
  // is only white space (" ", "\t") or only a line break (its fragments are empty, so `covered` is
  // " ") is written as "T1\tquote 6 7\t \n". brat's TextAnnotations._parse_textbound_annotation
  // (annotation.py) tests `data_tail.strip() == '' and spanlen > 0` first and reports
  // "Text-bound annotation missing text ... Filling from reference text", then rewrites the .ann
  // on save. Parley itself allows such spans (arbitraries.ts makes them).
  it('random datasets: no span text that brat takes for missing (blank-text)', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const { files } = bratFormat.serialize(dataset, { offsets: 'codepoint' });
        expect(bratIssues(files).filter((i) => i.rule === 'blank-text')).toEqual([]);
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('a span over white space or a bare line break is not taken for missing text', () => {
    const text = 'Peskov said\ntalks';
    const { files } = bratFormat.serialize(
      oneDoc(text, [
        { start: 6, end: 7 },
        { start: 11, end: 12 },
      ]),
      { offsets: 'codepoint' },
    );
    expect(bratIssues(files)).toEqual([]);
  });

  // VIOLATION (brat.ts encodeName line 25 and annotationConf/visualConf): labels and attribute
  // names are percent-encoded only for separators, so "Person name" is written as
  // "Person%20name" and "Организация" or "😀" as themselves. brat keeps a type by its storage form,
  // projectconfig.py normalize_to_storage_form (every character outside [a-zA-Z0-9_-] becomes
  // "_"), and TypeHierarchyNode.__init__ warns "term ... is not appropriate for storage". The .ann
  // still says "Person%20name", so verify_annotations.py verify_annotation_types reports "not a
  // known textbound type" and verify_attributes "cannot take a ... attribute".
  it('labels and attribute names outside [A-Za-z0-9_-] keep their identity in brat', () => {
    const labels: Label[] = [
      { id: 'Person name', name: 'Person name', color: '#2f7ed8', hotkey: '' },
      { id: 'Организация', name: 'Организация', color: '#d9480f', hotkey: '' },
    ];
    const { files } = bratFormat.serialize(
      oneDoc(
        'Peskov said',
        [
          { start: 0, end: 6, label: 'Person name', attributes: { 'is negated': 'no' } },
          { start: 7, end: 11, label: 'Организация' },
        ],
        labels,
      ),
      { offsets: 'codepoint' },
    );
    expect(bratIssues(files)).toEqual([]);
  });

  // VIOLATION (brat.ts annotationConf, `...labels.map(encodeName)` line 124): a label made only
  // of hyphens ("-", "---") is written as such a line, which projectconfig.py
  // __read_term_hierarchy reads as a display SEPARATOR, so the type is never declared.
  it('a label made of hyphens is declared', () => {
    const labels: Label[] = [{ id: '---', name: 'dash', color: '#2f7ed8', hotkey: '' }];
    const { files } = bratFormat.serialize(oneDoc('Peskov said', [{ start: 0, end: 6, label: '---' }], labels), {
      offsets: 'codepoint',
    });
    expect(bratIssues(files)).toEqual([]);
  });

  // VIOLATION (brat.ts visualConf, the `named` filter line 140): a label name holding "<...>"
  // (e.g. "<b>old</b>") is written into [labels]. projectconfig.py __read_term_hierarchy asserts
  // every "<...>" is a reserved string or macro; the assertion makes get_configs fall back to its
  // minimal visual config ("Configuration is likely wrong"), losing every name and colour.
  it('a label name with <...> does not break visual.conf', () => {
    const labels: Label[] = [{ id: 'quote', name: '<b>quote</b>', color: '#2f7ed8', hotkey: '' }];
    const { files } = bratFormat.serialize(oneDoc('Peskov said', [{ start: 0, end: 6 }], labels), {
      offsets: 'codepoint',
    });
    expect(bratIssues(files)).toEqual([]);
  });
});
