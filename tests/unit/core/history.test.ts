import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../main/api/contract';
import {
  HISTORY_LIMIT,
  emptyHistory,
  invert,
  record,
  redo,
  touchedIds,
  undo,
  type ChangeSet,
  type History,
} from '../../../main/core/history';

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

const change = (partial: Partial<ChangeSet>): ChangeSet => ({ created: [], updated: [], deleted: [], ...partial });

/** The annotation set as the service keeps it: by id. */
type AnnotationSet = ReadonlyMap<string, Annotation>;

function applyChange(set: AnnotationSet, c: ChangeSet): AnnotationSet {
  const next = new Map(set);
  for (const a of c.deleted) next.delete(a.id);
  for (const { after } of c.updated) next.set(after.id, after);
  for (const a of c.created) next.set(a.id, a);
  return next;
}

describe('history', () => {
  it('removes a created annotation on undo and brings it back on redo', () => {
    const a = annotation('a');
    const created = change({ created: [a] });
    let set = applyChange(new Map(), created);
    const h = record(emptyHistory, created);

    const undone = undo(h);
    expect(undone).not.toBeNull();
    set = applyChange(set, undone!.apply);
    expect(set.has('a')).toBe(false);

    const redone = redo(undone!.history);
    expect(redone).not.toBeNull();
    set = applyChange(set, redone!.apply);
    expect(set.get('a')).toEqual(a);
  });

  it('gives back the same annotation, with the same id, on undo of a delete', () => {
    const a = annotation('kept-id', 3, 9, 'date');
    const deleted = change({ deleted: [a] });
    const undone = undo(record(emptyHistory, deleted));
    expect(undone?.apply.created).toEqual([a]);
    expect(undone?.apply.deleted).toEqual([]);
  });

  it('swaps before and after on undo of an update', () => {
    const before = annotation('a', 0, 4, 'quote');
    const after = annotation('a', 0, 4, 'date');
    expect(invert(change({ updated: [{ before, after }] })).updated).toEqual([{ before: after, after: before }]);
  });

  it('clears the redo stack when a new change is recorded', () => {
    const first = change({ created: [annotation('a')] });
    const undone = undo(record(emptyHistory, first));
    expect(undone?.history.undone).toHaveLength(1);
    const h = record(undone!.history, change({ created: [annotation('b')] }));
    expect(h.undone).toEqual([]);
    expect(redo(h)).toBeNull();
  });

  it('returns null when there is nothing to undo or redo', () => {
    expect(undo(emptyHistory)).toBeNull();
    expect(redo(emptyHistory)).toBeNull();
  });

  it('keeps at most HISTORY_LIMIT changes, dropping the oldest', () => {
    let h: History = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) h = record(h, change({ created: [annotation(`a${i}`)] }));
    expect(h.done).toHaveLength(HISTORY_LIMIT);
    expect(h.done[0]?.created[0]?.id).toBe('a5');
  });

  it('lists created and updated ids as touched, not deleted ones', () => {
    const c = change({
      created: [annotation('new')],
      updated: [{ before: annotation('moved', 0, 2), after: annotation('moved', 1, 3) }],
      deleted: [annotation('gone')],
    });
    expect(touchedIds(c)).toEqual(['new', 'moved']);
  });

  describe('round trips (property)', () => {
    /** A user action on the current set, turned into a change set with fresh ids. */
    type Step =
      | { kind: 'create'; start: number }
      | { kind: 'update'; pick: number; label: string }
      | { kind: 'delete'; pick: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), start: fc.nat(100) }),
      fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), label: fc.constantFrom('quote', 'date') }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );

    function toChange(set: AnnotationSet, step: Step, n: number): ChangeSet | null {
      const existing = [...set.values()];
      if (step.kind === 'create') return change({ created: [annotation(`id-${n}`, step.start, step.start + 3)] });
      const target = existing[step.pick % Math.max(1, existing.length)];
      if (target === undefined) return null;
      if (step.kind === 'delete') return change({ deleted: [target] });
      const after = { ...target, label: step.label, start: target.start + 1, end: target.end + 1 };
      return change({ updated: [{ before: target, after }] });
    }

    it('returns to the initial set after undoing everything, and to the final set after redoing everything', () => {
      fc.assert(
        fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
          const initial: AnnotationSet = new Map([['seed', annotation('seed')]]);
          let set = initial;
          let h: History = emptyHistory;
          steps.forEach((step, n) => {
            const c = toChange(set, step, n);
            if (c === null) return;
            set = applyChange(set, c);
            h = record(h, c);
          });
          const final = set;

          for (let u = undo(h); u !== null; u = undo(h)) {
            set = applyChange(set, u.apply);
            h = u.history;
          }
          expect(set).toEqual(initial);

          for (let r = redo(h); r !== null; r = redo(h)) {
            set = applyChange(set, r.apply);
            h = r.history;
          }
          expect(set).toEqual(final);
        }),
      );
    });
  });
});
