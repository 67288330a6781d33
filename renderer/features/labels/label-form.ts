/**
 * The label editor's arithmetic: ids from names, attribute drafts ↔ definitions, the colours a new
 * label gets, which labels suggest spans, and how many spans use each label. Pure; main still
 * validates every change (and refuses Parley's own keys as hotkeys).
 */
import type { AnnotatorStats, AttributeDef, Label } from '@api/contract';

/** Labels a built-in recogniser can suggest spans for (main's RECOGNISED_LABELS). */
export const RECOGNISED_LABELS: readonly string[] = ['date', 'quote', 'precondition'];

/** An attribute as edited: choices as the comma-separated text the person types. */
export interface AttributeDraft {
  name: string;
  kind: AttributeDef['kind'];
  choices: string;
}

/**
 * An id for a label named `name`: lower case, runs of other characters as `-`, at most 64
 * characters, `label` when nothing is left, and `-2`, `-3`… when the id is taken.
 */
export function labelIdFrom(name: string, takenIds: readonly string[]): string {
  const base =
    name
      .normalize('NFKC')
      .toLocaleLowerCase()
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'label';
  const taken = new Set(takenIds);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** The choices in a comma-separated text: trimmed, without blanks or repeats. */
export const parseChoices = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
  ),
];

export const draftsOf = (attributes: readonly AttributeDef[] | undefined): AttributeDraft[] =>
  (attributes ?? []).map((a) => ({ name: a.name, kind: a.kind, choices: (a.choices ?? []).join(', ') }));

/** The definitions of drafts, or the first problem in words (blank or repeated name, a choice with no values). */
export function attributesOf(drafts: readonly AttributeDraft[]): { attributes: AttributeDef[] } | { error: string } {
  const seen = new Set<string>();
  const attributes: AttributeDef[] = [];
  for (const [index, draft] of drafts.entries()) {
    const name = draft.name.trim();
    if (name === '') return { error: `Attribute ${index + 1} needs a name` };
    if (seen.has(name)) return { error: `There are two attributes named “${name}”` };
    seen.add(name);
    if (draft.kind !== 'choice') {
      attributes.push({ name, kind: draft.kind });
      continue;
    }
    const choices = parseChoices(draft.choices);
    if (choices.length === 0) return { error: `Give “${name}” its choices, separated by commas` };
    attributes.push({ name, kind: 'choice', choices });
  }
  return { attributes };
}

/** Distinct, readable colours for new labels, tried in order. */
const PALETTE = ['#7048e8', '#0c8599', '#c2255c', '#5c940d', '#e67700', '#1971c2', '#862e9c', '#495057'];

/** A colour no label uses yet (the first of the palette when all are used). */
export function nextColour(labels: readonly Label[]): string {
  const used = new Set(labels.map((l) => l.color.toLowerCase()));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[0] ?? '#7048e8';
}

/** The labels whose recogniser is on: the setting, or every recognised label when it is absent. */
export const suggestingLabels = (suggestLabels: readonly string[] | undefined): string[] => [
  ...(suggestLabels ?? RECOGNISED_LABELS),
];

/** The setting after turning a label's suggestions on or off. */
export function toggleSuggesting(suggestLabels: readonly string[] | undefined, id: string, isOn: boolean): string[] {
  const rest = suggestingLabels(suggestLabels).filter((l) => l !== id);
  return isOn ? [...rest, id] : rest;
}

/** Spans per label over every annotator, gold included: what deleting a label touches. */
export function spansPerLabel(stats: readonly AnnotatorStats[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const annotator of stats) {
    for (const [label, n] of Object.entries(annotator.perLabel)) counts[label] = (counts[label] ?? 0) + n;
  }
  return counts;
}
