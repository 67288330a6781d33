/**
 * Token categories for the token-level measures (Cohen, Fleiss, Krippendorff): the label sets seen,
 * each annotator's category of every token of a document kept as runs, and the tuples of categories
 * the annotators gave the tokens, counted. Token positions come from tokens.ts; the measures live
 * in their own modules.
 */

/** The category of a token an annotator did not annotate (the document is missing for them). */
export const MISSING = -1;

/** The category of a token no span covers: `O`. */
export const OUTSIDE = 0;

/** Units (here tokens) that received the same values: `values[r]` for annotator r, or MISSING. */
export interface CodedUnits {
  values: readonly number[];
  count: number;
}

/** The label sets seen so far, interned: id 0 is `O`, names are label ids sorted and joined by `+`. */
export interface CategoryTable {
  /** Name of each category id (`O`, `date`, `date+quote`). */
  readonly names: string[];
  /** Label indexes (into the measured labels) of each category id. */
  readonly labelSets: number[][];
  readonly labels: readonly string[];
  /** Label indexes in the order their ids sort (code unit order, as Python's `sorted`). */
  readonly nameOrder: readonly number[];
  /** Ids by their label indexes, ascending, joined by `,` (`''` for `O`). */
  readonly ids: Map<string, number>;
  /** Ids by the bit mask of their label indexes, while there are at most 30 labels. */
  readonly idsByMask: Map<number, number>;
}

/** A table holding only `O`, for the given labels (ids, in the report's order). */
export function createCategoryTable(labels: readonly string[]): CategoryTable {
  const nameOrder = labels.map((_, index) => index).sort((x, y) => compareIds(labels[x] ?? '', labels[y] ?? ''));
  const ids = new Map([['', OUTSIDE]]);
  return { names: ['O'], labelSets: [[]], labels, nameOrder, ids, idsByMask: new Map([[0, OUTSIDE]]) };
}

/** Code unit order, as Python's `sorted` orders str (for BMP text) and as the names are built. */
const compareIds = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The id of the category made of the labels whose `depth` is above zero, added when new. */
export function internCategory(table: CategoryTable, depth: Int32Array): number {
  // Called wherever a span starts or ends: a mask lookup avoids building the name each time.
  const masked = table.labels.length <= MAX_MASKED_LABELS;
  let mask = 0;
  if (masked) {
    for (let label = 0; label < table.labels.length; label += 1) if ((depth[label] ?? 0) > 0) mask |= 1 << label;
    const known = table.idsByMask.get(mask);
    if (known !== undefined) return known;
  }
  const members = table.nameOrder.filter((index) => (depth[index] ?? 0) > 0);
  if (members.length === 0) return OUTSIDE;
  // Keyed by label indexes, not by name: a label id may itself hold a `+`.
  const labelSet = [...members].sort((x, y) => x - y);
  const key = labelSet.join(',');
  let id = table.ids.get(key);
  if (id === undefined) {
    id = table.names.length;
    table.ids.set(key, id);
    table.names.push(members.map((index) => table.labels[index]).join('+'));
    table.labelSets.push(labelSet);
  }
  if (masked) table.idsByMask.set(mask, id);
  return id;
}

const MAX_MASKED_LABELS = 30;

/** An annotator's category of each token of a document as runs: run i starts at token `starts[i]`. */
export interface CategoryRuns {
  starts: Int32Array;
  categories: Int32Array;
}

/** A label held over token indexes `[first, end)`. */
export interface TokenSpan {
  label: number;
  first: number;
  end: number;
}

/**
 * The runs of one annotator over a document of `tokenCount` tokens. Cost is in the number of spans,
 * not of tokens: the category only changes where a span's covered tokens start or end.
 */
export function categoryRuns(tokenCount: number, spans: readonly TokenSpan[], table: CategoryTable): CategoryRuns {
  // Three numbers an event: token index, label index, +1 where the label starts or -1 where it ends.
  const events: number[] = [];
  for (const span of spans) {
    if (span.first < span.end) events.push(span.first, span.label, 1, span.end, span.label, -1);
  }
  const order = Array.from({ length: events.length / 3 }, (_, index) => index * 3).sort(
    (x, y) => (events[x] ?? 0) - (events[y] ?? 0),
  );
  const depth = new Int32Array(table.labels.length);
  const starts: number[] = [0];
  const categories: number[] = [OUTSIDE];
  let next = 0;
  while (next < order.length) {
    const position = events[order[next] ?? 0] ?? 0;
    for (; next < order.length && events[order[next] ?? 0] === position; next += 1) {
      const at = order[next] ?? 0;
      const label = events[at + 1] ?? 0;
      depth[label] = (depth[label] ?? 0) + (events[at + 2] ?? 0);
    }
    if (position >= tokenCount) break;
    const category = internCategory(table, depth);
    // Only position 0 can meet the run every document starts with; elsewhere positions are new.
    if (position === 0) categories[0] = category;
    else if (categories[categories.length - 1] !== category) {
      starts.push(position);
      categories.push(category);
    }
  }
  return { starts: Int32Array.from(starts), categories: Int32Array.from(categories) };
}

/**
 * The tuples of categories the annotators gave the tokens of one document, counted. `runs[r]` is
 * null for an annotator who did not annotate the document (their value is MISSING).
 */
export function countTuples(tokenCount: number, runs: readonly (CategoryRuns | null)[]): Map<string, CodedUnits> {
  const counts = new Map<string, CodedUnits>();
  const cursor = new Int32Array(runs.length);
  const values = runs.map(() => MISSING);
  // A merge of the annotators' runs: each step is a stretch where no annotator's category changes.
  for (let position = 0; position < tokenCount;) {
    let next = tokenCount;
    runs.forEach((r, rater) => {
      if (r === null) return;
      const at = cursor[rater] ?? 0;
      values[rater] = r.categories[at] ?? OUTSIDE;
      next = Math.min(next, r.starts[at + 1] ?? tokenCount);
    });
    addUnits(counts, values, next - position);
    runs.forEach((r, rater) => {
      if (r !== null && r.starts[(cursor[rater] ?? 0) + 1] === next) cursor[rater] = (cursor[rater] ?? 0) + 1;
    });
    position = next;
  }
  return counts;
}

/** Adds `count` units with these values (copied when new) to a tally keyed by the values. */
export function addUnits(counts: Map<string, CodedUnits>, values: readonly number[], count: number): void {
  const key = values.join(',');
  const known = counts.get(key);
  if (known === undefined) counts.set(key, { values: [...values], count });
  else known.count += count;
}
