/**
 * The keyboard-only tagging flow (tag mode): stepping through annotations and documents, the
 * attributes field, the done key, and nudging a span's edges by a word. Suggestions have their
 * own controller; this wires both into the command table's actions.
 */
import { useMemo } from 'react';
import { nudgeSpan } from '@core/selection';
import { compareSpans } from '@core/span';
import type { SuggestionController } from '../features/suggestions/useSuggestions';
import type { FlowActions } from './commands';
import type { Parley } from './useParley';

export function useFlow(parley: Parley, suggestions: SuggestionController): FlowActions {
  return useMemo<FlowActions>(() => {
    const state = () => parley.stateRef.current;
    const selectedOwn = () => parley.selected();
    const stepAnnotation = (direction: 1 | -1): void => {
      const list = parley.stores.annotations.list();
      if (list.length === 0) return;
      const from = selectedOwn() ?? suggestions.selected();
      const ordered = direction === 1 ? list : [...list].reverse();
      const next = (from && ordered.find((a) => direction * compareSpans(a, from) > 0)) ?? ordered[0];
      if (next) parley.selectFromList(next.id);
    };
    const stepDocument = (direction: 1 | -1): void => {
      const docs = parley.stores.documents.get().filter((d) => d.error === undefined);
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
        const summary = parley.stores.documents.get().find((d) => d.id === state().current?.docId);
        if (!summary) return;
        void parley.setStatus(summary.id, summary.status === 'done' ? 'in-progress' : 'done');
      },
      nudge: (edge, direction) => {
        const current = state().current;
        const span = selectedOwn();
        if (!current || !span) return;
        // The span as shown, pending nudges included: each key moves on from the last.
        const moved = nudgeSpan(current.text, span, edge, direction);
        if (!moved) return parley.toast('The span cannot move further that way', 'info');
        // Only the edge that moves: the other stays as the store has it.
        // Shown at once and sent at once: main applies the nudges in the order they were sent.
        const changes = edge === 'start' ? { start: moved.start } : { end: moved.end };
        void parley.moveSpan(span, moved, changes);
      },
      showShortcuts: () => parley.openDialog('shortcuts'),
    };
  }, [parley, suggestions]);
}
