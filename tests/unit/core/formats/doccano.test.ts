import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doccanoFormat } from '../../../../main/core/formats/doccano';
import type { Dataset, ParseResult } from '../../../../main/core/formats/dataset';
import { canonical, datasetArb, LABELS, mutated } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats');
const parse = (content: string): ParseResult =>
  doccanoFormat.parse([{ path: 'in.jsonl', content }], { offsets: 'codepoint' });

/** A text with one slice replaced: truncations, insertions and stray characters. */
describe('formats/doccano', () => {
  // doccano carries everything a Dataset holds: text, spans with ids, attributes and notes
  // (in parley_spans), doc_id, title, source, sha256, annotator and status (top-level keys).
  it('round-trips every span, attribute, note and status exactly, in code points and in UTF-16', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files } = doccanoFormat.serialize(dataset, { offsets });
        const back = doccanoFormat.parse(files, { offsets: 'codepoint' });
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
    const line = JSON.parse(doccanoFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '') as {
      offsetEncoding: string;
      label: [number, number, string][];
    };
    expect(line.offsetEncoding).toBe('codepoint');
    expect(line.label).toEqual([[2, 6, 'quote']]);
    const back = parse('{"text":"😀 Kyiv","label":[[2,6,"quote"]],"doc_id":"d"}');
    expect(back.documents[0]?.spans).toEqual([{ start: 3, end: 7, label: 'quote', text: 'Kyiv' }]);
  });

  it('matches the golden file of a seed article', async () => {
    const golden = await readFile(join(GOLDEN, 'doccano/seed-004.jsonl'), 'utf8');
    const parsed = doccanoFormat.parse([{ path: 'seed-004.jsonl', content: golden }], { offsets: 'codepoint' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual(goldenDataset().documents);
    const again = doccanoFormat.serialize({ labels: LABELS, documents: parsed.documents }, { offsets: 'codepoint' });
    expect(again.files[0]?.content).toBe(golden);
  });

  it.each([
    { key: 'label', line: '{"text":"abc","label":[[0,2,"quote"]],"id":7}', docId: '7' },
    { key: 'labels (older exports)', line: '{"text":"abc","labels":[[0,2,"quote"]],"doc_id":"d"}', docId: 'd' },
    {
      key: 'entities (exports with relations)',
      line: '{"id":3,"text":"abc","entities":[{"id":9,"label":"quote","start_offset":0,"end_offset":2}],"relations":[]}',
      docId: '3',
    },
  ])('reads spans under $key', ({ line, docId }) => {
    const parsed = parse(line);
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual([
      { docId, text: 'abc', spans: [{ start: 0, end: 2, label: 'quote', text: 'ab' }] },
    ]);
  });

  it('keeps ids with their spans after spans were added and deleted in doccano', () => {
    const extras = '[{"start":0,"end":1,"label":"quote","id":"gone"},{"start":1,"end":3,"label":"date","id":"kept"}]';
    const parsed = parse(`{"text":"abc","label":[[0,2,"quote"],[1,3,"date"]],"doc_id":"d","parley_spans":${extras}}`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents[0]?.spans).toEqual([
      { start: 0, end: 2, label: 'quote', text: 'ab' },
      { id: 'kept', start: 1, end: 3, label: 'date', text: 'bc' },
    ]);
  });

  it('honours offsetEncoding in the file over the import option', () => {
    const line = '{"text":"😀 Kyiv","label":[[3,7,"quote"]],"doc_id":"d","offsetEncoding":"utf16"}';
    expect(parse(line).documents[0]?.spans[0]).toMatchObject({ start: 3, end: 7, text: 'Kyiv' });
  });

  it.each([
    { case: 'a truncated line', content: '{"text": "abc", "doc_id": "d", "lab', message: /not valid JSON/ },
    { case: 'a negative offset', content: '{"text":"abc","doc_id":"d","label":[[-1,2,"quote"]]}', message: /negative/ },
    {
      case: 'an end past the text',
      content: '{"text":"abc","doc_id":"d","label":[[0,9,"quote"]]}',
      message: /past the end/,
    },
    {
      case: 'offsets of the wrong type',
      content: '{"text":"abc","doc_id":"d","label":[["0",2,"quote"]]}',
      message: /whole numbers/,
    },
    {
      case: 'a label that is not a triple',
      content: '{"text":"abc","doc_id":"d","label":[[0,2]]}',
      message: /label\[0\]/,
    },
    {
      case: 'a label list that is no list',
      content: '{"text":"abc","doc_id":"d","label":"quote"}',
      message: /must be a list/,
    },
    {
      case: 'text that does not match',
      content:
        '{"text":"abc","doc_id":"d","label":[[0,2,"quote"]],"parley_spans":[{"start":0,"end":2,"label":"quote","text":"xy"}]}',
      message: /does not match/,
    },
    {
      case: 'a duplicate id',
      content:
        '{"text":"abc","doc_id":"d","label":[[0,1,"quote"],[1,2,"quote"]],"parley_spans":[{"start":0,"end":1,"label":"quote","id":"a"},{"start":1,"end":2,"label":"quote","id":"a"}]}',
      message: /twice/,
    },
    {
      case: 'parley_spans that is no list',
      content: '{"text":"abc","doc_id":"d","parley_spans":{}}',
      message: /parley_spans/,
    },
    { case: 'a missing doc_id', content: '{"text":"abc","label":[]}', message: /doc_id/ },
    { case: 'an unknown status', content: '{"text":"abc","doc_id":"d","status":"ok"}', message: /status/ },
    {
      case: 'an unknown offset unit',
      content: '{"text":"abc","doc_id":"d","offsetEncoding":"bytes"}',
      message: /offsetEncoding/,
    },
    { case: 'a line that is no object', content: '[1,2,3]', message: /"text"/ },
    { case: 'a 50 MB line', content: `{"text":"${'a'.repeat(50 * 1024 * 1024)}"}`, message: /limit/ },
  ])('reports $case with file and line, and keeps going', ({ content, message }) => {
    const parsed = parse(`${content}\n{"text":"ok","doc_id":"next"}`);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ file: 'in.jsonl', line: 1 });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
    expect(parsed.documents.map((d) => d.docId)).toContain('next');
  });

  it('counts the spans it refuses', () => {
    const parsed = parse('{"text":"abc","doc_id":"d","label":[[0,2,"quote"],[0,9,"quote"],[1]]}');
    expect(parsed.refusedSpans).toBe(2);
    expect(parsed.documents[0]?.spans).toHaveLength(1);
  });

  it('never throws, whatever the input', async () => {
    const golden = await readFile(join(GOLDEN, 'doccano/seed-004.jsonl'), 'utf8');
    const input = fc.oneof(
      fc.string(),
      fc.json(),
      fc.array(fc.json()).map((lines) => lines.join('\n')),
      mutated(golden),
    );
    fc.assert(
      fc.property(input, (content) => {
        const parsed = parse(content);
        expect(Array.isArray(parsed.documents) && Array.isArray(parsed.problems)).toBe(true);
        for (const problem of parsed.problems) expect(problem).toMatchObject({ file: 'in.jsonl' });
      }),
      { numRuns: 300 },
    );
  });
});

describe('formats/doccano with hostile nesting', () => {
  it('refuses a line nested 10,000 levels deep with a problem instead of crashing', () => {
    const content = `{"text":"abc","label":[[${'['.repeat(10_000)}${']'.repeat(10_000)},2,"quote"]]}`;
    const parsed = doccanoFormat.parse([{ path: 'deep.jsonl', content }], { offsets: 'codepoint' });
    expect(parsed.problems).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/nested deeper/) as unknown }),
    ]);
  });
});
