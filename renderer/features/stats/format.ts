/** How session figures read: durations as h:mm, rates with one decimal when small. Pure. */

/** A duration as hours and minutes, `h:mm`, minutes rounded down ("0:00" below a minute). */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Spans per hour: "—" when unknown, one decimal below 10, whole numbers above. */
export function formatRate(perHour: number | null): string {
  if (perHour === null || !Number.isFinite(perHour)) return '—';
  return perHour < 10 ? perHour.toFixed(1) : String(Math.round(perHour));
}

/** Share of a whole as a whole percent ("0%" of nothing). */
export const formatShare = (part: number, whole: number): string =>
  whole <= 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
