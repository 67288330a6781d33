/**
 * Find in the document, as text: where a query occurs in a string, case-insensitive, and how the
 * current hit steps. Pure; drawing the hits over the text is text-ranges.ts's job.
 */

/** A hit: UTF-16 code units into the searched string, `end` exclusive. */
export interface TextHit {
  start: number;
  end: number;
}

/** More hits than this are not drawn: a one-letter query over a long article would stall the view. */
export const MAX_HITS = 5000;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Every occurrence of `query` in `text`, ignoring case, in order and not overlapping, at most
 * `limit`. An empty query has no hits. Offsets are into `text` as given (the match is made on the
 * text itself, so case folding never shifts them).
 */
export function findHits(text: string, query: string, limit = MAX_HITS): TextHit[] {
  if (query === '') return [];
  const pattern = new RegExp(escapeRegExp(query), 'giu');
  const hits: TextHit[] = [];
  for (const match of text.matchAll(pattern)) {
    if (hits.length >= limit) break;
    hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

/** The hit after (`1`) or before (`-1`) `current` among `count`, wrapping round; -1 when there is none. */
export function stepHit(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** "3 of 12", "No hits", or "5000+ hits (first 5000 shown)" when the limit was reached. */
export function describeHits(current: number, count: number, limit = MAX_HITS): string {
  if (count === 0) return 'No hits';
  const position = current < 0 ? `${count}` : `${current + 1} of ${count}`;
  return count >= limit ? `${position}+` : position;
}
