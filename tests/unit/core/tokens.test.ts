import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachToken, isAbbreviationBreak, sentences, tokenize } from '../../../main/core/tokens';

/** The definition the scan must keep: the pattern of the module header, over `text.slice(from, to)`. */
function tokensByPattern(text: string, from = 0, to = text.length) {
  return [...text.slice(from, to).matchAll(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu)].map((match) => ({
    start: from + match.index,
    end: from + match.index + match[0].length,
    text: match[0],
  }));
}

/**
 * The definition sentences must keep: each line segmented alone, each segment trimmed, and a
 * segment that follows an abbreviation's break on the same line joined to the one before it.
 */
function sentencesByLine(text: string) {
  const result: { start: number; end: number }[] = [];
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  let lineStart = 0;
  for (const line of text.split(/(\r\n|\n|\r)/)) {
    if (/^(\r\n|\n|\r)$/.test(line)) {
      lineStart += line.length;
      continue;
    }
    const ofLine: { start: number; end: number }[] = [];
    for (const segment of segmenter.segment(line)) {
      const trimmed = segment.segment.trim();
      if (trimmed === '') continue;
      const start = lineStart + segment.index + segment.segment.length - segment.segment.trimStart().length;
      const previous = ofLine.at(-1);
      if (previous && isAbbreviationBreak(text.slice(previous.start, previous.end), trimmed)) {
        previous.end = start + trimmed.length;
      } else {
        ofLine.push({ start, end: start + trimmed.length });
      }
    }
    result.push(...ofLine);
    lineStart += line.length;
  }
  return result;
}

const TEXTS = [
  'Kyiv said: "talks resume on 12 March."',
  'Київ, naïve café — x² e\u0301 😀🇺🇦 don’t co-operate 50% $3bn',
  'snake_case\u00a0and\u2028lines\r\nCRLF\ttabs',
  'lone \ud800 high and \udc00 low surrogates, and a 𝔘 pair',
  'Mr. Smith went to Washington. He said "No." Then\n\nhe left!\r\rAgain?\r\n  Yes.  ',
  ' \u3000\ufeff\u180e\u200b\u2029 the edges of a line \u00a0\n',
  '',
  '   ',
];

/** Texts made of pieces that touch every class: words, marks, surrogates, every kind of white space and break. */
const textArb = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(
        'a',
        'Talks',
        'Я',
        '1',
        '_',
        ' ',
        '  ',
        '\t',
        '\n',
        '\r',
        '\r\n',
        '\u2028',
        '\u00a0',
        '\u3000',
        '\ufeff',
        '\u200b',
        '.',
        '. ',
        '? ',
        '!',
        '“',
        '”',
        'Mr.',
        '😀',
        '\u0301',
        '²',
        '—',
        '\ud83d',
        '\ude00',
      ),
      { maxLength: 80 },
    )
    .map((parts) => parts.join('')),
);

describe('tokens', () => {
  describe('tokenize', () => {
    it.each(TEXTS)('finds the tokens of the pattern in %j', (text) => {
      expect(tokenize(text)).toEqual(tokensByPattern(text));
    });

    it('finds the tokens of the pattern in any part of any text', () => {
      const caseArb = textArb.chain((text) =>
        fc.tuple(fc.constant(text), fc.nat({ max: text.length }), fc.nat({ max: text.length })),
      );
      fc.assert(
        fc.property(caseArb, ([text, a, b]) => {
          expect(tokenize(text)).toEqual(tokensByPattern(text));
          // Either order: a range that ends before it starts has no tokens.
          expect(tokenize(text, a, b)).toEqual(tokensByPattern(text, a, b));
        }),
        { numRuns: 1000 },
      );
    });

    it('classes every code unit below 0x10000 as the pattern does', () => {
      const units = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code));
      const text = `x${units.join('x')}x`;
      expect(tokenize(text)).toEqual(tokensByPattern(text));
    });

    it.each([
      { from: -4, to: undefined },
      { from: 3, to: 100 },
      { from: 100, to: undefined },
      { from: 8, to: 2 },
      { from: 2, to: -3 },
    ])('reads from $from to $to as slice does, offsets from `from`', ({ from, to }) => {
      const text = 'He said it, twice.';
      expect(tokenize(text, from, to)).toEqual(tokensByPattern(text, from, to));
    });
  });

  describe('forEachToken', () => {
    it('gives the offsets of tokenize, in order', () => {
      const text = 'Peskov said: “talks”, 😀 e\u0301.';
      const found: { start: number; end: number }[] = [];
      forEachToken(text, 7, text.length, (start, end) => found.push({ start, end }));
      expect(found).toEqual(tokenize(text, 7).map(({ start, end }) => ({ start, end })));
    });

    it('does not read past `to`, even in the middle of a surrogate pair', () => {
      const found: number[][] = [];
      forEachToken('a😀b', 0, 2, (start, end) => found.push([start, end]));
      expect(found).toEqual([
        [0, 1],
        [1, 2],
      ]);
    });

    it.each([
      [-1, 3],
      [0, 12],
      [0.5, 3],
    ])('throws a RangeError for the range %d to %d', (from, to) => {
      expect(() => forEachToken('He said it.', from, to, () => undefined)).toThrow(RangeError);
    });
  });

  describe('sentences', () => {
    it.each(TEXTS)('segments each line of %j alone and trims each sentence', (text) => {
      expect(sentences(text)).toEqual(sentencesByLine(text));
    });

    it('segments each line of any text alone and trims each sentence', () => {
      fc.assert(
        fc.property(textArb, (text) => {
          expect(sentences(text)).toEqual(sentencesByLine(text));
        }),
        { numRuns: 1000 },
      );
    });

    it('trims what trim() trims: the white space of `\\s`, for every code unit', () => {
      const differ = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter(
        (unit) => (unit.trim() === '') !== /^\s$/u.test(unit),
      );
      expect(differ).toEqual([]);
    });

    it.each([
      [
        'held in Moscow on Dec. 19, 2024. Sputnik/Gavriil Grigorov',
        ['held in Moscow on Dec. 19, 2024.', 'Sputnik/Gavriil Grigorov'],
      ],
      ['On Feb. 28, Zelenskyy left.', ['On Feb. 28, Zelenskyy left.']],
      ['Mr. Putin said. He left.', ['Mr. Putin said.', 'He left.']],
      ['Gov. Smith, Rep. Jones and Lt. Gen. Doe met.', ['Gov. Smith, Rep. Jones and Lt. Gen. Doe met.']],
      ['J. D. Vance said so.', ['J. D. Vance said so.']],
      ['from U.S. President Donald Trump. Then', ['from U.S. President Donald Trump.', 'Then']],
      ['He left the U.S. Then he came back.', ['He left the U.S.', 'Then he came back.']],
      ['They met at 9 a.m. Monday.', ['They met at 9 a.m. Monday.']],
      ['It ended in Dec. The talks', ['It ended in Dec.', 'The talks']],
      ['Apple Inc. The firm grew.', ['Apple Inc.', 'The firm grew.']],
    ])('ends no sentence after an abbreviation: %j', (text, expected) => {
      expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual(expected);
    });

    it('never lets a sentence cross a line break', () => {
      const text = 'One line without an end\r\nand the next.\rA third\nfourth.';
      expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
        'One line without an end',
        'and the next.',
        'A third',
        'fourth.',
      ]);
    });
  });
});
