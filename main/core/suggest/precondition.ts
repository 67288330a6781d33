/**
 * The `precondition` recogniser: condition cues ("only if", "unless", "provided", "contingent
 * upon", "must first", "… prior to any talks") in sentences about talks, a ceasefire, peace or a
 * deal. The span is the condition (the clause after the cue, or the demand before "prior to any
 * talks"); `holder` is the speaker of the quote it sits in, else the sentence's subject.
 * Offsets are UTF-16 code units, `end` exclusive.
 */
import type { Span } from '../span';
import { indexNames, nameAt, SAY, subjectAt, TITLE_WORD, type NameIndex } from './names';
import { makeSuggestion, trimSpan, type CoreSuggestion } from './suggestion';

/** What the rest of the sentence must be about for a condition to be a precondition. */
const TOPIC =
  /\b(?:talks?|negotiat\w*|cease-?fires?|truce|armistice|peace\w*|deal|agreements?|accord|dialogue|settlement|discussions?|diplomac\w*|diplomatic|summit|sign(?:ed|ing)?|end(?:ing)? (?:the|this) (?:war|conflict|fighting|hostilities)|stop(?:ping)? (?:the )?fighting)\b/iu;

/** Cues after which the condition follows. */
const CUE_BEFORE_CONDITION =
  /\b(?:only if|if|unless|provided(?: that)?|providing(?: that)?|on (?:the )?condition that|contingent (?:up)?on|conditional (?:up)?on|as long as|so long as|only after|only when|until|must first|first,? (?:\p{L}+ )?(?:have to|has to|must|needs? to))\s+/giu;
/** "The Kremlin insists Ukraine must cede …": the demanded act follows "must". */
const DEMANDED_ACT =
  /\b(?:insists?|insisted|insisting|demands?|demanded|demanding) (?:that )?(?:the )?\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)? (?:must|should) (?:first )?/gu;

/** "if" that asks or concedes rather than sets a condition. */
const NOT_A_CONDITION_BEFORE =
  /\b(?:asked|ask|asks|asking|wonder|wondered|wondering|know|knows|knew|see|sees|saw|unclear|unsure|question|decide|decided|check|even|as|what|or)\s+$/iu;
