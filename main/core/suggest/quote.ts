/**
 * The `quote` recogniser: pairs quotation marks (straight and curly doubles; curly singles at the
 * top level), follows a quote over paragraphs that each reopen it, leaves apostrophes and nested
 * single quotes alone, drops scare quotes and suggests a `speaker` from the nearest attribution.
 * Spans hold the words inside the marks. Offsets are UTF-16 code units, `end` exclusive.
 */
import type { Span } from '../span';
import { fullestName, indexNames, nameAt, resolvePronoun, resolveRole, SAY, subjectAt, type NameIndex } from './names';
import { sentenceAt } from './sentences';
import { makeSuggestion, trimSpan, type CoreSuggestion } from './suggestion';

const SAYS = new RegExp(String.raw`\b${SAY}\b`, 'iu');
const PRONOUN_SUBJECT = /^(?:he|she)$/iu;

/** A pair of marks: the opening mark's offset and the closing mark's. */
interface Pair {
  open: number;
  close: number;
}

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Whether a straight `"` at `i` opens (true), closes (false) or cannot tell (null). */
function straightOpens(text: string, i: number): boolean | null {
  const before = text[i - 1];
  const after = text[i + 1];
  const opens = (isSpace(before) || /[([{\u2014\u2013/-]/u.test(before ?? '')) && !isSpace(after);
  const closes = !isSpace(before) && (isSpace(after) || /[.,;:!?)\]}\u2014\u2013-]/u.test(after ?? ''));
  return opens === closes ? null : opens;
}

/** Offset of the first character of the next line holding something, or -1. */
function nextParagraphStart(text: string, newline: number): number {
  const rest = /[\r\n]+[ \t]*/uy;
  rest.lastIndex = newline;
  const m = rest.exec(text);
  return m === null || newline + m[0].length >= text.length ? -1 : newline + m[0].length;
}

/**
 * Pairs of double marks. An open quote that reaches the end of its paragraph goes on when the next
 * paragraph starts with an opening mark (the convention for quotes over several paragraphs) and
 * is dropped otherwise.
 */
