import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, emptyHistory, record, redo, undo, type History } from '../../../main/core/history';
import type { Annotation, StoreData } from '../../../main/core/model';
import { StoreModel } from '../../../main/core/store-model';
import { annotationChange, type Transaction } from '../../../main/core/transaction';

const annotation = (id: string, start = 0, end = 4, label = 'quote'): Annotation => ({
  id,
  docId: 'doc',
  start,
  end,
  label,
  text: 'text',
  prefix: '',
  suffix: '',
  annotator: 'ada',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const emptyData = (annotations: Annotation[] = []): StoreData => ({
  schemaVersion: 4,
  settings: { annotator: 'ada', extendToWords: true },
  folders: [],
  labels: [],
  documents: {},
  status: {},
  review: {},
  rejectedSuggestions: {},
  activity: {},
  annotations,
});

const create = (a: Annotation): Transaction => ({ changes: [annotationChange(null, a)] });

/** The model's annotations by id, in an order that does not depend on how they were put in. */
const annotationsOf = (model: StoreModel): Annotation[] =>
  [...model.annotations()].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('history', () => {
  it('removes a created annotation on undo and brings it back on redo', () => {
    const model = new StoreModel(emptyData());
    const a = annotation('a');
    model.apply(create(a));
    const undone = undo(record(emptyHistory, create(a)));
    if (!undone) throw new Error('nothing to undo');
    model.apply(undone.apply);
    expect(model.annotation('a')).toBeUndefined();

    const redone = redo(undone.history);
    if (!redone) throw new Error('nothing to redo');
    model.apply(redone.apply);
    expect(model.annotation('a')).toBe(a);
    expect(redone.history).toEqual({ done: [create(a)], undone: [] });
  });

  it('gives back the same annotation, with the same id, on undo of a delete', () => {
    const a = annotation('kept-id', 3, 9, 'date');
    const model = new StoreModel(emptyData([a]));
    const deleted: Transaction = { changes: [annotationChange(a, null)] };
    model.apply(deleted);
    const undone = undo(record(emptyHistory, deleted));
    if (!undone) throw new Error('nothing to undo');
    model.apply(undone.apply);
    expect(model.annotation('kept-id')).toBe(a);
    expect(undone.apply.changes).toEqual([{ type: 'annotation', id: 'kept-id', before: null, after: a }]);
  });

  it('swaps before and after on undo of an update', () => {
    const before = annotation('a', 0, 4, 'quote');
    const after = annotation('a', 0, 4, 'date');
    const undone = undo(record(emptyHistory, { changes: [annotationChange(before, after)] }));
    expect(undone?.apply.changes).toEqual([{ type: 'annotation', id: 'a', before: after, after: before }]);
  });

  it('clears the redo stack when a new transaction is recorded', () => {
    const undone = undo(record(emptyHistory, create(annotation('a'))));
    expect(undone?.history.undone).toHaveLength(1);
    const h = record(undone?.history ?? emptyHistory, create(annotation('b')));
    expect(h.undone).toEqual([]);
    expect(redo(h)).toBeNull();
  });

  it('returns null when there is nothing to undo or redo', () => {
    expect(undo(emptyHistory)).toBeNull();
    expect(redo(emptyHistory)).toBeNull();
  });

  it('keeps at most HISTORY_LIMIT transactions, dropping the oldest', () => {
    let h: History = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) h = record(h, create(annotation(`a${i}`)));
    expect(h.done).toHaveLength(HISTORY_LIMIT);
    expect(h.done[0]?.changes[0]).toMatchObject({ id: 'a5' });
    expect(h.done.at(-1)?.changes[0]).toMatchObject({ id: `a${HISTORY_LIMIT + 4}` });
  });

  describe('round trips (property)', () => {
    /** A user action on the current model, made into a transaction with fresh ids. */
    type Step =
      | { kind: 'create'; start: number }
      | { kind: 'update'; pick: number; label: string }
      | { kind: 'delete'; pick: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), start: fc.nat(100) }),
      fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), label: fc.constantFrom('quote', 'date') }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );

    function toTransaction(model: StoreModel, step: Step, n: number): Transaction | null {
      if (step.kind === 'create') return create(annotation(`id-${n}`, step.start, step.start + 3));
      const existing = annotationsOf(model);
      const target = existing[step.pick % Math.max(1, existing.length)];
      if (target === undefined) return null;
      if (step.kind === 'delete') return { changes: [annotationChange(target, null)] };
      const after = { ...target, label: step.label, start: target.start + 1, end: target.end + 1 };
      return { changes: [annotationChange(target, after)] };
    }

    it('returns to the initial annotations after undoing everything, and to the final ones after redoing everything', () => {
      fc.assert(
        fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
          const model = new StoreModel(emptyData([annotation('seed')]));
          const initial = annotationsOf(model);
          let h: History = emptyHistory;
          steps.forEach((step, n) => {
            const tx = toTransaction(model, step, n);
            if (tx === null) return;
            model.apply(tx);
            h = record(h, tx);
          });
          const final = annotationsOf(model);

          // apply() checks every `before`: an undo that did not fit the model would throw.
          for (let u = undo(h); u !== null; u = undo(h)) {
            model.apply(u.apply);
            h = u.history;
          }
          expect(annotationsOf(model)).toEqual(initial);

          for (let r = redo(h); r !== null; r = redo(h)) {
            model.apply(r.apply);
            h = r.history;
          }
          expect(annotationsOf(model)).toEqual(final);
        }),
      );
    });
  });
});
