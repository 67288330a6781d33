import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nudgeSpan, spanFromSelection } from '../../../main/core/selection';

/** The text a selection turns into, or null. */
function tagged(text: string, anchor: number, head: number, toWords: boolean): string | null {
  const span = spanFromSelection(text, anchor, head, { toWords });
  return span === null ? null : text.slice(span.start, span.end);
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
/** Whether `offset` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, offset: number): boolean =>
  isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1));
const isSpace = (char: string): boolean => /\s/u.test(char);

/** The selection clamped to the text, as the person sees it. */
function selectedPart(text: string, anchor: number, head: number): { from: number; to: number; selected: string } {
  const clamp = (n: number): number => Math.min(Math.max(0, n), text.length);
  const from = clamp(Math.min(anchor, head));
  const to = clamp(Math.max(anchor, head));
  return { from, to, selected: text.slice(from, to) };
}

describe('selection', () => {
  describe('spanFromSelection without toWords', () => {
    it.each([
      { text: '  said  ', anchor: 0, head: 8, expected: 'said' },
      { text: 'a\r\n b', anchor: 1, head: 5, expected: 'b' },
      { text: 'the cat', anchor: 1, head: 6, expected: 'he ca' },
      { text: 'the cat', anchor: 6, head: 1, expected: 'he ca' },
      { text: 'the cat', anchor: -5, head: 99, expected: 'the cat' },
      { text: 'x 😀 y', anchor: 2, head: 4, expected: '😀' },
      { text: 'x 😀 y', anchor: 3, head: 6, expected: '😀 y' },
      { text: 'x 😀 y', anchor: 2, head: 3, expected: null },
      { text: 'x \t\n y', anchor: 1, head: 5, expected: null },
      { text: 'word', anchor: 2, head: 2, expected: null },
    ])('selects $expected when $anchor..$head of $text is selected', ({ text, anchor, head, expected }) => {
      expect(tagged(text, anchor, head, false)).toBe(expected);
    });
  });

  describe('spanFromSelection with toWords', () => {
    it.each([
      { text: 'The minister said', anchor: 6, head: 9, expected: 'minister' },
      { text: 'The minister said', anchor: 9, head: 6, expected: 'minister' },
      { text: 'The minister said', anchor: 3, head: 13, expected: 'minister' },
      { text: 'from 2024 on', anchor: 6, head: 7, expected: '2024' },
      { text: 'snake_case name', anchor: 2, head: 3, expected: 'snake_case' },
      { text: 'café noir', anchor: 0, head: 2, expected: 'café' },
      { text: 'cafe\u0301 noir', anchor: 1, head: 3, expected: 'cafe\u0301' },
      { text: 'Zelenskyy’s plan', anchor: 3, head: 13, expected: 'Zelenskyy’s plan' },
      { text: 'the year-end review', anchor: 6, head: 10, expected: 'year-end' },
      { text: 'ok 😀 ok', anchor: 3, head: 5, expected: '😀' },
      { text: 'ok😀ok', anchor: 1, head: 3, expected: 'ok' },
      { text: 'a - b', anchor: 2, head: 3, expected: '-' },
      { text: '   ', anchor: 0, head: 3, expected: null },
    ])('selects $expected when $anchor..$head of $text is selected', ({ text, anchor, head, expected }) => {
      expect(tagged(text, anchor, head, true)).toBe(expected);
    });

    // Extension stops at token edges (`\w+|[^\w\s]`, the tokens of the CoNLL export and the
    // agreement measures): an apostrophe or hyphen is a token of its own, so a selected name does
    // not grow a possessive, and a span keeps boundaries that tokens can represent.
    it.each([
      { text: 'Zelenskyy’s plan', anchor: 10, head: 11, expected: 's' },
      { text: 'Zelenskyy’s plan', anchor: 0, head: 9, expected: 'Zelenskyy' },
      { text: 'Zelenskyy’s plan', anchor: 3, head: 5, expected: 'Zelenskyy' },
      { text: 'the year-end review', anchor: 5, head: 7, expected: 'year' },
      { text: 'the year-end review', anchor: 9, head: 11, expected: 'end' },
      { text: "don't stop", anchor: 0, head: 2, expected: 'don' },
    ])('stops at $expected when $anchor..$head of $text is selected', ({ text, anchor, head, expected }) => {
      expect(tagged(text, anchor, head, true)).toBe(expected);
    });
  });

  describe('spanFromSelection (properties)', () => {
    const piece = fc.constantFrom(
      'a',
      'Q',
      '9',
      '_',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '😀',
      'e\u0301',
      '𝐀',
      '’',
      "'",
      '-',
      '.',
      ',',
    );
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    const selection = text.chain((t) =>
      fc.record({
        text: fc.constant(t),
        anchor: fc.integer({ min: -2, max: t.length + 2 }),
        head: fc.integer({ min: -2, max: t.length + 2 }),
        toWords: fc.boolean(),
      }),
    );

    it('returns a non-empty span inside the text with no white space at either end', () => {
      fc.assert(
        fc.property(selection, ({ text, anchor, head, toWords }) => {
          const span = spanFromSelection(text, anchor, head, { toWords });
          if (span === null) return;
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.start).toBeLessThan(span.end);
          expect(isSpace(text.charAt(span.start))).toBe(false);
          expect(isSpace(text.charAt(span.end - 1))).toBe(false);
        }),
      );
    });

    it('never puts an offset inside a surrogate pair', () => {
      fc.assert(
        fc.property(selection, ({ text, anchor, head, toWords }) => {
          const span = spanFromSelection(text, anchor, head, { toWords });
          if (span === null) return;
          expect(splitsPair(text, span.start)).toBe(false);
          expect(splitsPair(text, span.end)).toBe(false);
        }),
      );
    });

    it('gives the same span whichever end the selection started from', () => {
      fc.assert(
        fc.property(selection, ({ text, anchor, head, toWords }) => {
          expect(spanFromSelection(text, head, anchor, { toWords })).toEqual(
            spanFromSelection(text, anchor, head, { toWords }),
          );
        }),
      );
    });

    it('covers the non-white-space part of the selection, exactly so without toWords', () => {
      const aligned = selection.filter(
        ({ text, anchor, head }) => !splitsPair(text, anchor) && !splitsPair(text, head),
      );
      fc.assert(
        fc.property(aligned, ({ text, anchor, head, toWords }) => {
          const { from, to, selected } = selectedPart(text, anchor, head);
          const span = spanFromSelection(text, anchor, head, { toWords });
          if (selected.trim() === '') {
            expect(span).toBeNull();
            return;
          }
          const start = from + (selected.length - selected.trimStart().length);
          const end = to - (selected.length - selected.trimEnd().length);
          if (toWords) {
            expect(span?.start).toBeLessThanOrEqual(start);
            expect(span?.end).toBeGreaterThanOrEqual(end);
          } else {
            expect(span).toEqual({ start, end });
          }
        }),
      );
    });

    it('returns null only when nothing but white space is selected', () => {
      fc.assert(
        fc.property(selection, ({ text, anchor, head, toWords }) => {
          const { selected } = selectedPart(text, anchor, head);
          const isLoneHalf = (c: string): boolean =>
            c.length === 1 && (isHigh(c.charCodeAt(0)) || isLow(c.charCodeAt(0)));
          if ([...selected].some((c) => !isSpace(c) && !isLoneHalf(c)))
            expect(spanFromSelection(text, anchor, head, { toWords })).not.toBeNull();
        }),
      );
    });
  });
});

describe('nudgeSpan', () => {
  const text = 'Peskov said, talks could start on Monday.';
  const span = { start: text.indexOf('talks'), end: text.indexOf('talks') + 'talks could'.length };
  const show = (s: { start: number; end: number } | null): string | null => (s ? text.slice(s.start, s.end) : null);

  it('moves the end a word right and left', () => {
    expect(show(nudgeSpan(text, span, 'end', 1))).toBe('talks could start');
    expect(show(nudgeSpan(text, span, 'end', -1))).toBe('talks');
  });

  it('moves the start a token left (over punctuation) and a word right', () => {
    expect(show(nudgeSpan(text, span, 'start', -1))).toBe(', talks could');
    expect(show(nudgeSpan(text, span, 'start', 1))).toBe('could');
  });

  it('refuses to empty the span or to move past the text', () => {
    const one = { start: 0, end: 6 };
    expect(nudgeSpan(text, one, 'end', -1)).toBeNull();
    expect(nudgeSpan(text, one, 'start', 1)).toBeNull();
    expect(nudgeSpan(text, one, 'start', -1)).toBeNull();
    const last = { start: text.length - 1, end: text.length };
    expect(nudgeSpan(text, last, 'end', 1)).toBeNull();
  });
});
