/**
 * Spans over generated text: whole words, spread evenly from the first line to the last, a
 * twentieth of them drawn over another span so that a tenth of all spans overlap one. Offsets
 * are UTF-16 code units, `end` exclusive.
 */
import type { Span } from '../main/core/span';
import type { Random } from './random';

/** A span with its label, before it becomes an annotation. */
export interface LabelledSpan extends Span {
  label: string;
}

/** The labels of the default label set, weighted as news annotation tends to be. */
const LABELS = ['quote', 'quote', 'precondition', 'precondition', 'date'] as const;

/** The words of a text: letters and digits, with inner apostrophes and hyphens. */
export function wordsOf(text: string): Span[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * `count` labelled spans over `words`, sorted by start then longer first. 95 % are disjoint runs
 * of one to six words spread over the text; each of the other 5 % starts inside one of them and
 * ends one to three words after it, so 10 % of the spans overlap another.
 */
export function spansOver(r: Random, words: readonly Span[], count: number): LabelledSpan[] {
  const overlapping = Math.round(count * 0.05);
  const disjoint = count - overlapping;
  const step = words.length / disjoint;
  const room = Math.max(1, Math.floor(step / 3));
  if (room < 2) throw new RangeError(`${words.length} words are too few for ${count} spans`);
  const runs: [number, number][] = [];
  for (let i = 0; i < disjoint; i += 1) {
    const first = Math.floor(i * step) + r.int(0, room - 1);
    runs.push([first, first + r.int(0, Math.min(5, room - 1))]);
  }
  const spanOf = ([first, last]: [number, number]): LabelledSpan => ({
    start: words[first]?.start ?? 0,
    end: words[last]?.end ?? 0,
    label: r.pick(LABELS),
  });
  const spans = runs.map(spanOf);
  // Overlaps go over evenly spaced runs, never the first or last, so those stay put.
  for (let k = 0; k < overlapping; k += 1) {
    const [first, last] = runs[1 + Math.floor(((k + 0.5) * (disjoint - 2)) / overlapping)] ?? [0, 0];
    spans.push(spanOf([first + r.int(0, last - first), Math.min(words.length - 1, last + r.int(1, 3))]));
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}
