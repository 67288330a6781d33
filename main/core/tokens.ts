/**
 * Parley's one tokenisation, shared by the CoNLL export and the agreement measures: a token is a
 * maximal run of letters, digits and `_`, or a single character that is none of those and not
 * white space (`[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]`, as in Python's `re` with `\w+|[^\w\s]`:
 * a combining mark is a token of its own). Sentences come from the platform's Unicode
 * segmenter. Offsets are UTF-16 code units, `end` exclusive.
 */
import type { Span } from './span';

/** A token and where it is. */
export interface Token extends Span {
  text: string;
}

/** How a code point takes part in a token: white space between tokens, a word character, or other. */
const SPACE = 1;
const WORD = 2;
const OTHER = 3;
const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;
// `\s` is the set String.prototype.trim removes (WhiteSpace and LineTerminator), so one table serves both.
const WHITE_SPACE = /^\s$/u;

function classify(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  return WORD_CHARACTER.test(character) ? WORD : WHITE_SPACE.test(character) ? SPACE : OTHER;
}

const ASCII_CLASSES = Uint8Array.from({ length: 0x80 }, (_, code) => classify(code));
/** Classes of the code points below 0x10000 met so far (0: not yet classified). */
const basicClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classOf(codePoint: number): number {
  if (codePoint < 0x80) return ASCII_CLASSES[codePoint] ?? OTHER;
  if (codePoint < 0x10000) {
    const known = basicClasses[codePoint] ?? 0;
    return known !== 0 ? known : (basicClasses[codePoint] = classify(codePoint));
  }
  let known = astralClasses.get(codePoint);
  if (known === undefined) {
    known = classify(codePoint);
    astralClasses.set(codePoint, known);
  }
  return known;
}

/** The code point at `at`, reading no further than `end` (a lone surrogate stands for itself, as in a `u` regex). */
function codePointAt(text: string, at: number, end: number): number {
  const high = text.charCodeAt(at);
  if (high < 0xd800 || high > 0xdbff || at + 1 >= end) return high;
  const low = text.charCodeAt(at + 1);
  return low >= 0xdc00 && low <= 0xdfff ? (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000 : high;
}

/**
 * Calls `onToken(start, end)` for each token of `text.slice(from, to)` in order, with offsets into
 * the whole text (UTF-16, `end` exclusive); none when `to <= from`. The tokens are those of the
 * pattern in the header, found by a scan that makes no string or object per token (a test holds
 * the two equal), which over a corpus of millions of tokens is most of the time. Throws a
 * RangeError unless `from` and `to` are whole numbers within the text.
 */
export function forEachToken(
  text: string,
  from: number,
  to: number,
  onToken: (start: number, end: number) => void,
): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > text.length) {
    throw new RangeError(`tokens from ${from} to ${to} are not within a text of length ${text.length}`);
  }
  let at = from;
  while (at < to) {
    const codePoint = codePointAt(text, at, to);
    const kind = classOf(codePoint);
    const start = at;
    at += codePoint > 0xffff ? 2 : 1;
    if (kind === SPACE) continue;
    if (kind === WORD) {
      while (at < to) {
        const next = codePointAt(text, at, to);
        if (classOf(next) !== WORD) break;
        at += next > 0xffff ? 2 : 1;
      }
    }
    onToken(start, at);
  }
}

/** Where `String.prototype.slice` starts or ends for `index` in a string of `length`. */
function sliceBound(index: number, length: number): number {
  const whole = Math.trunc(index) || 0;
  return whole < 0 ? Math.max(length + whole, 0) : Math.min(whole, length);
}

/**
 * The tokens of a text (or of `text.slice(from, to)`, with offsets into the whole text: `from`
 * plus the offset in that slice).
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const begin = sliceBound(from, text.length);
  // `from - begin` is 0 for any `from` in the text; it keeps the offsets of a `from` outside it as they were.
  const shift = from - begin;
  forEachToken(text, begin, sliceBound(to, text.length), (start, end) => {
    tokens.push({ start: start + shift, end: end + shift, text: text.slice(start, end) });
  });
  return tokens;
}

/** Whether a code unit is white space, as `String.prototype.trim` and `\s` read it. */
const isSpace = (code: number): boolean => classOf(code) === SPACE;

/** One segmenter for every call: building one costs more than segmenting a short line. */
let sentenceSegmenter: Intl.Segmenter | undefined;

