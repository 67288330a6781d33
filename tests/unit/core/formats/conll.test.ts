import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conllFormat } from '../../../../main/core/formats/conll';
import type { Dataset, DatasetSpan } from '../../../../main/core/formats/dataset';
import { sentences, tokenize } from '../../../../main/core/tokens';
import { LABELS, textArb } from './arbitraries';
import { goldenDataset } from './golden';

const GOLDEN = join(import.meta.dirname, '../../../fixtures/formats');
const HEADER = '# columns: token quote precondition date\n';

/** What CoNLL carries of a span. */
const carried = (spans: readonly DatasetSpan[]) =>
  spans
    .map(({ start, end, label, text }) => ({ start, end, label, text }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));

const tokensOf = (text: string) => sentences(text).flatMap((s) => tokenize(text, s.start, s.end));

/** Spans over whole tokens of a text, never two of one label on the same token: what CoNLL carries. */
const tokenSpansArb = (text: string): fc.Arbitrary<DatasetSpan[]> => {
  const tokens = tokensOf(text);
  const index = fc.nat({ max: Math.max(0, tokens.length - 1) });
  return fc
    .array(fc.record({ a: index, b: index, label: fc.constantFrom(...LABELS.map((l) => l.id)) }), { maxLength: 8 })
    .map((rows) => {
      const taken = new Set<string>();
      return rows.flatMap(({ a, b, label }) => {
        const first = Math.min(a, b);
        const last = Math.max(a, b);
        const cells = Array.from({ length: last - first + 1 }, (_, i) => `${label}:${first + i}`);
        const start = tokens[first]?.start;
        const end = tokens[last]?.end;
        if (start === undefined || end === undefined || cells.some((c) => taken.has(c))) return [];
        cells.forEach((c) => taken.add(c));
        return [{ start, end, label, text: text.slice(start, end) }];
      });
    });
};

/** Datasets of 1–3 documents whose spans are `layers` token-aligned sets, overlapping each other. */
const conllDatasetArb = (layers = 1): fc.Arbitrary<Dataset> =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          textArb.chain((text) =>
            fc
              .tuple(...Array.from({ length: layers }, () => tokenSpansArb(text)))
              .map((sets) => ({ docId: `doc-${i}`, text, spans: sets.flat() })),
          ),
        ),
      ),
    )
    .map((documents) => ({ labels: LABELS, documents }));

const knownTexts = (dataset: Dataset) => new Map(dataset.documents.map((d) => [d.docId, d.text]));

const oneDoc = (text: string, spans: Omit<DatasetSpan, 'text'>[]): Dataset => ({
  labels: LABELS,
  documents: [{ docId: 'd', text, spans: spans.map((s) => ({ ...s, text: text.slice(s.start, s.end) })) }],
});

