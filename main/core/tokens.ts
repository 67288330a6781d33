/**
 * Parley's one tokenisation, shared by the CoNLL export and the agreement measures: a token is a
 * maximal run of letters, digits and `_`, or a single character that is none of those and not
 * white space (`[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]`, as in Python's `re` with `\w+|[^\w\s]`:
 * a combining mark is a token of its own). Sentences come from the platform's Unicode
 * segmenter. Offsets are UTF-16 code units, `end` exclusive.
 */
import type { Span } from './span';

const TOKEN = /[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu;

/** A token and where it is. */
export interface Token extends Span {
  text: string;
}

/** The tokens of a text (or of `text.slice(from, to)`, with offsets into the whole text). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (const match of text.slice(from, to).matchAll(TOKEN)) {
    const start = from + match.index;
    tokens.push({ start, end: start + match[0].length, text: match[0] });
  }
  return tokens;
}

/** Sentence spans of a text, never crossing a line break; white space at their ends trimmed. */
export function sentences(text: string): Span[] {
  const result: Span[] = [];
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  let lineStart = 0;
  for (const line of text.split(/(\r\n|\n|\r)/)) {
    if (/^(\r\n|\n|\r)$/.test(line)) {
      lineStart += line.length;
      continue;
    }
    for (const segment of segmenter.segment(line)) {
      const trimmedStart = segment.segment.length - segment.segment.trimStart().length;
      const trimmed = segment.segment.trim();
      if (trimmed === '') continue;
      const start = lineStart + segment.index + trimmedStart;
      result.push({ start, end: start + trimmed.length });
    }
    lineStart += line.length;
  }
  return result;
}
