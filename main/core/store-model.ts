/**
 * The store's data in memory, indexed: annotations by id and by document, and the small tables.
 * It changes only by applying a Transaction, whose `before` values must be what the model holds;
 * readers get read-only views. Values put in are kept as they are (never copied), so a change's
 * `before` is the very object the model handed out.
 */
import type { Annotation, DeepReadonly, StoreData, StoreTables } from './model';
import type { Change, Transaction } from './transaction';

export type { DeepReadonly } from './model';

/** The small tables as readers see them. */
export type ReadonlyTables = DeepReadonly<StoreTables>;

const EMPTY: readonly Annotation[] = Object.freeze([]);

/** Whether two values of a change are the same: identical objects, or equal primitives. */
const isSame = (a: unknown, b: unknown): boolean => a === b || (a === undefined && b === null);

/** A short description of a change's key, for messages. */
function keyOf(change: Change): string {
  switch (change.type) {
    case 'annotation':
      return `annotation ${change.id}`;
    case 'status':
    case 'rejectedSuggestions':
      return `${change.type} of ${change.annotator} in ${change.docId}`;
    case 'activity':
      return `activity of ${change.annotator} in ${change.docId}`;
    case 'document':
    case 'review':
      return `${change.type} ${change.docId}`;
    default:
      return change.type;
  }
}

export class StoreModel {
  private readonly byId = new Map<string, Annotation>();
  /** docId → its annotations; a new array whenever one changes, so a list handed out stays as it was. */
  private readonly byDoc = new Map<string, readonly Annotation[]>();
  private readonly data: StoreTables;
  /** Ids that `data` held more than once (the later ones were kept); a store must have none. */
  readonly duplicateIds: readonly string[];

  /** Takes ownership of `data`: its tables are changed in place from now on. */
  constructor(data: StoreData) {
    const { annotations, ...tables } = data;
    this.data = tables;
    const duplicates: string[] = [];
    const filed = new Map<string, Annotation[]>();
    for (const a of annotations) {
      if (this.byId.has(a.id)) duplicates.push(a.id);
      this.byId.set(a.id, a);
      const list = filed.get(a.docId);
      if (list) list.push(a);
      else filed.set(a.docId, [a]);
    }
    for (const [docId, list] of filed) this.byDoc.set(docId, list);
    if (duplicates.length > 0) {
      // Keep one annotation per id in the document lists too.
      for (const [docId, list] of this.byDoc)
        this.byDoc.set(
          docId,
          list.filter((a) => this.byId.get(a.id) === a),
        );
    }
    this.duplicateIds = duplicates;
  }

  /** The small tables: settings, labels, documents, statuses, review, rejections, activity. */
  get tables(): ReadonlyTables {
    return this.data;
  }

  get annotationCount(): number {
    return this.byId.size;
  }

  annotation(id: string): Annotation | undefined {
    return this.byId.get(id);
  }

  /** A document's annotations, any annotator, in no particular order; it never changes once given. */
  annotationsOf(docId: string): readonly Annotation[] {
    return this.byDoc.get(docId) ?? EMPTY;
  }

  /** Every annotation of every document. */
  annotations(): IterableIterator<Annotation> {
    return this.byId.values();
  }

  /** Ids of the documents that have annotations. */
  annotatedDocIds(): IterableIterator<string> {
    return this.byDoc.keys();
  }

  /** The first change of `tx` whose `before` is not what the model holds, in words; or null. */
  conflictOf(tx: Transaction): string | null {
    // Later changes of one transaction may depend on earlier ones: check against a trial state.
    const trial = new Map<string, unknown>();
    for (const change of tx.changes) {
      const key = keyOf(change);
      const current = trial.has(key) ? trial.get(key) : this.valueOf(change);
      if (!isSame(current, change.before)) return `${key} changed since this change was made`;
      trial.set(key, change.after);
    }
    return null;
  }

