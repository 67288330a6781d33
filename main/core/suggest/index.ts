/**
 * Pre-annotation: the built-in recognisers (date, quote, precondition) run over a text and
 * return suggested spans for the labels asked for. Plain TypeScript, no Node or DOM, so the
 * service, the CLI and the renderer can all call it. Offsets are UTF-16 code units, `end` exclusive.
 */
import { compareSpans } from '../span';
import { recogniseDates } from './date';
import { indexNames } from './names';
import { recognisePreconditions } from './precondition';
import { parseIsoDay } from './iso';
import { detectPublicationDate } from './pubdate';
import { recogniseQuotes } from './quote';
import type { CoreSuggestion, RecogniserId } from './suggestion';

export type { CoreSuggestion, RecogniserId };
export { detectPublicationDate };

/** Every recogniser, in the order their labels ship (quote 1, precondition 2, date 3). */
export const RECOGNISER_IDS: readonly RecogniserId[] = ['quote', 'precondition', 'date'];

/** What `suggest` runs and how it resolves relative dates. */
export interface SuggestOptions {
  /** Labels to suggest; a recogniser runs only when its label is listed. Default: all three. */
  labels?: readonly string[];
  /** The article's publication date, YYYY-MM-DD; default: the date the text states, if any. */
  publishedAt?: string;
}

/**
 * Suggested spans for `text`, sorted by start, then longer first. Dates are resolved against
 * `publishedAt`, else against `detectPublicationDate(text)`; relative dates get `value: ''` when
 * neither is known. Throws RangeError when `publishedAt` is not a YYYY-MM-DD calendar date.
 */
export function suggest(text: string, options: SuggestOptions = {}): CoreSuggestion[] {
  const { labels = RECOGNISER_IDS, publishedAt } = options;
  if (publishedAt !== undefined && parseIsoDay(publishedAt) === null) {
    throw new RangeError(`publishedAt ${JSON.stringify(publishedAt)} is not a YYYY-MM-DD calendar date`);
  }
  const wanted = new Set(labels);
  const result: CoreSuggestion[] = [];
  if (wanted.has('date')) result.push(...recogniseDates(text, publishedAt ?? detectPublicationDate(text)));
  if (wanted.has('quote') || wanted.has('precondition')) {
    const names = indexNames(text);
    const quotes = recogniseQuotes(text, names);
    if (wanted.has('quote')) result.push(...quotes);
    if (wanted.has('precondition')) {
      const speakers = quotes.map((q) => ({ start: q.start, end: q.end, speaker: q.attributes.speaker ?? '' }));
      result.push(...recognisePreconditions(text, names, speakers));
    }
  }
  return result.sort(compareSpans);
}
