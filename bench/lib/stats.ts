/** The middle value (the upper middle for an even count): robust to the odd round a neighbour spoiled. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
