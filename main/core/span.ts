/**
 * Spans and their anchoring: ordering, the context kept around a span, and the check that a
 * stored span still matches its text. Offsets are UTF-16 code units, `end` exclusive.
 */
import type { AnchorProblem } from '../api/contract';

/** A range of a text in UTF-16 code units, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** How many UTF-16 code units of context are kept on each side of a span. */
export const CONTEXT_LENGTH = 32;

/** Orders spans by start, then longer first, so an enclosing span precedes what it contains. */
export const compareSpans = (a: Span, b: Span): number => a.start - b.start || b.end - a.end;

/**
 * Checks that `start`/`end` are integer UTF-16 offsets with `0 <= start < end <= length`.
 * Returns a message naming the bad value, or null when the span is valid.
 */
export function describeBadSpan(span: Span, length: number): string | null {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    return `start ${start} and end ${end} must be whole numbers`;
  }
  if (start < 0) return `start ${start} must be >= 0`;
  if (start >= end) return `start ${start} must be < end ${end}`;
  if (end > length) return `end ${end} is past the end of the text (length ${length})`;
  return null;
}

/** The covered text and up to CONTEXT_LENGTH code units of context each side. */
export function quoteOf(text: string, span: Span): { text: string; prefix: string; suffix: string } {
  return {
    text: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - CONTEXT_LENGTH), span.start),
    suffix: text.slice(span.end, span.end + CONTEXT_LENGTH),
  };
}

/**
 * Whether a stored span still matches the text it was tagged on: its offsets must lie inside
 * the text and cover exactly the stored `text`. Returns the problem, or null when it matches.
 */
export function checkAnchor(docText: string, stored: Span & { text: string }): AnchorProblem | null {
  if (describeBadSpan(stored, docText.length) !== null) return 'out-of-range';
  return docText.slice(stored.start, stored.end) === stored.text ? null : 'text-mismatch';
}
