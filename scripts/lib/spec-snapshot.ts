/**
 * A private copy of a bundle for a Prism process to serve. Prism watches its spec file and restarts
 * when it changes — and dist/ bundles are rewritten by every generate and test run — so a run that
 * served dist/ directly would see its mock drop connections mid-run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from './openapi.ts';

export interface Snapshot {
  readonly file: string;
  remove(): void;
}

export function snapshotSpec(name: string, document: OpenApiDocument): Snapshot {
  const directory = mkdtempSync(join(tmpdir(), `contract-${name}-`));
  const file = join(directory, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  return { file, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