function doublePairs(text: string): Pair[] {
  const pairs: Pair[] = [];
  const marks = /["\u201c\u201d\r\n]/gu;
  let open = -1;
  let continuation = -1;
  for (let m = marks.exec(text); m !== null; m = marks.exec(text)) {
    const i = m.index;
    const mark = m[0];
    if (mark === '\r' || mark === '\n') {
      if (open < 0) continue;
      const next = nextParagraphStart(text, i);
      const reopens =
        next >= 0 && (text[next] === '\u201c' || (text[next] === '"' && straightOpens(text, next) !== false));
      if (reopens) {
        continuation = next;
      } else {
        open = -1;
      }
      marks.lastIndex = next >= 0 ? next : text.length;
      continue;
    }
    const opens = mark === '\u201c' ? true : mark === '\u201d' ? false : (straightOpens(text, i) ?? open < 0);
    if (opens) {
      if (i === continuation) continue;
      open = i; // an opening mark inside an open quote restarts it: the earlier one was never closed
    } else if (open >= 0) {
      pairs.push({ open, close: i });
      open = -1;
    }
  }
  return pairs;
}

/** Pairs of curly single marks outside double quotes, within a paragraph; apostrophes are skipped. */
function singlePairs(text: string, doubles: readonly Pair[]): Pair[] {
  const pairs: Pair[] = [];
  let next = 0; // doubles are sorted and the marks come in order: one pass over both
  const inside = (i: number): boolean => {
    while (next < doubles.length && (doubles[next]?.close ?? 0) < i) next += 1;
    const pair = doubles[next];
    return pair !== undefined && pair.open < i && i < pair.close;
  };
  const marks = /[\u2018\u2019\r\n]/gu;
  let open = -1;
  for (let m = marks.exec(text); m !== null; m = marks.exec(text)) {
    const i = m.index;
    if (m[0] !== '\u2018' && m[0] !== '\u2019') {
      open = -1;
      continue;
    }
    const before = text[i - 1];
    const after = text[i + 1];
    if (m[0] === '\u2018') {
      if ((isSpace(before) || /[(["\u201c\u2014\u2013-]/u.test(before ?? '')) && !isSpace(after) && !inside(i))
        open = i;
      continue;
    }
    // ’ between letters (don’t, Zelensky’s) or before a digit (’90s) is an apostrophe.
    if (isWordChar(after) || open < 0 || isSpace(before)) continue;
    pairs.push({ open, close: i });
    open = -1;
  }
  return pairs;
}

/** The words inside a pair: white space trimmed, a trailing comma dropped, a fragment's period too. */
function innerSpan(text: string, pair: Pair): Span | null {
  const span = trimSpan(text, { start: pair.open + 1, end: pair.close });
  if (span === null) return null;
  let end = span.end;
  while (end > span.start && /[,;:]/u.test(text[end - 1] ?? '')) end -= 1;
  // A quote that is a fragment ("called a “killer and terrorist.”") lends its period to the sentence.
  const first = /\p{L}/u.exec(text.slice(span.start, end));
  if (first !== null && /\p{Ll}/u.test(first[0]) && text[end - 1] === '.' && text.slice(end - 3, end) !== '...') {
    end -= 1;
  }
  return trimSpan(text, { start: span.start, end });
}

/** The attribution after a quote: the rest of its sentence, or a short next line ("Putin said."). */
function textAfter(text: string, close: number): { from: number; text: string } {
  const line = /[^\r\n]{0,300}/uy;
  line.lastIndex = close + 1;
  let from = close + 1;
  let rest = line.exec(text)?.[0] ?? '';
  if (rest.trim() === '' || /^[\s,.]*$/u.test(rest)) {
    const next = nextParagraphStart(text, close + 1 + rest.length);
    if (next >= 0 && /^[\p{Ll}\p{Lu}]/u.test(text[next] ?? '')) {
      line.lastIndex = next;
      from = next;
      rest = line.exec(text)?.[0] ?? '';
      if (rest.length > 120) rest = '';
    }
  }
  const stop = /[.!?](?=\s|$)|[\u201c"]/u.exec(rest);
  return { from, text: stop === null ? rest.slice(0, 200) : rest.slice(0, stop.index) };
}

const AFTER_VERB_FIRST = new RegExp(String.raw`^[\s,;:\u2014\u2013-]*(${SAY})\s+`, 'u');
const AFTER_SUBJECT_FIRST = new RegExp(
  String.raw`^[\s,;:\u2014\u2013-]*((?:the |a |an )?[^,;:\u201c\u201d"]{1,60}?)\s+(?:\p{Ll}+ly\s+)?(?:has |had |have )?(${SAY})\b`,
  'u',
);

/**
 * The speakers of a quote, each search returning null when it finds no attribution (the next one
 * is tried) and '' when it finds one that names nobody it can resolve (the quote is still a quote).
 */

/** The speaker an attribution after the quote names: "…,” Peskov said", "said Dmitry Peskov", "he added". */
function speakerAfter(index: NameIndex, pair: Pair): string | null {
  const { from, text: after } = textAfter(index.text, pair.close);
  // After a quote that ends its own sentence, "Peskov added that …" is a new sentence, not an attribution.
  const endsSentence = /\.$/u.test(index.text.slice(pair.open + 1, pair.close).trimEnd());
  if (endsSentence && (/\bthat\b/u.test(after) || after.trim().length > 60)) return null;
  const lead = after.length - after.trimStart().length;
  const verbFirst = AFTER_VERB_FIRST.exec(after);
  if (verbFirst) {
    const at = from + verbFirst[0].length;
    return nameAt(index, at) || resolveRoleAt(index, at, pair.open) || null;
  }
  const subjectFirst = AFTER_SUBJECT_FIRST.exec(after);
  if (!subjectFirst) return null;
  const subject = (subjectFirst[1] ?? '').trim();
  const subjectStart = from + after.indexOf(subject, lead);
  const rest = after.slice(subjectFirst.index + subjectFirst[0].length);
  // "Interfax quoted Peskov as saying", "Trump added, quoting Zelenskyy’s statement": the words are the other's.
  const quoted = /^\s+(?:\p{Lu}[\p{L}.’'-]*\s+)*?(?=\p{Lu})/u.exec(rest);
  if ((subjectFirst[2] ?? '') === 'quoted' && quoted)
    return nameAt(index, from + subjectFirst[0].length + quoted[0].length) || null;
  const quoting = /,\s*quoting\s+(?=\p{Lu})/u.exec(rest);
  if (quoting) {
    const other = nameAt(index, from + subjectFirst.index + subjectFirst[0].length + quoting.index + quoting[0].length);
    if (other !== '') return other;
  }
  if (PRONOUN_SUBJECT.test(subject)) return resolvePronoun(index, pair.open);
  // "the Kremlin spokesman said": the person who holds the role, not the Kremlin.
  if (/^(?:the|a|an) .*\b\p{Ll}+$/u.test(subject)) {
    // "the president said" with no president named before: the person the text is about, as for "he".
    return resolveRole(index, subject, pair.open) || resolvePronoun(index, pair.open) || null;
  }
  return nameAt(index, subjectStart) || null;
}

/** A role phrase starting at `at` ("said the Kremlin spokesman"), resolved to the person who holds it. */
function resolveRoleAt(index: NameIndex, at: number, before: number): string {
  const phrase = /^(?:the|a) [\p{L} ]{1,40}/u.exec(index.text.slice(at))?.[0] ?? '';
  return phrase === '' ? '' : resolveRole(index, phrase, before) || resolvePronoun(index, before);
}

/** The speaker an attribution before the quote names: "Zelenskyy wrote:", "according to Peskov:", "Peskov stated, “". */
function speakerBefore(index: NameIndex, pair: Pair): string | null {
  const { text } = index;
  const s = index.sentences[sentenceAt(index.sentences, pair.open)];
  let start = s === undefined ? pair.open : Math.min(s.start, pair.open);
  let before = text.slice(start, pair.open);
  if (before.trim() === '') {
    // The quote opens its paragraph: the paragraph before may end with "…, telling Interfax:".
    let previousEnd = pair.open;
    while (previousEnd > 0 && /\s/u.test(text[previousEnd - 1] ?? '')) previousEnd -= 1;
    const previous = index.sentences[sentenceAt(index.sentences, previousEnd - 1)];
    if (previous === undefined || text[previousEnd - 1] !== ':') return null;
    start = previous.start;
    before = text.slice(start, previousEnd);
  }
  if (!/[:,]\s*$/u.test(before) || !SAYS.test(before)) return null;
  return subjectAt(index, start + before.trimEnd().length - 1, { before: true });
}

/** The speaker of a quote inside a sentence that says who speaks ("whom he called a “killer”"). */
function speakerAround(index: NameIndex, pair: Pair): string | null {
  const s = index.sentences[sentenceAt(index.sentences, pair.open)];
  if (s === undefined) return null;
  const outside =
    index.text.slice(s.start, pair.open) + ' ' + index.text.slice(pair.close + 1, Math.max(s.end, pair.close + 1));
  if (!SAYS.test(outside)) return null;
  return subjectAt(index, pair.open, { before: true });
}

/** The first name the searches find; '' when one found an attribution but no name; null when none did. */
function firstSpeaker(index: NameIndex, pair: Pair): string | null {
  let found: string | null = null;
  for (const search of [speakerAfter, speakerBefore, speakerAround]) {
    const speaker = search(index, pair);
    if (speaker !== null && speaker !== '') return speaker;
    found ??= speaker;
  }
  return found;
}

/**
 * Quote suggestions for `text`, sorted by start, each with `attributes.speaker` ('' when no
 * attribution names one). Scare quotes (three words or fewer, no verb of saying) are left out.
 */
export function recogniseQuotes(text: string, names: NameIndex = indexNames(text)): CoreSuggestion[] {
  const doubles = doublePairs(text);
  const pairs = [...doubles, ...singlePairs(text, doubles)].sort((a, b) => a.open - b.open);
  const result: CoreSuggestion[] = [];
  let previous: { close: number; speaker: string } | null = null;
  for (const pair of pairs) {
    const span = innerSpan(text, pair);
    if (span === null) continue;
    const words = text.slice(span.start, span.end).split(/\s+/u).length;
    const soCalled = /\bso-called\s*$/iu.test(text.slice(Math.max(0, pair.open - 12), pair.open));
    let speaker = firstSpeaker(names, pair);
    // A quote that goes on in a new sentence after its attribution ("…,” he said. “…”) keeps the speaker.
    if (speaker === null && previous !== null && pair.open - previous.close < 160) {
      const between = text.slice(previous.close + 1, pair.open);
      if (/(?:[.!?:]|^)\s*$/u.test(between)) speaker = previous.speaker;
    }
    if (soCalled || (words <= 3 && speaker === null)) continue;
    speaker = speaker === null || speaker === '' ? '' : fullestName(names, speaker);
    result.push(makeSuggestion(text, span, 'quote', { speaker }));
    previous = { close: pair.close, speaker };
  }
  return result;
}
