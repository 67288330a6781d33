import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, SpanIndex, type ClassedSpan } from '../../../main/core/review';

let next = 0;
const span = (annotator: string, start: number, end: number, label = 'quote'): ClassedSpan => ({
  id: `s${(next += 1)}`,
  annotator,
  start,
  end,
  label,
});

const classesOf = (spans: ClassedSpan[], annotators: string[]): string[] => {
  const classes = classify(spans, annotators);
  return spans.map((s) => classes.get(s.id) ?? 'ignored');
};

describe('review classify', () => {
  it('classes two annotators: agreed, label differs, boundary differs, only one', () => {
    const spans = [
      span('ada', 0, 5),
      span('ben', 0, 5),
      span('ada', 10, 15, 'date'),
      span('ben', 10, 15, 'quote'),
      span('ada', 20, 30),
      span('ben', 22, 30),
      span('ada', 40, 45),
    ];
    expect(classesOf(spans, ['ada', 'ben'])).toEqual([
      'agreed',
      'agreed',
      'label',
      'label',
      'boundary',
      'boundary',
      'only',
    ]);
  });

  it('calls a span two of three annotators share, and the third lacks, partial', () => {
    const spans = [span('ada', 0, 5), span('ben', 0, 5), span('cy', 0, 5), span('ada', 10, 12), span('ben', 10, 12)];
    expect(classesOf(spans, ['ada', 'ben', 'cy'])).toEqual(['agreed', 'agreed', 'agreed', 'partial', 'partial']);
  });

  it('prefers the boundary class over partial when the third annotator drew other bounds', () => {
    const spans = [span('ada', 0, 5), span('ben', 0, 5), span('cy', 0, 8)];
    expect(classesOf(spans, ['ada', 'ben', 'cy'])).toEqual(['boundary', 'boundary', 'boundary']);
  });

  it('finds an overlap with a long span that starts well before', () => {
    const spans = [span('ben', 0, 100), span('ben', 2, 3), span('ben', 4, 5), span('ada', 50, 60)];
    expect(classesOf(spans, ['ada', 'ben'])[3]).toBe('boundary');
  });

  it('does not count touching spans as overlapping', () => {
    expect(classesOf([span('ada', 0, 5), span('ben', 5, 9)], ['ada', 'ben'])).toEqual(['only', 'only']);
  });

  it('ignores annotators who are not reviewed', () => {
    const spans = [span('ada', 0, 5), span('ben', 0, 5), span('gold', 0, 5, 'date')];
    expect(classesOf(spans, ['ada', 'ben'])).toEqual(['agreed', 'agreed', 'ignored']);
  });

  it('calls every span of a lone annotator only', () => {
    expect(classesOf([span('ada', 0, 5)], ['ada'])).toEqual(['only']);
  });

  it('agrees with a brute-force overlap search on random spans', () => {
    const spanArb = fc.record({
      annotator: fc.constantFrom('a', 'b', 'c'),
      start: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 1, max: 30 }),
      label: fc.constantFrom('x', 'y'),
    });
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 25 }), (raw) => {
        const spans = raw.map((r, i) => ({
          id: `r${i}`,
          annotator: r.annotator,
          start: r.start,
          end: r.start + r.length,
          label: r.label,
        }));
        const annotators = ['a', 'b', 'c'];
        const classes = classify(spans, annotators);
        for (const s of spans) {
          const others = annotators.filter((a) => a !== s.annotator);
          const hasExact = (a: string): boolean =>
            spans.some((o) => o.annotator === a && o.start === s.start && o.end === s.end && o.label === s.label);
          const boundary = others.some(
            (a) =>
              !hasExact(a) &&
              spans.some(
                (o) =>
                  o.annotator === a &&
                  o.label === s.label &&
                  o.start < s.end &&
                  s.start < o.end &&
                  (o.start !== s.start || o.end !== s.end),
              ),
          );
          const label = spans.some(
            (o) => o.annotator !== s.annotator && o.start === s.start && o.end === s.end && o.label !== s.label,
          );
          const expected = others.every(hasExact)
            ? 'agreed'
            : label
              ? 'label'
              : boundary
                ? 'boundary'
                : others.some(hasExact)
                  ? 'partial'
                  : 'only';
          expect(classes.get(s.id)).toBe(expected);
        }
      }),
    );
  });
});

describe('review SpanIndex', () => {
  const spanArb = fc.record({
    annotator: fc.constantFrom('a', 'b'),
    start: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 1, max: 20 }),
    label: fc.constantFrom('x', 'y'),
  });
  const spansOf = (raw: { annotator: string; start: number; length: number; label: string }[]): ClassedSpan[] =>
    raw.map((r, i) => ({
      id: `r${i}`,
      annotator: r.annotator,
      start: r.start,
      end: r.start + r.length,
      label: r.label,
    }));
  const queryArb = fc.record({ start: fc.integer({ min: 0, max: 50 }), length: fc.integer({ min: 1, max: 20 }) });

  it('finds overlaps with another range, and the last overlapping span, as a brute-force search does', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 30 }), queryArb, (raw, q) => {
        const spans = spansOf(raw);
        const index = new SpanIndex(spans);
        const [start, end] = [q.start, q.start + q.length];
        for (const annotator of ['a', 'b']) {
          for (const label of ['x', 'y']) {
            const lane = spans
              .filter((s) => s.annotator === annotator && s.label === label)
              .sort((p, r) => p.start - r.start || p.end - r.end);
            const overlaps = lane.filter((s) => s.start < end && start < s.end);
            expect(index.hasOtherOverlap(annotator, label, start, end)).toBe(
              overlaps.some((s) => s.start !== start || s.end !== end),
            );
            expect(index.lastOverlapping(annotator, label, start, end)).toBe(overlaps.at(-1));
          }
        }
        expect(index.sameRange(start, end)).toEqual(spans.filter((s) => s.start === start && s.end === end));
      }),
    );
  });

  it('classes a long span over thousands of short ones without comparing each pair', () => {
    // One span of ada's covers 20,000 short ones of hers; ben drew each short one a unit longer.
    const spans = [span('ada', 0, 200_000)];
    for (let i = 0; i < 20_000; i += 1) spans.push(span('ada', i * 10, i * 10 + 4), span('ben', i * 10, i * 10 + 5));
    const began = performance.now();
    const classes = classify(spans, ['ada', 'ben']);
    // Pairwise, this is 400 million steps (tens of seconds); sorted lanes take milliseconds.
    expect(performance.now() - began).toBeLessThan(2_000);
    expect(classes.get(spans[1]?.id ?? '')).toBe('boundary');
    expect(classes.get(spans[0]?.id ?? '')).toBe('boundary');
    expect(new Set(classes.values())).toEqual(new Set(['boundary']));
  });
});