  /** Applies `tx`. Throws RangeError, changing nothing, when a `before` is not current. */
  apply(tx: Transaction): void {
    const conflict = this.conflictOf(tx);
    if (conflict !== null) throw new RangeError(conflict);
    for (const change of tx.changes) this.set(change);
  }

  /** Sets the change's key to its `after` value, whatever it holds now (replaying a journal). */
  set(change: Change): void {
    const t = this.data;
    switch (change.type) {
      case 'annotation': {
        const old = this.byId.get(change.id);
        const after = change.after;
        // An update in the same document keeps its place in that document's list.
        if (old && after && old.docId === after.docId) {
          this.byId.set(after.id, after);
          this.byDoc.set(
            after.docId,
            (this.byDoc.get(after.docId) ?? EMPTY).map((x) => (x.id === after.id ? after : x)),
          );
          return;
        }
        if (old) this.remove(old);
        if (after) this.put(after);
        return;
      }
      case 'status':
        t.status[change.docId] = withKey(t.status[change.docId], change.annotator, change.after);
        if (Object.keys(t.status[change.docId] ?? {}).length === 0) delete t.status[change.docId];
        return;
      case 'rejectedSuggestions':
        t.rejectedSuggestions[change.docId] = withKey(
          t.rejectedSuggestions[change.docId],
          change.annotator,
          change.after as string[] | null,
        );
        if (Object.keys(t.rejectedSuggestions[change.docId] ?? {}).length === 0)
          delete t.rejectedSuggestions[change.docId];
        return;
      case 'activity':
        t.activity[change.annotator] = withKey(t.activity[change.annotator], change.docId, change.after);
        if (Object.keys(t.activity[change.annotator] ?? {}).length === 0) delete t.activity[change.annotator];
        return;
      // The tables hold the change's values themselves: a later change's `before` is that object.
      case 'document':
        if (change.after === null) delete t.documents[change.docId];
        else t.documents[change.docId] = change.after;
        return;
      case 'review':
        if (change.after === null) delete t.review[change.docId];
        else t.review[change.docId] = change.after as StoreTables['review'][string];
        return;
      case 'settings':
        t.settings = change.after as StoreTables['settings'];
        return;
      case 'labels':
        t.labels = change.after as StoreTables['labels'];
        return;
      case 'folders':
        t.folders = change.after as string[];
        return;
    }
  }

  /** The whole store as one value (for a snapshot or a backup); shares the model's objects. */
  toData(): StoreData {
    return { ...this.data, annotations: [...this.byId.values()] };
  }

  /** What the model holds now at a change's key (null: absent). */
  private valueOf(change: Change): unknown {
    const t = this.data;
    switch (change.type) {
      case 'annotation':
        return this.byId.get(change.id) ?? null;
      case 'status':
        return t.status[change.docId]?.[change.annotator] ?? null;
      case 'rejectedSuggestions':
        return t.rejectedSuggestions[change.docId]?.[change.annotator] ?? null;
      case 'activity':
        return t.activity[change.annotator]?.[change.docId] ?? null;
      case 'document':
        return t.documents[change.docId] ?? null;
      case 'review':
        return t.review[change.docId] ?? null;
      case 'settings':
        return t.settings;
      case 'labels':
        return t.labels;
      case 'folders':
        return t.folders;
    }
  }

  private put(a: Annotation): void {
    this.byId.set(a.id, a);
    this.byDoc.set(a.docId, [...(this.byDoc.get(a.docId) ?? EMPTY), a]);
  }

  private remove(a: Annotation): void {
    this.byId.delete(a.id);
    const rest = (this.byDoc.get(a.docId) ?? EMPTY).filter((x) => x.id !== a.id);
    if (rest.length === 0) this.byDoc.delete(a.docId);
    else this.byDoc.set(a.docId, rest);
  }
}

/** A copy of `record` with `key` set to `value`, or removed when `value` is null. */
function withKey<T>(record: Record<string, T> | undefined, key: string, value: T | null): Record<string, T> {
  const next = { ...record };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}
