/**
 * Calendar arithmetic for date values: ISO 8601 strings (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www,
 * YYYY-Qn) from year/month/day numbers, in the proleptic Gregorian calendar with no time zone.
 */

/** A calendar day. `month` is 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD`. */
export const isoDay = (d: CalendarDay): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** `YYYY-MM`. */
export const isoMonth = (year: number, month: number): string => `${pad(year, 4)}-${pad(month)}`;

/** The day as a UTC Date at midnight. */
const toDate = (d: CalendarDay): Date => new Date(Date.UTC(d.year, d.month - 1, d.day));

/** `days` days after `d` (before, when negative). */
export function addDays(d: CalendarDay, days: number): CalendarDay {
  const date = toDate(d);
  date.setUTCDate(date.getUTCDate() + days);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM` of the month `months` months after the month of `d`. */
export function shiftMonth(d: CalendarDay, months: number): string {
  const index = d.year * 12 + (d.month - 1) + months;
  return isoMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** The ISO week `YYYY-Www` holding the day (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(d: CalendarDay): string {
  const date = toDate(d);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The day a `YYYY-MM-DD` string names, or null when it is not a real calendar day. */
export function parseIsoDay(value: string): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const d = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const back = toDate(d);
  return back.getUTCFullYear() === d.year && back.getUTCMonth() + 1 === d.month && back.getUTCDate() === d.day
    ? d
    : null;
}