const NOT_A_CONDITION_AFTER = /^(?:any|not|so|necessary|needed|possible|ever|at all|anything|only|need be)\b/iu;
/** "will not stop fighting before a memorandum is agreed": a negated act, then the condition. */
const NOT_BEFORE = /\b(?:not|n['’]t|never)\s+(?:\p{L}+\s+){1,6}?before\s+/giu;
/** "until Friday", "until now": a time, not a condition. */
const UNTIL_A_TIME =
  /^(?:(?:at least|the end of|the start of|mid-?|early|late|next|last|this|the)\s+)*(?:now|then|recently|today|tomorrow|yesterday|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d|week|month|year|spring|summer|autumn|fall|winter|midnight|noon|morning|evening|night|\w+ (?:days|weeks|months|years))\b/iu;

/** "… prior to any discussions": the demand stands before the cue. */
const CUE_AFTER_CONDITION =
  /\s+(?:before|prior to)\s+(?:any\s+|proceeding\s+(?:with\s+)?|starting\s+|entering\s+(?:into\s+)?|holding\s+|resuming\s+|the\s+start\s+of\s+)*(?=(?:\p{L}+\s+){0,2}(?:talks|negotiat|discussions?|dialogue|diplomatic|signing|a\s+cease-?fire|peace|meeting))/giu;
const DEMAND =
  /\b(?:need|needs|desire|desires|demand|demands|demanded|demanding|call|calls|called|push|wish|request|requests|requirement|insistence|insists?|insisted)\s+(?:for|on)\s+|\b(?:wants?|wanted|requires?|required|requiring|seeks?|sought|seeking|expects?)\s+/giu;

/** Where a condition clause stops: a relative clause, a new clause, an attribution, a dash. */
const CLAUSE_BREAK =
  /,\s+(?:terms|conditions|demands|something|an?)\s|,\s+(?:which|who|whom|whose|where|when|while|whereas|but|although|though|then|so|yet|according|saying|adding|he|she|they|it|we|I|as|in\s+turn|a\s+\p{L}+\s+that)\b|,\s+\p{Ll}+ing\b|;|\s[\u2014\u2013]\s|\s--\s|[\u201d"]\s*,?\s+(?:he|she|they|\p{Lu}\p{L}+)\s/u;
const TRAILING = /[\s.,;:!?\u201d"]+$/u;
/** "…, Lavrov said." or "…, said Andriy Yermak." closing a sentence: a clause break, and the holder. */
const ATTRIBUTION = new RegExp(
  String.raw`,\s+(?:(?:the\s+)?(?:${TITLE_WORD}\s+){1,6}(?:\p{Ll}+ly\s+)?${SAY}\b|${SAY}\s+(?=\p{Lu}|the\s))`,
  'u',
);
/** "… before any negotiations": the talks the condition comes before are not part of it. */
const BEFORE_TALKS =
  /\s+(?:before|prior to)\s+(?:any\s+|the\s+)?(?:talks|negotiat|discussions?|dialogue|a\s+cease-?fire|peace)/u;

/** A quote's span and speaker, to give a condition inside it its holder. */
export interface QuoteSpan extends Span {
  speaker: string;
}

/** The quote holding `offset` (quotes sorted by start, not nested), by binary search. */
function quoteAt(quotes: readonly QuoteSpan[], offset: number): QuoteSpan | undefined {
  let low = 0;
  let high = quotes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const q = quotes[middle];
    if (q === undefined) break;
    if (offset < q.start) high = middle - 1;
    else if (offset > q.end) low = middle + 1;
    else return q;
  }
  return undefined;
}

interface Condition extends Span {
  cue: number;
}

/** The condition after a cue that ends at `from`, inside `limit`; null when nothing is left. */
function conditionAfter(text: string, from: number, limit: Span, sentenceInitial: boolean): Span | null {
  const rest = text.slice(from, limit.end);
  let length = rest.length;
  for (const pattern of [CLAUSE_BREAK, ATTRIBUTION, BEFORE_TALKS]) {
    const found = pattern.exec(rest);
    if (found && found.index < length) length = found.index;
  }
  if (sentenceInitial) {
    // "If Ukraine withdraws, Russia will talk": the condition ends at its comma, or at ", then".
    const then = /,\s+then\s/u.exec(rest);
    const comma = then ?? /,\s/u.exec(rest);
    if (comma) length = then ? comma.index : Math.min(length, comma.index);
  }
  const span = trimSpan(text, { start: from, end: from + length });
  if (span === null) return null;
  const end = span.end - (TRAILING.exec(text.slice(span.start, span.end))?.[0].length ?? 0);
  return end > span.start ? { start: span.start, end } : null;
}

/** Conditions in one sentence, each with where its cue starts. */
function conditionsIn(text: string, sentence: Span, quotes: readonly QuoteSpan[]): Condition[] {
  const result: Condition[] = [];
  const body = text.slice(sentence.start, sentence.end);
  const cues = [...body.matchAll(CUE_BEFORE_CONDITION), ...body.matchAll(DEMANDED_ACT), ...body.matchAll(NOT_BEFORE)];
  for (const cue of cues) {
    const cueStart = sentence.start + cue.index;
    const after = cueStart + cue[0].length;
    if (/(?:^until|before)\s+$/iu.test(cue[0]) && UNTIL_A_TIME.test(text.slice(after, after + 30))) continue;
    if (/^if\s/iu.test(cue[0])) {
      if (NOT_A_CONDITION_BEFORE.test(text.slice(Math.max(sentence.start, cueStart - 20), cueStart))) continue;
      if (NOT_A_CONDITION_AFTER.test(text.slice(after, after + 12))) continue;
    }
    // "provided" alone is a condition only after a comma: ", provided Russia is prepared".
    if (
      /^provided\s/iu.test(cue[0]) &&
      !/^provided that/iu.test(cue[0]) &&
      !/,\s*$/u.test(text.slice(cueStart - 3, cueStart))
    ) {
      continue;
    }
    const quote = quoteAt(quotes, cueStart);
    const limit = quote === undefined ? sentence : { start: sentence.start, end: Math.min(sentence.end, quote.end) };
    const opening = text.slice(quote?.start ?? sentence.start, cueStart);
    const initial = /^(?:(?:but|and|so|yet|even|only)\s+)?$/iu.test(opening.trim());
    const span = conditionAfter(text, after, limit, initial);
    if (span) result.push({ ...span, cue: cueStart });
  }
  for (const cue of body.matchAll(CUE_AFTER_CONDITION)) {
    const cueStart = sentence.start + cue.index;
    const before = text.slice(sentence.start, cueStart);
    const demand = [...before.matchAll(DEMAND)].pop() ?? null;
    if (demand === null || before.length - (demand.index + demand[0].length) > 120) continue;
    const span = trimSpan(text, { start: sentence.start + demand.index + demand[0].length, end: cueStart });
    if (span && !/[,;]/u.test(text.slice(span.start, span.end))) result.push({ ...span, cue: span.start });
  }
  return result;
}

/** The speaker a sentence-final attribution after the condition names ("…, Lavrov said."), or ''. */
function attributedSpeaker(names: NameIndex, from: number, to: number): string {
  const rest = names.text.slice(from, to);
  const last = [...rest.matchAll(new RegExp(ATTRIBUTION.source, 'gu'))].pop() ?? null;
  if (last === null) return '';
  const at = from + last.index + (/^,\s+/u.exec(last[0])?.[0].length ?? 0);
  const verbFirst = new RegExp(String.raw`^${SAY}\s+`, 'u').exec(names.text.slice(at, to));
  return nameAt(names, at + (verbFirst?.[0].length ?? 0));
}

/** Whether the sentence, less the condition (and the sentence before for "first, …"), is about talks. */
function isAboutTalks(text: string, sentence: Span, condition: Condition, previous: Span | undefined): boolean {
  const outside = text.slice(sentence.start, condition.start) + ' ' + text.slice(condition.end, sentence.end);
  if (TOPIC.test(outside)) return true;
  // "…open to a negotiation process. But first, we have to understand …"
  const first = /\b(?:first|must|should)\b/iu.test(text.slice(condition.cue, condition.start));
  return first && previous !== undefined && TOPIC.test(text.slice(previous.start, previous.end));
}

/**
 * Precondition suggestions for `text`, sorted by start, with `attributes.holder` ('' when the
 * sentence names nobody). `quotes` gives the holder of a condition inside a quote.
 */
export function recognisePreconditions(
  text: string,
  names: NameIndex = indexNames(text),
  quotes: readonly QuoteSpan[] = [],
): CoreSuggestion[] {
  const result: CoreSuggestion[] = [];
  const { sentences } = names;
  sentences.forEach((sentence, i) => {
    for (const condition of conditionsIn(text, sentence, quotes)) {
      if (!isAboutTalks(text, sentence, condition, sentences[i - 1])) continue;
      const quote = quoteAt(quotes, condition.cue);
      const holder =
        quote !== undefined && quote.speaker !== ''
          ? quote.speaker
          : attributedSpeaker(names, condition.end, sentence.end) ||
            subjectAt(names, condition.cue, { skip: condition });
      result.push(makeSuggestion(text, condition, 'precondition', { holder }));
    }
  });
  return result.sort((a, b) => a.start - b.start || b.end - a.end);
}
