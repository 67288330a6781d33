/**
 * The `date` recogniser: chrono-node finds date expressions line by line; this module keeps only
 * calendar dates and periods (no durations, no bare times of day), drops a leading preposition,
 * adds what chrono does not know (bare years, "late 2022", "May of last year", "earlier this
 * month", "that same month") and gives each an ISO 8601 `value`. Offsets are UTF-16, `end` exclusive.
 */
import { en, type ParsedResult } from 'chrono-node';
import type { Span } from '../span';
import { addDays, isoDay, isoMonth, isoWeek, parseIsoDay, shiftMonth, type CalendarDay } from './iso';
import { articleSentences } from './sentences';
import { makeSuggestion, type CoreSuggestion } from './suggestion';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_NAME = String.raw`(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`;
const WEEKDAY = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;
const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;

/** What a chrono match must contain to be a calendar date or period rather than a time or duration. */
const DATE_WORD = new RegExp(
  String.raw`\b${MONTH_NAME}(?!\w)|\b${WEEKDAY}\b|\b${YEAR}\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\b(?:today|yesterday|tomorrow|tonight|ago)\b|\b(?:this|last|next|past|coming)\s+(?:week|weekend|month|year|quarter)\b`,
  'u',
);
const LEADING_PREPOSITION =
  /^(?:(?:on|in|since|at|by|from|until|till|during|before|after|through|throughout|for|of|as of)\s+)+/iu;
const TRAILING_PUNCTUATION = /[\s,.;:!?'"’”)\]–—-]+$/u;
const MONTH_INDEX = (name: string): number =>
  MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === name.slice(0, 3).toLowerCase()) + 1;

type AnaphoraUnit = 'day' | 'week' | 'month' | 'year';

/** A date found, before it becomes a suggestion. */
interface Found extends Span {
  value: string;
  /** For an anaphoric expression ("that same month"): the precision it takes from an earlier date. */
  anaphora?: { unit: AnaphoraUnit; shiftDays: number };
}

/** Patterns chrono misses or splits, each with how to value it against the reference day. */
interface Pattern {
  pattern: RegExp;
  value: (match: RegExpExecArray, ref: CalendarDay | null) => string;
  anaphora?: (match: RegExpExecArray) => Found['anaphora'];
}

const relativeUnit = (unit: string, offset: number, ref: CalendarDay | null): string => {
  if (ref === null) return '';
  if (unit === 'week') return isoWeek(addDays(ref, offset * 7));
  if (unit === 'month') return shiftMonth(ref, offset);
  return String(ref.year + offset);
};
const OFFSET: Record<string, number> = { this: 0, last: -1, past: -1, previous: -1, next: 1, coming: 1 };

const PATTERNS: Pattern[] = [
  {
    // "late 2022" → 2022-Q4 (GUIDELINES.md), "early 2023" → 2023-Q1, "mid-2021" → 2021.
    pattern: new RegExp(String.raw`\b(early|late|mid)[- ]?(${YEAR})\b`, 'giu'),
    value: (m) => {
      const qualifier = (m[1] ?? '').toLowerCase();
      return qualifier === 'early' ? `${m[2]}-Q1` : qualifier === 'late' ? `${m[2]}-Q4` : (m[2] ?? '');
    },
  },
  {
    pattern: new RegExp(String.raw`\b(first|second) half of (${YEAR})\b`, 'giu'),
    value: (m) => `${m[2]}-H${(m[1] ?? '').toLowerCase() === 'first' ? 1 : 2}`,
  },
  {
    // "late March", "early September 2022"
    pattern: new RegExp(String.raw`\b(?:early|late|mid)[- ](${MONTH_NAME})(?!\w)(?:,? (${YEAR})\b)?`, 'gu'),
    value: (m, ref) =>
      m[2] !== undefined
        ? isoMonth(Number(m[2]), MONTH_INDEX(m[1] ?? ''))
        : ref === null
          ? ''
          : isoMonth(ref.year, MONTH_INDEX(m[1] ?? '')),
  },
  {
    // "May of last year": chrono reads "May of" and "last year" as two dates.
    pattern: new RegExp(String.raw`\b(${MONTH_NAME})(?!\w) of (this|last|next) year\b`, 'gu'),
    value: (m, ref) => (ref === null ? '' : isoMonth(ref.year + (OFFSET[m[2] ?? ''] ?? 0), MONTH_INDEX(m[1] ?? ''))),
  },
  {
    // "earlier this month": chrono finds only "this month".
    pattern: /\b(?:earlier|later) (this|last|next) (week|month|year)\b/giu,
    value: (m, ref) => relativeUnit((m[2] ?? '').toLowerCase(), OFFSET[(m[1] ?? '').toLowerCase()] ?? 0, ref),
  },
  {
    // "that same month", "earlier that day", "the same day": the unit of the last date before it.
    pattern: /\b(?:(?:earlier|later) that|(?:earlier |later )?(?:that|the) same) (day|week|month|year)\b/giu,
    value: () => '',
    anaphora: (m) => ({ unit: (m[1] ?? '').toLowerCase() as AnaphoraUnit, shiftDays: 0 }),
  },
  {
    pattern: /\bthe (following|next|previous) day\b|\bthe day (before|after)\b/giu,
    value: () => '',
    anaphora: (m) => ({ unit: 'day', shiftDays: /following|next|after/iu.test(m[0]) ? 1 : -1 }),
  },
  {
    // A bare year after a preposition: "formed in 2014", "since 1991". Not "2014 troops".
    pattern: new RegExp(
      String.raw`(?<=\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]hrough|[Tt]o|[Oo]f) )(${YEAR})\b(?![-–/]\d)(?!\s+(?:people|troops|soldiers|men|women|children|civilians|km|kilometres|kilometers|miles|tons|tonnes|dollars|euros|percent|units|tanks|drones|missiles)\b)`,
      'gu',
    ),
    value: (m) => m[1] ?? '',
  },
  {
    // Decades: "the 1990s" → 199.
    pattern: /\b(1[89]\d|20\d)0s\b/gu,
    value: (m) => m[1] ?? '',
  },
];

