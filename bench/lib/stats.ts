/** The middle value (the upper middle for an even count): robust to the odd round a neighbour spoiled. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** The value at fraction `q` of the sorted values (0.5: the same as `median`). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** A distribution-free 95 % confidence interval of the median: the order statistics n/2 ± 0.98·√n. */
export function medianCi95(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const half = 0.98 * Math.sqrt(sorted.length);
  const at = (rank: number) => sorted[Math.max(0, Math.min(sorted.length - 1, rank))]!;
  return [at(Math.floor(sorted.length / 2 - half)), at(Math.ceil(sorted.length / 2 + half))];
}
