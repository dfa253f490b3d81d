/**
 * The breaking-change checker behind `npm run diff`.
 *
 * Why our own and not a library (checked on the npm registry before writing this):
 * - `oasdiff` is a Go program: the npm name `oasdiff` is an empty placeholder, and the wrappers
 *   that exist fetch a prebuilt binary at install time, which cannot work on machines that reach
 *   only the package registries. `@pb33f/openapi-changes` (Go, GPL-3.0) has the same postinstall
 *   download.
 * - `openapi-diff` (Atlassian, 0.24) targets Swagger 2.0 / OpenAPI 3.0 through swagger-parser and
 *   json-schema-diff; OpenAPI 3.1 schemas (`type: [x, "null"]`, JSON Schema 2020-12) are not among
 *   what it documents, and it would add axios, lodash and swagger-parser for a few rules.
 * - `@useoptic/openapi-utilities` is the internals of Optic, whose repository is archived; its
 *   breaking-change rules live in further packages (standard-rulesets, rulesets-base) built for
 *   Optic's own CLI and lifecycle, not as a small library.
 * The rules this project needs are few and direction-aware (a request breaks clients when it
 * narrows, a response when it widens), and Redocly already bundles specs in process, so a small
 * checker over two bundles is less code to trust than any of these.
 *
 * Modules: `schema.ts` (schemas, recursively), `document.ts` (operations), `version.ts` (the
 * gate), `git.ts` (the base commit and its files), `report.ts` (table and Markdown).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { bundleSpec } from '../bundle.ts';
import { UserError } from '../errors.ts';
import type { OpenApiDocument } from '../openapi.ts';
import { compareDocuments } from './document.ts';
import { existsAt, extractAt, repositoryPath, repositoryRoot, resolveBase, type BaseRef } from './git.ts';
import type { ApiDiff } from './types.ts';
import { gate } from './version.ts';

export { compareDocuments } from './document.ts';
export { compareSchemas } from './schema.ts';
export { gate, parseSemver } from './version.ts';
export { renderMarkdown, renderTable } from './report.ts';
export { NoBaseError, resolveBase, type BaseRef } from './git.ts';
export type { ApiDiff, Change, Direction, Verdict } from './types.ts';

/** One API to check: its name and the absolute path of its root file in the working tree. */
export interface ApiSource {
  readonly name: string;
  readonly root: string;
}

/** Bundles the API as it was at `commit`: its folder is unpacked into a temporary one, then removed. */
async function bundleAt(repo: string, base: BaseRef, path: string): Promise<OpenApiDocument> {
  const scratch = mkdtempSync(join(tmpdir(), 'checkout-apis-diff-'));
  try {
    extractAt(repo, base.commit, posix.dirname(path), scratch);
    return await bundleSpec(join(scratch, ...path.split('/')));
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`at ${base.label}: ${error.message.replaceAll(scratch, '')}`);
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Compares one API's working tree with the base commit and judges its version. */
export async function diffApi(repo: string, base: BaseRef, api: ApiSource): Promise<ApiDiff> {
  const path = repositoryPath(repo, api.root);
  if (path.startsWith('..')) throw new UserError(`${api.name}: ${api.root} is outside the repository`);
  const head = await bundleSpec(api.root);
  const headVersion = String(head.info?.version ?? '');
  if (!existsAt(repo, base.commit, path)) {
    return { api: api.name, status: 'new', baseVersion: undefined, headVersion, changes: [], verdict: gate(api.name, undefined, headVersion, []) };
  }
  const before = await bundleAt(repo, base, path);
  const baseVersion = String(before.info?.version ?? '');
  const changes = compareDocuments(before, head);
  return { api: api.name, status: 'compared', baseVersion, headVersion, changes, verdict: gate(api.name, baseVersion, headVersion, changes) };
}

export interface DiffOptions {
  /** Any folder inside the repository. */
  readonly cwd: string;
  readonly apis: readonly ApiSource[];
  /** A git ref; default: the merge-base of HEAD and main, else HEAD. */
  readonly base?: string;
}

export async function diffApis(options: DiffOptions): Promise<{ base: BaseRef; results: ApiDiff[] }> {
  const repo = repositoryRoot(options.cwd);
  const base = resolveBase(repo, options.base);
  const results: ApiDiff[] = [];
  for (const api of options.apis) results.push(await diffApi(repo, base, api));
  return { base, results };
}
