import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation, StoreData } from '../../../main/core/model';
import { StoreModel } from '../../../main/core/store-model';
import { annotationChange, invert, type Change, type Transaction } from '../../../main/core/transaction';

const annotation = (id: string, docId = 'd0', start = 0, label = 'quote'): Annotation => ({
  id,
  docId,
  start,
  end: start + 4,
  label,
  text: 'text',
  prefix: '',
  suffix: '',
  annotator: 'ada',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const dataWith = (annotations: Annotation[] = []): StoreData => ({
  schemaVersion: 4,
  settings: { annotator: 'ada', extendToWords: true },
  folders: ['/news'],
  labels: [{ id: 'quote', name: 'quote', color: '#2f7ed8', hotkey: '1' }],
  documents: { d0: { id: 'd0', title: 'Zero', source: '/news/d0.txt', sha256: 'aa' } },
  status: { d0: { ada: 'done' } },
  review: {},
  rejectedSuggestions: {},
  activity: { ada: { d0: 5000 } },
  annotations,
});

/** The model as a value that does not depend on the order annotations were put in. */
function snapshotOf(model: StoreModel): StoreData {
  const data = model.toData();
  return structuredClone({ ...data, annotations: [...data.annotations].sort((a, b) => (a.id < b.id ? -1 : 1)) });
}

describe('store-model', () => {
  describe('apply', () => {
    it('applies a transaction whose before values are what the model holds', () => {
      const a = annotation('a');
      const model = new StoreModel(dataWith([a]));
      const relabelled = { ...a, label: 'date' };
      model.apply({ changes: [annotationChange(a, relabelled)] });
      expect(model.annotation('a')).toBe(relabelled);
      expect(model.annotationsOf('d0')).toEqual([relabelled]);
    });

    it('throws RangeError and changes nothing when a before value is stale', () => {
      const a = annotation('a');
      const model = new StoreModel(dataWith([a]));
      const start = snapshotOf(model);
      // Equal but not the object the model holds: someone else's copy, made before a change.
      const stale: Transaction = { changes: [annotationChange({ ...a }, { ...a, label: 'date' })] };
      expect(() => model.apply(stale)).toThrow(RangeError);
      expect(() => model.apply(stale)).toThrow(/annotation a changed since/);
      expect(model.annotation('a')).toBe(a);
      expect(snapshotOf(model)).toEqual(start);
    });

    it('changes nothing when only a later change of the transaction is stale', () => {
      const model = new StoreModel(dataWith());
      const start = snapshotOf(model);
      const folders = model.tables.folders;
      const tx: Transaction = {
        changes: [
          annotationChange(null, annotation('b')),
          { type: 'status', docId: 'd1', annotator: 'ada', before: null, after: 'in-progress' },
          { type: 'folders', before: [...folders], after: [...folders, '/more'] },
        ],
      };
      expect(() => model.apply(tx)).toThrow(RangeError);
      expect(model.conflictOf(tx)).toMatch(/^folders changed since/);
      expect(model.annotation('b')).toBeUndefined();
      expect(model.tables.folders).toBe(folders);
      expect(snapshotOf(model)).toEqual(start);
    });

    it('refuses a status whose before is stale, though the values are equal strings elsewhere', () => {
      const model = new StoreModel(dataWith());
      const tx: Transaction = {
        changes: [{ type: 'status', docId: 'd0', annotator: 'ada', before: 'in-progress', after: 'todo' }],
      };
      expect(() => model.apply(tx)).toThrow(/status of ada in d0 changed since/);
      expect(model.tables.status).toEqual({ d0: { ada: 'done' } });
    });

    it('applies a transaction that sets the same key twice, each change on the one before', () => {
      const model = new StoreModel(dataWith());
      const created = annotation('c');
      const moved = { ...created, start: 10, end: 14 };
      const once = ['/news', '/a'];
      const twice = ['/news', '/a', '/b'];
      model.apply({
        changes: [
          annotationChange(null, created),
          { type: 'folders', before: model.tables.folders, after: once },
          annotationChange(created, moved),
          { type: 'folders', before: once, after: twice },
        ],
      });
      expect(model.annotation('c')).toBe(moved);
      expect(model.tables.folders).toBe(twice);
      expect(model.annotationCount).toBe(1);
    });

    it('keeps the values it is given, so the after of one change is the before of the next', () => {
      const model = new StoreModel(dataWith());
      const doc = { id: 'd1', title: 'One', source: '/news/d1.txt', sha256: 'bb' };
      model.apply({ changes: [{ type: 'document', docId: 'd1', before: null, after: doc }] });
      expect(model.tables.documents.d1).toBe(doc);
      const renamed = { ...doc, title: 'One, renamed' };
      expect(() =>
        model.apply({ changes: [{ type: 'document', docId: 'd1', before: doc, after: renamed }] }),
      ).not.toThrow();
    });
  });

  describe('set', () => {
    it('replays a change whatever its before says, as reading a journal does', () => {
      const a = annotation('a');
      const model = new StoreModel(dataWith([a]));
      const replayed = { ...a, label: 'date' };
      model.set({ type: 'annotation', id: 'a', before: null, after: replayed });
      model.set({ type: 'status', docId: 'd0', annotator: 'ada', before: null, after: 'in-progress' });
      model.set({ type: 'activity', annotator: 'ada', docId: 'd0', before: null, after: null });
      expect(model.annotation('a')).toBe(replayed);
      expect(model.tables.status).toEqual({ d0: { ada: 'in-progress' } });
      // The last entry of an annotator's activity gone, so is the annotator's record.
      expect(model.tables.activity).toEqual({});
    });

    it('moves an annotation between the documents it is filed under', () => {
      const a = annotation('a', 'd0');
      const model = new StoreModel(dataWith([a]));
      model.set({ type: 'annotation', id: 'a', before: null, after: { ...a, docId: 'd1' } });
      expect(model.annotationsOf('d0')).toEqual([]);
      expect(model.annotationsOf('d1').map((x) => x.id)).toEqual(['a']);
      expect([...model.annotatedDocIds()]).toEqual(['d1']);
      model.set({ type: 'annotation', id: 'a', before: null, after: null });
      expect([...model.annotatedDocIds()]).toEqual([]);
      expect(model.annotationCount).toBe(0);
    });
  });

  describe('round trip (property)', () => {
    const SLOTS = [
      'annotation',
      'status',
      'activity',
      'rejectedSuggestions',
      'document',
      'review',
      'settings',
      'labels',
      'folders',
    ] as const;
    type Slot = (typeof SLOTS)[number];
    /** One change to make: which key, what value, or removal where the key may be absent. */
    interface Op {
      slot: Slot;
      key: number;
      value: number;
      remove: boolean;
    }
    const opArb: fc.Arbitrary<Op> = fc.record({
      slot: fc.constantFrom(...SLOTS),
      key: fc.nat(3),
      value: fc.nat(5),
      remove: fc.boolean(),
    });
    const transactionsArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { maxLength: 25 });

    const docOf = (key: number): string => `d${key % 2}`;
    const annotatorOf = (key: number): string => (key < 2 ? 'ada' : 'bob');

    /** The key an op changes, as one string: the tables without keys have one value each. */
    function keyOf(op: Op): string {
      switch (op.slot) {
        case 'settings':
        case 'labels':
        case 'folders':
          return op.slot;
        case 'annotation':
        case 'document':
        case 'review':
          return `${op.slot}:${op.key}`;
        default:
          return `${op.slot}:${docOf(op.key)}:${annotatorOf(op.key)}`;
      }
    }

    /** What the model holds at the op's key; `trial` holds the values earlier changes of the same transaction set. */
    function currentValue(model: StoreModel, op: Op, trial: Map<string, unknown>): unknown {
      const id = keyOf(op);
      if (trial.has(id)) return trial.get(id);
      const t = model.tables;
      const doc = docOf(op.key);
      const who = annotatorOf(op.key);
      switch (op.slot) {
        case 'annotation':
          return model.annotation(`a${op.key}`) ?? null;
        case 'status':
          return t.status[doc]?.[who] ?? null;
        case 'activity':
          return t.activity[who]?.[doc] ?? null;
        case 'rejectedSuggestions':
          return t.rejectedSuggestions[doc]?.[who] ?? null;
        case 'document':
          return t.documents[`d${op.key}`] ?? null;
        case 'review':
          return t.review[`d${op.key}`] ?? null;
        case 'settings':
          return t.settings;
        case 'labels':
          return t.labels;
        case 'folders':
          return t.folders;
      }
    }

    function changeOf(op: Op, before: unknown): Change {
      const doc = docOf(op.key);
      const who = annotatorOf(op.key);
      const gone = op.remove;
      switch (op.slot) {
        case 'annotation':
          // Removing an absent annotation is no change at all: make one instead.
          return annotationChange(
            before as Annotation | null,
            gone && before !== null ? null : annotation(`a${op.key}`, doc, op.value, op.value % 2 ? 'quote' : 'date'),
          );
        case 'status':
          return {
            type: 'status',
            docId: doc,
            annotator: who,
            before: before as 'done' | null,
            after: gone ? null : ((['todo', 'in-progress', 'done'] as const)[op.value % 3] ?? 'todo'),
          };
        case 'activity':
          return {
            type: 'activity',
            annotator: who,
            docId: doc,
            before: before as number | null,
            after: gone ? null : op.value * 1000,
          };
        case 'rejectedSuggestions':
          return {
            type: 'rejectedSuggestions',
            docId: doc,
            annotator: who,
            before: before as string[] | null,
            after: gone ? null : [`quote:${op.value}:${op.value + 4}`],
          };
        case 'document': {
          const docId = `d${op.key}`;
          const after = { id: docId, title: `Title ${op.value}`, source: `/news/${docId}.txt`, sha256: `${op.value}` };
          return { type: 'document', docId, before: before as typeof after | null, after: gone ? null : after };
        }
        case 'review':
          return {
            type: 'review',
            docId: `d${op.key}`,
            before: before as { state: 'open'; rejected: string[] } | null,
            after: gone ? null : { state: op.value % 2 ? 'open' : 'adjudicated', rejected: [`a${op.value}`] },
          };
        case 'settings':
          return {
            type: 'settings',
            before: before as { annotator: string; extendToWords: boolean },
            after: { annotator: `annotator-${op.value}`, extendToWords: gone },
          };
        case 'labels':
          return {
            type: 'labels',
            before: before as [],
            after: [{ id: `label-${op.value}`, name: `Label ${op.value}`, color: '#000000', hotkey: '' }],
          };
        case 'folders':
          return { type: 'folders', before: before as string[], after: [`/folder-${op.value}`] };
      }
    }

    /** The transaction of `ops` against the model as it is, later changes built on earlier ones. */
    function transactionOf(model: StoreModel, ops: Op[]): Transaction {
      const trial = new Map<string, unknown>();
      const changes = ops.map((op) => {
        const change = changeOf(op, currentValue(model, op, trial));
        trial.set(keyOf(op), change.after);
        return change;
      });
      return { changes };
    }

    it('returns to its start when the inverses are applied in reverse order', () => {
      fc.assert(
        fc.property(transactionsArb, (opsList) => {
          const model = new StoreModel(dataWith([annotation('a0'), annotation('seed', 'd1', 7)]));
          const start = snapshotOf(model);
          const applied: Transaction[] = [];
          for (const ops of opsList) {
            const tx = transactionOf(model, ops);
            model.apply(tx);
            applied.push(tx);
          }
          // apply() checks each before: an inverse that did not fit the model would throw here.
          for (const tx of applied.reverse()) model.apply(invert(tx));
          expect(snapshotOf(model)).toEqual(start);
        }),
      );
    });
  });
});
