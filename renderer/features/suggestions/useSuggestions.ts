/**
 * Suggestions in tag mode: the open document's open suggestions, drawn as dashed highlights, and
 * the keys that take them (Tab / Shift+Tab move between them, Enter or a accepts, x rejects).
 * Accepting moves on to the next suggestion, so a run of them is a run of keystrokes.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationView, Suggestion } from '@api/contract';
import { compareSpans } from '@core/span';
import { api } from '../../api';
import { SUGGESTION_ANNOTATOR } from '../viewer/highlight-plugin';
import type { TextViewHandle } from '../viewer/TextView';

/** Ids of suggestion highlights start with this, so they never collide with annotation ids. */
export const SUGGESTION_PREFIX = 'suggestion:';

export interface SuggestionHost {
  docId: string | undefined;
  /** The open document's own annotations (a change reloads the suggestions). */
  annotations: readonly AnnotationView[] | undefined;
  selectedId: string | null;
  isActive: boolean;
  select(id: string | null): void;
  setAnnotations(docId: string, annotations: AnnotationView[], selectedId?: string | null): void;
  attempt: <T>(call: () => Promise<T>) => Promise<T | undefined>;
  viewRef: React.RefObject<TextViewHandle | null>;
}

const viewOf = (s: Suggestion): AnnotationView => ({
  id: `${SUGGESTION_PREFIX}${s.id}`,
  docId: s.docId,
  start: s.start,
  end: s.end,
  label: s.label,
  text: s.text,
  prefix: '',
  suffix: '',
  annotator: SUGGESTION_ANNOTATOR,
  createdAt: '',
  updatedAt: '',
  attributes: s.attributes,
});

export function useSuggestions(host: SuggestionHost) {
  const [loaded, setLoaded] = useState<{ docId: string; list: Suggestion[] } | null>(null);
  const suggestions = useMemo(
    () => (host.isActive && loaded !== null && loaded.docId === host.docId ? loaded.list : []),
    [host.isActive, host.docId, loaded],
  );
  const latest = useRef({ host, suggestions });
  useLayoutEffect(() => {
    latest.current = { host, suggestions };
  });

  const { docId, annotations, isActive, attempt } = host;
  useEffect(() => {
    if (docId === undefined || !isActive) return;
    let isCurrent = true;
    void attempt(() => api().getSuggestions(docId)).then((list) => {
      if (isCurrent && list) setLoaded({ docId, list });
    });
    return () => {
      isCurrent = false;
    };
  }, [docId, annotations, isActive, attempt]);

  const views = useMemo(() => suggestions.map(viewOf).sort(compareSpans), [suggestions]);

  const selectedSuggestion = useCallback((): Suggestion | undefined => {
    const { host: h, suggestions: list } = latest.current;
    const id = h.selectedId?.startsWith(SUGGESTION_PREFIX) ? h.selectedId.slice(SUGGESTION_PREFIX.length) : null;
    return id === null ? undefined : list.find((s) => s.id === id);
  }, []);

  /** Selects the next (1) or previous (-1) suggestion after the selected span or suggestion. */
  const move = useCallback(
    (direction: 1 | -1, from?: { start: number; end: number }) => {
      const { host: h, suggestions: list } = latest.current;
      const ordered = [...list].sort(compareSpans);
      const current = from ?? selectedSuggestion() ?? h.annotations?.find((a) => a.id === h.selectedId) ?? undefined;
      const candidates = direction === 1 ? ordered : [...ordered].reverse();
      const next = current ? candidates.find((s) => direction * compareSpans(s, current) > 0) : candidates[0];
      const target = next ?? candidates[0];
      if (!target) return;
      const id = `${SUGGESTION_PREFIX}${target.id}`;
      h.select(id);
      h.viewRef.current?.scrollToAnnotation(id);
    },
    [selectedSuggestion],
  );

  const accept = useCallback(
    async (label?: string) => {
      const { host: h } = latest.current;
      const suggestion = selectedSuggestion();
      if (!suggestion || h.docId === undefined) return;
      const added = await h.attempt(() => api().acceptSuggestion(suggestion.docId, suggestion.id));
      if (!added) return;
      let annotation = added;
      if (label !== undefined && label !== added.label) {
        annotation = (await h.attempt(() => api().updateAnnotation(added.id, { label }))) ?? added;
      }
      const rest = latest.current.suggestions.filter((s) => s.id !== suggestion.id);
      setLoaded({ docId: suggestion.docId, list: rest });
      latest.current.suggestions = rest;
      h.setAnnotations(suggestion.docId, [...(h.annotations ?? []), annotation], annotation.id);
      move(1, annotation);
    },
    [selectedSuggestion, move],
  );

  const reject = useCallback(async () => {
    const { host: h } = latest.current;
    const suggestion = selectedSuggestion();
    if (!suggestion) return;
    const ok = await h.attempt(async () => {
      await api().rejectSuggestion(suggestion.docId, suggestion.id);
      return true;
    });
    if (!ok) return;
    const rest = latest.current.suggestions.filter((s) => s.id !== suggestion.id);
    setLoaded({ docId: suggestion.docId, list: rest });
    latest.current.suggestions = rest;
    h.select(null);
    move(1, suggestion);
  }, [selectedSuggestion, move]);

  return {
    views,
    count: suggestions.length,
    hasSelected: () => selectedSuggestion() !== undefined,
    selected: selectedSuggestion,
    next: () => move(1),
    previous: () => move(-1),
    accept,
    reject,
  };
}

export type SuggestionController = ReturnType<typeof useSuggestions>;
