import { describe, expect, it } from 'vitest';
import type { CoreSuggestion } from '../../../main/core/suggest/index';
import { packSuggestions, unpackSuggestions } from '../../../main/service/packed-suggestions';

/** `count` suggestions over a text of words, with every label and attribute shape the recognisers make. */
function manySuggestions(count: number): { text: string; found: CoreSuggestion[] } {
  const text = 'word '.repeat(count + 1);
  const kinds = [
    { label: 'quote', attributes: (i: number) => ({ speaker: i % 3 === 0 ? '' : `Speaker “${i}”` }) },
    { label: 'precondition', attributes: (i: number) => ({ holder: `Holder ${i}` }) },
    { label: 'date', attributes: (i: number) => ({ value: i % 2 === 0 ? '2025-03-03' : '' }) },
  ] as const;
  const found = Array.from({ length: count }, (_, i): CoreSuggestion => {
    const kind = kinds[i % kinds.length] ?? kinds[0];
    const start = i * 5;
    return {
      start,
      end: start + 4 + (i % 2) * 5,
      label: kind.label,
      text: text.slice(start, start + 4 + (i % 2) * 5),
      attributes: kind.attributes(i),
      recogniser: kind.label,
    };
  });
  return { text, found };
}

describe('packed-suggestions', () => {
  it.each([0, 1, 999, 1000, 1001, 2500])('gives back %i suggestions equal, in order, key for key', async (count) => {
    const { text, found } = manySuggestions(count);
    const packed = structuredClone(packSuggestions(found));
    const unpacked = await unpackSuggestions(packed, text, (s) => s);
    expect(unpacked).toEqual(found);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(found));
  });

  it('lets other callbacks run between slices of a long list', async () => {
    const { text, found } = manySuggestions(2500);
    let hasRun = false;
    const unpacked = unpackSuggestions(packSuggestions(found), text, (s) => s);
    setImmediate(() => (hasRun = true));
    await unpacked;
    expect(hasRun).toBe(true);
  });

  it('throws RangeError when the numbers and the slices do not match', async () => {
    const { text, found } = manySuggestions(3);
    const packed = packSuggestions(found);
    await expect(unpackSuggestions({ ...packed, spans: packed.spans.subarray(1) }, text, (s) => s)).rejects.toThrow(
      RangeError,
    );
    await expect(unpackSuggestions({ ...packed, attributes: ['[]'] }, text, (s) => s)).rejects.toThrow(RangeError);
  });
});
