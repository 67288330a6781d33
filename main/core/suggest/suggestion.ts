/**
 * What every recogniser returns: a suggested span with its label, covered text and proposed
 * attributes. Offsets are UTF-16 code units, `end` exclusive. Building and trimming spans is here;
 * finding them is each recogniser's.
 */
import type { Span } from '../span';

/** The built-in recognisers; each suggests the label with the same id. */
export type RecogniserId = 'date' | 'quote' | 'precondition';

/** A suggested span. UTF-16 offsets, `end` exclusive; `text === source.slice(start, end)`. */
export interface CoreSuggestion {
  start: number;
  end: number;
  label: string;
  text: string;
  attributes: Record<string, string>;
  recogniser: RecogniserId;
}

/** The suggestion for `source.slice(start, end)`. */
export function makeSuggestion(
  source: string,
  span: Span,
  recogniser: RecogniserId,
  attributes: Record<string, string>,
): CoreSuggestion {
  return {
    start: span.start,
    end: span.end,
    label: recogniser,
    text: source.slice(span.start, span.end),
    attributes,
    recogniser,
  };
}

const LEADING = /^[\s]+/u;
const TRAILING = /[\s]+$/u;

/** The span without white space at either end; `null` when nothing is left. */
export function trimSpan(text: string, span: Span): Span | null {
  const slice = text.slice(span.start, span.end);
  const start = span.start + (LEADING.exec(slice)?.[0].length ?? 0);
  const end = span.end - (TRAILING.exec(slice)?.[0].length ?? 0);
  return start < end ? { start, end } : null;
}
