import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conllFormat } from '../../../../main/core/formats/conll';
import type { Dataset, DatasetDocument } from '../../../../main/core/formats/dataset';
import { LABELS, spansArb, textArb } from './arbitraries';

const HEADER = '# columns: token quote precondition date\n';

/** What serialize writes for one document alone (no header line: the default). */
function writtenAlone(doc: DatasetDocument, singleColumn: boolean) {
  const { files, dropped } = conllFormat.serialize(
    { labels: LABELS, documents: [doc] },
    { offsets: 'utf16', singleColumn },
  );
  return { block: files[0]?.content ?? '', dropped };
}

/** Three annotators' sets over one text, with a document of another text between two of them. */
const sharedTextArb: fc.Arbitrary<Dataset> = fc.tuple(textArb, textArb).chain(([shared, other]) =>
  fc
    .tuple(spansArb(shared, 0), spansArb(other, 1), spansArb(shared, 2), spansArb(shared, 3))
    .map(([a, b, c, d]): Dataset => ({
      labels: LABELS,
      documents: [
        { docId: 'shared', text: shared, annotator: 'amira', spans: a },
        { docId: 'other', text: other, annotator: 'amira', spans: b },
        { docId: 'shared', text: shared, annotator: 'bao', spans: c },
        { docId: 'shared', text: shared, annotator: 'carla', spans: d },
      ],
    })),
);

describe('formats/conll serialize', () => {
  it('writes each set over a shared text as it writes that set alone', () => {
    fc.assert(
      fc.property(sharedTextArb, fc.boolean(), fc.boolean(), (dataset, singleColumn, header) => {
        const { files, dropped } = conllFormat.serialize(dataset, { offsets: 'utf16', singleColumn, header });
        const alone = dataset.documents.map((doc) => writtenAlone(doc, singleColumn));
        const first = header ? (singleColumn ? '# columns: token tag\n' : HEADER) : '';
        expect(files[0]?.content).toBe(first + alone.map((a) => a.block).join(''));
        expect(dropped).toEqual(alone.flatMap((a) => a.dropped));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the tokens alone when no label can be a column', () => {
    const text = 'Peskov said:\r\n“Talks resume.” Kyiv agreed';
    const { files, dropped } = conllFormat.serialize(
      {
        labels: [{ id: 'a quote', name: 'a quote', color: '#2f7ed8', hotkey: '1' }],
        documents: [{ docId: 'd', text, spans: [{ start: 0, end: 6, label: 'a quote', text: 'Peskov' }] }],
      },
      { offsets: 'utf16', header: true },
    );
    expect(files[0]?.content).toBe(
      '# columns: token\n-DOCSTART- d\n\nPeskov\nsaid\n:\n\n“\nTalks\nresume\n.\n”\n\nKyiv\nagreed\n\n',
    );
    expect(dropped.map((d) => d.reason)).toEqual([expect.stringMatching(/contains white space/) as unknown]);
  });

  it('writes a document without a token as its -DOCSTART- line alone', () => {
    const { files } = conllFormat.serialize(
      {
        labels: LABELS,
        documents: [
          { docId: 'blank', text: ' \n\t ', spans: [] },
          { docId: 'd', text: 'Kyiv', spans: [{ start: 0, end: 4, label: 'date', text: 'Kyiv' }] },
        ],
      },
      { offsets: 'utf16' },
    );
    expect(files[0]?.content).toBe(`-DOCSTART- blank\n\n-DOCSTART- d\n\nKyiv\tO\tO\tB-date\n\n`);
  });
});
