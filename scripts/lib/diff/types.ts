/** The vocabulary of the breaking-change checker, shared by its small modules. */

/**
 * Which way data flows, seen from the API's client: it sends a `request` and reads a `response`.
 * Inside `webhooks` the roles swap: the API sends the request (the client reads it) and the
 * client's server answers (the client sends the response).
 */
export type Direction = 'request' | 'response';

/** How bad a change is: `breaking` stops a working client, `warning` may stop some, `info` is safe. */
export type Level = 'breaking' | 'warning' | 'info';

export const levels: readonly Level[] = ['breaking', 'warning', 'info'];

/** One entry of the rule registry. */
export interface RuleDefinition {
  /** Stable id, e.g. `request-property-became-required`. */
  readonly id: string;
  readonly level: Level;
  /** One line: what change the rule reports. */
  readonly description: string;
}

/** Where a change sits: the operation, a JSON pointer in the document and, when known, its source line. */
export interface Location {
  /** `POST /v1/x`, `webhook orderPaid POST`, or undefined for document-wide changes. */
  readonly operation?: string;
  /** JSON pointer from the document root, through `$ref`s as a reader follows them. */
  readonly pointer: string;
  /** Which document the pointer is read in: the base for what was removed, else the head. */
  readonly side: 'base' | 'head';
  /** `file:line` in the source, filled in after the comparison. */
  readonly source?: string;
}

/** One finding: data, rendered by the reports. */
export interface Change {
  readonly id: string;
  readonly level: Level;
  readonly location: Location;
  /** One line, e.g. `enum value "open" removed`. */
  readonly message: string;
}

/** Rule level overrides, from redocly.yaml. */
export type LevelOverrides = ReadonlyMap<string, Level>;

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

// Pointers and records are the document model's; the checker's modules keep importing them from here.
export { escapePointerToken as pointerToken, isRecord, pointerTokens } from '../openapi.ts';
