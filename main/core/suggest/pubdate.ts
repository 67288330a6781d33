/**
 * The publication date an article states near its top: a "Published …" (or "Posted", "Updated",
 * "Date:") line, a dateline ("KYIV, March 5, 2025 —") or a line that is only a full date. A full
 * date inside a sentence ("held in Moscow on Dec. 19, 2024") is an event, not the article's date.
 */
import { en } from 'chrono-node';
import { isoDay } from './iso';

/** How far into the text the date may be: the top of an article, not its body. */
const TOP_LENGTH = 2000;
const TOP_LINES = 25;

const LABELLED = /^\s*(published|posted|updated|last updated|date|dated|first published)\b(?:\s+on)?\s*:?\s*(.*)$/iu;
const DATELINE = /^\s*(?:[\p{Lu}][\p{Lu}\p{L}., /'-]{1,40},\s*)?(.{6,40}?)\s*(?:[\u2014\u2013:|]|--|-\s|\(|$)/u;

/** The full date (day, month and year all written) at the start of `text`, as YYYY-MM-DD, or null. */
function fullDateAtStart(text: string, anywhere = false): string | null {
  for (const result of en.casual.parse(text, new Date(Date.UTC(2000, 0, 1, 12)))) {
    if (!anywhere && text.slice(0, result.index).trim() !== '') return null;
    const s = result.start;
    if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) {
      if (anywhere) continue;
      return null;
    }
    const year = s.get('year');
    const month = s.get('month');
    const day = s.get('day');
    return year === null || month === null || day === null ? null : isoDay({ year, month, day });
  }
  return null;
}

/**
 * YYYY-MM-DD when the article states its own date near the top ("Published March 5, 2025",
 * a dateline, a line holding only a date); null otherwise. "Published" beats "Updated".
 */
export function detectPublicationDate(text: string): string | null {
  const top = text
    .slice(0, TOP_LENGTH)
    .split(/\r\n|\n|\r/u)
    .slice(0, TOP_LINES);
  let updated: string | null = null;
  for (const line of top) {
    const labelled = LABELLED.exec(line);
    if (labelled) {
      const date = fullDateAtStart(labelled[2] ?? '', true);
      if (date !== null && /updated/iu.test(labelled[1] ?? '')) updated ??= date;
      else if (date !== null) return date;
      continue;
    }
    const dateline = DATELINE.exec(line);
    const candidate = dateline?.[1];
    if (candidate !== undefined && /\d/u.test(candidate)) {
      const date = fullDateAtStart(candidate);
      if (date !== null) return date;
    }
  }
  return updated;
}
