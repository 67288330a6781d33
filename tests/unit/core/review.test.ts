import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, type ClassedSpan } from '../../../main/core/review';

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
