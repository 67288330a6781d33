import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../main/core/model';
import {
  annotationChange,
  annotationChanges,
  invert,
  isEmpty,
  keptAnnotationIds,
  touchedDocIds,
  type Change,
  type Transaction,
} from '../../../main/core/transaction';

const annotation = (id: string, docId = 'doc', label = 'quote'): Annotation => ({
  id,
  docId,
  start: 0,
  end: 4,
  label,
  text: 'text',
  prefix: '',
  suffix: '',
  annotator: 'ada',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

/** Any change of any type, with values before and after. */
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc
    .record({ id: fc.constantFrom('a', 'b'), before: fc.boolean(), after: fc.boolean(), label: fc.string() })
    .map(({ id, before, after, label }): Change => ({
      type: 'annotation',
      id,
      before: before ? annotation(id) : null,
      after: after ? annotation(id, 'doc', label) : null,
    })),
  fc.record({
    type: fc.constant('status' as const),
    docId: fc.string(),
    annotator: fc.string(),
    before: maybe(fc.constantFrom('todo' as const, 'in-progress' as const, 'done' as const)),
    after: maybe(fc.constantFrom('todo' as const, 'in-progress' as const, 'done' as const)),
  }),
  fc.record({
    type: fc.constant('activity' as const),
    annotator: fc.string(),
    docId: fc.string(),
    before: maybe(fc.nat()),
    after: maybe(fc.nat()),
  }),
  fc.record({
    type: fc.constant('folders' as const),
    before: fc.array(fc.string(), { maxLength: 3 }),
    after: fc.array(fc.string(), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('rejectedSuggestions' as const),
    docId: fc.string(),
    annotator: fc.string(),
    before: maybe(fc.array(fc.string(), { maxLength: 3 })),
    after: maybe(fc.array(fc.string(), { maxLength: 3 })),
  }),
);

const transactionArb: fc.Arbitrary<Transaction> = fc.record({ changes: fc.array(changeArb, { maxLength: 8 }) });

describe('transaction', () => {
  it('gives back the same transaction when inverted twice (property)', () => {
    fc.assert(
      fc.property(transactionArb, (tx) => {
        expect(invert(invert(tx))).toEqual(tx);
      }),
    );
  });

  it('inverts by swapping before and after of each change, in reverse order', () => {
    const a = annotation('a');
    const b = annotation('b', 'doc', 'date');
    const tx: Transaction = {
      changes: [
        annotationChange(null, a),
        { type: 'folders', before: [], after: ['/news'] },
        annotationChange(b, null),
      ],
    };
    expect(invert(tx).changes).toEqual([
      { type: 'annotation', id: 'b', before: null, after: b },
      { type: 'folders', before: ['/news'], after: [] },
      { type: 'annotation', id: 'a', before: a, after: null },
    ]);
    // The values are the very objects of the transaction, never copies.
    expect(invert(tx).changes[2]?.before).toBe(a);
  });

  it('does not change the transaction it inverts', () => {
    const tx: Transaction = {
      changes: [annotationChange(null, annotation('a')), annotationChange(annotation('b'), null)],
    };
    const copy = structuredClone(tx);
    invert(tx);
    expect(tx).toEqual(copy);
  });

  it('throws TypeError for an annotation change with no value before or after', () => {
    expect(() => annotationChange(null, null)).toThrow(TypeError);
  });

  it('keys an annotation change by the id of its value', () => {
    expect(annotationChange(annotation('x'), null)).toMatchObject({ id: 'x' });
    expect(annotationChange(null, annotation('y'))).toMatchObject({ id: 'y' });
  });

  it('names the documents whose annotations it touches and the annotations it keeps', () => {
    const tx: Transaction = {
      changes: [
        annotationChange(null, annotation('new', 'doc-a')),
        annotationChange(annotation('moved', 'doc-b'), annotation('moved', 'doc-b', 'date')),
        annotationChange(annotation('gone', 'doc-c'), null),
        { type: 'status', docId: 'doc-d', annotator: 'ada', before: null, after: 'done' },
      ],
    };
    expect([...touchedDocIds(tx)].sort()).toEqual(['doc-a', 'doc-b', 'doc-c']);
    expect(keptAnnotationIds(tx)).toEqual(['new', 'moved']);
    expect(annotationChanges(tx).map((c) => c.id)).toEqual(['new', 'moved', 'gone']);
  });

  it('is empty only without changes', () => {
    expect(isEmpty({ changes: [] })).toBe(true);
    expect(isEmpty({ changes: [{ type: 'folders', before: [], after: [] }] })).toBe(false);
  });
});
