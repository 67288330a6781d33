/**
 * suggest()'s result packed for the trip from the suggest worker to the main thread, and unpacked
 * there a slice at a time. Cloning 9,000 suggestion objects (a 1 MiB article) and building the
 * service's from them held the main thread 40–60 ms; numbers, a few JSON strings and slices of the
 * text it already holds, unpacked between turns of the event loop, hold it a few at a time.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CoreSuggestion, RecogniserId } from '../core/suggest/index';

/** Fields per suggestion in `PackedSuggestions.spans`: start, end, label, recogniser. */
const FIELDS = 4;
/** Suggestions unpacked between two turns of the event loop: about a millisecond's work. */
const SLICE = 1000;

/** Suggestions as numbers and names; `text` is left out, since it is the slice of the source. */
export interface PackedSuggestions {
  /**
   * Per suggestion, in order: start, end (UTF-16 code units, end exclusive), and the indexes of
   * its label and recogniser in `names`.
   */
  spans: Int32Array<ArrayBuffer>;
  names: string[];
  /** The suggestions' attributes: one JSON array per slice of SLICE suggestions. */
  attributes: string[];
}

/** Packs suggestions found in a text; `unpackSuggestions` with that text gives them back equal. */
export function packSuggestions(found: readonly CoreSuggestion[]): PackedSuggestions {
  const names: string[] = [];
  const indexOf = (name: string): number => {
    const at = names.indexOf(name);
    return at >= 0 ? at : names.push(name) - 1;
  };
  const spans = new Int32Array(found.length * FIELDS);
  found.forEach((s, i) => spans.set([s.start, s.end, indexOf(s.label), indexOf(s.recogniser)], i * FIELDS));
  const attributes: string[] = [];
  for (let at = 0; at < found.length; at += SLICE) {
    attributes.push(JSON.stringify(found.slice(at, at + SLICE).map((s) => s.attributes)));
  }
  return { spans, names, attributes };
}

/**
 * `make` applied to each suggestion `packed` holds, in order, their text sliced from `source`
 * (the text they were found in). Yields to the event loop between slices, so a long list never
 * holds the thread for long. Rejects with RangeError when `packed` is not well formed.
 */
export async function unpackSuggestions<T>(
  packed: PackedSuggestions,
  source: string,
  make: (suggestion: CoreSuggestion) => T,
): Promise<T[]> {
  const { spans, names } = packed;
  const count = spans.length / FIELDS;
  if (!Number.isInteger(count) || packed.attributes.length !== Math.ceil(count / SLICE)) {
    throw new RangeError(`${spans.length} packed numbers and ${packed.attributes.length} slices do not match`);
  }
  const result: T[] = [];
  for (const [slice, json] of packed.attributes.entries()) {
    if (slice > 0) await nextTurn();
    const attributes = JSON.parse(json) as Record<string, string>[];
    attributes.forEach((attributesOfOne, offset) => {
      const at = (slice * SLICE + offset) * FIELDS;
      const start = spans[at] ?? 0;
      const end = spans[at + 1] ?? 0;
      result.push(
        make({
          start,
          end,
          label: names[spans[at + 2] ?? -1] ?? '',
          text: source.slice(start, end),
          attributes: attributesOfOne,
          recogniser: (names[spans[at + 3] ?? -1] ?? '') as RecogniserId,
        }),
      );
    });
  }
  if (result.length !== count) throw new RangeError(`${count} suggestions were packed, ${result.length} unpacked`);
  return result;
}
