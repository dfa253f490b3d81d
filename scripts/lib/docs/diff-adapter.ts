/**
 * The docs' one door into the breaking-change checker (scripts/lib/diff): the changes between two
 * bundled versions of an API, and an API folder's files at a commit. The checker is being reworked
 * (a changelog output is on its way); when it lands, this module is the one place to adapt.
 */
import { compareDocuments } from '../diff/index.ts';
import { extractAt } from '../diff/git.ts';
import type { OpenApiDocument } from '../openapi.ts';

/** One change between two versions, as the changes page shows it. */
export interface ChangeEntry {
  /** The checker's stable code, e.g. `enum-value-removed`. */
  readonly kind: string;
  readonly breaking: boolean;
  /** Where, e.g. `POST /v1/x → 200 application/json → /properties/status`. */
  readonly where: string;
  /** What, e.g. `enum value "open" removed`. */
  readonly what: string;
}

/** Every change from `before` to `after`, classified by the checker, breaking ones first. */
export function changesBetween(before: OpenApiDocument, after: OpenApiDocument): ChangeEntry[] {
  const changes = compareDocuments(before, after).map(({ kind, breaking, where, what }) => ({ kind, breaking, where, what }));
  return [...changes.filter((change) => change.breaking), ...changes.filter((change) => !change.breaking)];
}

/** Writes the files under `folder` (a repository path) as they were at `commit` into `into`. */
export function extractFolderAt(repo: string, commit: string, folder: string, into: string): void {
  extractAt(repo, commit, folder, into);
}
