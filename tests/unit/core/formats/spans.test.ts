import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spansFormat } from '../../../../main/core/formats/spans';
import type { Dataset } from '../../../../main/core/formats/dataset';
import { canonical, datasetArb, LABELS } from './arbitraries';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats');

describe('formats/spans', () => {
  it('round-trips every span, attribute, note and status exactly, in code points and in UTF-16', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files } = spansFormat.serialize(dataset, { offsets });
        const back = spansFormat.parse(files, { offsets: 'codepoint' });
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
    const line = JSON.parse(spansFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '') as {
      meta: { offsetEncoding: string };
      spans: { start: number; end: number }[];
    };
    expect(line.meta.offsetEncoding).toBe('codepoint');
    expect(line.spans[0]).toMatchObject({ start: 2, end: 6 });
  });

  it('matches the golden file of a seed article', async () => {
    const golden = await readFile(join(GOLDEN, 'spans/seed-004.jsonl'), 'utf8');
    const parsed = spansFormat.parse([{ path: 'seed-004.jsonl', content: golden }], { offsets: 'codepoint' });
    expect(parsed.problems).toEqual([]);
    const again = spansFormat.serialize({ labels: LABELS, documents: parsed.documents }, { offsets: 'codepoint' });
    expect(again.files[0]?.content).toBe(golden);
  });

  it.each([
    {
      case: 'a truncated line',
      content: '{"text": "abc", "meta": {"doc_id": "d"}, "spa',
      message: /line 1|not valid JSON/,
    },
    {
      case: 'a negative offset',
      content: '{"text":"abc","meta":{"doc_id":"d"},"spans":[{"start":-1,"end":2,"label":"quote"}]}',
      message: /negative/,
    },
    {
      case: 'an end past the text',
      content: '{"text":"abc","meta":{"doc_id":"d"},"spans":[{"start":0,"end":9,"label":"quote"}]}',
      message: /past the end/,
    },
    {
      case: 'offsets of the wrong type',
      content: '{"text":"abc","meta":{"doc_id":"d"},"spans":[{"start":"0","end":2,"label":"quote"}]}',
      message: /whole numbers/,
    },
    {
      case: 'text that does not match',
      content: '{"text":"abc","meta":{"doc_id":"d"},"spans":[{"start":0,"end":2,"label":"quote","text":"xy"}]}',
      message: /does not match/,
    },
    {
      case: 'a duplicate id',
      content:
        '{"text":"abc","meta":{"doc_id":"d"},"spans":[{"start":0,"end":1,"label":"quote","id":"a"},{"start":1,"end":2,"label":"quote","id":"a"}]}',
      message: /twice/,
    },
    { case: 'a missing doc_id', content: '{"text":"abc","meta":{},"spans":[]}', message: /doc_id/ },
    {
      case: 'offsets nested 10,000 levels deep',
      content: `{"text":"abc","meta":{"doc_id":"d"},"spans":[{"start":${'['.repeat(10_000)}${']'.repeat(10_000)},"end":2,"label":"quote"}]}`,
      message: /nested deeper than 64 levels/,
    },
    { case: 'a 50 MB line', content: `{"text":"${'a'.repeat(50 * 1024 * 1024)}"}`, message: /limit/ },
  ])('reports $case with file and line, and keeps going', ({ content, message }) => {
    const parsed = spansFormat.parse([{ path: 'in.jsonl', content }], { offsets: 'codepoint' });
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ file: 'in.jsonl', line: 1 });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
  });
});
