import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotationView } from '@api/contract';
import { diffHighlights, type Drawn } from '../../../renderer/features/viewer/highlight-diff';
import { annotationOf } from './fixtures';

const a = annotationOf('a', 0, 2);
const b = annotationOf('b', 3, 5);
const c = annotationOf('c', 6, 9);

describe('highlight-diff', () => {
  it('redraws nothing when the objects and the selection are the same', () => {
    expect(diffHighlights({ annotations: [a, b], selectedId: 'a' }, { annotations: [a, b], selectedId: 'a' })).toEqual({
      removeIds: [],
      add: [],
    });
  });

  it('removes and re-adds only the annotation whose object changed', () => {
    const relabelled = { ...b, label: 'date' };
    expect(
      diffHighlights(
        { annotations: [a, b, c], selectedId: null },
        { annotations: [a, relabelled, c], selectedId: null },
      ),
    ).toEqual({
      removeIds: ['b'],
      add: [relabelled],
    });
  });

  it('adds a new annotation without removing anything', () => {
    expect(diffHighlights({ annotations: [a], selectedId: null }, { annotations: [a, b], selectedId: null })).toEqual({
      removeIds: [],
      add: [b],
    });
  });

  it('removes the ids of deleted annotations', () => {
    expect(
      diffHighlights({ annotations: [a, b, c], selectedId: null }, { annotations: [b], selectedId: null }),
    ).toEqual({
      removeIds: ['a', 'c'],
      add: [],
    });
  });

  it('redraws the old and the new selection when the selection moves', () => {
    const diff = diffHighlights(
      { annotations: [a, b, c], selectedId: 'a' },
      { annotations: [a, b, c], selectedId: 'c' },
    );
    expect(diff.removeIds.sort()).toEqual(['a', 'c']);
    expect(diff.add).toEqual([a, c]);
  });

  it('redraws the deselected annotation', () => {
    expect(diffHighlights({ annotations: [a, b], selectedId: 'b' }, { annotations: [a, b], selectedId: null })).toEqual(
      {
        removeIds: ['b'],
        add: [b],
      },
    );
  });

  describe('applied to what is drawn (property)', () => {
    /** What the highlight layer shows: each id with the object and whether it is drawn selected. */
    type Layer = Map<string, { annotation: AnnotationView; isSelected: boolean }>;
    const draw = ({ annotations, selectedId }: Drawn): Layer =>
      new Map(annotations.map((x) => [x.id, { annotation: x, isSelected: x.id === selectedId }]));

    const pool = ['a', 'b', 'c', 'd', 'e'].map((id, i) => annotationOf(id, i * 3, i * 3 + 2));
    const drawn = fc.record({
      annotations: fc
        .subarray(pool)
        .chain((list) =>
          fc.tuple(...list.map((x) => fc.boolean().map((isChanged) => (isChanged ? { ...x, updatedAt: 'later' } : x)))),
        ),
      selectedId: fc.constantFrom(null, 'a', 'b', 'c', 'd', 'e'),
    });

    it('turns the drawn layer into exactly the next one and leaves unchanged annotations alone', () => {
      fc.assert(
        fc.property(drawn, drawn, (prev, next) => {
          const layer = draw(prev);
          const { removeIds, add } = diffHighlights(prev, next);
          for (const id of removeIds) {
            expect(layer.has(id)).toBe(true);
            layer.delete(id);
          }
          for (const x of add) {
            expect(layer.has(x.id)).toBe(false);
            layer.set(x.id, { annotation: x, isSelected: x.id === next.selectedId });
          }
          expect(layer).toEqual(draw(next));
          const before = draw(prev);
          for (const x of add) {
            const old = before.get(x.id);
            expect(old?.annotation === x && old.isSelected === (x.id === next.selectedId)).toBe(false);
          }
        }),
      );
    });
  });
});
