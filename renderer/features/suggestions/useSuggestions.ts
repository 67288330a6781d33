/**
 * Suggestions in tag mode: the open document's open suggestions, drawn as dashed highlights from
 * their own source, and the keys that take them (Tab / Shift+Tab move between them, Enter or a
 * accepts, x rejects). They are fetched once per document; a span tagged over one takes it out,
 * and only a removed or moved span asks main again (it may open a suggestion). Accepting shows
 * the new span at once and moves on to the next suggestion, so a run of them is a run of keys.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AnnotationView, Suggestion } from '@api/contract';
import { compareSpans } from '@core/span';
import { api } from '../../api';
import type { AnnotationStore } from '../../state/annotation-store';
import type { ValueStore } from '../../state/value-store';
import { SUGGESTION_ANNOTATOR } from '../viewer/highlight-plugin';
import { ListSource } from '../viewer/highlight-source';
import type { TextViewHandle } from '../viewer/TextView';

/** Ids of suggestion highlights start with this, so they never collide with annotation ids. */
export const SUGGESTION_PREFIX = 'suggestion:';

export interface SuggestionHost {
  docId: string | undefined;
  /** A change to any of these (labels to suggest, the date) asks main for the suggestions again. */
  refreshKey: string;
  isActive: boolean;
  /** The current annotator, who an accepted suggestion is shown as. */
  annotator: string;
  annotations: AnnotationStore;
  selection: ValueStore<string | null>;
  attempt: <T>(call: () => Promise<T>) => Promise<T | undefined>;
  viewRef: React.RefObject<TextViewHandle | null>;
  /** Shows an accepted suggestion as the span it becomes until main answers (useTagging's edit). */
  edit: (id: string, view: AnnotationView, call: () => Promise<AnnotationView>) => Promise<AnnotationView | undefined>;
}

const viewOf = (s: Suggestion): AnnotationView => ({
  id: `${SUGGESTION_PREFIX}${s.id}`,
  docId: s.docId,
  start: s.start,
  end: s.end,
  label: s.label,
  text: s.text,
  annotator: SUGGESTION_ANNOTATOR,
  createdAt: '',
  updatedAt: '',
  attributes: s.attributes,
  rev: 0,
});

/** The suggestion id a span would have (`label:start:end`). */
const suggestionIdOf = (a: { label: string; start: number; end: number }): string =>
  `${SUGGESTION_PREFIX}${a.label}:${a.start}:${a.end}`;

export function useSuggestions(host: SuggestionHost) {
  const [source] = useState(() => new ListSource());
  const count = useSyncExternalStore(source.subscribe, source.count);
  const latest = useRef(host);
  useLayoutEffect(() => {
    latest.current = host;
  });
  const loaded = useRef<{ docId: string; list: Suggestion[] } | null>(null);

  const show = useCallback(
    (docId: string, list: Suggestion[]) => {
      loaded.current = { docId, list };
      source.replace(list.map(viewOf), docId);
    },
    [source],
  );

  const { docId, refreshKey, isActive, attempt, annotations } = host;
  const fetchList = useCallback(
    async (id: string) => {
      const list = await attempt(() => api().getSuggestions(id));
      if (list && latest.current.docId === id && latest.current.isActive) show(id, list);
    },
    [attempt, show],
  );

  useEffect(() => {
    if (docId === undefined || !isActive) {
      loaded.current = null;
      source.replace([], null);
      return;
    }
    void fetchList(docId);
  }, [docId, isActive, refreshKey, fetchList, source]);

  // Your spans take suggestions out; a removed, moved or relabelled span may open one, so then
  // main is asked again.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const places = new Map(annotations.list().map((a) => [a.id, suggestionIdOf(a)]));
    const off = annotations.subscribe((change) => {
      if (change.isReset) {
        places.clear();
        for (const a of annotations.list()) places.set(a.id, suggestionIdOf(a));
        return;
      }
      let mayOpen = false;
      for (const id of change.removed) mayOpen = places.delete(id) || mayOpen;
      for (const a of change.upserted) {
        const before = places.get(a.id);
        places.set(a.id, suggestionIdOf(a));
        mayOpen ||= before !== undefined && before !== suggestionIdOf(a);
      }
      const current = loaded.current;
      if (!current) return;
      const taken = change.upserted.map(suggestionIdOf).filter((id) => source.get(id) !== undefined);
      if (taken.length > 0) source.remove(taken);
      if (!mayOpen) return;
      clearTimeout(timer);
      timer = setTimeout(() => void fetchList(current.docId), 300);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [annotations, source, fetchList]);

  const selectedSuggestion = useCallback((): Suggestion | undefined => {
    const id = latest.current.selection.get();
    if (id === null || !id.startsWith(SUGGESTION_PREFIX)) return undefined;
    const key = id.slice(SUGGESTION_PREFIX.length);
    return loaded.current?.list.find((s) => s.id === key && source.get(id) !== undefined);
  }, [source]);

  /** Selects the next (1) or previous (-1) suggestion after the selected span or suggestion. */
  const move = useCallback(
    (direction: 1 | -1, from?: { start: number; end: number }) => {
      const h = latest.current;
      const ordered = source.list();
      const selectedId = h.selection.get();
      const current =
        from ?? (selectedId === null ? undefined : (source.get(selectedId) ?? h.annotations.get(selectedId)));
      const candidates = direction === 1 ? ordered : [...ordered].reverse();
      const next = current ? candidates.find((s) => direction * compareSpans(s, current) > 0) : candidates[0];
      const target = next ?? candidates[0];
      if (!target) return;
      h.selection.set(target.id);
      h.viewRef.current?.scrollToAnnotation(target.id);
    },
    [source],
  );

  const accept = useCallback(
    async (label?: string) => {
      const h = latest.current;
      const suggestion = selectedSuggestion();
      if (!suggestion || h.docId === undefined) return;
      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      const shown: AnnotationView = {
        ...viewOf(suggestion),
        id,
        label: label ?? suggestion.label,
        annotator: h.annotator,
        createdAt: now,
        updatedAt: now,
        source: 'suggested',
      };
      source.remove([`${SUGGESTION_PREFIX}${suggestion.id}`]);
      const answer = h.edit(id, shown, async () => {
        const taken = await api().acceptSuggestion(suggestion.docId, suggestion.id, {}, id);
        return label !== undefined && label !== taken.label ? api().updateAnnotation(taken.id, { label }) : taken;
      });
      move(1, shown);
      if ((await answer) === undefined && h.docId === suggestion.docId) void fetchList(suggestion.docId);
    },
    [selectedSuggestion, source, fetchList, move],
  );

  const reject = useCallback(async () => {
    const h = latest.current;
    const suggestion = selectedSuggestion();
    if (!suggestion) return;
    const id = `${SUGGESTION_PREFIX}${suggestion.id}`;
    source.remove([id]);
    h.selection.set(null);
    move(1, suggestion);
    const ok = await h.attempt(async () => {
      await api().rejectSuggestion(suggestion.docId, suggestion.id);
      return true;
    });
    if (!ok && h.docId === suggestion.docId) void fetchList(suggestion.docId);
  }, [selectedSuggestion, source, move, fetchList]);

  return useMemo(
    () => ({
      source,
      count,
      hasSelected: () => selectedSuggestion() !== undefined,
      selected: selectedSuggestion,
      next: () => move(1),
      previous: () => move(-1),
      accept,
      reject,
    }),
    [source, count, selectedSuggestion, move, accept, reject],
  );
}

export type SuggestionController = ReturnType<typeof useSuggestions>;
