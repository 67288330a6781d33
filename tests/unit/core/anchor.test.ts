import { describe, expect, it } from 'vitest';
import { reanchor, type Anchor } from '../../../main/core/anchor';
import { quoteOf } from '../../../main/core/span';

const BEFORE =
  'Kremlin spokesman Dmitry Peskov said on Monday that Moscow is open to talks. ' +
  'He added that any talks would depend on “the realities on the ground” and on Kyiv’s recognition of them. ' +
  'Ukraine said talks could start only after a full ceasefire.';

const anchorOf = (needle: string, text = BEFORE): Anchor => {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`no ${needle}`);
  const end = start + needle.length;
  return { start, end, ...quoteOf(text, { start, end }) };
};

const placed = (text: string, anchor: Anchor) => {
  const result = reanchor(text, anchor);
  return result.kind === 'moved' ? { ...result, text: text.slice(result.start, result.end) } : result;
};

describe('reanchor', () => {
  const quote = anchorOf('the realities on the ground');

  it('keeps a span whose text is still at its offsets', () => {
    expect(reanchor(BEFORE, quote)).toEqual({ kind: 'exact' });
    expect(reanchor(BEFORE + ' More text after.', quote)).toEqual({ kind: 'exact' });
  });

  it('finds it moved by an edit before it', () => {
    const edited = `UPDATED: ${BEFORE}`;
    expect(placed(edited, quote)).toMatchObject({ kind: 'moved', how: 'exact', text: 'the realities on the ground' });
  });

  it('finds it after an edit after it, and after text rewritten around it', () => {
    expect(reanchor(BEFORE.replace('full ceasefire', 'complete and verified ceasefire'), quote)).toEqual({
      kind: 'exact',
    });
    const rewritten = BEFORE.replace(
      'He added that any talks would depend on “',
      'In a later statement the spokesman stressed that negotiations hinge on “',
    );
    expect(placed(rewritten, quote)).toMatchObject({
      kind: 'moved',
      how: 'exact',
      text: 'the realities on the ground',
    });
  });

  it('chooses the occurrence whose context matches, not merely the nearest', () => {
    const talks = anchorOf('talks could start');
    const edited = `Talks could start soon, one paper said; talks could start later, said another. ${BEFORE}`;
    expect(placed(edited, talks)).toMatchObject({
      kind: 'moved',
      how: 'exact',
      start: edited.lastIndexOf('talks could start'),
    });
  });

  it('finds a span edited inside (a word changed) by a fuzzy match near its old place', () => {
    const edited = BEFORE.replace('the realities on the ground', 'the realties on the ground');
    expect(placed(edited, quote)).toMatchObject({ kind: 'moved', how: 'fuzzy', text: 'the realties on the ground' });
    const longer = anchorOf(
      'any talks would depend on “the realities on the ground” and on Kyiv’s recognition of them',
    );
    const edited2 = `Intro. ${BEFORE.replace('Kyiv’s recognition', 'Kyiv’s formal recognition')}`;
    expect(placed(edited2, longer)).toMatchObject({
      kind: 'moved',
      how: 'fuzzy',
      text: 'any talks would depend on “the realities on the ground” and on Kyiv’s formal recognition of them',
    });
  });

  it('makes an orphan of a span whose text is gone', () => {
    const edited = BEFORE.replace(
      'He added that any talks would depend on “the realities on the ground” and on Kyiv’s recognition of them. ',
      '',
    );
    expect(reanchor(edited, quote)).toEqual({ kind: 'orphan' });
    expect(reanchor('', quote)).toEqual({ kind: 'orphan' });
  });
});

describe('reanchor on random edits outside the span', () => {
  it('always finds the span at its shifted place', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            cut: fc.nat({ max: 40 }),
            put: fc.string({ maxLength: 30 }),
          }),
          {
            maxLength: 6,
          },
        ),
        (words, first, count, edits) => {
          const text = Array.from({ length: words }, (_, i) => `w${i}x`).join(' ');
          const spanWords = text.split(' ').slice(first % (words - count), (first % (words - count)) + count);
          const needle = spanWords.join(' ');
          const anchor = anchorOf(needle, text);
          let edited = text;
          let start = anchor.start;
          for (const e of edits) {
            // An edit wholly before or wholly after the span.
            const before = e.at < 0.5;
            const room = before ? start : edited.length - (start + needle.length);
            const at = before
              ? Math.floor(e.at * 2 * room)
              : start + needle.length + Math.floor((e.at - 0.5) * 2 * room);
            const cut = Math.min(e.cut, before ? start - at : edited.length - at);
            edited = edited.slice(0, at) + e.put + edited.slice(at + cut);
            if (before) start += e.put.length - cut;
          }
          const result = reanchor(edited, anchor);
          const found = result.kind === 'exact' ? anchor.start : result.kind === 'moved' ? result.start : -1;
          expect(edited.slice(found, found + needle.length)).toBe(needle);
          expect(found).toBe(start);
        },
      ),
    );
  });
});
