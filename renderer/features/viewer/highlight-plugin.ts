/**
 * Highlights as ProseMirror decorations drawn over the unchanging text. The plugin's state is a
 * DecorationSet: replaced when a document opens, and changed by adding and removing the
 * decorations of single annotations otherwise (rebuilding 10,000 spans per change is too slow).
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { AnnotationView, Label } from '@api/contract';
import { offsetToPos, type OffsetMap } from '@core/offsets';

/**
 * The annotator of a suggestion drawn as a highlight: suggestions are shown as annotation views
 * with this name (never stored), and drawn dashed and paler.
 */
export const SUGGESTION_ANNOTATOR = '\u0000suggestion';

/** A change to the drawn highlights. */
export interface HighlightChange {
  /** Replace every highlight with these. */
  reset?: Decoration[];
  /** Remove the highlights of these annotation ids, then add `add`. */
  removeIds?: readonly string[];
  add?: Decoration[];
}

interface HighlightSpec {
  annotationId: string;
}

export const highlightKey = new PluginKey<DecorationSet>('parley-highlights');

/** What a highlight needs to know besides its annotation. */
export interface HighlightContext {
  /** The offset map of the text drawn now: the whole text, or a window of it starting at `base`. */
  map: OffsetMap;
  /** Offset in the whole text of the drawn text's start (0 when the whole text is drawn). */
  base: number;
  labels: ReadonlyMap<string, Label>;
  selectedId: string | null;
  /** In review: annotator → lane (its underline style); gold has its own look. */
  lanes?: ReadonlyMap<string, number>;
}

const CLASS_NAMES = {
  agreed: 'agreed',
  label: 'label differs',
  boundary: 'boundary differs',
  partial: 'not everyone',
  only: 'only one annotator',
} as const;

/** Review classes of a highlight: lane, gold, class, resolution; and words for its tooltip. */
function reviewLook(
  annotation: AnnotationView,
  lanes: ReadonlyMap<string, number>,
): { classes: string[]; words: string } {
  if (annotation.annotator === 'gold') return { classes: ['hl-gold'], words: ' · gold' };
  const lane = lanes.get(annotation.annotator) ?? 0;
  const classes = [`hl-lane-${lane % 4}`];
  let words = '';
  if ('cls' in annotation && typeof annotation.cls === 'string') {
    const cls = annotation.cls as keyof typeof CLASS_NAMES;
    classes.push(`hl-${cls}`);
    words = ` · ${CLASS_NAMES[cls]}`;
  }
  if ('resolution' in annotation && typeof annotation.resolution === 'string') {
    classes.push(`hl-${annotation.resolution}`);
    words += ` · ${annotation.resolution}`;
  }
  return { classes, words };
}

/**
 * The decoration of one annotation: its own `span` element (so overlapping highlights nest and
 * keep their ids) with label colour and a tooltip. Null when its offsets are outside the text
 * or the window of it that is drawn; cut at the window's edges when it runs past them.
 */
export function decorationOf(annotation: AnnotationView, context: HighlightContext): Decoration | null {
  if (annotation.problem === 'out-of-range') return null;
  const from = Math.max(0, annotation.start - context.base);
  const to = Math.min(context.map.length, annotation.end - context.base);
  if (from >= to) return null;
  const label = context.labels.get(annotation.label);
  // The colour comes from one style sheet per label set (labelColourSheet), not an attribute on
  // each of 10,000 highlights.
  const classes = ['hl'];
  if (annotation.id === context.selectedId) classes.push('hl-selected');
  if (annotation.problem !== undefined) classes.push('hl-flagged');
  const review = context.lanes ? reviewLook(annotation, context.lanes) : { classes: [], words: '' };
  classes.push(...review.classes);
  const isSuggestion = annotation.annotator === SUGGESTION_ANNOTATOR;
  if (isSuggestion) classes.push('hl-suggestion');
  const attributes = Object.entries(annotation.attributes ?? {})
    .filter(([, value]) => value !== '')
    .map(([name, value]) => ` · ${name}: ${value}`)
    .join('');
  const labelName = label?.name ?? annotation.label;
  const flagged = `${annotation.problem !== undefined ? ' · text changed since tagged' : ''}${review.words}`;
  const spec: HighlightSpec = { annotationId: annotation.id };
  return Decoration.inline(
    offsetToPos(context.map, from),
    offsetToPos(context.map, to),
    {
      nodeName: 'span',
      class: classes.join(' '),
      title: isSuggestion
        ? `Suggested ${labelName}${attributes} · Enter accepts, x rejects, Tab moves on`
        : `${labelName} · ${annotation.annotator}${attributes}${flagged}`,
      'data-annotation-id': annotation.id,
      'data-label': annotation.label,
      'data-annotator': annotation.annotator,
    },
    spec,
  );
}

/** Decorations of many annotations, skipping those that cannot be drawn. */
export const decorationsOf = (annotations: readonly AnnotationView[], context: HighlightContext): Decoration[] =>
  annotations.map((a) => decorationOf(a, context)).filter((d): d is Decoration => d !== null);

function applyChange(set: DecorationSet, doc: PMNode, change: HighlightChange): DecorationSet {
  if (change.reset) return DecorationSet.create(doc, change.reset);
  let next = set;
  if (change.removeIds && change.removeIds.length > 0) {
    const ids = new Set(change.removeIds);
    const spec = (s: unknown): boolean => ids.has((s as HighlightSpec).annotationId);
    next = next.remove(next.find(undefined, undefined, spec));
  }
  if (change.add && change.add.length > 0) next = next.add(doc, change.add);
  return next;
}

/** Sets a highlight change on a transaction. */
export const withHighlightChange = (tr: Transaction, change: HighlightChange): Transaction =>
  tr.setMeta(highlightKey, change);

export const Highlights = Extension.create({
  name: 'parleyHighlights',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key: highlightKey,
      state: {
        init: () => DecorationSet.empty,
        apply: (tr, set) => {
          const change = tr.getMeta(highlightKey) as HighlightChange | undefined;
          const mapped = tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          return change ? applyChange(mapped, tr.doc, change) : mapped;
        },
      },
      props: { decorations: (state) => highlightKey.getState(state) },
    }),
  ],
});

/** CSS that gives every highlight of a label its colour (`--hl`), for a constructed style sheet. */
export function labelColourSheet(labels: readonly Label[]): string {
  return labels
    .map(
      (l) =>
        `.text-view [data-label="${CSS.escape(l.id)}"] { --hl: ${/^#[0-9a-fA-F]{6}$/.test(l.color) ? l.color : '#888888'}; }`,
    )
    .join('\n');
}
