// Searching an ascending list of numbers (row numbers where a report or a run of lines starts, offsets where a line of text starts).

/** In `sorted` (ascending, not empty), the index of the last number at most `value`; 0 when none is. */
export function lastAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
