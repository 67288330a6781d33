/**
 * Binary search over sorted numbers, shared by offsets, review classing and the agreement
 * measures. Works on plain arrays and typed arrays alike.
 */

/** Count of values in ascending `sorted` that are below `value` (with `orEqual`: at most `value`). */
export function countBelow(sorted: ArrayLike<number>, value: number, orEqual = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const at = sorted[mid] ?? 0;
    if (at < value || (orEqual && at === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}
