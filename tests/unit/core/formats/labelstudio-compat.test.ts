/**
 * Label Studio import compatibility: our `labelstudio` export and labelStudioConfig() checked against
 * the validation Label Studio itself applies, restated here in TypeScript from its sources (read, not
 * copied). Sources, as stored in the code index:
 *
 * - [LS-VAL] HumanSignal/label-studio label_studio/tasks/validation.py, TaskValidator (check_data,
 *   check_allowed, raise_if_wrong_class, validate, to_internal_value) and _DATA_TYPES.
 * - [LS-SER] HumanSignal/label-studio label_studio/tasks/serializers.py, TaskSerializerBulk
 *   (to_internal_value, get_completed_by_id, create) and AnnotationSerializer.validate_result;
 *   label_studio/data_import/serializers.py ImportApiSerializer (a Task ModelSerializer).
 * - [LS-CFG] HumanSignal/label-studio label_studio/core/label_config.py: parse_config,
 *   validate_label_config, extract_data_types, get_annotation_tuple, get_all_control_tag_tuples.
 * - [LS-PRJ] HumanSignal/label-studio label_studio/projects/models.py: Project.validate_config and
 *   ProjectSummary._get_annotation_key / _get_labels (annotations must stay consistent with the config).
 * - [SDK-LI] HumanSignal/label-studio-sdk src/label_studio_sdk/label_interface/interface.py:
 *   LabelInterface.parse, validate (_unique_names_validation, _to_name_validation, _schema_validation),
 *   _validate_object_logic, _validate_region_logic.
 * - [SDK-CT] HumanSignal/label-studio-sdk src/label_studio_sdk/label_interface/control_tags.py:
 *   ControlTag.validate_node / validate_value / _validate_labels / _validate_value_labels,
 *   SpanSelection, LabelsValue + LabelsTag (incl. to_json_schema), TextAreaValue + TextAreaTag.
 * - [SDK-SCHEMA] HumanSignal/label-studio-sdk src/label_studio_sdk/_legacy/schema/label_config_schema.json.
 */
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../main/core/formats/dataset';
import { labelStudioConfig, labelstudioFormat } from '../../../../main/core/formats/labelstudio';
import { datasetArb, LABELS } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats/labelstudio/seed-004.json');

// ---------------------------------------------------------------------------------------------
// A tiny reader of the labelling config XML
// ---------------------------------------------------------------------------------------------

interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  parent: XmlElement | undefined;
}

interface ControlTag {
  tag: string;
  name: string;
  toName: string[];
  /** Label/Choice values under it (alias, else value), as [LS-CFG] parse_config collects them. */
  labels: string[];
}

interface ObjectTag {
  tag: string;
  name: string;
  value: string;
}

interface LsConfig {
  elements: XmlElement[];
  controls: Map<string, ControlTag>;
  objects: Map<string, ObjectTag>;
  /** Task data key → object tag type, as [LS-CFG] extract_data_types computes `project.data_types`. */
  dataTypes: Map<string, string>;
}

/** XML character references and the five predefined entities, as lxml decodes them. */
const decodeXml = (value: string): string =>
  value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return named[ref.toLowerCase()] ?? '';
  });

