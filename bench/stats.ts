/**
 * Summaries of repeated timings, the loop that takes them, and the guard that keeps one probe
 * that cannot work from losing every other figure. All times are milliseconds.
 */

/** The value at quantile `q` (0 to 1) of a list, by the nearest-rank method; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** The median of a list (the mean of the middle two for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median, fastest and slowest of runs. */
export interface Range {
  median: number;
  min: number;
  max: number;
}

/** Median, minimum and maximum of a list; all NaN for an empty one (a figure not measured). */
export const rangeOf = (values: readonly number[]): Range => ({
  median: median(values),
  min: values.length === 0 ? Number.NaN : Math.min(...values),
  max: values.length === 0 ? Number.NaN : Math.max(...values),
});

/** Rounds to tenths of a millisecond, for the report. */
export const tenths = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Runs `task` once to warm up, then `runs` times, and returns the median wall time. `prepare`
 * runs untimed before each run (to reset files, say).
 */
export async function medianOfRuns(
  runs: number,
  task: () => unknown,
  prepare: () => unknown = () => undefined,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    await prepare();
    const start = performance.now();
    await task();
    if (i > 0) times.push(performance.now() - start);
  }
  return median(times);
}

/** Why something failed, in one line. */
export const messageOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/**
 * Runs `task`; when it throws, tells `fail` what could not be measured and why and returns
 * `fallback` (NaN figures, which the report shows as n/a and the JSON as null).
 */
export async function orElse<T>(what: string, fallback: T, fail: (message: string) => void, task: () => Promise<T>) {
  try {
    return await task();
  } catch (error) {
    fail(`${what} could not be measured: ${messageOf(error)}`);
    return fallback;
  }
}
