/**
 * A throwaway git repository holding one small API through three released versions, for the tests
 * of the versioned docs: 1.0.0; 1.1.0 (a new optional query parameter, then a second commit that
 * only rewords a description); 2.0.0 (a required response field removed: breaking).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistry, type ApiEntry } from '../../scripts/lib/registry.ts';
import { scratchDir } from './output.ts';

export interface VersionedRepo {
  readonly repo: string;
  /** The repository's one API, its docs page inside `siteDir`. */
  readonly api: ApiEntry;
  /** Where a site built from it goes (outside the repository). */
  readonly siteDir: string;
  /** The wording the second 1.1.0 commit gives the operation's description. */
  readonly rewording: string;
  git(...args: string[]): void;
  write(path: string, text: string): void;
  remove(): void;
}

const registry = `apis:
  ledger@v1:
    root: openapi/ledger/openapi.yaml
    x-openapi-ts:
      output: generated/ledger/schema.d.ts
    x-checkout-apis:
      mockPort: 4999
`;

export const rewording = 'Fetches one entry of the ledger, by its id.';

function rootFile(version: string, { expand = false, description = 'Returns one entry.' } = {}): string {
  const parameters = [
    '        - name: entryId\n          in: path\n          required: true\n          schema:\n            type: string\n          example: en_1',
    ...(expand
      ? [
          '        - name: expand\n          in: query\n          required: false\n          schema:\n            type: boolean\n          example: true',
        ]
      : []),
  ];
  return `openapi: 3.1.0
info:
  title: Ledger
  version: ${version}
  description: A ledger of entries.
servers:
  - url: https://ledger.example.com
paths:
  /v1/entries/{entryId}:
    get:
      operationId: entries_get
      summary: Get an entry
      description: ${description}
      tags: [Entries]
      parameters:
${parameters.join('\n')}
      responses:
        '200':
          description: The entry.
          content:
            application/json:
              schema:
                $ref: components/schemas/Entry.yaml
              example:
                id: en_1
tags:
  - name: Entries
`;
}

// status is required while it exists: removing a required response field is breaking.
const entrySchema = (withStatus: boolean) => `type: object
required: [id${withStatus ? ', status' : ''}]
properties:
  id:
    type: string
${withStatus ? '  status:\n    type: string\n    enum: [open, settled]\n' : ''}`;

export function createVersionedRepo(): VersionedRepo {
  const repo = scratchDir('history-');
  const siteDir = scratchDir('history-site-');
  const git = (...args: string[]) => {
    execFileSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      stdio: 'pipe',
    });
  };
  const write = (path: string, text: string) => {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const commit = (message: string) => {
    git('add', '.');
    git('commit', '--quiet', '-m', message);
  };
  git('init', '--quiet', '--initial-branch=main');
  write('redocly.yaml', registry);
  write('openapi/ledger/openapi.yaml', rootFile('1.0.0'));
  write('openapi/ledger/components/schemas/Entry.yaml', entrySchema(true));
  commit('ledger 1.0.0');
  write('openapi/ledger/openapi.yaml', rootFile('1.1.0', { expand: true }));
  commit('ledger 1.1.0: expand');
  write('README.md', 'A commit that does not touch the API.\n');
  commit('readme');
  write('openapi/ledger/openapi.yaml', rootFile('1.1.0', { expand: true, description: rewording }));
  commit('ledger 1.1.0: reworded');
  write('openapi/ledger/components/schemas/Entry.yaml', entrySchema(false));
  write('openapi/ledger/openapi.yaml', rootFile('2.0.0', { expand: true, description: rewording }));
  commit('ledger 2.0.0: status removed');
  const [parsed] = parseRegistry(registry, repo);
  const api = { ...parsed!, docsFile: join(siteDir, 'ledger.html') };
  return {
    repo,
    api,
    siteDir,
    rewording,
    git,
    write,
    remove: () => {
      rmSync(repo, { recursive: true, force: true });
      rmSync(siteDir, { recursive: true, force: true });
    },
  };
}

/** The root file at `version` as the newest commit has it, for a working-tree edit. */
export function rootFileAt(version: string): string {
  return rootFile(version, { expand: true, description: rewording });
}
