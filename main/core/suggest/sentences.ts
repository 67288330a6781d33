/**
 * Sentences for the recognisers: `sentences()` of ../tokens.ts (ICU, never across a line break),
 * joined again where ICU broke after an abbreviation ("U.S. President", "Feb. 28"), which news
 * text is full of. Offsets are UTF-16 code units, `end` exclusive.
 */
import type { Span } from '../span';
import { sentences } from '../tokens';

/** Words that end with a period without ending a sentence when a name or number follows. */
const ABBREVIATION =
  /(?:^|[\s(“"])(?:(?:[A-Z]\.)+[A-Z]|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|Rev|Prof|Jr|Sr|No|Vol|vs|approx|ca|e\.g|i\.e)\.$/u;

/** Longest piece handed to the segmenter at once: V8's segment iteration slows down quadratically on long strings. */
const MAX_PIECE = 4000;
const LIKELY_SENTENCE_END = /[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})/gu;

/** `text` cut into pieces of at most about MAX_PIECE code units, at line breaks or likely sentence ends. */
function pieces(text: string): Span[] {
  const result: Span[] = [];
  let start = 0;
  while (text.length - start > MAX_PIECE) {
    const window = text.slice(start, start + MAX_PIECE);
    let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('\r')) + 1;
    if (cut <= 0) {
      LIKELY_SENTENCE_END.lastIndex = 0;
      for (const m of window.matchAll(LIKELY_SENTENCE_END)) cut = m.index + m[0].length;
    }
    if (cut <= 0) cut = MAX_PIECE; // no sentence end in sight: a break here costs at most one sentence
    result.push({ start, end: start + cut });
    start += cut;
  }
  result.push({ start, end: text.length });
  return result;
}

/** Sentences of `text`, with breaks after abbreviations undone. */
export function articleSentences(text: string): Span[] {
  const merged: Span[] = [];
  const all = pieces(text).flatMap((piece) =>
    sentences(text.slice(piece.start, piece.end)).map((s) => ({
      start: s.start + piece.start,
      end: s.end + piece.start,
    })),
  );
  for (const sentence of all) {
    const previous = merged[merged.length - 1];
    if (
      previous !== undefined &&
      ABBREVIATION.test(text.slice(previous.start, previous.end)) &&
      /^[ \t]+$/u.test(text.slice(previous.end, sentence.start)) &&
      /^[\p{Lu}\d]/u.test(text.slice(sentence.start, sentence.start + 1))
    ) {
      previous.end = sentence.end;
    } else {
      merged.push({ ...sentence });
    }
  }
  return merged;
}

/** Index of the sentence holding `offset` (the last one starting at or before it), or -1. */
export function sentenceAt(list: readonly Span[], offset: number): number {
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((list[middle]?.start ?? 0) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
