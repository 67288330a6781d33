import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotationView, DocumentView } from '@api/contract';
import { AnnotationStore, type StoreChange } from '../../../renderer/state/annotation-store';
import { annotationOf, summaryOf } from './fixtures';

const viewOf = (annotations: AnnotationView[], docId = 'speech'): DocumentView => ({
  document: summaryOf(docId),
  text: 'x'.repeat(100),
  annotations,
  seq: 0,
});

/** A store with `speech` open for ada, and the changes it announces. */
function openStore(annotations: AnnotationView[] = []): { store: AnnotationStore; changes: StoreChange[] } {
  const store = new AnnotationStore();
  store.open(viewOf(annotations), 'ada');
  const changes: StoreChange[] = [];
  store.subscribe((change) => changes.push(change));
  return { store, changes };
}

const ids = (store: AnnotationStore): string[] => store.list().map((a) => a.id);

describe('annotation-store', () => {
  it('lists the open document’s annotations by start, longer first, and keeps the array until a change', () => {
    const { store } = openStore([
      annotationOf('inner', 5, 8),
      annotationOf('outer', 5, 20),
      annotationOf('first', 0, 2),
    ]);
    expect(ids(store)).toEqual(['first', 'outer', 'inner']);
    expect(store.list()).toBe(store.list());
  });

  it('shows an optimistic span at once, and main’s answer in its place once settled', () => {
    const { store, changes } = openStore();
    const token = store.optimistic('new', annotationOf('new', 1, 4));
    expect(ids(store)).toEqual(['new']);
    expect(changes.at(-1)).toMatchObject({ upserted: [{ id: 'new' }], removed: [] });
    const answer = annotationOf('new', 1, 4, { rev: 7, updatedAt: '2024-05-02T00:00:00.000Z' });
    store.apply({ upsert: [answer], remove: [] });
    store.settle(token);
    expect(store.get('new')).toBe(answer);
  });

  it('takes back an optimistic change main refused', () => {
    const kept = annotationOf('a', 0, 2, { rev: 3 });
    const { store, changes } = openStore([kept]);
    const relabel = store.optimistic('a', { ...kept, label: 'date' });
    const add = store.optimistic('b', annotationOf('b', 4, 6));
    store.settle(relabel);
    store.settle(add);
    expect(store.get('a')).toBe(kept);
    expect(store.get('b')).toBeUndefined();
    expect(changes.at(-1)).toEqual({ upserted: [], removed: ['b'] });
  });

  it('shows the newest of several pending changes of one span', () => {
    const { store } = openStore([annotationOf('a', 0, 2)]);
    const first = store.optimistic('a', annotationOf('a', 0, 4));
    store.optimistic('a', annotationOf('a', 0, 6));
    store.apply({ upsert: [annotationOf('a', 0, 4, { rev: 5 })], remove: [] });
    store.settle(first);
    expect(store.get('a')?.end).toBe(6);
  });

  it('keeps the newer of two views whatever order they arrive in', () => {
    const { store } = openStore([annotationOf('a', 0, 2, { rev: 1 })]);
    store.apply({ upsert: [annotationOf('a', 0, 2, { rev: 9, label: 'date' })], remove: [] });
    store.apply({ upsert: [annotationOf('a', 0, 2, { rev: 4, label: 'precondition' })], remove: [] });
    expect(store.get('a')?.label).toBe('date');
  });

  it('does not bring back a deleted span with a view older than the deletion, but does with a newer one', () => {
    const { store } = openStore([annotationOf('a', 0, 2, { rev: 1 })]);
    store.apply({ upsert: [], remove: [{ id: 'a', docId: 'speech', rev: 5 }] });
    store.apply({ upsert: [annotationOf('a', 0, 2, { rev: 4 })], remove: [] });
    expect(store.get('a')).toBeUndefined();
    store.apply({ upsert: [annotationOf('a', 0, 2, { rev: 6 })], remove: [] });
    expect(store.get('a')?.rev).toBe(6);
  });

  it('ignores other documents and other annotators', () => {
    const { store, changes } = openStore();
    store.apply({
      upsert: [
        annotationOf('x', 0, 2, { docId: 'report', rev: 2 }),
        annotationOf('y', 0, 2, { annotator: 'ben', rev: 3 }),
      ],
      remove: [{ id: 'z', docId: 'report', rev: 4 }],
    });
    expect(store.list()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('announces a reset naming the document when another one opens', () => {
    const { store, changes } = openStore([annotationOf('a', 0, 2)]);
    store.open(viewOf([annotationOf('r', 1, 3, { docId: 'report' })], 'report'), 'ada');
    expect(changes.at(-1)).toMatchObject({ isReset: true, docId: 'report', removed: ['a'] });
    expect(ids(store)).toEqual(['r']);
  });

  it('a refresh of the open document older than changes already heard keeps those changes', () => {
    const { store } = openStore([annotationOf('old', 0, 2, { rev: 1 }), annotationOf('gone', 4, 6, { rev: 1 })]);
    store.apply({
      upsert: [annotationOf('added', 8, 10, { rev: 5 })],
      remove: [{ id: 'gone', docId: 'speech', rev: 6 }],
    });
    const pending = store.optimistic('typing', annotationOf('typing', 12, 14));
    // The view was taken at transaction 4, before the add and the deletion reached the page.
    const stale = {
      ...viewOf([annotationOf('old', 0, 2, { rev: 1 }), annotationOf('gone', 4, 6, { rev: 1 })]),
      seq: 4,
    };
    store.open(stale, 'ada');
    expect(ids(store)).toEqual(['old', 'added', 'typing']);
    expect(store.isPending('typing')).toBe(true);
    store.settle(pending);
    expect(store.get('typing')).toBeUndefined();
  });

  it('a refresh as another annotator drops the previous annotator’s spans', () => {
    const { store } = openStore([annotationOf('a', 0, 2, { rev: 1 })]);
    store.apply({ upsert: [annotationOf('b', 4, 6, { rev: 5 })], remove: [] });
    store.open({ ...viewOf([]), seq: 4 }, 'grace');
    expect(ids(store)).toEqual([]);
  });

  it('keeps the list in text order and the label counts right through any edits (property)', () => {
    const edit = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      start: fc.integer({ min: 0, max: 20 }),
      length: fc.integer({ min: 1, max: 10 }),
      label: fc.constantFrom('quote', 'date'),
      kind: fc.constantFrom('show', 'hide', 'commit', 'remove', 'settle'),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 40 }), (edits) => {
        const { store } = openStore([annotationOf('a', 3, 9), annotationOf('b', 0, 2, { label: 'date' })]);
        const tokens: number[] = [];
        edits.forEach((e, i) => {
          const view = annotationOf(e.id, e.start, e.start + e.length, { label: e.label, rev: i + 1 });
          if (e.kind === 'show') tokens.push(store.optimistic(e.id, view));
          if (e.kind === 'hide') tokens.push(store.optimistic(e.id, null));
          if (e.kind === 'commit') store.apply({ upsert: [view], remove: [] });
          if (e.kind === 'remove') store.apply({ upsert: [], remove: [{ id: e.id, docId: 'speech', rev: i + 1 }] });
          if (e.kind === 'settle' && tokens.length > 0) store.settle(tokens.shift() ?? 0);
        });
        const shown = ['a', 'b', 'c', 'd', 'e'].flatMap((id) => store.get(id) ?? []);
        const expected = [...shown].sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : 1));
        expect(store.list()).toEqual(expected);
        const counts = new Map<string, number>();
        for (const a of shown) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
        expect(new Map(store.labelCounts())).toEqual(counts);
      }),
    );
  });

  it('ends with main’s answers, whatever the order of replies, events and settlements (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), end: fc.integer({ min: 1, max: 50 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.infiniteStream(fc.boolean()),
        (edits, coin) => {
          const { store } = openStore();
          // Each edit: shown at once; main numbers it; its reply and its event arrive in any order.
          const tokens = edits.map((e) => store.optimistic(e.id, annotationOf(e.id, 0, e.end)));
          const answers = edits.map((e, i) => annotationOf(e.id, 0, e.end, { rev: i + 1 }));
          const deliveries = [...answers.map((a, i) => ({ a, i })), ...answers.map((a, i) => ({ a, i }))];
          const order = [...deliveries].sort(() => (coin.next().value ? 1 : -1));
          for (const { a } of order) store.apply({ upsert: [a], remove: [] });
          for (const token of tokens) store.settle(token);
          const last = new Map(answers.map((a) => [a.id, a]));
          for (const [id, answer] of last) expect(store.get(id)?.end).toBe(answer.end);
        },
      ),
    );
  });
});
