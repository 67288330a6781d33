/**
 * Finding a span again in a text that changed since it was tagged, from what the annotation
 * stored: its text, and the context before and after it. In order: the same text at the old
 * offsets; the same text elsewhere (the occurrence whose context matches best, then the nearest);
 * a fuzzy match near the old place (diff-match-patch's Bitap matcher, on the span's first and
 * last 32 characters). What is not found is an orphan: kept with its text, never deleted. Pure.
 */
import { cleanupSemantic, DIFF_EQUAL, DIFF_INSERT, makeDiff, match, xIndex } from '@sanity/diff-match-patch';
import type { Span } from './span';

/** What an annotation stored about where it was. */
export interface Anchor extends Span {
  text: string;
  prefix: string;
  suffix: string;
}

export type Anchoring =
  { kind: 'exact' } | { kind: 'moved'; how: 'exact' | 'fuzzy'; start: number; end: number } | { kind: 'orphan' };

/** Bitap matches patterns of at most this many characters. */
const MAX_PATTERN = 32;
/** Fuzzy matches are accepted up to this score (0 perfect, 1 anything). */
const THRESHOLD = 0.35;
/** A fuzzy match must keep at least this share of the span's characters. */
const MIN_KEPT = 0.6;

/** How many characters two strings share at their ends: `a`'s end with `b`'s end. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/** Every start of `needle` in `text` (overlapping ones too). */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** The same text elsewhere: best context match, then nearest to the old start. */
function exactElsewhere(text: string, anchor: Anchor): number | null {
  let best: { at: number; context: number; distance: number } | null = null;
  for (const at of occurrences(text, anchor.text)) {
    const before = text.slice(Math.max(0, at - anchor.prefix.length), at);
    const after = text.slice(at + anchor.text.length, at + anchor.text.length + anchor.suffix.length);
    const context = commonSuffix(before, anchor.prefix) + commonPrefix(after, anchor.suffix);
    const distance = Math.abs(at - anchor.start);
    if (!best || context > best.context || (context === best.context && distance < best.distance)) {
      best = { at, context, distance };
    }
  }
  return best?.at ?? null;
}

/** Bitap's best start of `pattern` near `near`, or -1. */
function fuzzy(text: string, pattern: string, near: number): number {
  if (pattern === '' || text === '') return -1;
  try {
    return match(text, pattern, Math.max(0, Math.min(text.length, near)), { threshold: THRESHOLD, distance: 1000 });
  } catch {
    return -1;
  }
}

/**
 * A fuzzy match of the span near its old place: Bitap finds where its head is now, then a diff
 * of the span's text against the text around there maps its start and end, so a word changed
 * inside the span or at its edges moves the edges with it.
 */
function fuzzyNear(text: string, anchor: Anchor): { start: number; end: number } | null {
  const length = anchor.text.length;
  const head = fuzzy(text, anchor.text.slice(0, Math.min(MAX_PATTERN, length)), anchor.start);
  if (head < 0) return null;
  const slack = Math.max(16, Math.ceil(length / 4));
  const from = Math.max(0, head - slack);
  const region = text.slice(from, Math.min(text.length, head + length + slack));
  const diffs = cleanupSemantic(makeDiff(anchor.text, region));
  // Text the region has beyond the span's end is not part of it.
  while (diffs.length > 0 && diffs[diffs.length - 1]?.[0] === DIFF_INSERT) diffs.pop();
  const kept = diffs.reduce((n, [op, part]) => (op === DIFF_EQUAL ? n + part.length : n), 0);
  if (kept < length * MIN_KEPT) return null;
  const start = from + xIndex(diffs, 0);
  const end = from + xIndex(diffs, length);
  return end > start ? { start, end } : null;
}

/** Where `anchor` is in `text` now. */
export function reanchor(text: string, anchor: Anchor): Anchoring {
  if (anchor.end <= text.length && text.slice(anchor.start, anchor.end) === anchor.text) return { kind: 'exact' };
  if (anchor.text !== '') {
    const at = exactElsewhere(text, anchor);
    if (at !== null) return { kind: 'moved', how: 'exact', start: at, end: at + anchor.text.length };
  }
  const near = fuzzyNear(text, anchor);
  return near ? { kind: 'moved', how: 'fuzzy', ...near } : { kind: 'orphan' };
}
