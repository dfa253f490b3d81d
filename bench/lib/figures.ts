/** One measured figure and its budget: the unit of the printed table and of results.json. */

export interface Budget {
  /** `max`: the value must not exceed `limit`; `min`: it must reach it. */
  readonly kind: 'max' | 'min';
  readonly limit: number;
  /** How the budget reads in the table, e.g. `≤ 10 ms`. */
  readonly text: string;
}

/** Only a figure with a budget has a verdict; one that could not be measured misses it. */
export type Verdict = 'PASS' | 'MISS';

export interface Figure {
  readonly section: string;
  readonly name: string;
  /** null when the figure could not be measured (the detail says why). */
  readonly value: number | null;
  readonly unit: string;
  /** The inputs of the value, as numbers with units: `project 1.00 s vs naive 2.40 s`. */
  readonly detail?: string;
  readonly budget?: Budget;
  readonly status?: Verdict;
}

export interface FigureInput extends Omit<Figure, 'status'> {
  /** @deprecated Explanations are not figures: dropped, neither printed nor stored. */
  readonly bound?: string;
}

export const atMost = (limit: number, text: string): Budget => ({ kind: 'max', limit, text });
export const atLeast = (limit: number, text: string): Budget => ({ kind: 'min', limit, text });

export function verdictOf(value: number | null, budget: Budget): Verdict {
  if (value === null || !Number.isFinite(value)) return 'MISS';
  return (budget.kind === 'max' ? value <= budget.limit : value >= budget.limit) ? 'PASS' : 'MISS';
}

export function figure({ bound: _dropped, ...input }: FigureInput): Figure {
  const value = input.value === null || !Number.isFinite(input.value) ? null : input.value;
  return { ...input, value, ...(input.budget ? { status: verdictOf(value, input.budget) } : {}) };
}

/** A value as the table prints it, in its unit. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  switch (unit) {
    case 's':
      return `${value.toFixed(2)} s`;
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
    case 'x':
      return `${value.toFixed(2)}×`;
    case 'share':
      // A small fraction of something: three decimals and the 1/n it amounts to.
      return `${value.toFixed(3)}× (1/${(1 / value).toFixed(1)})`;
    case 'rps':
      return `${Math.round(value).toLocaleString('en-US')} req/s`;
    case 'ns/call':
      return `${Math.round(value).toLocaleString('en-US')} ns/call`;
    case 'kB':
      return `${value.toFixed(2)} kB`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case '%':
      return `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
    default:
      return `${value} ${unit}`;
  }
}