/** The reference day, or null when relative expressions cannot be resolved. */
const referenceDay = (publishedAt: string | null): CalendarDay | null =>
  publishedAt === null ? null : parseIsoDay(publishedAt);

/** The ISO value of one chrono match, or '' when it depends on a reference day that is unknown. */
function chronoValue(result: ParsedResult, text: string, ref: CalendarDay | null): string {
  const relative = /\b(this|last|next|past|coming)\s+(week|weekend|month|year|quarter)\b/iu.exec(text);
  if (relative) {
    const unit = (relative[2] ?? '').toLowerCase();
    const offset = OFFSET[(relative[1] ?? '').toLowerCase()] ?? 0;
    if (unit === 'weekend' || unit === 'week') return relativeUnit('week', offset, ref);
    if (unit === 'quarter') {
      if (ref === null) return '';
      const index = ref.year * 4 + Math.floor((ref.month - 1) / 3) + offset;
      return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
    }
    return relativeUnit(unit, offset, ref);
  }
  const deictic = /\b(?:today|yesterday|tomorrow|tonight|ago)\b/iu.test(text);
  // chrono marks the parts of "three days ago" as known, but they come from the reference day.
  if (ref === null && deictic) return '';
  const ago = /\b(week|month|year)s?\s+ago\b/iu.exec(text);
  if (ago && ref !== null) {
    const then = {
      year: result.start.get('year') ?? ref.year,
      month: result.start.get('month') ?? 1,
      day: result.start.get('day') ?? 1,
    };
    const unit = (ago[1] ?? '').toLowerCase();
    return unit === 'week' ? isoWeek(then) : unit === 'month' ? isoMonth(then.year, then.month) : String(then.year);
  }
  const s = result.start;
  if (ref === null && !s.isCertain('year')) return '';
  const year = s.get('year');
  const month = s.get('month');
  const day = s.get('day');
  if (year === null) return '';
  const hasDay = s.isCertain('day') || s.isCertain('weekday') || deictic;
  if (hasDay && month !== null && day !== null) return isoDay({ year, month, day });
  if (s.isCertain('month') && month !== null) return isoMonth(year, month);
  return String(year);
}

/** Whether a chrono match is a date this recogniser keeps, judged on its text and context. */
function isCalendarDate(text: string, before: string): boolean {
  if (!DATE_WORD.test(text)) return false;
  // "the realities of today" is no date; "the talks of May 4" is.
  if (/^today$/iu.test(text) && /\bof\s+(?:the\s+)?$/iu.test(before)) return false;
  // Month names in lower case are words ("Russia may", "a march"): chrono reads them as months.
  const month = new RegExp(String.raw`\b${MONTH_NAME}(?!\w)`, 'iu').exec(text);
  if (month && !/^\p{Lu}/u.test(month[0]) && !/\d/u.test(text) && !/\b(?:today|yesterday|tomorrow)\b/iu.test(text)) {
    return false;
  }
  return true;
}

/** Splits a long line into pieces of whole sentences so chrono never sees a huge input. */
function chunksOf(text: string, line: Span, maxLength: number): Span[] {
  if (line.end - line.start <= maxLength) return [line];
  const chunks: Span[] = [];
  let start = line.start;
  let end = line.start;
  for (const sentence of articleSentences(text.slice(line.start, line.end))) {
    const sentenceEnd = line.start + sentence.end;
    if (sentenceEnd - start > maxLength && end > start) {
      chunks.push({ start, end });
      start = end;
    }
    end = sentenceEnd;
  }
  chunks.push({ start, end: line.end });
  return chunks;
}

