/**
 * Every keyboard and menu action as one table of commands (`{ id, keys, when, run }`). Label
 * hotkeys are generated from the label data, so no label is named here.
 */
import type { Label } from '@api/contract';

export interface Command {
  id: string;
  title: string;
  /** Key chords in the form produced by chordOf ("Mod+Shift+Z", "Delete", "1"). */
  keys: string[];
  /** Whether the command applies now; default: always. */
  when?: () => boolean;
  run: () => void;
}

/** The actions commands call; implemented by useParley. */
export interface CommandActions {
  applyLabel: (labelId: string) => void;
  deleteSelected: () => void;
  undo: () => void;
  redo: () => void;
  clearSelection: () => void;
  openSettings: () => void;
  openFolder: () => void;
  openExport: () => void;
  openImport: () => void;
  openBackups: () => void;
  hasSelectedAnnotation: () => boolean;
  setMode: (mode: 'tag' | 'review' | 'agreement') => void;
}

/** The chord of a key event: modifiers in a fixed order, then the key ("Mod" is Ctrl or Cmd). */
export function chordOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  // Shift changes printable keys itself ("!" for "1"); name it only with letters and named keys.
  if (event.shiftKey && (event.key.length > 1 || /[A-Z]/i.test(event.key))) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** One command per label with a hotkey. */
function labelCommands(
  labels: readonly Label[],
  prefix: string,
  title: (name: string) => string,
  apply: (labelId: string) => void,
): Command[] {
  return labels
    .filter((label) => label.hotkey !== '')
    .map((label) => ({
      id: `${prefix}:${label.id}`,
      title: title(label.name),
      keys: [label.hotkey.length === 1 ? label.hotkey.toUpperCase() : label.hotkey],
      run: () => apply(label.id),
    }));
}

