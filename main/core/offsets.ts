/**
 * The map between text offsets (UTF-16 code units) and positions in a document built of one
 * paragraph per line. Built once per text; each lookup is a binary search.
 */

/** Line breaks that end a paragraph: CRLF counts as one break of two code units. */
const LINE_BREAK = /\r\n|\n|\r/g;

/** One line of the text. */
export interface Paragraph {
  /** Offset of the line's first code unit in the text. */
  start: number;
  /** Offset just past the line's last code unit, before its line break. */
  end: number;
}

/** Lines of a text and the position each starts at, for offset ↔ position conversion. */
export interface OffsetMap {
  paragraphs: readonly Paragraph[];
  /** Offset of each paragraph's start, for binary search. */
  starts: readonly number[];
  /** Position of the first character of each paragraph (ProseMirror: 1 + sum of sizes before). */
  positions: readonly number[];
  /** Length of the text in UTF-16 code units. */
  length: number;
}

/** Splits a text into lines and computes where each starts as a position. */
export function buildOffsetMap(text: string): OffsetMap {
  const paragraphs: Paragraph[] = [];
  const starts: number[] = [];
  const positions: number[] = [];
  let lineStart = 0;
  let pos = 1;
  const push = (end: number): void => {
    paragraphs.push({ start: lineStart, end });
    starts.push(lineStart);
    positions.push(pos);
    pos += end - lineStart + 2;
  };
  for (const match of text.matchAll(LINE_BREAK)) {
    push(match.index);
    lineStart = match.index + match[0].length;
  }
  push(text.length);
  return { paragraphs, starts, positions, length: text.length };
}

/** Index of the last element of a sorted array that is <= value (0 when none is). */
function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((sorted[mid] ?? 0) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Position of a text offset. An offset inside a line break maps to the end of its line.
 * Throws RangeError for an offset outside 0..length.
 */
export function offsetToPos(map: OffsetMap, offset: number): number {
  if (offset < 0 || offset > map.length) {
    throw new RangeError(`offset ${offset} is outside the text (length ${map.length})`);
  }
  const index = lastAtOrBelow(map.starts, offset);
  const paragraph = map.paragraphs[index];
  const pos = map.positions[index];
  if (paragraph === undefined || pos === undefined) throw new RangeError(`no paragraph ${index}`);
  return pos + Math.min(offset - paragraph.start, paragraph.end - paragraph.start);
}

/**
 * Text offset of a position. Positions between paragraphs map to the nearest line's edge.
 */
export function posToOffset(map: OffsetMap, pos: number): number {
  const index = lastAtOrBelow(map.positions, pos);
  const paragraph = map.paragraphs[index];
  const start = map.positions[index];
  if (paragraph === undefined || start === undefined) return 0;
  const inLine = Math.max(0, Math.min(pos - start, paragraph.end - paragraph.start));
  return paragraph.start + inLine;
}