/** Lines of the text that hold something other than white space. */
function lines(text: string): Span[] {
  const result: Span[] = [];
  const pattern = /[^\r\n]+/gu;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].trim() !== '') result.push({ start: m.index, end: m.index + m[0].length });
  }
  return result;
}

/** chrono's dates in one piece of text, cleaned and valued. */
function chronoDates(text: string, piece: Span, ref: CalendarDay | null): Found[] {
  const found: Found[] = [];
  const instant =
    ref === null ? new Date(Date.UTC(2000, 0, 1, 12)) : new Date(Date.UTC(ref.year, ref.month - 1, ref.day, 12));
  const source = text.slice(piece.start, piece.end);
  for (const result of en.casual.parse(source, { instant, timezone: 0 }, { forwardDate: false })) {
    let start = piece.start + result.index;
    let end = start + result.text.length;
    const lead = LEADING_PREPOSITION.exec(text.slice(start, end))?.[0].length ?? 0;
    start += lead;
    end -= TRAILING_PUNCTUATION.exec(text.slice(start, end))?.[0].length ?? 0;
    // A time after the date is not part of it: "Monday at 3 p.m." → "Monday".
    if (result.start.isCertain('hour')) {
      const time = /(?:,?\s+(?:at|around|about|from|by)\s+|,?\s+)\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?.*$/iu.exec(
        text.slice(start, end),
      );
      if (time && DATE_WORD.test(text.slice(start, end - time[0].length))) end -= time[0].length;
    }
    const covered = text.slice(start, end);
    if (end <= start || !isCalendarDate(covered, text.slice(Math.max(0, start - 12), start))) continue;
    found.push({ start, end, value: chronoValue(result, covered, ref) });
  }
  return found;
}

/** The patterns' dates in the whole text. */
function patternDates(text: string, ref: CalendarDay | null): Found[] {
  const found: Found[] = [];
  for (const { pattern, value, anaphora } of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const link = anaphora?.(m);
      found.push({ start: m.index, end: m.index + m[0].length, value: value(m, ref), ...(link && { anaphora: link }) });
    }
  }
  return found;
}

/** The value an anaphoric date takes from the last date before it that is precise enough. */
function resolveAnaphora(date: Found, earlier: readonly Found[]): string {
  const { unit, shiftDays } = date.anaphora ?? { unit: 'day', shiftDays: 0 };
  for (let i = earlier.length - 1; i >= 0; i -= 1) {
    const value = earlier[i]?.value ?? '';
    const day = parseIsoDay(value);
    if (unit === 'day' && day !== null) return isoDay(addDays(day, shiftDays));
    if (unit === 'week' && day !== null) return isoWeek(day);
    if (unit === 'week' && /^\d{4}-W\d{2}$/u.test(value)) return value;
    if (unit === 'month' && /^\d{4}-\d{2}(?:-\d{2})?$/u.test(value)) return value.slice(0, 7);
    if (unit === 'year' && /^\d{4}\b/u.test(value)) return value.slice(0, 4);
  }
  return '';
}

/**
 * Date suggestions for `text`, sorted by start. `publishedAt` (YYYY-MM-DD) resolves relative
 * expressions; without it they get `value: ''` while absolute ones ("September 2022") keep theirs.
 */
export function recogniseDates(text: string, publishedAt: string | null): CoreSuggestion[] {
  const ref = referenceDay(publishedAt);
  const patterns = patternDates(text, ref);
  // chrono is the slow part: it sees only the pieces that can hold a date this module keeps.
  const chrono = lines(text)
    .flatMap((line) => chunksOf(text, line, 2000))
    .filter((piece) => DATE_WORD.test(text.slice(piece.start, piece.end)))
    .flatMap((piece) => chronoDates(text, piece, ref));
  // A pattern match wins over the chrono matches it overlaps (it is the longer, fixed reading).
  const kept = [
    ...patterns.filter(
      (p) =>
        !patterns.some((q) => q !== p && q.start <= p.start && q.end >= p.end && q.end - q.start > p.end - p.start),
    ),
    ...chrono.filter((c) => !patterns.some((p) => p.start < c.end && c.start < p.end)),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Found[] = [];
  for (const date of kept) {
    const previous = result[result.length - 1];
    if (previous !== undefined && date.start < previous.end) continue; // overlapping readings: keep the first, longer one
    result.push(date.anaphora ? { ...date, value: resolveAnaphora(date, result) } : date);
  }
  return result.map((d) => makeSuggestion(text, d, 'date', { value: d.value }));
}
