/**
 * Notes that explain undefined figures in words: every null figure of a table, grouped by its
 * reason, so a table full of "—" for one cause gets one note instead of twenty.
 */
import type { Figure } from './figures';

/** Said when main left a figure undefined without saying why. */
export const NO_REASON = 'undefined (no reason given)';

/** A figure of a table and where it sits, in words ("Fleiss’ κ, date"). */
export interface PlacedFigure {
  place: string;
  figure: Figure;
}

/** One reason and every place whose figure it leaves undefined. */
export interface NullNote {
  reason: string;
  places: string[];
}

/** The reason a figure is undefined, or NO_REASON. */
export const reasonOf = (figure: Figure): string => figure.reason ?? NO_REASON;

/** The null figures' reasons in order of first appearance, each with its places. */
export function collectNotes(figures: readonly PlacedFigure[]): NullNote[] {
  const notes = new Map<string, string[]>();
  for (const { place, figure } of figures) {
    if (figure.value !== null) continue;
    const reason = reasonOf(figure);
    notes.set(reason, [...(notes.get(reason) ?? []), place]);
  }
  return [...notes].map(([reason, places]) => ({ reason, places }));
}

/** The DOM id of a note, for `aria-describedby` on the cells it explains; -1 (not a note) gives undefined. */
export const noteId = (prefix: string, index: number): string | undefined =>
  index < 0 ? undefined : `${prefix}-note-${index + 1}`;

/** The id of the note that explains a figure, or undefined when the figure is defined. */
export function noteIdOf(prefix: string, notes: readonly NullNote[], figure: Figure): string | undefined {
  if (figure.value !== null) return undefined;
  const reason = reasonOf(figure);
  return noteId(
    prefix,
    notes.findIndex((n) => n.reason === reason),
  );
}
