import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredTokens, tokenOffsets } from '../../../../main/core/agreement/tokens';
import { tokenize } from '../../../../main/core/tokens';

const offsetsOf = (text: string) => {
  const { starts, ends } = tokenOffsets(text);
  return Array.from(starts, (start, index) => ({ start, end: ends[index] }));
};

describe('agreement/tokens', () => {
  describe('tokenOffsets', () => {
    it.each([
      'Kyiv said: "talks resume on 12 March."',
      'Київ, naïve café — x² e\u0301 😀🇺🇦 don’t co-operate 50% $3bn',
      'snake_case\u00a0and\u2028lines\r\nCRLF\ttabs',
      'lone \ud800 high and \udc00 low surrogates',
      '',
      '   ',
    ])('gives the tokens of tokenize for %j', (text) => {
      expect(offsetsOf(text)).toEqual(tokenize(text).map(({ start, end }) => ({ start, end })));
    });

    it('gives the tokens of tokenize for any text', () => {
      const textArb = fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.string({
          unit: fc.constantFrom(
            'a',
            'Я',
            '1',
            '_',
            ' ',
            '\n',
            '.',
            '😀',
            '\u0301',
            '\u00a0',
            '²',
            '—',
            '\ud83d',
            '\ude00',
          ),
        }),
      );
      fc.assert(
        fc.property(textArb, (text) => {
          expect(offsetsOf(text)).toEqual(tokenize(text).map(({ start, end }) => ({ start, end })));
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('coveredTokens', () => {
    // Tokens: "He" [0,2) "said" [3,7) "it" [8,10) "." [10,11)
    const tokens = tokenOffsets('He said it.');
    it.each([
      { span: [0, 7], covered: { first: 0, end: 2 } },
      { span: [1, 7], covered: { first: 1, end: 2 } },
      { span: [3, 9], covered: { first: 1, end: 2 } },
      { span: [4, 6], covered: { first: 2, end: 1 } },
      { span: [2, 3], covered: { first: 1, end: 1 } },
      { span: [0, 11], covered: { first: 0, end: 4 } },
    ])('holds only tokens the span $span covers whole', ({ span, covered }) => {
      expect(coveredTokens(tokens, span[0] ?? 0, span[1] ?? 0)).toEqual(covered);
    });
  });
});
