/**
 * Conversion between Parley's UTF-16 offsets and the unit an export uses: Unicode code points
 * (Python, spaCy, Prodigy, brat, Label Studio) or UTF-16 code units (browsers, UIMA/INCEpTION).
 * Built once per text; each conversion is a binary search over the text's surrogate pairs.
 */

import type { OffsetEncoding } from '../api/contract';
import { countBelow } from './sorted';

export type { OffsetEncoding };
/** The units offsets are counted in outside Parley. */
export const OFFSET_ENCODINGS: readonly OffsetEncoding[] = ['codepoint', 'utf16'];

/** Converts offsets of one text between UTF-16 and an external unit. */
export interface OffsetCodec {
  /** Length of the text in the external unit. */
  readonly length: number;
  /** External offset of a UTF-16 offset. Throws RangeError inside a surrogate pair or out of range. */
  toExternal(utf16: number): number;
  /** UTF-16 offset of an external offset, or null when it is out of range or not a whole number. */
  toUtf16(external: number): number | null;
}

/** UTF-16 offsets of the low half of every surrogate pair, in order. */
function lowSurrogates(text: string): number[] {
  const result: number[] = [];
  for (let i = 0; i < text.length - 1; i += 1) {
    const high = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      result.push(i + 1);
      i += 1;
    }
  }
  return result;
}

/** The codec for a text and an external unit. */
export function createOffsetCodec(text: string, encoding: OffsetEncoding): OffsetCodec {
  if (encoding === 'utf16') {
    return {
      length: text.length,
      toExternal: (utf16) => {
        if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) {
          throw new RangeError(`offset ${utf16} is outside the text (length ${text.length})`);
        }
        return utf16;
      },
      toUtf16: (external) => (Number.isInteger(external) && external >= 0 && external <= text.length ? external : null),
    };
  }
  const lows = lowSurrogates(text);
  // The code-point offset k maps to UTF-16 offset k + (number of pairs wholly before it).
  const pairStartsInCodePoints = lows.map((low, index) => low - 1 - index);
  return {
    length: text.length - lows.length,
    toExternal: (utf16) => {
      if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) {
        throw new RangeError(`offset ${utf16} is outside the text (length ${text.length})`);
      }
      const below = countBelow(lows, utf16 + 1);
      if (below > 0 && lows[below - 1] === utf16) {
        throw new RangeError(`offset ${utf16} splits a surrogate pair`);
      }
      return utf16 - below;
    },
    toUtf16: (external) => {
      if (!Number.isInteger(external) || external < 0 || external > text.length - lows.length) return null;
      return external + countBelow(pairStartsInCodePoints, external);
    },
  };
}

/** `text` sliced by external offsets, or null when they do not fit the text. */
export function sliceExternal(codec: OffsetCodec, text: string, start: number, end: number): string | null {
  const from = codec.toUtf16(start);
  const to = codec.toUtf16(end);
  return from === null || to === null || from > to ? null : text.slice(from, to);
}
