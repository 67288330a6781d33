/**
 * Which part of a long text the view draws. A text longer than WINDOW_THRESHOLD is cut at line
 * breaks into chunks of about CHUNK_CHARS; the view draws the chunk under the viewport and one
 * on either side, and stands in for the others with their height (measured once drawn, estimated
 * from the drawn ones until then). Shorter texts are one chunk, drawn whole. Pure.
 */
import type { OffsetMap } from '@core/offsets';

/** Texts up to this many UTF-16 code units are drawn whole. */
export const WINDOW_THRESHOLD = 50_000;
/** About how many code units a chunk of a longer text holds (it ends at a line break). */
export const CHUNK_CHARS = 8_000;
/** Chunks drawn on either side of the one under the viewport. */
export const WINDOW_RADIUS = 1;

/** A run of whole lines: `start` is its first line's start, `end` its last line's end (before the break). */
export interface Chunk {
  firstLine: number;
  /** One past the last line. */
  endLine: number;
  start: number;
  end: number;
}

/** Chunks `[from, to)` of the text, drawn now. */
export interface TextWindow {
  from: number;
  to: number;
}

/** Cuts a text into chunks of whole lines: one chunk when it is short enough to draw whole. */
export function chunksOf(map: OffsetMap, threshold = WINDOW_THRESHOLD, size = CHUNK_CHARS): Chunk[] {
  const lines = map.paragraphs;
  const last = lines[lines.length - 1];
  if (map.length <= threshold || last === undefined) {
    return [{ firstLine: 0, endLine: lines.length, start: 0, end: last?.end ?? 0 }];
  }
  const chunks: Chunk[] = [];
  let first = 0;
  for (let line = 0; line < lines.length; line += 1) {
    const start = lines[first]?.start ?? 0;
    const end = lines[line]?.end ?? 0;
    if (end - start >= size || line === lines.length - 1) {
      chunks.push({ firstLine: first, endLine: line + 1, start, end });
      first = line + 1;
    }
  }
  return chunks;
}

/** Index of the chunk holding text offset `offset` (a line break belongs to the chunk before it). */
export function chunkAt(chunks: readonly Chunk[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((chunks[mid]?.start ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The window centred on chunk `index`. */
export function windowAround(chunks: readonly Chunk[], index: number, radius = WINDOW_RADIUS): TextWindow {
  const at = Math.max(0, Math.min(chunks.length - 1, index));
  return { from: Math.max(0, at - radius), to: Math.min(chunks.length, at + radius + 1) };
}

/** Heights of the chunks in pixels: measured where drawn, estimated by length elsewhere. */
export class ChunkHeights {
  private readonly measured: (number | undefined)[];
  private measuredPx = 0;
  private measuredChars = 0;

  constructor(
    private readonly chunks: readonly Chunk[],
    /** Pixels per code unit before anything is measured. */
    private readonly guessPxPerChar = 0.4,
  ) {
    this.measured = chunks.map(() => undefined);
  }

  /** Records the drawn height of chunk `index`. */
  measure(index: number, px: number): void {
    const chunk = this.chunks[index];
    if (!chunk || !(px >= 0)) return;
    const old = this.measured[index];
    if (old !== undefined) {
      this.measuredPx -= old;
      this.measuredChars -= chunk.end - chunk.start;
    }
    this.measured[index] = px;
    this.measuredPx += px;
    this.measuredChars += chunk.end - chunk.start;
  }

  /** Height of chunk `index`. */
  of(index: number): number {
    const chunk = this.chunks[index];
    if (!chunk) return 0;
    const known = this.measured[index];
    if (known !== undefined) return known;
    const perChar = this.measuredChars > 0 ? this.measuredPx / this.measuredChars : this.guessPxPerChar;
    return (chunk.end - chunk.start) * perChar;
  }

  /** Total height of chunks `[from, to)`. */
  sum(from: number, to: number): number {
    let total = 0;
    for (let i = Math.max(0, from); i < Math.min(to, this.chunks.length); i += 1) total += this.of(i);
    return total;
  }

  /** The chunk at `y` pixels from the top of the text (the last one past the end). */
  indexAt(y: number): number {
    let top = 0;
    for (let i = 0; i < this.chunks.length; i += 1) {
      top += this.of(i);
      if (y < top) return i;
    }
    return this.chunks.length - 1;
  }
}
