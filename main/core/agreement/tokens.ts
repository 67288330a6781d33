/**
 * Where the tokens of a text are, as the token-level measures need them: offsets only, and which
 * tokens a span covers whole. The tokens are those of ../tokens.ts (`tokenize`, shared with the CoNLL
 * export); this scan finds the same ones without a string or an object per token. Offsets are
 * UTF-16 code units, `end` exclusive.
 */
import { countBelow } from '../sorted';

/** Token boundaries of a text in order: UTF-16 code units, `end` exclusive. */
export interface TokenOffsets {
  starts: Int32Array;
  ends: Int32Array;
}

/** How a code point takes part in a token: white space between tokens, a word character, or other. */
const SPACE = 1;
const WORD = 2;
const OTHER = 3;
const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;
const WHITE_SPACE = /^\s$/u;
/** Classes of the code points below 0x10000 met so far (0: not yet classified). */
const basicClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  return WORD_CHARACTER.test(character) ? WORD : WHITE_SPACE.test(character) ? SPACE : OTHER;
}

const ASCII_CLASSES = Uint8Array.from({ length: 0x80 }, (_, code) => classify(code));

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    const known = basicClasses[codePoint] ?? 0;
    if (known !== 0) return known;
    return (basicClasses[codePoint] = classify(codePoint));
  }
  let known = astralClasses.get(codePoint);
  if (known === undefined) {
    known = classify(codePoint);
    astralClasses.set(codePoint, known);
  }
  return known;
}

/** Token boundaries as they are found, reused from text to text. */
let scratchStarts = new Int32Array(0);
let scratchEnds = new Int32Array(0);

/** The code point at a UTF-16 offset (a lone surrogate stands for itself, as in a `u` regex). */
function codePointAt(text: string, at: number): number {
  const high = text.charCodeAt(at);
  if (high < 0xd800 || high > 0xdbff || at + 1 >= text.length) return high;
  const low = text.charCodeAt(at + 1);
  return low >= 0xdc00 && low <= 0xdfff ? (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000 : high;
}

/**
 * The tokens of a text as offsets only: exactly the tokens of `tokenize` in ../tokens.ts (a run of
 * `[\p{L}\p{N}_]`, or one other character that is not white space; a test holds the two equal),
 * scanned without a string or an object per token, which at millions of tokens is most of the time.
 */
export function tokenOffsets(text: string): TokenOffsets {
  if (scratchStarts.length < text.length) {
    scratchStarts = new Int32Array(text.length);
    scratchEnds = new Int32Array(text.length);
  }
  const count = scanTokens(text, scratchStarts, scratchEnds);
  return { starts: scratchStarts.slice(0, count), ends: scratchEnds.slice(0, count) };
}

/** Writes each token's start and end and returns the number of tokens. */
function scanTokens(text: string, starts: Int32Array, ends: Int32Array): number {
  const length = text.length;
  let count = 0;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    let kind: number;
    let width = 1;
    if (code < 0x80) kind = ASCII_CLASSES[code] ?? OTHER;
    else {
      const codePoint = codePointAt(text, at);
      kind = classOf(codePoint);
      if (codePoint > 0xffff) width = 2;
    }
    at += width;
    if (kind === SPACE) continue;
    starts[count] = at - width;
    if (kind === WORD) {
      // The common case first: a run of ASCII letters and digits, read as code units.
      while (at < length) {
        const code = text.charCodeAt(at);
        if (code < 0x80) {
          if (ASCII_CLASSES[code] !== WORD) break;
          at += 1;
          continue;
        }
        const codePoint = codePointAt(text, at);
        if (classOf(codePoint) !== WORD) break;
        at += codePoint > 0xffff ? 2 : 1;
      }
    }
    ends[count] = at;
    count += 1;
  }
  return count;
}

/**
 * The tokens a span `[start, end)` (UTF-16) covers whole, as token indexes `[first, end)`;
 * `first >= end` when it covers none.
 */
export function coveredTokens(tokens: TokenOffsets, start: number, end: number): { first: number; end: number } {
  return { first: countBelow(tokens.starts, start, false), end: countBelow(tokens.ends, end, true) };
}
