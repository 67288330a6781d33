import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../main/core/formats/dataset';
import { webannoFormat } from '../../../../main/core/formats/webanno';
import { canonical, datasetArb, LABELS } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats/webanno/seed-004.jsonld');

interface Written {
  'parley:documents': unknown[];
  first: {
    items: { id: string; creator?: unknown; body: unknown[]; target: { source: string; selector: unknown[] } }[];
  };
}

const written = (dataset: Dataset): Written =>
  JSON.parse(webannoFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '') as Written;

/** A file of one document, "Peskov said", and the given annotations, pretty-printed. */
const fileWith = (...items: object[]): string =>
  JSON.stringify(
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      'parley:documents': [{ 'parley:docId': 'd', 'parley:text': 'Peskov said' }],
      first: { type: 'AnnotationPage', items },
    },
    null,
    2,
  );

/** An Annotation on document d, with the given selector values. */
const annotation = (
  start: unknown,
  end: unknown,
  exact = 'Peskov',
  id = 'urn:uuid:00000000-0000-4000-8000-000000000001',
) => ({
  id,
  type: 'Annotation',
  body: [{ type: 'TextualBody', purpose: 'tagging', value: 'quote' }],
  target: {
    source: 'urn:parley:doc:d',
    selector: [
      { type: 'TextQuoteSelector', exact },
      { type: 'TextPositionSelector', start, end },
    ],
  },
});

/** 1-based line of the `n`th item of a file written by fileWith: the line of its opening brace. */
const itemLine = (content: string, n: number) =>
  content.split('\n').flatMap((text, i) => (text.includes('"type": "Annotation"') ? [i - 1] : []))[n] ?? 0;