/**
 * Words whose full stop ends no sentence in news text because a name follows them: titles and
 * ranks. ICU's English rules break after every one of them ("Gen. | Valery Gerasimov").
 */
const TITLES = new Set(
  'Mr Mrs Ms Mx Dr Prof Gen Lt Col Maj Capt Cpt Sgt Adm Cmdr Gov Sen Rep Rev Pres Amb Hon Fr St Mt Messrs'.split(' '),
);
/** Abbreviated months: a day or a year follows ("Dec. | 19, 2024"). */
const MONTHS = new Set('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(' '));
/**
 * Words that start sentences in news text: after "U.S." or an initial, one of these starts a new
 * sentence ("left the U.S. | Then"); any other capitalised word goes on ("the U.S. President").
 */
const SENTENCE_STARTERS = new Set(
  (
    'A An The This That These Those It Its He She They We I You His Her Their Our There Here ' +
    'But And Or So Yet Then Now Still Also However Meanwhile Instead Later Earlier After Before ' +
    'In On At As If When While Since Although Though Because For From With Without By To Of ' +
    'What Who Why How Where Which No Not Some Many Most All Both Each Such One Two'
  ).split(' '),
);
/** The word a sentence piece ends with before its final full stop: `Dec`, `U.S`, `J`, `a.m`. */
const ENDING_WORD = /(?:^|[^\p{L}\p{N}.])(\p{L}+(?:\.\p{L}+)*)\.$/u;
const STARTING_WORD = /^[\p{L}\p{N}]+/u;
/** Code units read on either side of a break: more than any abbreviation and the word after it. */
const WINDOW = 40;

/**
 * Whether ICU's sentence break between `before` (trimmed, ending in a full stop) and `after`
 * (trimmed) falls after an abbreviation rather than at a sentence's end: a title before a name,
 * an abbreviated month before a number, an initial or a dotted abbreviation ("U.S.", "a.m.")
 * before a word that does not usually start a sentence.
 */
export function isAbbreviationBreak(before: string, after: string): boolean {
  const word = ENDING_WORD.exec(before)?.[1];
  const next = STARTING_WORD.exec(after)?.[0];
  if (word === undefined || next === undefined) return false;
  if (TITLES.has(word)) return true;
  if (MONTHS.has(word)) return /^\p{N}/u.test(next);
  const isInitial = /^\p{Lu}$/u.test(word);
  const isDotted = word.includes('.');
  return (isInitial || isDotted) && !SENTENCE_STARTERS.has(next);
}

/**
 * Sentence spans of a text, never crossing a line break (`\r\n`, `\n` or `\r`); white space at
 * their ends trimmed. The Unicode segmenter's sentences, joined again where it broke after an
 * abbreviation (`isAbbreviationBreak`): "Dec. 19, 2024", "Mr. Smith", "J. D. Vance".
 */
export function sentences(text: string): Span[] {
  const result: Span[] = [];
  sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const length = text.length;
  let lineStart = 0;
  while (lineStart < length) {
    let lineEnd = lineStart;
    while (lineEnd < length) {
      const code = text.charCodeAt(lineEnd);
      if (code === 0x0a || code === 0x0d) break;
      lineEnd += 1;
    }
    const lineFirst = result.length;
    if (lineEnd > lineStart) {
      // Each line is segmented alone, so that no sentence crosses a line break.
      for (const { segment, index } of sentenceSegmenter.segment(text.slice(lineStart, lineEnd))) {
        let start = lineStart + index;
        let end = start + segment.length;
        while (start < end && isSpace(text.charCodeAt(start))) start += 1;
        while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
        if (start >= end) continue;
        const previous = result.length > lineFirst ? result[result.length - 1] : undefined;
        // Only a full stop can end an abbreviation; the words either side of the break are read
        // from short windows, so a long sentence is not copied for every break.
        const isJoined =
          previous !== undefined &&
          text.charCodeAt(previous.end - 1) === 0x2e &&
          isAbbreviationBreak(
            text.slice(Math.max(previous.start, previous.end - WINDOW), previous.end),
            text.slice(start, Math.min(end, start + WINDOW)),
          );
        if (previous && isJoined) {
          previous.end = end;
        } else {
          result.push({ start, end });
        }
      }
    }
    const isCrLf = text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a;
    lineStart = lineEnd + (isCrLf ? 2 : 1);
  }
  return result;
}
