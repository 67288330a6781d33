/**
 * What the text view draws highlights from: a list of annotation views that tells its listeners
 * which ids each change touched. The open document's annotations (state/annotation-store.ts),
 * the suggestions, and review's spans are sources; tag mode draws two merged into one.
 */
import type { AnnotationView } from '@api/contract';
import { compareSpans } from '@core/span';
import type { StoreChange } from '../../state/annotation-store';

export interface HighlightSource {
  /** Every view, sorted by (start, -end); the same array until the next change. */
  list(): readonly AnnotationView[];
  get(id: string): AnnotationView | undefined;
  /** Hears each change as the ids it touched; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
}

const byPlace = (a: AnnotationView, b: AnnotationView): number =>
  compareSpans(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A source holding a list it is given: replaced whole, or with some ids removed. */
export class ListSource implements HighlightSource {
  private views: readonly AnnotationView[] = [];
  private byId = new Map<string, AnnotationView>();
  private readonly listeners = new Set<(change: StoreChange) => void>();

  constructor(views: readonly AnnotationView[] = []) {
    this.setViews(views);
  }

  list(): readonly AnnotationView[] {
    return this.views;
  }

  /** How many views it holds; React reads it as a snapshot. */
  count = (): number => this.views.length;

  get(id: string): AnnotationView | undefined {
    return this.byId.get(id);
  }

  subscribe = (listener: (change: StoreChange) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces every view with those of document `docId`. */
  replace(views: readonly AnnotationView[], docId: string | null): void {
    const removed = [...this.byId.keys()];
    this.setViews(views);
    this.emit({ upserted: this.views, removed, isReset: true, docId });
  }

  /** Removes the views of these ids. */
  remove(ids: readonly string[]): void {
    const gone = new Set(ids.filter((id) => this.byId.has(id)));
    if (gone.size === 0) return;
    this.setViews(this.views.filter((v) => !gone.has(v.id)));
    this.emit({ upserted: [], removed: [...gone] });
  }

  private setViews(views: readonly AnnotationView[]): void {
    this.views = [...views].sort(byPlace);
    this.byId = new Map(this.views.map((v) => [v.id, v]));
  }

  private emit(change: StoreChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

/** Two sources drawn as one (ids must not collide); a reset of either is passed on as a change. */
export function mergedSource(first: HighlightSource, second: HighlightSource): HighlightSource {
  let cache: { a: readonly AnnotationView[]; b: readonly AnnotationView[]; merged: readonly AnnotationView[] } | null =
    null;
  return {
    list: () => {
      const a = first.list();
      const b = second.list();
      if (cache?.a !== a || cache.b !== b) {
        const merged = b.length === 0 ? a : a.length === 0 ? b : [...a, ...b].sort(byPlace);
        cache = { a, b, merged };
      }
      return cache.merged;
    },
    get: (id) => first.get(id) ?? second.get(id),
    subscribe: (listener) => {
      const offFirst = first.subscribe(listener);
      const offSecond = second.subscribe(listener);
      return () => {
        offFirst();
        offSecond();
      };
    },
  };
}
