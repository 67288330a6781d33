import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOffsetMap, offsetToPos, posToOffset } from '../../../main/core/offsets';

/** Pieces that make offsets hard: line breaks of every kind, surrogate pairs and combining marks. */
const piece = fc.constantFrom('a', 'Z', ' ', '7', '\n', '\r\n', '\r', '😀', 'e\u0301', '’', '\t', '—');
const tricky = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('offsets', () => {
  describe('buildOffsetMap', () => {
    it.each([
      { text: '', lines: [[0, 0]] },
      { text: 'one', lines: [[0, 3]] },
      {
        text: 'one\ntwo',
        lines: [
          [0, 3],
          [4, 7],
        ],
      },
      {
        text: 'one\r\ntwo',
        lines: [
          [0, 3],
          [5, 8],
        ],
      },
      {
        text: 'one\rtwo',
        lines: [
          [0, 3],
          [4, 7],
        ],
      },
      {
        text: 'a\n\nb\r\n',
        lines: [
          [0, 1],
          [2, 2],
          [3, 4],
          [6, 6],
        ],
      },
    ])('splits $text into paragraphs at \\r\\n, \\n and \\r', ({ text, lines }) => {
      const map = buildOffsetMap(text);
      expect(map.paragraphs.map((p) => [p.start, p.end])).toEqual(lines);
      expect(map.starts).toEqual(lines.map(([start]) => start));
      expect(map.length).toBe(text.length);
    });

    it('keeps CRLF in the length as two code units and an emoji as two', () => {
      expect(buildOffsetMap('😀\r\n').length).toBe(4);
    });

    it('starts each paragraph two positions after the previous one ends (ProseMirror open and close)', () => {
      expect(buildOffsetMap('ab\r\ncde\nf').positions).toEqual([1, 5, 10]);
    });
  });

  describe('offsetToPos', () => {
    it('maps offsets on either side of a CRLF to the two paragraphs', () => {
      const map = buildOffsetMap('ab\r\ncd');
      expect([0, 1, 2, 4, 5, 6].map((o) => offsetToPos(map, o))).toEqual([1, 2, 3, 5, 6, 7]);
    });

    it('maps an offset between \\r and \\n to the end of its line', () => {
      const map = buildOffsetMap('ab\r\ncd');
      expect(offsetToPos(map, 3)).toBe(offsetToPos(map, 2));
    });

    it.each([-1, 7, 100, Number.NEGATIVE_INFINITY])('throws RangeError for offset %s outside 0..6', (offset) => {
      const map = buildOffsetMap('ab\r\ncd');
      expect(() => offsetToPos(map, offset)).toThrow(RangeError);
      expect(() => offsetToPos(map, offset)).toThrow(`offset ${offset} is outside the text (length 6)`);
    });
  });

  describe('posToOffset', () => {
    it('maps positions between paragraphs to the nearest line edge', () => {
      const map = buildOffsetMap('ab\ncd');
      // Paragraph one covers positions 1..3, paragraph two starts at 5; 4 is between them.
      expect(posToOffset(map, 4)).toBe(2);
      expect(posToOffset(map, 0)).toBe(0);
      expect(posToOffset(map, 99)).toBe(5);
    });
  });

  describe('round trip (property)', () => {
    it('gives back every offset inside a line after offsetToPos then posToOffset', () => {
      fc.assert(
        fc.property(tricky, (text) => {
          const map = buildOffsetMap(text);
          for (const { start, end } of map.paragraphs) {
            for (let offset = start; offset <= end; offset += 1) {
              expect(posToOffset(map, offsetToPos(map, offset))).toBe(offset);
            }
          }
        }),
      );
    });

    it('never maps two offsets inside lines to the same position', () => {
      fc.assert(
        fc.property(tricky, (text) => {
          const map = buildOffsetMap(text);
          const inLines = map.paragraphs.flatMap(({ start, end }) =>
            Array.from({ length: end - start + 1 }, (_, i) => start + i),
          );
          const positions = inLines.map((o) => offsetToPos(map, o));
          expect(new Set(positions).size).toBe(positions.length);
        }),
      );
    });

    it('covers every character: the lines and their breaks add up to the text', () => {
      fc.assert(
        fc.property(tricky, (text) => {
          const { paragraphs } = buildOffsetMap(text);
          const rebuilt = paragraphs.map(({ start, end }, i) => {
            const next = paragraphs[i + 1]?.start ?? text.length;
            const lineBreak = text.slice(end, next);
            expect(['', '\n', '\r\n', '\r']).toContain(lineBreak);
            return text.slice(start, end) + lineBreak;
          });
          expect(rebuilt.join('')).toBe(text);
        }),
      );
    });
  });
});
