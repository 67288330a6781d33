/**
 * Review mode's controller: which annotators are compared, the open document's classed spans and
 * gold set, and the reviewer's actions (accept, reject, step through disagreements, tag and edit
 * gold, review state, comments). It works beside useParley and shares its selection.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  GOLD,
  type AnnotationView,
  type AnnotatorStats,
  type ReviewSpan,
  type ReviewState,
  type ReviewSummary,
  type ReviewView,
} from '@api/contract';
import { compareSpans } from '@core/span';
import { spanFromSelection } from '@core/selection';
import { api } from '../../api';
import type { ValueStore } from '../../state/value-store';
import { ListSource } from '../viewer/highlight-source';
import type { TextViewHandle } from '../viewer/TextView';
import { nextOpen, openInOrder, spanOf, type ReviewFilter } from './review-list';

export type Mode = 'tag' | 'review' | 'agreement';
export type { ReviewFilter } from './review-list';

/** What the review controller needs of the app. */
export interface ReviewHost {
  currentDocId: string | undefined;
  text: string | undefined;
  selection: ValueStore<string | null>;
  extendToWords: boolean;
  documentOrder: readonly string[];
  select(id: string | null): void;
  openDocument(docId: string): Promise<void>;
  attempt<T>(call: () => Promise<T>): Promise<T | undefined>;
  toast(message: string, kind?: 'error' | 'info'): void;
  viewRef: React.RefObject<TextViewHandle | null>;
}