describe('formats/conll', () => {
  it('round-trips spans over whole tokens, placed on the texts Parley has', () => {
    fc.assert(
      fc.property(conllDatasetArb(), fc.constantFrom('codepoint' as const, 'utf16' as const), (dataset, offsets) => {
        const { files, dropped } = conllFormat.serialize(dataset, { offsets });
        // Nothing is lost; a span across a sentence end is only reported (its sentences joined).
        expect(dropped.filter((d) => d.isWrittenChanged !== true || !/crosses a sentence end/.test(d.reason))).toEqual(
          [],
        );
        const back = conllFormat.parse(files, { offsets, knownTexts: knownTexts(dataset) });
        expect(back.problems).toEqual([]);
        expect(back.documents.map((d) => ({ docId: d.docId, text: d.text, spans: carried(d.spans) }))).toEqual(
          dataset.documents.map((d) => ({ docId: d.docId, text: d.text, spans: carried(d.spans) })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every span it does not report as dropped, in one column or one per label', () => {
    fc.assert(
      fc.property(conllDatasetArb(2), fc.boolean(), (dataset, singleColumn) => {
        const { files, dropped } = conllFormat.serialize(dataset, { offsets: 'codepoint', singleColumn });
        const back = conllFormat.parse(files, { offsets: 'codepoint', knownTexts: knownTexts(dataset) });
        expect(back.problems).toEqual([]);
        const lostSpans = dropped.filter((x) => x.isWrittenChanged !== true);
        expect(lostSpans.every((x) => (singleColumn ? /single tag column/ : /the \w+ column/).test(x.reason))).toBe(
          true,
        );
        dataset.documents.forEach((doc, i) => {
          const kept = back.documents[i]?.spans ?? [];
          const lost = lostSpans.filter((x) => x.docId === doc.docId).map((x) => x.span);
          expect(carried([...kept, ...lost])).toEqual(carried(doc.spans));
          const clash = (x: DatasetSpan, y: DatasetSpan) =>
            x !== y && (singleColumn || x.label === y.label) && x.start < y.end && y.start < x.end;
          expect(kept.filter((x) => kept.some((y) => clash(x, y)))).toEqual([]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('writes no comment line unless asked, as CoNLL-2003 readers expect, and reads files with and without one', () => {
    const dataset = oneDoc('Peskov said Kyiv', [{ start: 12, end: 16, label: 'quote' }]);
    const plain = conllFormat.serialize(dataset, { offsets: 'codepoint' }).files[0]?.content ?? '';
    expect(plain.split('\n')[0]).toBe('-DOCSTART- d');
    expect(plain).not.toMatch(/^#/m);
    const withHeader = conllFormat.serialize(dataset, { offsets: 'codepoint', header: true }).files[0]?.content ?? '';
    expect(withHeader).toBe(`${HEADER}${plain}`);
    for (const content of [plain, withHeader]) {
      const back = conllFormat.parse([{ path: 'in.conll', content }], {
        offsets: 'codepoint',
        knownTexts: knownTexts(dataset),
      });
      expect(back.problems).toEqual([]);
      expect(back.documents[0]?.spans).toEqual([{ start: 12, end: 16, label: 'quote', text: 'Kyiv' }]);
    }
  });

  it('does not end a sentence after an abbreviation inside a span: "Dec. 19, 2024", "U.S. President"', async () => {
    const text =
      (await readFile(join(import.meta.dirname, '../../../../seeds/000_fe2b5cb27bd72a2a.txt'), 'utf8')).split(
        '\n',
      )[4] ?? '';
    const at = text.indexOf('Dec. 19, 2024');
    expect(at).toBeGreaterThan(0);
    const dataset = oneDoc(text, [{ start: at, end: at + 'Dec. 19, 2024'.length, label: 'date' }]);
    const { files, dropped } = conllFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(dropped).toEqual([]);
    const lines = (files[0]?.content ?? '').split('\n');
    const first = lines.indexOf('Dec\tO\tO\tB-date');
    expect(lines.slice(first, first + 7)).toEqual([
      'Dec\tO\tO\tB-date',
      '.\tO\tO\tI-date',
      '19\tO\tO\tI-date',
      ',\tO\tO\tI-date',
      '2024\tO\tO\tI-date',
      '.\tO\tO\tO',
      '',
    ]);
  });

  it('writes the two sentences a span crosses as one, and reports it', () => {
    const text = 'Peskov spoke. He said talks end. Kyiv agreed.';
    const start = text.indexOf('talks');
    const end = text.indexOf(' agreed');
    const dataset = oneDoc(text, [{ start, end, label: 'quote' }]);
    const { files, dropped } = conllFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(files[0]?.content).toBe(
      '-DOCSTART- d\n\nPeskov\tO\tO\tO\nspoke\tO\tO\tO\n.\tO\tO\tO\n\n' +
        'He\tO\tO\tO\nsaid\tO\tO\tO\ntalks\tB-quote\tO\tO\nend\tI-quote\tO\tO\n.\tI-quote\tO\tO\n' +
        'Kyiv\tI-quote\tO\tO\nagreed\tO\tO\tO\n.\tO\tO\tO\n\n',
    );
    expect(dropped).toEqual([
      {
        docId: 'd',
        span: dataset.documents[0]?.spans[0],
        reason: expect.stringMatching(/crosses a sentence end \("talks end\. Kyiv"\).*written as one/) as unknown,
        isWrittenChanged: true,
      },
    ]);
  });

  it('never starts a sentence with an I- tag, whatever the spans (valid IOB2)', () => {
    const anySpansArb = textArb.chain((text) =>
      fc
        .array(
          fc.record({
            a: fc.nat({ max: text.length }),
            b: fc.nat({ max: text.length }),
            label: fc.constantFrom(...LABELS.map((l) => l.id)),
          }),
          { maxLength: 6 },
        )
        .map((rows) =>
          oneDoc(
            text,
            rows.map(({ a, b, label }) => ({ start: Math.min(a, b), end: Math.max(a, b), label })),
          ),
        ),
    );
    fc.assert(
      fc.property(anySpansArb, fc.boolean(), (dataset, singleColumn) => {
        const content = conllFormat.serialize(dataset, { offsets: 'utf16', singleColumn }).files[0]?.content ?? '';
        let isSentenceStart = true;
        for (const line of content.split('\n')) {
          if (line === '' || line.startsWith('-DOCSTART-')) {
            isSentenceStart = true;
            continue;
          }
          if (isSentenceStart)
            expect(
              line
                .split('\t')
                .slice(1)
                .filter((tag) => tag.startsWith('I-')),
            ).toEqual([]);
          isSentenceStart = false;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes a token after an emoji with Parley offsets intact', () => {
    const dataset = oneDoc('😀 Kyiv', [{ start: 3, end: 7, label: 'quote' }]);
    const { files } = conllFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(files[0]?.content).toBe(`-DOCSTART- d\n\n😀\tO\tO\tO\nKyiv\tB-quote\tO\tO\n\n`);
    const back = conllFormat.parse(files, { offsets: 'codepoint', knownTexts: knownTexts(dataset) });
    expect(back.documents[0]?.spans).toEqual([{ start: 3, end: 7, label: 'quote', text: 'Kyiv' }]);
  });

  it('rebuilds the text of a document Parley does not have: spaces within a sentence, line breaks between', () => {
    const content = `${HEADER}-DOCSTART- new\n\nPeskov\tO\tO\tO\nsaid\tB-quote\tO\tO\n.\tI-quote\tO\tO\n\nTalks\tI-quote\tO\tB-date\n\n`;
    const back = conllFormat.parse([{ path: 'in.conll', content }], { offsets: 'codepoint' });
    expect(back.problems).toEqual([]);
    expect(back.documents[0]).toEqual({
      docId: 'new',
      text: 'Peskov said .\nTalks',
      spans: [
        { start: 7, end: 19, label: 'quote', text: 'said .\nTalks' },
        { start: 14, end: 19, label: 'date', text: 'Talks' },
      ],
    });
  });

  it('tags whole tokens only: a span ending inside a word is shortened and reported, one inside a word is dropped', () => {
    const dataset = oneDoc('Peskov said Kyiv', [
      { start: 7, end: 14, label: 'quote' },
      { start: 12, end: 15, label: 'date' },
    ]);
    const { files, dropped } = conllFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(dropped).toMatchObject([
      {
        docId: 'd',
        span: { text: 'said Ky' },
        reason: expect.stringMatching(/written as the whole tokens it covers: "said"/) as unknown,
      },
      { docId: 'd', span: { text: 'Kyi' }, reason: expect.stringMatching(/no whole token/) as unknown },
    ]);
    const back = conllFormat.parse(files, { offsets: 'codepoint', knownTexts: knownTexts(dataset) });
    expect(back.documents[0]?.spans).toEqual([{ start: 7, end: 11, label: 'quote', text: 'said' }]);
  });

  it('keeps the longer of two overlapping spans of one label and reports the other', () => {
    const dataset = oneDoc('Peskov said talks in Kyiv', [
      { start: 7, end: 17, label: 'quote' },
      { start: 12, end: 25, label: 'quote' },
      { start: 12, end: 17, label: 'date' },
    ]);
    const { dropped } = conllFormat.serialize(dataset, { offsets: 'codepoint' });
    expect(dropped).toEqual([
      {
        docId: 'd',
        span: dataset.documents[0]?.spans[0],
        reason: expect.stringMatching(/overlaps the quote span "talks in Kyiv".*the quote column/) as unknown,
      },
    ]);
  });

  it('matches the golden files of a seed article, and says what one column cannot carry', async () => {
    const golden = goldenDataset();
    const known = knownTexts(golden);
    for (const [name, singleColumn] of [
      ['seed-004.conll', false],
      ['seed-004.single-column.conll', true],
    ] as const) {
      const content = await readFile(join(GOLDEN, 'conll', name), 'utf8');
      const parsed = conllFormat.parse([{ path: name, content }], { offsets: 'codepoint', knownTexts: known });
      expect(parsed.problems).toEqual([]);
      const written = conllFormat.serialize(golden, { offsets: 'codepoint', singleColumn });
      const lost = written.dropped.map((d) => d.span);
      expect(carried([...(parsed.documents[0]?.spans ?? []), ...lost])).toEqual(
        carried(golden.documents[0]?.spans ?? []),
      );
      const again = conllFormat.serialize(
        { labels: LABELS, documents: parsed.documents },
        { offsets: 'codepoint', singleColumn },
      );
      expect(again.files[0]?.content).toBe(content);
      expect(again.dropped).toEqual([]);
    }
    expect(conllFormat.serialize(golden, { offsets: 'codepoint' }).dropped).toEqual([]);
    expect(conllFormat.serialize(golden, { offsets: 'codepoint', singleColumn: true }).dropped).toEqual([
      {
        docId: golden.documents[0]?.docId,
        span: expect.objectContaining({ label: 'quote', text: 'hold an election' }) as unknown,
        reason: expect.stringMatching(/overlaps the precondition span .*single tag column/) as unknown,
      },
    ]);
  });

  // CoNLL has no offsets and no ids, so a negative offset or a duplicate id cannot be written.
  it.each([
    {
      case: 'a truncated line',
      content: `${HEADER}-DOCSTART- d\n\nPeskov\tO\n`,
      line: 4,
      message: /expected 4 columns/,
    },
    {
      case: 'a tag of the wrong kind',
      content: `${HEADER}-DOCSTART- d\n\nPeskov\tX-quote\tO\tO\n`,
      line: 4,
      message: /not O, B-/,
    },
    {
      case: 'a document without an id',
      content: `${HEADER}-DOCSTART-\n\nPeskov\tO\tO\tO\n`,
      line: 2,
      message: /no document id/,
    },
    {
      case: 'tokens past the end of the text',
      content: `${HEADER}-DOCSTART- d\n\nPeskov\tO\tO\tO\nsaid\tB-quote\tO\tO\n`,
      line: 5,
      message: /text has ended/,
    },
    {
      case: 'a token that does not match the text',
      content: `${HEADER}-DOCSTART- d\n\nPutin\tB-quote\tO\tO\n`,
      line: 4,
      message: /does not match the text of d/,
    },
    {
      case: 'a 50 MB line',
      content: `${HEADER}-DOCSTART- d\n\n${'a'.repeat(50 * 1024 * 1024)}\tO\tO\tO\n`,
      line: 4,
      message: /limit/,
    },
  ])('reports $case with file and line, and keeps going', ({ content, line, message }) => {
    const parsed = conllFormat.parse([{ path: 'in.conll', content }], {
      offsets: 'codepoint',
      knownTexts: new Map([['d', 'Peskov']]),
    });
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ file: 'in.conll', line });
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(message);
  });

  it('refuses a span that runs through a malformed line instead of importing part of it', () => {
    const content = `${HEADER}-DOCSTART- d\n\nPeskov\tB-quote\tO\tO\nsaid\tI-quote\n.\tI-quote\tO\tO\n`;
    const parsed = conllFormat.parse([{ path: 'in.conll', content }], {
      offsets: 'codepoint',
      knownTexts: new Map([['d', 'Peskov said.']]),
    });
    expect(parsed.problems).toMatchObject([{ line: 5 }]);
    expect(parsed.documents[0]?.spans).toEqual([]);
    expect(parsed.refusedSpans).toBe(1);
  });

  it('never throws, whatever it is given', async () => {
    const golden = await readFile(join(GOLDEN, 'conll/seed-004.conll'), 'utf8');
    const known = knownTexts(goldenDataset());
    const mutated = fc
      .tuple(fc.nat({ max: golden.length }), fc.nat({ max: 200 }), fc.string({ unit: 'binary' }))
      .map(([at, cut, insert]) => golden.slice(0, at) + insert + golden.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), mutated), (content) => {
        const parsed = conllFormat.parse([{ path: 'x.conll', content }], { offsets: 'codepoint', knownTexts: known });
        expect(Array.isArray(parsed.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formats/conll with a span that cuts a word', () => {
  it('writes the whole tokens it covers and reports the change', () => {
    const text = 'Peskov said Kyiv agreed.';
    const start = text.indexOf('said Kyi');
    const { dropped } = conllFormat.serialize(
      {
        labels: [],
        documents: [{ docId: 'd', text, spans: [{ start, end: start + 8, label: 'quote', text: 'said Kyi' }] }],
      },
      { offsets: 'codepoint' },
    );
    expect(dropped.map((d) => d.reason)).toEqual([
      expect.stringContaining('written as the whole tokens it covers: "said"') as unknown,
    ]);
  });
});
