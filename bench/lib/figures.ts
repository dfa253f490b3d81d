/** One measured figure, with its budget and verdict: the unit of the printed table and results.json. */

export interface Budget {
  /** `max`: the value must not exceed `limit`; `min`: it must reach it. */
  readonly kind: 'max' | 'min';
  readonly limit: number;
  /** How the budget reads in the table, e.g. `≤ 10 ms`. */
  readonly text: string;
}

export type Status = 'PASS' | 'MISS' | 'INFO' | 'N/A';

export interface Figure {
  readonly section: string;
  readonly name: string;
  /** null when the figure could not be measured (the detail says why). */
  readonly value: number | null;
  readonly unit: string;
  readonly detail?: string;
  readonly budget?: Budget;
  readonly status: Status;
  /** For a MISS: what bounds the figure. */
  readonly bound?: string;
}

/** A figure before its verdict; `bound` is kept only when the figure misses its budget. */
export type FigureInput = Omit<Figure, 'status'>;

export const atMost = (limit: number, text: string): Budget => ({ kind: 'max', limit, text });
export const atLeast = (limit: number, text: string): Budget => ({ kind: 'min', limit, text });

export function figure(input: FigureInput): Figure {
  const { bound, ...rest } = input;
  if (input.value === null || !Number.isFinite(input.value)) return { ...rest, value: null, status: 'N/A' };
  if (!input.budget) return { ...rest, status: 'INFO' };
  const pass = input.budget.kind === 'max' ? input.value <= input.budget.limit : input.value >= input.budget.limit;
  return pass ? { ...rest, status: 'PASS' } : { ...rest, status: 'MISS', ...(bound ? { bound } : {}) };
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
