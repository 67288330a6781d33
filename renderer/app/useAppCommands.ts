/**
 * The command table of the mode the app is in: tagging, review and view commands, each calling
 * the controller that owns its action. Built once per change of labels, mode or controllers.
 */
import { useMemo } from 'react';
import type { Label } from '@api/contract';
import type { SuggestionController } from '../features/suggestions/useSuggestions';
import type { ReviewController } from '../features/review/useReview';
import {
  buildCommands,
  buildFlowCommands,
  buildReviewCommands,
  buildViewCommands,
  type Command,
  type CommandActions,
  type FlowActions,
} from './commands';
import type { Parley } from './useParley';

interface CommandSources {
  parley: Parley;
  review: ReviewController;
  suggestions: SuggestionController;
  flow: FlowActions;
  labels: readonly Label[];
  view: { canFind: () => boolean; openFind: () => void; openStats: () => void };
}

export function useAppCommands({ parley, review, suggestions, flow, labels, view }: CommandSources): {
  actions: CommandActions;
  commands: Command[];
} {
  const { applyLabel, deleteSelected, stepHistory, openFolder, openDialog, stores, selected } = parley;
  const actions = useMemo<CommandActions>(
    () => ({
      // Selected text is tagged; without it, a label key on a selected suggestion accepts it as that label.
      applyLabel: (id) =>
        parley.viewRef.current?.selection() == null && suggestions.hasSelected()
          ? void suggestions.accept(id)
          : void applyLabel(id),
      deleteSelected: () => void deleteSelected(),
      undo: () => void stepHistory('undo'),
      redo: () => void stepHistory('redo'),
      clearSelection: () => stores.selection.set(null),
      openSettings: () => openDialog('settings'),
      openExport: () => openDialog('export'),
      openImport: () => openDialog('import'),
      openBackups: () => openDialog('backups'),
      openFolder: () => void openFolder(),
      hasSelectedAnnotation: () => selected() !== undefined,
      setMode: review.setMode,
    }),
    [
      suggestions,
      applyLabel,
      deleteSelected,
      stepHistory,
      openFolder,
      openDialog,
      stores,
      selected,
      review.setMode,
      parley.viewRef,
    ],
  );
  const { canFind, openFind, openStats } = view;
  const viewCommands = useMemo(
    () => buildViewCommands({ canFind, openFind, openStats }),
    [canFind, openFind, openStats],
  );
  const { mode } = review;
  const commands = useMemo(() => {
    const base = [...buildCommands(labels, actions), ...viewCommands];
    const flowCommands = buildFlowCommands(flow);
    if (mode === 'tag') return [...flowCommands, ...base];
    // The shortcut sheet is there in every mode.
    const sheet = flowCommands.filter((c) => c.id === 'shortcuts');
    if (mode !== 'review') return [...base, ...sheet];
    const reviewCommands = buildReviewCommands(labels, {
      applyLabel: (id) => void review.applyLabel(id),
      accept: () => void review.accept(),
      reject: () => void review.reject(),
      next: () => void review.step(1),
      previous: () => void review.step(-1),
      setBoundaries: () => void review.setBoundaries(),
      undo: () => void review.history('undo'),
      redo: () => void review.history('redo'),
    });
    return [...reviewCommands, ...base, ...sheet];
  }, [labels, actions, viewCommands, flow, mode, review]);
  return { actions, commands };
}
