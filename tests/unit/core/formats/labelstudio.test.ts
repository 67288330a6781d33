import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelStudioConfig, labelstudioFormat } from '../../../../main/core/formats/labelstudio';
import type { Dataset, ParseResult } from '../../../../main/core/formats/dataset';
import { canonical, datasetArb, LABELS, mutated } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats');
const parse = (content: string): ParseResult =>
  labelstudioFormat.parse([{ path: 'in.json', content }], { offsets: 'codepoint' });

/** A one-task file with these results, text `abc` and doc_id `d`. */
const task = (results: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify([{ id: 1, data: { text: 'abc', doc_id: 'd' }, annotations: [{ result: results }], ...extra }]);
const labels = (start: unknown, end: unknown, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'labels',
  from_name: 'label',
  to_name: 'text',
  value: { start, end, labels: ['quote'] },
  ...more,
});

/** A text with one slice replaced: truncations, insertions and stray characters. */
describe('formats/labelstudio', () => {
  // A task carries everything a Dataset holds: text, doc_id, title, source and sha256 in `data`,
  // annotator, status and offset unit in `meta`, spans as labels regions (region id = span id),
  // attributes and notes as per-region TextArea results.
  it('round-trips every span, attribute, note and status exactly, in code points and in UTF-16', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files } = labelstudioFormat.serialize(dataset, { offsets });
        const back = labelstudioFormat.parse(files, { offsets: 'codepoint' });
        expect(back.problems).toEqual([]);
        expect(canonical(back.documents)).toEqual(canonical(dataset.documents));
      }),
      { numRuns: 200 },
    );
  });

  it('counts offsets in code points, as Python does', () => {
    const dataset: Dataset = {
      labels: LABELS,
      documents: [{ docId: 'd', text: '😀 Kyiv', spans: [{ start: 3, end: 7, label: 'quote', text: 'Kyiv' }] }],
    };
    const [written] = JSON.parse(
      labelstudioFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '',
    ) as {
      meta: { offsetEncoding: string };
      annotations: { result: { value: { start: number; end: number } }[] }[];
    }[];
    expect(written?.meta.offsetEncoding).toBe('codepoint');
    expect(written?.annotations[0]?.result[0]?.value).toMatchObject({ start: 2, end: 6 });
  });

  it('matches the golden file of a seed article', async () => {
    const golden = await readFile(join(GOLDEN, 'labelstudio/seed-004.json'), 'utf8');
    const parsed = labelstudioFormat.parse([{ path: 'seed-004.json', content: golden }], { offsets: 'codepoint' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual(goldenDataset().documents);
    const again = labelstudioFormat.serialize(
      { labels: LABELS, documents: parsed.documents },
      { offsets: 'codepoint' },
    );
    expect(again.files[0]?.content).toBe(golden);
  });

  it('writes no annotation for a document nobody has finished or tagged, and reads it back', () => {
    const dataset: Dataset = { labels: LABELS, documents: [{ docId: 'd', text: 'abc', status: 'todo', spans: [] }] };
    const content = labelstudioFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '';
    expect(JSON.parse(content)).toMatchObject([{ annotations: [] }]);
    expect(parse(content).documents).toEqual(dataset.documents);
  });

  it('reads a Label Studio export: one document per annotation, other controls and predictions ignored', () => {
    const content = JSON.stringify({
      id: 41,
      data: { text: 'abc', doc_id: 'd' },
      annotations: [
        {
          id: 9,
          completed_by: { id: 1, email: 'ada@example.org' },
          result: [
            { ...labels(0, 2), id: 'r1' },
            { id: 'r1', type: 'textarea', from_name: 'attr_speaker', to_name: 'text', value: { text: ['Ada', 'L.'] } },
            { id: 'c', type: 'choices', from_name: 'tone', to_name: 'text', value: { choices: ['calm'] } },
          ],
        },
        { id: 10, completed_by: 2, result: [{ ...labels(1, 3), id: 'r2' }] },
      ],
      predictions: [{ result: [{ ...labels(0, 1), id: 'p1' }] }],
    });
    const parsed = parse(content);
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual([
      {
        docId: 'd',
        text: 'abc',
        annotator: 'ada@example.org',
        spans: [{ id: 'r1', start: 0, end: 2, label: 'quote', text: 'ab', attributes: { speaker: 'Ada\nL.' } }],
      },
      { docId: 'd', text: 'abc', spans: [{ id: 'r2', start: 1, end: 3, label: 'quote', text: 'bc' }] },
    ]);
  });

  it('names the line of a result in a pretty-printed file', () => {
    const content = JSON.stringify(
      [{ data: { text: 'abc', doc_id: 'd' }, annotations: [{ result: [labels(0, 1), labels(0, 9)] }] }],
      null,
      2,
    );
    const lines = content.split('\n');
    const end = lines.findIndex((l) => l.includes('"end": 9'));
    // The result object opens on the last `{` line above its "end".
    const opening = lines.slice(0, end).findLastIndex((l) => l.trim() === '{') + 1;
    expect(parse(content).problems).toEqual([
      {
        file: 'in.json',
        line: opening,
        docId: 'd',
        message: expect.stringMatching(/^task 1: .*past the end/) as unknown,
      },
    ]);
  });

  it('writes a labelling config with the labels, their colours and one TextArea per attribute', () => {
    const config = labelStudioConfig(
      [...LABELS, { id: 'a&b', name: 'A & B', color: '#000000', hotkey: '' }],
      ['speaker'],
    );
    expect(config).toContain('<Labels name="label" toName="text">');
    expect(config).toContain('<Label value="quote" background="#2f7ed8"/>');
    expect(config).toContain('<Label value="a&#38;b" background="#000000"/>');
    expect(config).toContain('<Text name="text" value="$text"/>');
    expect(config).toMatch(/<TextArea name="attr_speaker" toName="text" perRegion="true"/);
    expect(config).toMatch(/<TextArea name="note" toName="text" perRegion="true"/);
  });

  it.each([
    {
      case: 'truncated JSON',
      content: '[{"data": {"text": "abc",\n "doc_id": "d"}, "annot',
      line: 2,
      message: /not valid JSON/,
    },
    { case: 'a file that is no list', content: '"tasks"', line: 1, message: /list of Label Studio tasks/ },
    { case: 'a task without text', content: '[{"data": {"doc_id": "d"}}]', line: 1, message: /task 1: .*data/ },
    { case: 'a task without doc_id', content: '[{"data": {"text": "abc"}}]', line: 1, message: /doc_id is missing/ },
    { case: 'a negative offset', content: task([labels(-1, 2)]), line: 1, message: /task 1: .*negative/ },
    { case: 'an end past the text', content: task([labels(0, 9)]), line: 1, message: /past the end/ },
    { case: 'offsets of the wrong type', content: task([labels('0', 2)]), line: 1, message: /whole numbers/ },
    {
      case: 'text that does not match',
      content: task([labels(0, 2, { value: { start: 0, end: 2, text: 'xy', labels: ['quote'] } })]),
      line: 1,
      message: /does not match/,
    },
    {
      case: 'a duplicate id',
      content: task([labels(0, 1, { id: 'a' }), labels(1, 2, { id: 'a' })]),
      line: 1,
      message: /twice/,
    },
    {
      case: 'two labels on one region',
      content: task([labels(0, 1, { value: { start: 0, end: 1, labels: ['quote', 'date'] } })]),
      line: 1,
      message: /exactly one label/,
    },
    {
      case: 'a TextArea for no region',
      content: task([{ id: 'x', type: 'textarea', from_name: 'note', to_name: 'text', value: { text: ['n'] } }]),
      line: 1,
      message: /no labelled span/,
    },
    {
      case: 'annotations that are no list',
      content: JSON.stringify([{ data: { text: 'abc', doc_id: 'd' }, annotations: {} }]),
      line: 1,
      message: /"annotations" must be a list/,
    },
    {
      case: 'an unknown status',
      content: task([], { meta: { status: 'finished' } }),
      line: 1,
      message: /meta.status/,
    },
  ])('reports $case with file, task and line', ({ content, line, message }) => {
    const parsed = parse(content);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ file: 'in.json', line });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
  });

  it('reads a task holding a 50 MB text', () => {
    const text = 'a'.repeat(50 * 1024 * 1024);
    const parsed = parse(JSON.stringify([{ data: { text, doc_id: 'd' }, annotations: [{ result: [labels(0, 1)] }] }]));
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents[0]?.spans).toHaveLength(1);
  });

  it('never throws, whatever the input', async () => {
    const golden = await readFile(join(GOLDEN, 'labelstudio/seed-004.json'), 'utf8');
    const tasks = fc
      .array(fc.record({ data: fc.record({ text: fc.string(), doc_id: fc.string() }), annotations: fc.json() }))
      .map((t) => JSON.stringify(t));
    const input = fc.oneof(fc.string(), fc.json(), tasks, mutated(golden));
    fc.assert(
      fc.property(input, (content) => {
        const parsed = parse(content);
        expect(Array.isArray(parsed.documents) && Array.isArray(parsed.problems)).toBe(true);
        for (const problem of parsed.problems) expect(problem).toMatchObject({ file: 'in.json' });
      }),
      { numRuns: 300 },
    );
  });
});

describe('formats/labelstudio with hostile nesting', () => {
  it('refuses JSON nested 10,000 levels deep with a problem instead of crashing', () => {
    const content = `[{"data":{"text":"abc"},"annotations":[{"result":[{"value":{"start":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}]}]`;
    const parsed = labelstudioFormat.parse([{ path: 'deep.json', content }], { offsets: 'codepoint' });
    expect(parsed.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/nested deeper than 64 levels/) as unknown,
    ]);
  });
});
