/**
 * The docs' one door into the breaking-change checker (scripts/lib/diff): the changes between two
 * bundled versions of an API, and an API folder's files at a commit: the one place that knows the
 * checker's data shapes.
 */
import { compareDocuments } from '../diff/index.ts';
import { extractAt } from '../diff/git.ts';
import type { Level } from '../diff/types.ts';
import type { OpenApiDocument } from '../openapi.ts';

/** One change between two versions, as the changes page shows it. */
export interface ChangeEntry {
  /** The checker's stable rule id, e.g. `response-property-enum-value-added`. */
  readonly kind: string;
  /** breaking, warning or info, as the checker (and redocly.yaml's overrides) rate it. */
  readonly level: Level;
  readonly breaking: boolean;
  /** Where, e.g. `POST /v1/x → 200 application/json → /properties/status`. */
  readonly where: string;
  /** What, e.g. `enum value "open" removed`. */
  readonly what: string;
}

/** Every change from `before` to `after`, classified by the checker, breaking ones first. */
export function changesBetween(before: OpenApiDocument, after: OpenApiDocument): ChangeEntry[] {
  const changes = compareDocuments(before, after).map(({ id, level, location, message }) => ({
    kind: id,
    level,
    breaking: level === 'breaking',
    where: [location.operation, location.pointer].filter(Boolean).join(' → '),
    what: message,
  }));
  return [...changes.filter((change) => change.breaking), ...changes.filter((change) => !change.breaking)];
}

/** Writes the files under `folder` (a repository path) as they were at `commit` into `into`. */
export function extractFolderAt(repo: string, commit: string, folder: string, into: string): void {
  extractAt(repo, commit, folder, into);
}
