import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOffsetMap } from '@core/offsets';
import {
  chunkAt,
  chunksOf,
  ChunkHeights,
  windowAround,
  WINDOW_THRESHOLD,
} from '../../../renderer/features/viewer/text-window';

const lines = (count: number, width: number): string =>
  Array.from({ length: count }, (_, i) => `${String(i).padStart(5, '0')} ${'x'.repeat(width)}`).join('\n');

describe('text-window', () => {
  it('draws a text up to the threshold whole, as one chunk', () => {
    const text = lines(100, 300);
    expect(text.length).toBeLessThanOrEqual(WINDOW_THRESHOLD);
    expect(chunksOf(buildOffsetMap(text))).toEqual([{ firstLine: 0, endLine: 100, start: 0, end: text.length }]);
    expect(chunksOf(buildOffsetMap(''))).toEqual([{ firstLine: 0, endLine: 1, start: 0, end: 0 }]);
  });

  it('cuts a long text at line breaks into chunks that cover every line once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom('\n', '\r\n'),
        (widths, br) => {
          const text = widths.map((w) => 'a'.repeat(w)).join(br);
          const map = buildOffsetMap(text);
          const chunks = chunksOf(map, 2000, 1500);
          if (text.length <= 2000) {
            expect(chunks).toHaveLength(1);
            return;
          }
          expect(chunks[0]?.firstLine).toBe(0);
          expect(chunks.at(-1)?.endLine).toBe(map.paragraphs.length);
          expect(chunks.at(-1)?.end).toBe(text.length);
          chunks.forEach((chunk, i) => {
            expect(chunk.start).toBe(map.paragraphs[chunk.firstLine]?.start);
            expect(chunk.end).toBe(map.paragraphs[chunk.endLine - 1]?.end);
            if (i > 0) expect(chunk.firstLine).toBe(chunks[i - 1]?.endLine);
            // Every chunk but the last holds at least the chunk size.
            if (i < chunks.length - 1) expect(chunk.end - chunk.start).toBeGreaterThanOrEqual(1500);
          });
          // Every offset is in the chunk chunkAt names (a line break belongs to the chunk before).
          for (let offset = 0; offset <= text.length; offset += 97) {
            const chunk = chunks[chunkAt(chunks, offset)];
            expect(chunk?.start).toBeLessThanOrEqual(offset);
            const next = chunks[chunkAt(chunks, offset) + 1];
            if (next) expect(offset).toBeLessThan(next.start);
          }
        },
      ),
    );
  });

  it('draws the chunk under the viewport and one on either side, clamped at the ends', () => {
    const chunks = chunksOf(buildOffsetMap(lines(400, 300)));
    expect(chunks.length).toBeGreaterThan(10);
    expect(windowAround(chunks, 0)).toEqual({ from: 0, to: 2 });
    expect(windowAround(chunks, 5)).toEqual({ from: 4, to: 7 });
    expect(windowAround(chunks, chunks.length + 3)).toEqual({ from: chunks.length - 2, to: chunks.length });
  });

  it('estimates undrawn chunks from the drawn ones and finds the chunk at a height', () => {
    const chunks = chunksOf(buildOffsetMap(lines(400, 300)));
    const heights = new ChunkHeights(chunks, 1);
    const size = (i: number): number => (chunks[i]?.end ?? 0) - (chunks[i]?.start ?? 0);
    expect(heights.of(3)).toBe(size(3));
    heights.measure(0, size(0) / 2);
    heights.measure(1, size(1) / 2);
    expect(heights.of(1)).toBe(size(1) / 2);
    expect(heights.of(7)).toBeCloseTo(size(7) / 2);
    heights.measure(0, size(0) / 4); // measured again: replaces, does not add
    expect(heights.of(0)).toBe(size(0) / 4);
    expect(heights.sum(0, 2)).toBe(size(0) / 4 + size(1) / 2);
    expect(heights.indexAt(0)).toBe(0);
    expect(heights.indexAt(heights.sum(0, 5) + 1)).toBe(5);
    expect(heights.indexAt(1e12)).toBe(chunks.length - 1);
  });
});