/** Elements of a config, in document order, each with its parent. Enough for labelStudioConfig(). */
function readElements(xml: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const tagRe = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>/g;
  for (const match of xml.matchAll(tagRe)) {
    const [, closing, tag = '', rawAttrs = '', selfClosing] = match;
    if (closing) {
      if (stack.pop()?.tag !== tag) throw new Error(`mismatched </${tag}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key = '', value = ''] of rawAttrs.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*"([^"]*)"/g)) {
      attrs[key] = decodeXml(value);
    }
    const element: XmlElement = { tag, attrs, parent: stack.at(-1) };
    elements.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)?.tag}>`);
  return elements;
}

function readConfig(xml: string): LsConfig {
  const elements = readElements(xml);
  const controls = new Map<string, ControlTag>();
  const objects = new Map<string, ObjectTag>();
  const dataTypes = new Map<string, string>();
  for (const el of elements) {
    const { name, toName, value } = el.attrs;
    // [SDK-CT] ControlTag.validate_node / [LS-CFG] parse_config._is_output_tag: name and toName, not <Filter>.
    if (name && toName && el.tag !== 'Filter') {
      controls.set(name, { tag: el.tag, name, toName: toName.split(','), labels: [] });
    } else if (name && value) {
      // [LS-CFG] parse_config._is_input_tag: name and value make an object tag.
      objects.set(name, { tag: el.tag, name, value });
    }
    // [LS-CFG] extract_data_types: a named tag whose value is `$key` needs task data[key].
    if (name && value && value.length > 1 && value.startsWith('$')) dataTypes.set(value.slice(1), el.tag);
    // [LS-CFG] parse_config / _get_parent_output_tag_name: a <Label>/<Choice> belongs to the nearest
    // ancestor control; its label is `alias`, else `value`.
    if (el.tag === 'Label' || el.tag === 'Choice') {
      let parent = el.parent;
      while (parent && !(parent.attrs.name && controls.has(parent.attrs.name))) parent = parent.parent;
      const label = el.attrs.alias || el.attrs.value;
      if (parent?.attrs.name && label) controls.get(parent.attrs.name)?.labels.push(label);
    }
  }
  return { elements, controls, objects, dataTypes };
}

/** Problems Label Studio would raise on saving this labelling config; empty when it is accepted. */
function validateConfig(xml: string, config: LsConfig): string[] {
  const problems: string[] = [];
  // [SDK-LI] _unique_names_validation / [LS-CFG] validate_label_config: every name="..." in the raw
  // text is unique (a case-sensitive regex, so toName="..." does not count).
  const names = [...xml.matchAll(/name="([^"]*)"/g)].map((m) => m[1] ?? '');
  if (new Set(names).size !== names.length) problems.push('Label config contains non-unique names');
  // [SDK-LI] _to_name_validation: every comma-separated toName is one of those names.
  for (const [, toNames = ''] of xml.matchAll(/toName="([^"]*)"/g)) {
    for (const toName of toNames.split(',')) {
      if (!names.includes(toName)) problems.push(`toName="${toName}" not found in names`);
    }
  }
  // [SDK-SCHEMA] the root is <View>; <Labels> needs name, toName and a <Label> (or value / View);
  // <TextArea> needs name and toName; <Text> needs name and value. Attributes go through xmljson
  // badgerfish, which turns "1"/"true" into numbers/booleans, so @name/@toName must not look like one.
  if (config.elements[0]?.tag !== 'View') problems.push('the root tag must be <View>');
  const looksTyped = (v: string): boolean => /^(true|false)$/i.test(v) || (v.trim() !== '' && !isNaN(Number(v)));
  for (const el of config.elements) {
    const { name, toName, value } = el.attrs;
    const need = (keys: string[]): void => {
      for (const key of keys) if (el.attrs[key] === undefined) problems.push(`<${el.tag}> needs @${key}`);
    };
    if (el.tag === 'Labels') {
      need(['name', 'toName']);
      const hasLabel = config.elements.some((c) => c.parent === el && (c.tag === 'Label' || c.tag === 'View'));
      if (!hasLabel && value === undefined) problems.push(`<Labels name="${name}"> has no <Label>`);
    }
    if (el.tag === 'TextArea') need(['name', 'toName']);
    if (el.tag === 'Text') need(['name', 'value']);
    if (el.tag === 'Label') need(['value']);
    for (const typed of [name, toName]) {
      if (typed !== undefined && looksTyped(typed)) problems.push(`<${el.tag}> name/toName "${typed}" is not a string`);
    }
  }
  // [LS-CFG] parse_config: a control's toName must name an object tag (KeyError otherwise).
  for (const control of config.controls.values()) {
    for (const toName of control.toName) {
      if (!config.objects.has(toName)) problems.push(`${control.name}: toName=${toName} is no object tag`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The task and annotation checks
// ---------------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
/** Ids as Label Studio takes them: a string or an integer (JSON number). */
const isId = (v: unknown): boolean => (typeof v === 'string' && v !== '') || isInt(v);

/** Python's `text[start:end]` on a str: code points, not UTF-16 units. */
const pySlice = (text: string, start: number, end: number): string => [...text].slice(start, end).join('');

/** [LS-VAL] _DATA_TYPES: the Python types an object tag accepts in task data. */
const DATA_TYPES: Record<string, (v: unknown) => boolean> = {
  Text: (v) => typeof v === 'string' || typeof v === 'number',
  Header: (v) => typeof v === 'string' || typeof v === 'number',
  HyperText: (v) => typeof v === 'string',
};

/** The key of a control's value that holds its labels/texts ([SDK-CT] `_label_attr_name`). */
const LABEL_ATTR: Record<string, string> = { labels: 'labels', textarea: 'text', choices: 'choices' };

/** Problems of one annotation result ([SDK-LI] _validate_region_logic and [SDK-CT] validate_value). */
function validateResult(result: unknown, text: string, config: LsConfig, at: string): string[] {
  if (!isObject(result)) return [`${at}: a result must be a dictionary`];
  const problems: string[] = [];
  // [SDK-LI] _validate_region_logic: from_name, to_name, type and value are required.
  for (const key of ['from_name', 'to_name', 'type', 'value']) {
    if (!(key in result)) problems.push(`${at}: missing required field '${key}'`);
  }
  if (problems.length > 0) return problems;
  const { from_name: from, to_name: to, type, value } = result;
  // Region ids: Label Studio keeps them as given and matches per-region results and relations by
  // them ([SDK-LI] _validate_relation_logic maps r['id']); strings or integers.
  if ('id' in result && !isId(result.id)) problems.push(`${at}: id ${JSON.stringify(result.id)} is no string/number`);
  // [SDK-LI]: from_name names a control tag, to_name an object tag.
  const control = typeof from === 'string' ? config.controls.get(from) : undefined;
  if (control === undefined) return [...problems, `${at}: 'from_name' ${JSON.stringify(from)} not found in config`];
  if (typeof to !== 'string' || !config.objects.has(to)) {
    return [...problems, `${at}: 'to_name' ${JSON.stringify(to)} not found in config`];
  }
  // [SDK-LI]: type is the control's tag lowercased; to_name is among the control's toName.
  // [LS-PRJ]/[LS-CFG] get_annotation_tuple: the summary key from_name|to_name|type.lower() must be one of
  // get_all_control_tag_tuples, or the project refuses later config saves.
  if (typeof type !== 'string' || type.toLowerCase() !== control.tag.toLowerCase()) {
    problems.push(`${at}: type ${JSON.stringify(type)} does not match control <${control.tag}> "${control.name}"`);
  }
  if (!control.toName.includes(to)) problems.push(`${at}: to_name "${to}" is not valid for control "${control.name}"`);
  const tuple = `${control.name}|${to}|${String(type).toLowerCase()}`;
  const tuples = [...config.controls.values()].map((c) => `${c.name}|${c.toName.join(',')}|${c.tag.toLowerCase()}`);
  if (!tuples.includes(tuple)) problems.push(`${at}: annotation tuple ${tuple} is not in the config`);
  if (!isObject(value)) return [...problems, `${at}: value must be a dictionary`];

  // [SDK-CT] validate_value: the control's label attribute is present and (when the control has
  // <Label>s) a subset of them (_validate_value_labels/_validate_labels); then the pydantic value model.
  const kind = control.tag.toLowerCase();
  const labelAttr = LABEL_ATTR[kind];
  if (labelAttr !== undefined && !(labelAttr in value)) problems.push(`${at}: value.${labelAttr} is missing`);
  if (kind === 'labels') {
    // LabelsValue(SpanSelection): start/end int|str, labels List[str]; LabelsTag.to_json_schema:
    // start/end integers >= 0, labels from the config's <Label> values.
    const { start, end, labels } = value;
    if (!isStringList(labels)) problems.push(`${at}: value.labels must be a list of strings`);
    else {
      // Stricter than _validate_labels (which lets an empty list through): a Parley span has a label.
      if (labels.length === 0) problems.push(`${at}: value.labels is empty`);
      for (const label of labels) {
        if (!control.labels.includes(label)) problems.push(`${at}: label ${JSON.stringify(label)} not in the config`);
      }
    }
    if (!isInt(start) || !isInt(end) || start < 0 || end < 0) {
      problems.push(`${at}: value.start/end must be integers >= 0 (got ${String(start)}, ${String(end)})`);
    } else {
      const length = [...text].length;
      if (start >= end || end > length) problems.push(`${at}: span ${start}-${end} is not inside the text (${length})`);
      // value.text must be what Python's data['text'][start:end] gives: offsets count code points.
      if ('text' in value && value.text !== pySlice(text, start, end)) {
        problems.push(
          `${at}: value.text ${JSON.stringify(value.text)} != text[${start}:${end}] ${JSON.stringify(pySlice(text, start, end))}`,
        );
      }
    }
  } else if (kind === 'textarea') {
    // TextAreaValue: text List[str].
    if (!isStringList(value.text)) problems.push(`${at}: value.text must be a list of strings`);
  }
  return problems;
}

/** Problems Label Studio would raise importing this JSON file into a project with this config. */
function validateImport(content: string, config: LsConfig): string[] {
  let tasks: unknown;
  try {
    tasks = JSON.parse(content);
  } catch (error) {
    return [`not JSON: ${String(error)}`];
  }
  // [LS-VAL] to_internal_value / [LS-SER] TaskSerializerBulk.to_internal_value: a non-empty list.
  if (!Array.isArray(tasks)) return ['tasks must be a list'];
  if (tasks.length === 0) return ['data is empty'];
  const problems: string[] = [];
  tasks.forEach((task, t) => {
    const at = `task ${t + 1}`;
    // [LS-VAL] validate: the task is a dict; check_allowed: with "data", else the whole item is data.
    if (!isObject(task)) return problems.push(`${at}: task root must be dict`);
    if (!('data' in task)) return problems.push(`${at}: no "data" (the whole task would be taken as data)`);
    // [LS-VAL] raise_if_wrong_class(task, 'data', (dict, list)); check_data: every data key of the
    // config present with a type its object tag accepts.
    const { data } = task;
    if (!isObject(data)) return problems.push(`${at}: Task[data] must be a dict`);
    for (const [key, tag] of config.dataTypes) {
      if (!(key in data)) problems.push(`${at}: "${key}" key is expected in task data`);
      else if (!(DATA_TYPES[tag] ?? ((v: unknown) => typeof v === 'string'))(data[key])) {
        problems.push(`${at}: data["${key}"] has a type <${tag}> does not take`);
      }
    }
    // The task id is not a writable field of ImportApiSerializer ([LS-SER] create builds Task from
    // data/meta/overlap/file_upload_id only); it must still be a plain string or number.
    if ('id' in task && !isId(task.id)) problems.push(`${at}: id must be a string or a number`);
    // [LS-VAL] raise_if_wrong_class(task, 'meta', (dict, list)).
    if ('meta' in task && !(isObject(task.meta) || Array.isArray(task.meta))) problems.push(`${at}: meta`);
    // [LS-VAL] raise_if_wrong_class(task, 'predictions', list).
    if ('predictions' in task && !Array.isArray(task.predictions)) problems.push(`${at}: predictions must be a list`);
    // [LS-VAL] raise_if_wrong_class(task, 'annotations', list); each annotation has "result", a list
    // ([LS-SER] AnnotationSerializer.validate_result too).
    if (!('annotations' in task)) return;
    if (!Array.isArray(task.annotations)) return problems.push(`${at}: Task[annotations] must be list`);
    const text = typeof data.text === 'string' ? data.text : '';
    task.annotations.forEach((annotation, a) => {
      const where = `${at} annotation ${a + 1}`;
      if (!isObject(annotation)) return problems.push(`${where}: must be dict`);
      if (!('result' in annotation)) return problems.push(`${where}: Annotation must have "result" fields`);
      if (!Array.isArray(annotation.result)) return problems.push(`${where}: "result" must be list`);
      // [LS-SER] get_completed_by_id: completed_by, when given, is a user id or a user dict.
      const by = annotation.completed_by;
      if (by !== undefined && !isInt(by) && !isObject(by)) problems.push(`${where}: completed_by`);
      const results = annotation.result as unknown[];
      results.forEach((r, i) => problems.push(...validateResult(r, text, config, `${where} result ${i + 1}`)));
      // Per-region TextArea results find their region by id: each shares the id (and span) of a
      // labels region of the same annotation.
      const regions = results.filter((r): r is Record<string, unknown> => isObject(r) && r.type === 'labels');
      results.forEach((r, i) => {
        if (!isObject(r) || r.type !== 'textarea') return;
        const control = typeof r.from_name === 'string' ? config.controls.get(r.from_name) : undefined;
        if (control?.tag !== 'TextArea') return;
        const region = regions.find((g) => g.id !== undefined && g.id === r.id);
        if (region === undefined)
          return problems.push(`${where} result ${i + 1}: no labels region has id ${String(r.id)}`);
        const [rv, gv] = [r.value, region.value];
        if (isObject(rv) && isObject(gv) && (rv.start !== gv.start || rv.end !== gv.end)) {
          problems.push(`${where} result ${i + 1}: span differs from its region's`);
        }
      });
    });
  });
  return problems;
}

/** The attribute names of a dataset, as the export's companion config lists them. */
const attributeNames = (dataset: Dataset): string[] =>
  [...new Set(dataset.documents.flatMap((d) => d.spans.flatMap((s) => Object.keys(s.attributes ?? {}))))].sort();

/** Config problems plus import problems of `content` under the config of `dataset`. */
function check(dataset: Dataset, content: string): string[] {
  const xml = labelStudioConfig(dataset.labels, attributeNames(dataset));
  const config = readConfig(xml);
  return [...validateConfig(xml, config), ...validateImport(content, config)];
}

// ---------------------------------------------------------------------------------------------

describe('formats/labelstudio: Label Studio import compatibility', () => {
  it('reads the config as Label Studio parses it: one Labels control over one Text, per-region TextAreas', () => {
    const xml = labelStudioConfig(LABELS, ['speaker']);
    const config = readConfig(xml);
    expect(validateConfig(xml, config)).toEqual([]);
    expect(config.controls.get('label')).toEqual({
      tag: 'Labels',
      name: 'label',
      toName: ['text'],
      labels: LABELS.map((l) => l.id),
    });
    expect([...config.controls.keys()]).toEqual(['label', 'attr_speaker', 'note']);
    expect([...config.objects.keys()]).toEqual(['text']);
    expect([...config.dataTypes]).toEqual([['text', 'Text']]);
  });

  it('accepts the golden file under its config', async () => {
    const golden = await readFile(GOLDEN, 'utf8');
    const dataset = goldenDataset();
    expect(attributeNames(dataset)).toEqual(['holder', 'value']);
    expect(check(dataset, golden)).toEqual([]);
    // The file is not vacuous: every span is there as a labels region.
    const tasks = JSON.parse(golden) as { annotations: { result: { type: string }[] }[] }[];
    const regions = tasks.flatMap((t) => t.annotations.flatMap((a) => a.result)).filter((r) => r.type === 'labels');
    expect(regions).toHaveLength(dataset.documents[0]?.spans.length ?? -1);
  });

  it('accepts every random export (code points) under its config', () => {
    fc.assert(
      fc.property(datasetArb, (dataset) => {
        const { files } = labelstudioFormat.serialize(dataset, { offsets: 'codepoint' });
        expect(files).toHaveLength(1);
        expect(check(dataset, files[0]?.content ?? '')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('accepts label ids and attribute names that need XML escaping', () => {
    const dataset: Dataset = {
      labels: [{ id: 'a&b "c" <d>', name: 'odd', color: '#000000', hotkey: '1' }],
      documents: [
        {
          docId: 'd',
          text: '😀 Kyiv & co',
          spans: [
            { id: 'r1', start: 3, end: 7, label: 'a&b "c" <d>', text: 'Kyiv', attributes: { 'who "is" <it>': 'x' } },
          ],
        },
      ],
    };
    const content = labelstudioFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '';
    expect(check(dataset, content)).toEqual([]);
  });

  describe('the validator can fail', () => {
    const dataset: Dataset = {
      labels: LABELS,
      documents: [
        {
          docId: 'd',
          text: '😀 Kyiv said',
          spans: [{ id: 'r1', start: 3, end: 7, label: 'quote', text: 'Kyiv', attributes: { speaker: 'P' } }],
        },
      ],
    };
    const good = labelstudioFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '';
    type Task = { annotations: { result: Record<string, unknown>[] }[] }[];
    const broken = (edit: (tasks: Task) => void): string => {
      const tasks = JSON.parse(good) as Task;
      edit(tasks);
      return JSON.stringify(tasks);
    };
    const first = (tasks: Task): Record<string, unknown> => tasks[0]?.annotations[0]?.result[0] ?? {};

    it('accepts the unbroken task', () => {
      expect(check(dataset, good)).toEqual([]);
    });

    it('rejects a from_name that is no control in the config', () => {
      const content = broken((tasks) => (first(tasks).from_name = 'entity'));
      expect(check(dataset, content)).toEqual([expect.stringContaining(`'from_name' "entity" not found in config`)]);
    });

    it('rejects a label the config does not declare', () => {
      const content = broken((tasks) => ((first(tasks).value as { labels: string[] }).labels = ['person']));
      expect(check(dataset, content)).toEqual([expect.stringContaining('label "person" not in the config')]);
    });

    it('rejects a type that does not match the control, and a TextArea value that is no list', () => {
      const content = broken((tasks) => {
        first(tasks).type = 'choices';
        const area = tasks[0]?.annotations[0]?.result[1] ?? {};
        area.value = { text: 'P' };
      });
      const problems = check(dataset, content);
      expect(problems.some((p) => p.includes('does not match control <Labels>'))).toBe(true);
      expect(problems.some((p) => p.includes('value.text must be a list of strings'))).toBe(true);
    });

    it('rejects UTF-16 offsets over a non-BMP character: value.text is not the Python slice', () => {
      const utf16 = labelstudioFormat.serialize(dataset, { offsets: 'utf16' }).files[0]?.content ?? '';
      expect(check(dataset, utf16)).toContainEqual(expect.stringContaining('value.text "Kyiv" != text[3:7]'));
    });

    it('rejects a config with duplicate names and a task without data.text', () => {
      const xml = labelStudioConfig(LABELS, ['x']).replace('name="note"', 'name="attr_x"');
      expect(validateConfig(xml, readConfig(xml))).toContain('Label config contains non-unique names');
      const config = readConfig(labelStudioConfig(LABELS));
      expect(validateImport('[{"data":{"doc_id":"d"}}]', config)).toEqual([
        'task 1: "text" key is expected in task data',
      ]);
    });
  });
});