describe('formats/webanno', () => {
  it('round-trips documents, spans, ids, attributes, notes, annotators and status exactly, in code points and in UTF-16', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files, dropped } = webannoFormat.serialize(dataset, { offsets });
        expect(dropped).toEqual([]);
        const back = webannoFormat.parse(files, { offsets: 'codepoint' });
        expect(back.problems).toEqual([]);
        expect(canonical(back.documents)).toEqual(canonical(dataset.documents));
        expect(back.labels).toEqual(LABELS);
      }),
      { numRuns: 200 },
    );
  });

  it('counts TextPositionSelector offsets in code points, and quotes 32 code points either side', () => {
    const text = `${'😀'.repeat(40)} Kyiv ${'𝔘'.repeat(40)}`;
    const dataset: Dataset = {
      labels: LABELS,
      documents: [{ docId: 'd', text, spans: [{ start: 81, end: 85, label: 'quote', text: 'Kyiv' }] }],
    };
    const { selector } = written(dataset).first.items[0]?.target ?? { selector: [] };
    expect(selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'Kyiv', prefix: `${'😀'.repeat(31)} `, suffix: ` ${'𝔘'.repeat(31)}` },
      { type: 'TextPositionSelector', start: 41, end: 45 },
    ]);
  });

  it('writes each span as a W3C Annotation: tagging, describing and commenting bodies, a creator and a source', () => {
    const [item] = written(goldenDataset()).first.items;
    expect(item).toMatchObject({
      id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      creator: { type: 'Person', name: 'ada' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'precondition' },
        { type: 'TextualBody', purpose: 'describing', 'parley:attribute': 'holder', value: 'Zelensky' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Zelensky’s condition, as reported by Bloomberg' },
      ],
      target: { source: 'urn:parley:doc:004_0a172a30c89c87c3' },
    });
  });

  it('keeps two annotators of one document apart, by creator', () => {
    const [doc] = goldenDataset().documents;
    if (!doc) throw new Error('no golden document');
    const bob = {
      ...doc,
      annotator: 'bob',
      status: 'in-progress' as const,
      spans: doc.spans.slice(0, 2).map((s) => ({ ...s, id: `bob-${s.id ?? ''}` })),
    };
    const dataset: Dataset = { labels: LABELS, documents: [doc, bob] };
    const back = webannoFormat.parse(webannoFormat.serialize(dataset, { offsets: 'codepoint' }).files, {
      offsets: 'codepoint',
    });
    expect(back.problems).toEqual([]);
    expect(back.documents).toEqual(dataset.documents);
  });

  it('places annotations on the texts Parley has when the file does not carry them', () => {
    const content = JSON.stringify([annotation(0, 6)]);
    const parsed = webannoFormat.parse([{ path: 'in.jsonld', content }], {
      offsets: 'codepoint',
      knownTexts: new Map([['d', 'Peskov said']]),
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual([
      {
        docId: 'd',
        text: 'Peskov said',
        spans: [{ id: '00000000-0000-4000-8000-000000000001', start: 0, end: 6, label: 'quote', text: 'Peskov' }],
      },
    ]);
  });

  it('matches the golden file of a seed article', async () => {
    const golden = await readFile(GOLDEN, 'utf8');
    const parsed = webannoFormat.parse([{ path: 'seed-004.jsonld', content: golden }], { offsets: 'codepoint' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual(goldenDataset().documents);
    const again = webannoFormat.serialize(
      { labels: parsed.labels, documents: parsed.documents },
      { offsets: 'codepoint' },
    );
    expect(again.files[0]?.content).toBe(golden);
  });

  it.each([
    {
      case: 'a truncated file',
      content: fileWith(annotation(0, 6)).slice(0, 300),
      line: 14,
      message: /not valid JSON: a string is not closed/,
    },
    { case: 'offsets of the wrong type', content: fileWith(annotation('0', 6)), message: /whole numbers/ },
    { case: 'a negative offset', content: fileWith(annotation(-1, 6)), message: /negative/ },
    { case: 'an end past the text', content: fileWith(annotation(0, 60)), message: /past the end/ },
    {
      case: 'an exact quote that does not match',
      content: fileWith(annotation(0, 6, 'Putin')),
      message: /does not match/,
    },
    {
      case: 'a duplicate id',
      content: fileWith(annotation(0, 6), annotation(7, 11, 'said')),
      message: /appears twice/,
      item: 1,
    },
    {
      case: 'an annotation without a TextPositionSelector',
      content: fileWith({
        ...annotation(0, 6),
        target: { source: 'urn:parley:doc:d', selector: { type: 'TextQuoteSelector', exact: 'x' } },
      }),
      message: /no TextPositionSelector/,
    },
    {
      case: 'an annotation of an unknown document',
      content: fileWith({ ...annotation(0, 6), target: { source: 'urn:parley:doc:other', selector: [] } }),
      message: /neither in this file nor in Parley/,
    },
    {
      case: 'a 50 MB line',
      content: `{"type": "AnnotationCollection", "x": "${'a'.repeat(50 * 1024 * 1024)}`,
      line: 1,
      message: /not closed/,
    },
  ])('reports $case with file and line, and keeps going', ({ content, message, line, item }) => {
    const parsed = webannoFormat.parse([{ path: 'in.jsonld', content }], { offsets: 'codepoint' });
    expect(parsed.problems.length).toBeGreaterThan(0);
    // An annotation's problem names the line its object starts on.
    const expected = line ?? itemLine(content, item ?? 0);
    expect(parsed.problems[0]).toMatchObject({ file: 'in.jsonld', line: expected });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
  });

  it.each([
    ['a stray comma', '{"a": 1,}', 1, /property name/],
    ['a missing comma', '[1\n2]', 2, /expected ','/],
    ['a bad escape', '{"a":\n"\\x"}', 2, /not a JSON escape/],
    ['text after the value', '{}\n{}', 2, /after the end/],
    ['deep nesting', '['.repeat(20_000), 1, /deeper than 512/],
  ])('names the line of %s in the JSON', (_, content, line, message) => {
    const parsed = webannoFormat.parse([{ path: 'in.jsonld', content }], { offsets: 'codepoint' });
    expect(parsed.problems).toMatchObject([
      { file: 'in.jsonld', line, message: expect.stringMatching(message) as unknown },
    ]);
  });

  it('reads a deeply nested value where a number belongs as a problem, not a crash', () => {
    const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
    const parsed = webannoFormat.parse([{ path: 'in.jsonld', content: fileWith(annotation(nested(500), 6)) }], {
      offsets: 'codepoint',
    });
    expect(parsed.problems).toMatchObject([{ message: expect.stringMatching(/whole numbers/) as unknown }]);
  });

  it('never throws, whatever it is given', async () => {
    const golden = await readFile(GOLDEN, 'utf8');
    const mutated = fc
      .tuple(fc.nat({ max: golden.length }), fc.nat({ max: 40 }), fc.string({ unit: 'binary' }))
      .map(([at, cut, insert]) => golden.slice(0, at) + insert + golden.slice(at + cut));
    const json = fc.jsonValue().map((v) => JSON.stringify(v));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), mutated, json), (content) => {
        const parsed = webannoFormat.parse([{ path: 'x.jsonld', content }], { offsets: 'codepoint' });
        expect(Array.isArray(parsed.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
