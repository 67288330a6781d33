import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bratFormat } from '../../../../main/core/formats/brat';
import type { Dataset, DatasetDocument, DatasetFile } from '../../../../main/core/formats/dataset';
import { datasetArb, LABELS, sorted } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats/brat');

/** What brat carries of a document: no annotator, status, title, source or SHA-256. */
const carried = (d: DatasetDocument) => ({ docId: d.docId, text: d.text, spans: sorted(d.spans) });

const fileOf = (files: readonly DatasetFile[], path: string) => files.find((f) => f.path === path)?.content ?? '';

const oneDoc = (text: string, start: number, end: number, extra: object = {}): Dataset => ({
  labels: LABELS,
  documents: [{ docId: 'd', text, spans: [{ start, end, label: 'quote', text: text.slice(start, end), ...extra }] }],
});

/** A Parley-written brat folder around one .ann file. */
const folder = (ann: string, text = 'Peskov said') => [
  { path: 'annotation.conf', content: '# Written by Parley (offsets: codepoint).\n[entities]\nquote\n' },
  { path: 'd.txt', content: text },
  { path: 'd.ann', content: ann },
];

describe('formats/brat', () => {
  it('round-trips every span, id, attribute and note exactly, in code points and in UTF-16', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files, dropped } = bratFormat.serialize(dataset, { offsets });
        // Only spans of white space are dropped: brat would take them for missing text.
        expect(dropped.every((d) => d.span.text.trim() === '')).toBe(true);
        const kept = dataset.documents.map((d) => ({ ...d, spans: d.spans.filter((s) => s.text.trim() !== '') }));
        const back = bratFormat.parse(files, { offsets: 'codepoint' });
        expect(back.problems).toEqual([]);
        expect(back.documents.map(carried)).toEqual(kept.map(carried));
      }),
      { numRuns: 200 },
    );
  });

  it('writes label and attribute names in brat’s storage form and reads them back', () => {
    const dataset: Dataset = {
      labels: [{ id: 'Person name_Организация', name: 'Person name', color: '#123456', hotkey: '' }],
      documents: [
        {
          docId: 'd',
          text: 'Peskov said',
          spans: [
            { start: 0, end: 6, label: 'Person name_Организация', text: 'Peskov', attributes: { 'role x': 'a b' } },
          ],
        },
      ],
    };
    const { files } = bratFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(fileOf(files, 'd.ann')).toMatch(/^T1\tPerson_20_name_5f__41e__440_/);
    expect([...fileOf(files, 'd.ann')].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    const back = bratFormat.parse(files, { offsets: 'codepoint' });
    expect(back.problems).toEqual([]);
    expect(back.documents[0]?.spans[0]).toMatchObject({
      label: 'Person name_Организация',
      attributes: { 'role x': 'a b' },
    });
  });

  it('counts offsets in code points, as brat does', () => {
    const { files } = bratFormat.serialize(oneDoc('😀 Kyiv', 3, 7), { offsets: 'codepoint' });
    expect(fileOf(files, 'd.ann')).toBe('T1\tquote 2 6\tKyiv\n');
    expect(fileOf(files, 'd.txt')).toBe('😀 Kyiv');
    expect(fileOf(files, 'annotation.conf')).toMatch(/^# Written by Parley \(offsets: codepoint\)/);
  });

  it('splits a span at line breaks into fragments, and joins them back', () => {
    const text = 'one\r\ntwo\n\nthree';
    const { files } = bratFormat.serialize(oneDoc(text, 0, text.length), { offsets: 'codepoint' });
    expect(fileOf(files, 'd.ann')).toBe('T1\tquote 0 3;5 8;10 15\tone two three\n');
    expect(bratFormat.parse(files, { offsets: 'codepoint' }).documents[0]?.spans).toMatchObject([
      { start: 0, end: text.length, text },
    ]);
  });

  it('marks a span that starts or ends with a line break with an empty fragment there', () => {
    const text = 'a\nb\n';
    const { files } = bratFormat.serialize(oneDoc(text, 1, 4), { offsets: 'codepoint' });
    expect(fileOf(files, 'd.ann')).toBe('T1\tquote 1 1;2 3;4 4\t b \n');
    expect(bratFormat.parse(files, { offsets: 'codepoint' }).documents[0]?.spans).toMatchObject([
      { start: 1, end: 4, text: '\nb\n' },
    ]);
  });

  it('percent-encodes attribute values brat cannot hold, and declares each value in annotation.conf', () => {
    const dataset = oneDoc('Peskov said', 0, 6, { attributes: { speaker: 'Dmitry Peskov, 100%', value: '' } });
    const { files } = bratFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(fileOf(files, 'd.ann')).toContain('A1\tspeaker T1 Dmitry%20Peskov%2C%20100%25\nA2\tvalue T1 ""\n');
    expect(fileOf(files, 'annotation.conf')).toContain(
      '[attributes]\nspeaker\tArg:<ENTITY>, Value:Dmitry%20Peskov%2C%20100%25\nvalue\tArg:<ENTITY>, Value:""\n',
    );
    expect(bratFormat.parse(files, { offsets: 'codepoint' }).documents[0]?.spans[0]?.attributes).toEqual({
      speaker: 'Dmitry Peskov, 100%',
      value: '',
    });
  });

  it('writes each document once: a second annotator of the same document is dropped with a reason', () => {
    const dataset = oneDoc('Peskov said', 0, 6);
    const twice: Dataset = { ...dataset, documents: [...dataset.documents, ...dataset.documents] };
    const { files, dropped } = bratFormat.serialize(twice, { offsets: 'codepoint' });
    expect(files.filter((f) => f.path === 'd.ann')).toHaveLength(1);
    expect(dropped).toMatchObject([
      { docId: 'd', reason: expect.stringMatching(/one annotator at a time/) as unknown },
    ]);
  });

  it('reads a folder brat wrote: values as they are, binary attributes, fragments across white space', () => {
    const parsed = bratFormat.parse(
      [
        { path: 'd.txt', content: 'New \nYork 100%20' },
        {
          path: 'd.ann',
          content: 'T1\tquote 0 3;5 9\tNew York\nA1\tNegated T1\nA2\tspeaker T1 100%20\nA3\tconstructor T1 x\n',
        },
      ],
      { offsets: 'codepoint' },
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents[0]?.spans).toEqual([
      {
        start: 0,
        end: 9,
        label: 'quote',
        text: 'New \nYork',
        attributes: { Negated: 'true', speaker: '100%20', constructor: 'x' },
      },
    ]);
  });

  it('reads the labels, names and colours of annotation.conf and visual.conf', async () => {
    const files = await Promise.all(
      (await readdir(GOLDEN)).map(async (path) => ({ path, content: await readFile(join(GOLDEN, path), 'utf8') })),
    );
    expect(bratFormat.parse(files, { offsets: 'codepoint' }).labels).toEqual(LABELS.map((l) => ({ ...l, hotkey: '' })));
  });

  it('matches the golden files of a seed article', async () => {
    const paths = (await readdir(GOLDEN)).sort();
    const files = await Promise.all(
      paths.map(async (path) => ({ path, content: await readFile(join(GOLDEN, path), 'utf8') })),
    );
    const parsed = bratFormat.parse(files, { offsets: 'codepoint' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents.map(carried)).toEqual(goldenDataset().documents.map(carried));
    const again = bratFormat.serialize(
      { labels: parsed.labels, documents: parsed.documents },
      { offsets: 'codepoint' },
    );
    expect(again.files.map((f) => f.path).sort()).toEqual(paths);
    for (const file of files) expect(fileOf(again.files, file.path)).toBe(file.content);
  });

  it.each([
    { case: 'a truncated line', ann: 'T1\tquote 0', line: 1, message: /expected "<label> <start> <end>/ },
    { case: 'a line without its tab', ann: 'T1 quote 0 6 Peskov', line: 1, message: /expected an annotation line/ },
    { case: 'offsets of the wrong type', ann: 'T1\tquote a 6\tPeskov', line: 1, message: /whole numbers/ },
    { case: 'a negative offset', ann: 'T1\tquote -1 6\tPeskov', line: 1, message: /negative/ },
    { case: 'an end past the text', ann: 'T1\tquote 0 60\tPeskov', line: 1, message: /past the end/ },
    { case: 'text that does not match', ann: 'T1\tquote 0 6\tPutin', line: 1, message: /does not match/ },
    {
      case: 'fragments separated by words',
      ann: 'T1\tquote 0 1;7 11\tP said',
      line: 1,
      message: /separated by "eskov "/,
    },
    {
      case: 'a duplicate id',
      ann: 'T1\tquote 0 6\tPeskov\n#1\tParleyId T1\tx\nT2\tquote 7 11\tsaid\n#2\tParleyId T2\tx\n',
      line: 3,
      message: /span id x appears twice/,
    },
    {
      case: 'a duplicate T id',
      ann: 'T1\tquote 0 6\tPeskov\nT1\tquote 7 11\tsaid\n',
      line: 2,
      message: /T1 appears twice/,
    },
    { case: 'an attribute of no span', ann: 'A1\tspeaker T9 Putin\n', line: 1, message: /refers to "T9"/ },
    { case: 'a relation', ann: 'T1\tquote 0 6\tPeskov\nR1\tsaid Arg1:T1 Arg2:T1\n', line: 2, message: /not imported/ },
    { case: 'a 50 MB line', ann: `T1\tquote 0 6\t${'a'.repeat(50 * 1024 * 1024)}`, line: 1, message: /limit/ },
  ])('reports $case with file and line, and keeps going', ({ ann, line, message }) => {
    const parsed = bratFormat.parse(folder(ann), { offsets: 'codepoint' });
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ file: 'd.ann', line, docId: 'd' });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
  });

  it('reports an .ann file without its .txt, naming the file', () => {
    const parsed = bratFormat.parse([{ path: 'lost.ann', content: 'T1\tquote 0 6\tPeskov\n' }], {
      offsets: 'codepoint',
    });
    expect(parsed.problems).toMatchObject([{ file: 'lost.ann', docId: 'lost', message: /lost\.txt is missing/ }]);
    expect(parsed.documents).toEqual([]);
  });

  it('never throws, whatever it is given', async () => {
    const golden = await readFile(join(GOLDEN, '004_0a172a30c89c87c3.ann'), 'utf8');
    const text = await readFile(join(GOLDEN, '004_0a172a30c89c87c3.txt'), 'utf8');
    const conf = await readFile(join(GOLDEN, 'annotation.conf'), 'utf8');
    const mutate = (content: string) =>
      fc
        .tuple(fc.nat({ max: content.length }), fc.nat({ max: 40 }), fc.string({ unit: 'binary' }))
        .map(([at, cut, insert]) => content.slice(0, at) + insert + content.slice(at + cut));
    const anyText = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(
        fc.oneof(anyText, mutate(golden)),
        fc.oneof(anyText, fc.constant(text)),
        fc.oneof(anyText, mutate(conf)),
        (ann, txt, annotationConf) => {
          const parsed = bratFormat.parse(
            [
              { path: 'annotation.conf', content: annotationConf },
              { path: 'visual.conf', content: annotationConf },
              { path: 'x.txt', content: txt },
              { path: 'x.ann', content: ann },
            ],
            { offsets: 'codepoint' },
          );
          expect(Array.isArray(parsed.problems)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
