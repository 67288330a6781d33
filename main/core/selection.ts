/**
 * Turns what the analyst selected into the span that gets tagged: white space trimmed at both
 * ends and, unless turned off, extended to whole words. Offsets are UTF-16 code units, `end`
 * exclusive. Never splits a surrogate pair.
 */
import type { Span } from './span';
import { tokenize } from './tokens';

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const SPACE = /\s/u;

/** The code point that starts at `index` (a lone low surrogate is returned as it is). */
const codePointAt = (text: string, index: number): string => String.fromCodePoint(text.codePointAt(index) ?? 0);

/** The code point that ends just before `index`. */
function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  const isLow = low >= 0xdc00 && low <= 0xdfff;
  const high = text.charCodeAt(index - 2);
  const isPair = isLow && index >= 2 && high >= 0xd800 && high <= 0xdbff;
  return isPair ? text.slice(index - 2, index) : text.charAt(index - 1);
}

const isWordAt = (text: string, i: number): boolean =>
  i >= 0 && i < text.length && WORD_CHAR.test(codePointAt(text, i));
const isWordBefore = (text: string, i: number): boolean => i > 0 && WORD_CHAR.test(codePointBefore(text, i));

/** Moves an offset that points between the halves of a surrogate pair to the pair's start. */
function snapToCodePoint(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  const prev = text.charCodeAt(offset - 1);
  const splits = code >= 0xdc00 && code <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff;
  return splits ? offset - 1 : offset;
}

/**
 * Extends `start` left and `end` right while they cut through a run of word characters (letters,
 * digits, marks, `_`). Apostrophes and hyphens are tokens of their own (`\w+|[^\w\s]`, as in
 * the CoNLL export and the agreement measures), so "Zelenskyy" does not grow into "Zelenskyy’s".
 */
export function extendToWords(text: string, span: Span): Span {
  let { start, end } = span;
  while (isWordAt(text, start) && isWordBefore(text, start)) start -= codePointBefore(text, start).length;
  while (isWordBefore(text, end) && isWordAt(text, end)) end += codePointAt(text, end).length;
  return { start, end };
}

/** Removes white space from both ends of a span. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && SPACE.test(text.charAt(start))) start += 1;
  while (end > start && SPACE.test(text.charAt(end - 1))) end -= 1;
  return { start, end };
}

/**
 * The span to tag for a selection from `anchor` to `head` (either order): clamped to the text,
 * snapped to whole code points, trimmed and, when `toWords` is set, extended to whole words.
 * Returns null when nothing but white space is selected.
 */
export function spanFromSelection(
  text: string,
  anchor: number,
  head: number,
  options: { toWords: boolean },
): Span | null {
  const clamp = (n: number): number => Math.min(Math.max(0, Math.trunc(n)), text.length);
  let span = {
    start: snapToCodePoint(text, clamp(Math.min(anchor, head))),
    end: snapToCodePoint(text, clamp(Math.max(anchor, head))),
  };
  span = trimSpan(text, span);
  if (span.start >= span.end) return null;
  if (options.toWords) span = trimSpan(text, extendToWords(text, span));
  return span.start < span.end ? span : null;
}

/** How far either side of an edge nudging looks for the next token. */
const NUDGE_WINDOW = 2000;

/**
 * Moves one edge of a span by a token (a word, or one punctuation mark), the way Alt+arrows
 * nudge a boundary: `direction` 1 moves it right, -1 left. Returns null when the move would
 * leave the span empty or there is no token that way.
 */
export function nudgeSpan(text: string, span: Span, edge: 'start' | 'end', direction: 1 | -1): Span | null {
  const at = edge === 'start' ? span.start : span.end;
  const from = Math.max(0, at - NUDGE_WINDOW);
  const tokens = tokenize(text, from, Math.min(text.length, at + NUDGE_WINDOW));
  let next: number | undefined;
  if (edge === 'end') {
    next =
      direction === 1
        ? tokens.find((t) => t.end > span.end)?.end
        : tokens.filter((t) => t.end < span.end && t.end > span.start).pop()?.end;
  } else {
    next =
      direction === -1
        ? tokens.filter((t) => t.start < span.start).pop()?.start
        : tokens.find((t) => t.start > span.start && t.start < span.end)?.start;
  }
  if (next === undefined) return null;
  const moved = edge === 'start' ? { start: next, end: span.end } : { start: span.start, end: next };
  return moved.start < moved.end ? moved : null;
}
