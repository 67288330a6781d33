/**
 * The open document's own annotations in the renderer, outside React's render: what main
 * committed (merged by revision, so replies and events may arrive in any order) with the
 * renderer's optimistic changes over it until main answers. Listeners hear each change as the
 * ids it touched, so the text redraws only those highlights. Pure; tested without a DOM.
 */
import type { AnnotationDelta, AnnotationView, DocumentView } from '@api/contract';
import { compareSpans } from '@core/span';

/** What one change touched: annotations drawn anew (their view now) and ids no longer there. */
export interface StoreChange {
  upserted: readonly AnnotationView[];
  removed: readonly string[];
  /** Set when everything was replaced (a document opened): redraw all rather than these. */
  isReset?: boolean;
  /** The document a reset is of: a view drawing another text ignores it. */
  docId?: string | null;
}

type Listener = (change: StoreChange) => void;

/** A pending optimistic change: the view it shows for an id (null: shown as deleted). */
interface Overlay {
  token: number;
  view: AnnotationView | null;
}

const EMPTY: readonly AnnotationView[] = Object.freeze([]);

/** Text order: start, longer first, then id, so every annotation has one place. */
const inTextOrder = (a: AnnotationView, b: AnnotationView): number =>
  compareSpans(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Whether two views of an annotation draw the same highlight and list row. */
function looksTheSame(a: AnnotationView, b: AnnotationView): boolean {
  const sameAttributes = (x = a.attributes ?? {}, y = b.attributes ?? {}): boolean =>
    Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
  return (
    a.id === b.id &&
    a.start === b.start &&
    a.end === b.end &&
    a.label === b.label &&
    a.text === b.text &&
    a.annotator === b.annotator &&
    a.problem === b.problem &&
    a.note === b.note &&
    a.source === b.source &&
    sameAttributes()
  );
}

/** Where `view` is, or would go, in a list in text order (binary search). */
function indexOf(list: readonly AnnotationView[], view: AnnotationView): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const other = list[mid];
    if (other && inTextOrder(other, view) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class AnnotationStore {
  private docId: string | null = null;
  private annotator = '';
  /** What main committed, by id. */
  private readonly base = new Map<string, AnnotationView>();
  /** Revision of each deletion main committed, by id: an older view arriving late is ignored. */
  private readonly removedAt = new Map<string, number>();
  /** Optimistic changes not answered yet, by id; the newest wins. */
  private readonly overlays = new Map<string, Overlay[]>();
  private nextToken = 1;
  /** What is shown, in text order; a new array after every change (never changed in place). */
  private sorted: readonly AnnotationView[] = EMPTY;
  /** How many shown annotations carry each label; a new map after every change. */
  private counts: ReadonlyMap<string, number> = new Map();
  private version = 0;
  private readonly listeners = new Set<Listener>();

  /** The open document's id, or null. */
  get openDocId(): string | null {
    return this.docId;
  }

  /** Increases with every change; React reads it to know the list changed. */
  getVersion = (): number => this.version;

  /**
   * Shows a document just fetched: its annotations replace what was held. Another document drops
   * everything, pending changes included; the same one keeps what is newer than the view.
   */
  open(view: DocumentView, annotator: string): void {
    const before = new Map(this.list().map((a) => [a.id, a]));
    const isSameDocument = this.docId === view.document.id;
    // The same document fetched again (a refresh) may be older than changes already heard: those
    // newer than the view's transaction, and changes still pending, stay.
    const newer = isSameDocument
      ? [...this.base.values()].filter((a) => a.rev > view.seq && a.annotator === annotator)
      : [];
    const removedSince = isSameDocument ? [...this.removedAt].filter(([, rev]) => rev > view.seq) : [];
    const pending = isSameDocument ? [...this.overlays] : [];
    this.docId = view.document.id;
    this.annotator = annotator;
    this.base.clear();
    this.removedAt.clear();
    this.overlays.clear();
    for (const a of view.annotations) this.base.set(a.id, a);
    for (const a of newer) if ((this.base.get(a.id)?.rev ?? -1) < a.rev) this.base.set(a.id, a);
    for (const [id, rev] of removedSince) {
      if ((this.base.get(id)?.rev ?? -1) > rev) continue;
      this.base.delete(id);
      this.removedAt.set(id, rev);
    }
    for (const [id, list] of pending) {
      const kept = list.filter((o) => o.view === null || o.view.annotator === annotator);
      if (kept.length > 0) this.overlays.set(id, kept);
    }
    this.rebuild();
    const upserted = view.annotations.filter((a) => before.get(a.id) !== a);
    const removed = [...before.keys()].filter((id) => !this.base.has(id));
    this.changed({ upserted, removed, isReset: true, docId: this.docId });
  }

  /** Forgets the open document (none is shown). */
  close(): void {
    const removed = [...this.visibleIds()];
    this.docId = null;
    this.base.clear();
    this.removedAt.clear();
    this.overlays.clear();
    this.rebuild();
    this.changed({ upserted: [], removed, isReset: true, docId: null });
  }

  /**
   * Merges what main committed: upserts newer than what is held (by `rev`), removals newer than
   * the view they remove. Other documents' and other annotators' annotations are ignored.
   */
  apply(delta: AnnotationDelta): void {
    const upserted: AnnotationView[] = [];
    const removed: string[] = [];
    for (const view of delta.upsert) {
      if (view.docId !== this.docId || view.annotator !== this.annotator) continue;
      const held = this.base.get(view.id);
      if ((held && held.rev >= view.rev) || (this.removedAt.get(view.id) ?? -1) >= view.rev) continue;
      const shown = this.get(view.id);
      this.base.set(view.id, view);
      this.removedAt.delete(view.id);
      if (this.overlays.has(view.id)) continue;
      this.reposition(shown, view);
      upserted.push(view);
    }
    for (const gone of delta.remove) {
      if (gone.docId !== this.docId) continue;
      const held = this.base.get(gone.id);
      if (held && held.rev > gone.rev) continue;
      this.removedAt.set(gone.id, gone.rev);
      if (!this.base.delete(gone.id) || this.overlays.has(gone.id)) continue;
      this.reposition(held, undefined);
      removed.push(gone.id);
    }
    if (upserted.length > 0 || removed.length > 0) this.changed({ upserted, removed });
  }

  /**
   * Shows `view` for its id at once (null `view` with `id`: shows it deleted), until settle()
   * is called with the returned token once main answered.
   */
  optimistic(id: string, view: AnnotationView | null): number {
    const token = this.nextToken++;
    const before = this.get(id);
    this.overlays.set(id, [...(this.overlays.get(id) ?? []), { token, view }]);
    this.reposition(before, view ?? undefined);
    this.changed(view ? { upserted: [view], removed: [] } : { upserted: [], removed: [id] });
    return token;
  }

  /** Ends an optimistic change: what main committed (merged with apply()) shows from now on. */
  settle(token: number): void {
    for (const [id, list] of this.overlays) {
      const rest = list.filter((o) => o.token !== token);
      if (rest.length === list.length) continue;
      const before = this.get(id);
      if (rest.length === 0) this.overlays.delete(id);
      else this.overlays.set(id, rest);
      const after = this.get(id);
      if (after === before) return;
      this.reposition(before, after);
      // Main's answer as shown: the same highlight and row, so nothing is drawn again.
      if (before && after && looksTheSame(before, after)) return;
      this.changed(after ? { upserted: [after], removed: [] } : { upserted: [], removed: [id] });
      return;
    }
  }

  /** The annotation shown for `id`, if any. */
  get(id: string): AnnotationView | undefined {
    const overlay = this.overlays.get(id)?.at(-1);
    if (overlay) return overlay.view ?? undefined;
    return this.base.get(id);
  }

  /** Whether `id` has a change main has not answered yet. */
  isPending(id: string): boolean {
    return this.overlays.has(id);
  }

  /** Every annotation shown, sorted by (start, -end); the same array until the next change. */
  list(): readonly AnnotationView[] {
    return this.sorted;
  }

  /** How many shown annotations carry each label; the same map until the next change. */
  labelCounts(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Hears every change; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private visibleIds(): Set<string> {
    return new Set([...this.base.keys(), ...this.overlays.keys()]);
  }

  /** The sorted list and counts made afresh from what is shown (a document opened). */
  private rebuild(): void {
    const shown: AnnotationView[] = [];
    for (const id of this.visibleIds()) {
      const view = this.get(id);
      if (view) shown.push(view);
    }
    this.sorted = shown.sort(inTextOrder);
    const counts = new Map<string, number>();
    for (const a of shown) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
    this.counts = counts;
  }

  /** Moves one annotation's place in the sorted list and counts from `before` to `after`. */
  private reposition(before: AnnotationView | undefined, after: AnnotationView | undefined): void {
    if (before === after) return;
    const list = [...this.sorted];
    const counts = new Map(this.counts);
    if (before) {
      const at = indexOf(list, before);
      if (list[at]?.id === before.id) list.splice(at, 1);
      counts.set(before.label, (counts.get(before.label) ?? 1) - 1);
      if (counts.get(before.label) === 0) counts.delete(before.label);
    }
    if (after) {
      list.splice(indexOf(list, after), 0, after);
      counts.set(after.label, (counts.get(after.label) ?? 0) + 1);
    }
    this.sorted = list;
    this.counts = counts;
  }

  private changed(change: StoreChange): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener(change);
  }
}
