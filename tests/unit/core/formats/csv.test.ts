import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvFormat } from '../../../../main/core/formats/csv';
import type { Dataset, ParseResult } from '../../../../main/core/formats/dataset';
import { canonical, datasetArb, LABELS, mutated } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats');
const HEADER = CSV_COLUMNS.join(',');
const TEXTS = new Map([
  ['d', 'abc'],
  ['e', '😀 Kyiv'],
]);
const parse = (content: string, knownTexts: ReadonlyMap<string, string> = TEXTS): ParseResult =>
  csvFormat.parse([{ path: 'in.csv', content }], { offsets: 'codepoint', knownTexts });

/** A text with one slice replaced: truncations, insertions and stray characters. */
describe('formats/csv', () => {
  // A CSV row is a span: documents without spans, the status, title, source and sha256 are not
  // in the file, and the offset unit is not declared (the import names it, as here).
  it('round-trips every span, attribute and note exactly, in code points and in UTF-16', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files } = csvFormat.serialize(dataset, { offsets });
        const knownTexts = new Map(dataset.documents.map((d) => [d.docId, d.text]));
        const back = csvFormat.parse(files, { offsets, knownTexts });
        expect(back.problems).toEqual([]);
        // CSV carries no status, and a document without spans has no row.
        const expected = dataset.documents.filter((d) => d.spans.length > 0).map(({ status: _status, ...d }) => d);
        expect(canonical(back.documents)).toEqual(canonical(expected));
      }),
      { numRuns: 200 },
    );
  });

  it('counts offsets in code points, as Python does', () => {
    const dataset: Dataset = {
      labels: LABELS,
      documents: [{ docId: 'e', text: '😀 Kyiv', spans: [{ start: 3, end: 7, label: 'quote', text: 'Kyiv' }] }],
    };
    const content = csvFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content;
    expect(content).toBe(`${HEADER}\ne,,quote,2,6,Kyiv,,,\n`);
    expect(parse(`${HEADER}\ne,,quote,2,6,Kyiv,,,\n`).documents[0]?.spans).toEqual([
      { start: 3, end: 7, label: 'quote', text: 'Kyiv' },
    ]);
  });

  it('matches the golden file of a seed article', async () => {
    const golden = await readFile(join(GOLDEN, 'csv/seed-004.csv'), 'utf8');
    const [expected] = goldenDataset().documents;
    const knownTexts = new Map([[expected?.docId ?? '', expected?.text ?? '']]);
    const parsed = csvFormat.parse([{ path: 'seed-004.csv', content: golden }], { offsets: 'codepoint', knownTexts });
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents[0]?.spans).toEqual(expected?.spans);
    expect(parsed.documents[0]?.annotator).toBe(expected?.annotator);
    const again = csvFormat.serialize({ labels: LABELS, documents: parsed.documents }, { offsets: 'codepoint' });
    expect(again.files[0]?.content).toBe(golden);
  });

  it('reads columns by name, a BOM, CRLF line ends and a file without the id column', () => {
    const content = '\ufeffstart,end,label,doc_id,text\r\n0,2,quote,d,ab\r\n1,3,date,d,"bc"\r\n';
    const parsed = parse(content);
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toEqual([
      {
        docId: 'd',
        text: 'abc',
        spans: [
          { start: 0, end: 2, label: 'quote', text: 'ab' },
          { start: 1, end: 3, label: 'date', text: 'bc' },
        ],
      },
    ]);
  });

  it('names the line a row starts on, even after a quoted field with CRLF inside', () => {
    const content = `${HEADER}\r\nd,,quote,0,2,ab,,"two\r\nlines",\r\n\r\nd,,quote,0,9,abc,,,\r\n`;
    expect(parse(content).problems).toEqual([
      { file: 'in.csv', line: 5, docId: 'd', message: expect.stringMatching(/past the end/) as unknown },
    ]);
  });

  it('splits documents by annotator', () => {
    const parsed = parse(`${HEADER}\nd,ada,quote,0,1,a,,,\nd,bo,quote,0,1,a,,,\n`);
    expect(parsed.documents.map((d) => d.annotator)).toEqual(['ada', 'bo']);
  });

  it.each([
    { case: 'a truncated line', content: `${HEADER}\nd,,quote,0,2,"ab`, line: 2, message: /never closed/ },
    { case: 'a stray quote', content: `${HEADER}\nd,,quote,0,2,"ab"c,,,`, line: 2, message: /doubled/ },
    { case: 'a negative offset', content: `${HEADER}\nd,,quote,-1,2,ab,,,`, line: 2, message: /negative/ },
    { case: 'an end past the text', content: `${HEADER}\nd,,quote,0,9,ab,,,`, line: 2, message: /past the end/ },
    {
      case: 'offsets of the wrong type',
      content: `${HEADER}\nd,,quote,zero,2,ab,,,`,
      line: 2,
      message: /whole numbers/,
    },
    { case: 'attributes that are not JSON', content: `${HEADER}\nd,,quote,0,2,ab,{x},,`, line: 2, message: /JSON/ },
    {
      case: 'attributes that are not strings',
      content: `${HEADER}\nd,,quote,0,2,ab,"{""n"":1}",,`,
      line: 2,
      message: /attributes/,
    },
    { case: 'text that does not match', content: `${HEADER}\nd,,quote,0,2,xy,,,`, line: 2, message: /does not match/ },
    {
      case: 'a duplicate id',
      content: `${HEADER}\nd,,quote,0,1,a,,,x\nd,,quote,1,2,b,,,x`,
      line: 3,
      message: /twice/,
    },
    { case: 'a short row', content: `${HEADER}\nd,,quote,0,2`, line: 2, message: /5 fields/ },
    { case: 'an empty doc_id', content: `${HEADER}\n,,quote,0,2,ab,,,`, line: 2, message: /doc_id is empty/ },
    {
      case: 'a document Parley does not have',
      content: `${HEADER}\nz,,quote,0,2,ab,,,\nz,,quote,0,1,a,,,`,
      line: 2,
      message: /document z is not in Parley; import its text first with another format \(2 rows refused\)/,
    },
    { case: 'a header without start', content: 'doc_id,label,end\nd,quote,2', line: 1, message: /missing: start/ },
    { case: 'an empty file', content: '', line: 1, message: /empty/ },
    {
      case: 'a 50 MB field',
      content: `${HEADER}\nd,,quote,0,2,"${'a'.repeat(50 * 1024 * 1024)}",,,`,
      line: 2,
      message: /limit/,
    },
  ])('reports $case with file and line', ({ content, line, message }) => {
    const parsed = parse(content);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ file: 'in.csv', line });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
  });

  it('keeps the valid rows around a refused one and counts the refused', () => {
    const parsed = parse(`${HEADER}\nd,,quote,0,1,a,,,\nd,,quote,0,9,a,,,\nz,,quote,0,1,a,,,\nd,,date,1,2,b,,,\n`);
    expect(parsed.documents[0]?.spans.map((s) => s.text)).toEqual(['a', 'b']);
    expect(parsed.refusedSpans).toBe(2);
  });

  it('never throws, whatever the input', async () => {
    const golden = await readFile(join(GOLDEN, 'csv/seed-004.csv'), 'utf8');
    const [doc] = goldenDataset().documents;
    const knownTexts = new Map([...TEXTS, [doc?.docId ?? '', doc?.text ?? '']]);
    const rows = fc.array(fc.array(fc.string(), { maxLength: 10 }).map((fields) => fields.join(',')));
    const input = fc.oneof(
      fc.string(),
      fc.json(),
      rows.map((lines) => [HEADER, ...lines].join('\n')),
      mutated(golden),
    );
    fc.assert(
      fc.property(input, (content) => {
        const parsed = parse(content, knownTexts);
        expect(Array.isArray(parsed.documents) && Array.isArray(parsed.problems)).toBe(true);
        for (const problem of parsed.problems) expect(problem).toMatchObject({ file: 'in.csv' });
      }),
      { numRuns: 300 },
    );
  });
});
