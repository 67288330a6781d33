/**
 * What every token-level measure returns and how it sees categories: a value or the reason there is
 * none, and a projection from Parley's category ids to the categories a measure compares (all label
 * combinations, or in/out of one label). Wording the reasons is left to figures.ts.
 */
import { MISSING, type CategoryTable } from './categories';

/** A measure's value, or why it has none: nothing to compare, or every value one category. */
export type Measured =
  { value: number } | { value: null; why: 'no-units' } | { value: null; why: 'one-category'; category: number };

/** The categories a measure compares: `of` maps a value to one of `0 .. size − 1`; MISSING stays. */
export interface Projection {
  size: number;
  of: (value: number) => number;
}

/** Values `0 .. size − 1` compared as they are: with a table's size, every label combination. */
export const asIs = (size: number): Projection => ({ size, of: (value) => value });

/** Category 1 for a token in the label (alone or with others), 0 for a token out of it. */
export function inLabel(table: CategoryTable, label: number): Projection {
  const member = Uint8Array.from(table.labelSets, (labels) => (labels.includes(label) ? 1 : 0));
  const missing = MISSING; // a local: an imported binding can cost a getter call per read
  return { size: 2, of: (value) => (value === missing ? missing : (member[value] ?? 0)) };
}

/** The one category every count falls in, or null when there are several (or none). */
export function onlyCategory(totals: Float64Array): number | null {
  let only: number | null = null;
  for (let category = 0; category < totals.length; category += 1) {
    if (totals[category] === 0) continue;
    if (only !== null) return null;
    only = category;
  }
  return only;
}
