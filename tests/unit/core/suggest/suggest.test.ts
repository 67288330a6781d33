import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOGNISER_IDS, suggest } from '../../../../main/core/suggest';

const ARTICLE =
  'Kremlin spokesman Dmitry Peskov spoke on Monday.\n“We will negotiate only if Kyiv abandons its NATO bid,” Peskov said on March 4, 2025.';

describe('suggest', () => {
  it('runs every recogniser by default, sorted by start and then longer first', () => {
    const found = suggest(ARTICLE, { publishedAt: '2025-03-06' });
    expect(found.map((s) => [s.label, s.text])).toEqual([
      ['date', 'Monday'],
      ['quote', 'We will negotiate only if Kyiv abandons its NATO bid'],
      ['precondition', 'Kyiv abandons its NATO bid'],
      ['date', 'March 4, 2025'],
    ]);
    expect(found[1]?.attributes).toEqual({ speaker: 'Dmitry Peskov' });
    expect(found[2]?.attributes).toEqual({ holder: 'Dmitry Peskov' });
    expect(found[0]?.attributes).toEqual({ value: '2025-03-03' });
  });

  it('runs only the recognisers whose label is asked for', () => {
    expect(new Set(suggest(ARTICLE, { labels: ['date'] }).map((s) => s.label))).toEqual(new Set(['date']));
    expect(suggest(ARTICLE, { labels: ['quote', 'person'] }).map((s) => s.label)).toEqual(['quote']);
    expect(suggest(ARTICLE, { labels: [] })).toEqual([]);
  });

  it('resolves relative dates against the date the article states when none is given', () => {
    const [monday] = suggest(`Published: March 6, 2025\n${ARTICLE}`, { labels: ['date'] }).filter(
      (s) => s.text === 'Monday',
    );
    expect(monday?.attributes.value).toBe('2025-03-03');
    expect(suggest(ARTICLE, { labels: ['date'] })[0]?.attributes.value).toBe('');
  });

  it('throws RangeError for a publication date that is not YYYY-MM-DD', () => {
    expect(() => suggest(ARTICLE, { publishedAt: '6 March 2025' })).toThrow(RangeError);
    expect(() => suggest(ARTICLE, { publishedAt: '2025-02-30' })).toThrow(/2025-02-30/u);
  });

  it('names its recognisers', () => {
    expect([...RECOGNISER_IDS].sort()).toEqual(['date', 'precondition', 'quote']);
  });

  it('returns spans whose text is the slice they cover, inside the text, whatever the text', () => {
    const piece = fc.constantFrom(
      '“',
      '”',
      '"',
      '‘',
      '’',
      "'",
      ' ',
      '\n',
      '\n\n',
      ', ',
      '. ',
      'Peskov said',
      'Dmitry Peskov',
      'only if',
      'if',
      'talks',
      'on Monday',
      'March 4, 2025',
      'late 2022',
      '😀',
      'he',
      'ceasefire',
      'unless',
      'that same month',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom(undefined, '2025-03-06'),
        (pieces, publishedAt) => {
          const text = pieces.join('');
          for (const s of suggest(text, publishedAt === undefined ? {} : { publishedAt })) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeLessThanOrEqual(text.length);
            expect(s.start).toBeLessThan(s.end);
            expect(text.slice(s.start, s.end)).toBe(s.text);
            expect(s.text).toBe(s.text.trim());
            expect(s.label).toBe(s.recogniser);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
