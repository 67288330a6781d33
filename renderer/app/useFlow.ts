/**
 * The keyboard-only tagging flow (tag mode): stepping through annotations and documents, the
 * attributes field, the done key, and nudging a span's edges by a word. Suggestions have their
 * own controller; this wires both into the command table's actions.
 */
import { useMemo, useRef } from 'react';
import type { Annotation } from '@api/contract';
import { nudgeSpan } from '@core/selection';
import { compareSpans } from '@core/span';
import { api } from '../api';
import type { SuggestionController } from '../features/suggestions/useSuggestions';
import { currentSummary } from '../state/app-state';
import type { FlowActions } from './commands';
import type { useParley } from './useParley';

type Parley = ReturnType<typeof useParley>;

export function useFlow(parley: Parley, suggestions: SuggestionController): FlowActions {
  // Nudges run one after another, each from the span the previous one left: keys pressed faster
  // than the store answers must add up, not undo each other.
  const nudges = useRef<{ queue: Promise<void>; last: Annotation | null }>({ queue: Promise.resolve(), last: null });
  return useMemo<FlowActions>(() => {
    const state = () => parley.stateRef.current;
    const selectedOwn = () => state().current?.annotations.find((a) => a.id === state().selectedId);
    const stepAnnotation = (direction: 1 | -1): void => {
      const list = [...(state().current?.annotations ?? [])].sort(compareSpans);
      if (list.length === 0) return;
      const from = selectedOwn() ?? suggestions.selected();
      const ordered = direction === 1 ? list : [...list].reverse();
      const next = (from && ordered.find((a) => direction * compareSpans(a, from) > 0)) ?? ordered[0];
      if (next) parley.selectFromList(next.id);
    };
    const stepDocument = (direction: 1 | -1): void => {
      const docs = state().documents.filter((d) => d.error === undefined);
      const at = docs.findIndex((d) => d.id === state().current?.docId);
      const next = docs[at + direction];
      if (!next)
        return parley.toast(direction === 1 ? 'This is the last document' : 'This is the first document', 'info');
      void parley.openDocument(next.id).then(() => parley.viewRef.current?.focus());
    };
    return {
      hasSuggestions: () => suggestions.count > 0,
      hasSelectedSuggestion: suggestions.hasSelected,
      hasSelectedAnnotation: () => selectedOwn() !== undefined,
      nextSuggestion: suggestions.next,
      previousSuggestion: suggestions.previous,
      acceptSuggestion: () => void suggestions.accept(),
      rejectSuggestion: () => void suggestions.reject(),
      nextAnnotation: () => stepAnnotation(1),
      previousAnnotation: () => stepAnnotation(-1),
      nextDocument: () => stepDocument(1),
      previousDocument: () => stepDocument(-1),
      editAttributes: () =>
        document
          .querySelector<HTMLElement>('[data-testid="attributes-panel"] :is(input, select):not(:disabled)')
          ?.focus(),
      toggleDone: () => {
        const summary = currentSummary(state());
        if (!summary) return;
        void parley.setStatus(summary.id, summary.status === 'done' ? 'in-progress' : 'done');
      },
      nudge: (edge, direction) => {
        const run = async (): Promise<void> => {
          const current = state().current;
          const selected = selectedOwn();
          if (!current || !selected) return;
          const last = nudges.current.last;
          const span = last?.id === selected.id && last.updatedAt >= selected.updatedAt ? last : selected;
          const moved = nudgeSpan(current.text, span, edge, direction);
          if (!moved) return parley.toast('The span cannot move further that way', 'info');
          // Only the edge that moves: the other stays as the store has it.
          const changes = edge === 'start' ? { start: moved.start } : { end: moved.end };
          const updated = await parley.attempt(() => api().updateAnnotation(span.id, changes));
          const latest = state().current;
          if (!updated || latest?.docId !== updated.docId) return;
          nudges.current.last = updated;
          const annotations = latest.annotations.map((a) => (a.id === updated.id ? { ...updated } : a));
          parley.setAnnotations(updated.docId, annotations, updated.id);
        };
        nudges.current.queue = nudges.current.queue.then(run, run);
      },
      showShortcuts: () => parley.openDialog('shortcuts'),
    };
  }, [parley, suggestions]);
}
