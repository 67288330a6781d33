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
  hasSelectedAnnotation: () => boolean;
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

/** The command table for the current labels. */
export function buildCommands(labels: readonly Label[], actions: CommandActions): Command[] {
  const labelCommands = labels
    .filter((label) => label.hotkey !== '')
    .map((label): Command => ({
      id: `label:${label.id}`,
      title: `Tag the selection as ${label.name} (or relabel the selected span)`,
      keys: [label.hotkey.length === 1 ? label.hotkey.toUpperCase() : label.hotkey],
      run: () => actions.applyLabel(label.id),
    }));
  return [
    ...labelCommands,
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
  ];
}

/** The command bound to a chord that applies now, if any. */
export const commandFor = (commands: readonly Command[], chord: string): Command | undefined =>
  commands.find((c) => c.keys.includes(chord) && (c.when?.() ?? true));