export function useReview(host: ReviewHost) {
  const [mode, setModeState] = useState<Mode>('tag');
  const [stats, setStats] = useState<AnnotatorStats[]>([]);
  const [reviewers, setReviewers] = useState<string[] | null>(null);
  const [view, setView] = useState<ReviewView | null>(null);
  const [summaries, setSummaries] = useState<ReviewSummary[]>([]);
  const [filter, setFilter] = useState<ReviewFilter>('open');
  const latest = useRef({ host, view, reviewers, summaries, mode });
  useLayoutEffect(() => {
    latest.current = { host, view, reviewers, summaries, mode };
  });

  /** The reviewed annotators: chosen, or everyone with spans but gold. */
  const namesKey = JSON.stringify(reviewers ?? stats.filter((s) => !s.isGold && s.total > 0).map((s) => s.name));
  // Keyed by the names, so fresh stats naming the same annotators reload nothing.
  const chosen = useMemo(() => JSON.parse(namesKey) as string[], [namesKey]);

  const refreshStats = useCallback(async () => {
    const list = await latest.current.host.attempt(() => api().listAnnotatorStats());
    if (list) setStats(list);
  }, []);

  const reload = useCallback(
    async (docId = latest.current.host.currentDocId, names = chosen) => {
      if (docId === undefined) return;
      // The document is asked for first and drawn as soon as it comes; the corpus's counts follow.
      const review = latest.current.host.attempt(() => api().getReview(docId, names));
      const sums = latest.current.host.attempt(() => api().listReviewSummaries(names));
      const next = await review;
      if (next && next.docId === latest.current.host.currentDocId) setView(next);
      const counts = await sums;
      if (counts) setSummaries(counts);
    },
    [chosen],
  );

  useEffect(() => {
    void refreshStats();
  }, [refreshStats]);

  /** Set on entering review: the annotators' counts are asked for once the review has come. */
  const isStatsDue = useRef(false);

  useEffect(() => {
    if (mode !== 'review') return;
    void reload(host.currentDocId, chosen).then(() => {
      if (!isStatsDue.current) return;
      isStatsDue.current = false;
      return refreshStats();
    });
  }, [mode, host.currentDocId, chosen, reload, refreshStats]);

  const setMode = useCallback(
    (next: Mode) => {
      setModeState(next);
      // Entering review, the document's review goes first: the main process answers in turn.
      if (next === 'review' && latest.current.mode !== 'review') isStatsDue.current = true;
      else void refreshStats();
      if (next !== 'review') setView(null);
    },
    [refreshStats],
  );

  const toggleReviewer = useCallback(
    (name: string) => setReviewers(chosen.includes(name) ? chosen.filter((n) => n !== name) : [...chosen, name]),
    [chosen],
  );

  /** The spans drawn in the text: the reviewed annotators' and gold. */
  const drawn = useMemo<AnnotationView[]>(() => (view ? [...view.spans, ...view.gold].sort(compareSpans) : []), [view]);
  /** What the text draws in review: a new source for each review view. */
  const source = useMemo(() => new ListSource(drawn), [drawn]);
  const lanes = useMemo(() => new Map(chosen.map((name, index) => [name, index])), [chosen]);

  const selected = useCallback((): ReviewSpan | AnnotationView | undefined => {
    const { view: v, host: h } = latest.current;
    const id = h.selection.get();
    return v && id !== null ? spanOf(v, id) : undefined;
  }, []);

  /** After a change: the review and the counts again, and optionally a span selected. */
  const after = useCallback(
    async (selectId?: string | null): Promise<void> => {
      await reload();
      await refreshStats();
      if (selectId !== undefined) latest.current.host.select(selectId);
    },
    [reload, refreshStats],
  );

  const accept = useCallback(async () => {
    const span = selected();
    const { host: h } = latest.current;
    if (!span) return h.toast('Select a span to accept (click it, or press n)', 'info');
    if (span.annotator === GOLD) return h.toast('This span is already in the gold set', 'info');
    const gold = await h.attempt(() => api().acceptSpan(span.id));
    if (gold) await after();
  }, [selected, after]);

  const reject = useCallback(async () => {
    const span = selected();
    const { host: h } = latest.current;
    if (!span) return h.toast('Select a span to reject (click it, or press n)', 'info');
    if (span.annotator === GOLD) {
      const ok = await h.attempt(() => api().deleteAnnotation(span.id));
      return ok === undefined ? undefined : after(null);
    }
    const isRejected = 'resolution' in span && span.resolution === 'rejected';
    const ok = await h.attempt(async () => {
      await api().rejectSpan(span.id, !isRejected);
      return true;
    });
    if (ok) await after();
  }, [selected, after]);

  /** Selects the next (1) or previous (-1) open disagreement, moving through the corpus. */
  const step = useCallback(async (direction: 1 | -1) => {
    const { view: v, host: h, summaries: sums } = latest.current;
    if (!v) return;
    const open = openInOrder(v);
    const selectedId = h.selection.get();
    const current = selectedId === null ? undefined : spanOf(v, selectedId);
    const next = nextOpen(open, current, direction);
    if (next) {
      h.select(next.id);
      h.viewRef.current?.scrollToAnnotation(next.id);
      return;
    }
    const order = h.documentOrder;
    const at = order.indexOf(v.docId);
    const remaining = new Map(sums.map((s) => [s.docId, s.remaining]));
    for (let i = 1; i < order.length; i += 1) {
      const docId = order[(at + direction * i + order.length) % order.length];
      if (docId === undefined || (remaining.get(docId) ?? 0) === 0) continue;
      await h.openDocument(docId);
      const fresh = await h.attempt(() => api().getReview(docId, latest.current.reviewers ?? v.annotators));
      if (!fresh) return;
      setView(fresh);
      const list = openInOrder(fresh);
      const target = direction === 1 ? list[0] : list[list.length - 1];
      if (target) {
        h.select(target.id);
        requestAnimationFrame(() => latest.current.host.viewRef.current?.scrollToAnnotation(target.id));
      }
      return;
    }
    h.toast(
      open.length === 0 ? 'No open disagreements left in the corpus' : 'No more open disagreements this way',
      'info',
    );
  }, []);

  /** A label key in review: tag the selection into gold, relabel a gold span, or accept with that label. */
  const applyLabel = useCallback(
    async (labelId: string) => {
      const { host: h, view: v } = latest.current;
      if (!v || h.text === undefined) return;
      const range = h.viewRef.current?.selection() ?? null;
      if (range !== null) {
        const span = spanFromSelection(h.text, range.anchor, range.head, { toWords: h.extendToWords });
        if (span === null) return h.toast('The selection holds only white space', 'info');
        h.viewRef.current?.clearSelection();
        const added = await h.attempt(() =>
          api().addAnnotation({ docId: v.docId, ...span, label: labelId, gold: true }),
        );
        if (added) await after(added.id);
        return;
      }
      const span = selected();
      if (!span) return h.toast('Select text or a span first, then press a label key', 'info');
      let goldId = span.id;
      if (span.annotator !== GOLD) {
        const gold = await h.attempt(() => api().acceptSpan(span.id));
        if (!gold) return;
        goldId = gold.id;
      }
      if (span.label !== labelId) await h.attempt(() => api().updateAnnotation(goldId, { label: labelId }));
      await after(goldId);
    },
    [selected, after],
  );

  /** Moves the selected gold span to the text selection (edit its boundaries). */
  const setBoundaries = useCallback(async () => {
    const { host: h } = latest.current;
    const span = selected();
    const range = h.viewRef.current?.selection() ?? null;
    if (!span || span.annotator !== GOLD || range === null || h.text === undefined) {
      return h.toast('Select a gold span, then select its new extent in the text and press b', 'info');
    }
    const next = spanFromSelection(h.text, range.anchor, range.head, { toWords: h.extendToWords });
    if (next === null) return;
    h.viewRef.current?.clearSelection();
    const updated = await h.attempt(() => api().updateAnnotation(span.id, next));
    if (updated) await after(updated.id);
  }, [selected, after]);

  const history = useCallback(
    async (direction: 'undo' | 'redo') => {
      const { host: h, view: v } = latest.current;
      if (!v) return;
      const result = await h.attempt(() => api()[direction](v.docId));
      if (result === null) h.toast(direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo', 'info');
      await after(result?.touchedIds[0] ?? undefined);
    },
    [after],
  );

  const setReviewState = useCallback(
    async (state: ReviewState) => {
      const { host: h, view: v } = latest.current;
      if (!v) return;
      const summary = await h.attempt(() => api().setReviewState(v.docId, state, v.annotators));
      if (summary) await after();
    },
    [after],
  );

  const addComment = useCallback(
    async (annotationId: string, text: string) => {
      const ok = await latest.current.host.attempt(() => api().addComment(annotationId, text));
      if (ok) await after();
      return ok !== undefined;
    },
    [after],
  );

  return {
    mode,
    setMode,
    stats,
    refreshStats,
    chosen,
    toggleReviewer,
    view,
    summaries,
    drawn,
    source,
    lanes,
    filter,
    setFilter,
    accept,
    reject,
    step,
    applyLabel,
    setBoundaries,
    history,
    setReviewState,
    addComment,
    reload,
  };
}

export type ReviewController = ReturnType<typeof useReview>;
