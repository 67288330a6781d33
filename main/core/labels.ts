/**
 * The label set as data: the defaults Parley ships with and the checks a label must pass.
 * Nothing else in Parley names a particular label.
 */
import type { Label } from '../api/contract';

/** The labels a new store starts with (see GUIDELINES.md). Users may change all of them. */
export const DEFAULT_LABELS: readonly Label[] = [
  { id: 'quote', name: 'quote', color: '#2f7ed8', hotkey: '1', attributes: [{ name: 'speaker', kind: 'text' }] },
  {
    id: 'precondition',
    name: 'precondition',
    color: '#d9480f',
    hotkey: '2',
    attributes: [{ name: 'holder', kind: 'text' }],
  },
  { id: 'date', name: 'date', color: '#2b8a3e', hotkey: '3', attributes: [{ name: 'value', kind: 'date' }] },
];

/** Keys the app's own commands use; a label cannot take them as its hotkey. */
export const RESERVED_KEYS: readonly string[] = ['a', 'x', 'n', 'p', 'j', 'k', 'e', 'd', 'b', '?', '[', ']', ' '];

/** Copies of the default labels, attributes included. */
export const defaultLabels = (): Label[] =>
  DEFAULT_LABELS.map((label) => ({
    ...label,
    ...(label.attributes && { attributes: label.attributes.map((a) => ({ ...a })) }),
  }));

/** Whether a string is a CSS colour of the form `#rrggbb`. */
export const isHexColor = (value: string): boolean => /^#[0-9a-fA-F]{6}$/.test(value);

/** The label with this hotkey, if any. */
export const labelForHotkey = (labels: readonly Label[], key: string): Label | undefined =>
  key === '' ? undefined : labels.find((label) => label.hotkey === key);
