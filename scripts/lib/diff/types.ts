/** The vocabulary of the breaking-change checker, shared by its small modules. */

/** Which way data flows: the client sends a request, the client reads a response. */
export type Direction = 'request' | 'response';

/**
 * What a change does to the set of values a schema (or an operation) accepts. A request breaks
 * clients when it narrows (something they used to send is now refused); a response breaks them
 * when it widens (something they never had to handle may now come back). `both` breaks either way.
 */
export type Effect = 'narrows' | 'widens' | 'both';

export interface Change {
  /** Short stable code, e.g. `enum-value-removed`, `status-removed`. */
  readonly kind: string;
  readonly breaking: boolean;
  /** Where: `POST /v1/x → 200 application/json → /properties/status`. */
  readonly where: string;
  /** What, in a sentence fragment: `enum value "open" removed`. */
  readonly what: string;
}

/** Whether a change with this effect breaks clients on this side. */
export function breaks(direction: Direction, effect: Effect): boolean {
  if (effect === 'both') return true;
  return direction === 'request' ? effect === 'narrows' : effect === 'widens';
}

/** Joins location parts into the `a → b → c` form, skipping empty ones. */
export function at(...parts: Array<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join(' → ');
}

export type Bump = 'none' | 'minor or patch' | 'major';

/** The version gate's judgement of one API. */
export interface Verdict {
  readonly ok: boolean;
  /** The least bump the changes call for. */
  readonly needed: Bump;
  /** One line: why it passed or what to do. */
  readonly message: string;
}

/** Everything the checker found for one API. */
export interface ApiDiff {
  readonly api: string;
  /** `new`: the root file does not exist at the base. */
  readonly status: 'new' | 'compared';
  readonly baseVersion: string | undefined;
  readonly headVersion: string;
  readonly changes: readonly Change[];
  readonly verdict: Verdict;
}