/** The command table for the current labels. */
export function buildCommands(labels: readonly Label[], actions: CommandActions): Command[] {
  return [
    ...labelCommands(
      labels,
      'label',
      (name) => `Tag the selection as ${name} (or relabel the selected span)`,
      actions.applyLabel,
    ),
    {
      id: 'delete',
      title: 'Delete the selected span',
      keys: ['Delete', 'Backspace'],
      when: actions.hasSelectedAnnotation,
      run: actions.deleteSelected,
    },
    { id: 'undo', title: 'Undo', keys: ['Mod+Z'], run: actions.undo },
    { id: 'redo', title: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'], run: actions.redo },
    { id: 'clear-selection', title: 'Deselect', keys: ['Escape'], run: actions.clearSelection },
    { id: 'settings', title: 'Settings', keys: ['Mod+,'], run: actions.openSettings },
    { id: 'open-folder', title: 'Open a folder of articles', keys: ['Mod+O'], run: actions.openFolder },
    { id: 'export', title: 'Export a dataset', keys: ['Mod+E'], run: actions.openExport },
    { id: 'import', title: 'Import annotations', keys: ['Mod+I'], run: actions.openImport },
    { id: 'restore-backup', title: 'Restore a backup of the store', keys: [], run: actions.openBackups },
    { id: 'mode-tag', title: 'Tag mode', keys: ['Mod+1'], run: () => actions.setMode('tag') },
    { id: 'mode-review', title: 'Review mode', keys: ['Mod+2'], run: () => actions.setMode('review') },
    { id: 'mode-agreement', title: 'Agreement', keys: ['Mod+3'], run: () => actions.setMode('agreement') },
  ];
}

/** What review mode's keys call; implemented by useReview. */
export interface ReviewActions {
  applyLabel: (labelId: string) => void;
  accept: () => void;
  reject: () => void;
  next: () => void;
  previous: () => void;
  setBoundaries: () => void;
  undo: () => void;
  redo: () => void;
}

/** Review mode's keys; they come before the tagging ones, so the same keys act on the gold set. */
export function buildReviewCommands(labels: readonly Label[], actions: ReviewActions): Command[] {
  return [
    ...labelCommands(
      labels,
      'review-label',
      (name) => `Tag the selection into gold as ${name} (or accept the selected span as ${name})`,
      actions.applyLabel,
    ),
    { id: 'review-next', title: 'Next open disagreement', keys: ['N'], run: actions.next },
    { id: 'review-previous', title: 'Previous open disagreement', keys: ['P'], run: actions.previous },
    { id: 'review-accept', title: 'Accept the selected span into gold', keys: ['A'], run: actions.accept },
    {
      id: 'review-reject',
      title: 'Reject the selected span (again: undo the rejection); delete a gold span',
      keys: ['X', 'Delete', 'Backspace'],
      run: actions.reject,
    },
    {
      id: 'review-boundaries',
      title: 'Move the selected gold span to the selection',
      keys: ['B'],
      run: actions.setBoundaries,
    },
    { id: 'review-undo', title: 'Undo', keys: ['Mod+Z'], run: actions.undo },
    { id: 'review-redo', title: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'], run: actions.redo },
  ];
}

/** What the keyboard-only tagging flow calls (tag mode). */
export interface FlowActions {
  hasSuggestions: () => boolean;
  hasSelectedSuggestion: () => boolean;
  hasSelectedAnnotation: () => boolean;
  nextSuggestion: () => void;
  previousSuggestion: () => void;
  acceptSuggestion: () => void;
  rejectSuggestion: () => void;
  nextAnnotation: () => void;
  previousAnnotation: () => void;
  nextDocument: () => void;
  previousDocument: () => void;
  editAttributes: () => void;
  toggleDone: () => void;
  nudge: (edge: 'start' | 'end', direction: 1 | -1) => void;
  showShortcuts: () => void;
}

/** Tag mode's keyboard flow; these come before the general commands. */
export function buildFlowCommands(actions: FlowActions): Command[] {
  const onSuggestion = actions.hasSelectedSuggestion;
  return [
    {
      id: 'suggestion-next',
      title: 'Next suggestion',
      keys: ['Tab'],
      when: actions.hasSuggestions,
      run: actions.nextSuggestion,
    },
    {
      id: 'suggestion-previous',
      title: 'Previous suggestion',
      keys: ['Shift+Tab'],
      when: actions.hasSuggestions,
      run: actions.previousSuggestion,
    },
    {
      id: 'suggestion-accept',
      title: 'Accept the suggestion',
      keys: ['Enter', 'A'],
      when: onSuggestion,
      run: actions.acceptSuggestion,
    },
    {
      id: 'suggestion-reject',
      title: 'Reject the suggestion',
      keys: ['X', 'Delete', 'Backspace'],
      when: onSuggestion,
      run: actions.rejectSuggestion,
    },
    { id: 'annotation-next', title: 'Next annotation', keys: ['J'], run: actions.nextAnnotation },
    { id: 'annotation-previous', title: 'Previous annotation', keys: ['K'], run: actions.previousAnnotation },
    { id: 'document-next', title: 'Next document', keys: [']'], run: actions.nextDocument },
    { id: 'document-previous', title: 'Previous document', keys: ['['], run: actions.previousDocument },
    {
      id: 'edit-attributes',
      title: "Edit the selected span's attributes",
      keys: ['E'],
      when: actions.hasSelectedAnnotation,
      run: actions.editAttributes,
    },
    { id: 'toggle-done', title: 'Mark the document done (again: in progress)', keys: ['D'], run: actions.toggleDone },
    ...(
      [
        ['Alt+ArrowRight', 'end', 1, 'Move the end of the selected span a word right'],
        ['Alt+ArrowLeft', 'end', -1, 'Move the end of the selected span a word left'],
        ['Alt+Shift+ArrowLeft', 'start', -1, 'Move the start of the selected span a word left'],
        ['Alt+Shift+ArrowRight', 'start', 1, 'Move the start of the selected span a word right'],
      ] as const
    ).map(([key, edge, direction, title]): Command => ({
      id: `nudge-${edge}-${direction}`,
      title,
      keys: [key],
      when: actions.hasSelectedAnnotation,
      run: () => actions.nudge(edge, direction),
    })),
    { id: 'shortcuts', title: 'Show every shortcut', keys: ['?'], run: actions.showShortcuts },
  ];
}

/** What opens the views over the work (find bar, statistics); implemented by the app shell. */
export interface ViewActions {
  /** Whether a document's text is shown (find needs one). */
  canFind: () => boolean;
  openFind: () => void;
  openStats: () => void;
}

/** Find in the document and the statistics view, in every mode. */
export function buildViewCommands(actions: ViewActions): Command[] {
  return [
    { id: 'find', title: 'Find in the document', keys: ['Mod+F'], when: actions.canFind, run: actions.openFind },
    {
      id: 'stats',
      title: 'Statistics: active time, spans per hour, spans per label',
      keys: ['Mod+Shift+S'],
      run: actions.openStats,
    },
  ];
}

/** The command bound to a chord that applies now, if any. */
export const commandFor = (commands: readonly Command[], chord: string): Command | undefined =>
  commands.find((c) => c.keys.includes(chord) && (c.when?.() ?? true));
