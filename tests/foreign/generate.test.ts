/**
 * Issue 15.1 and 15.2 (errors per API): an API named with a hyphen generates a client that
 * compiles; `generate` type-checks what it wrote and reports type errors by file and line; an API
 * that cannot be generated fails alone while the others still build. A path key with a query string
 * of its own gets the layer that moves it into the call's query.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { renderEach, typeErrorsOf } from '../../scripts/lib/generate-apis.ts';
import { scratchProject, spec } from './project.ts';

describe('generate on descriptions nobody here wrote', () => {
  const project = scratchProject({
    'train-travel': spec({
      'GET /stations': { operationId: 'get-stations' },
      // A path key with a query string of its own, as OpenAI's description has.
      'GET /stations/{id}?beta=true': {
        operationId: 'get-station-beta',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      },
    }),
    broken: spec({ 'GET /things': { security: [{ missing: [] }] } }),
  });

  it('names become identifiers, the client type-checks, and one broken API does not stop the others', async () => {
    const { outputs, built, failures, times, cpuTimes } = await renderEach(project.apis);
    expect(built.map((entry) => entry.api.name)).toEqual(['train-travel']);
    // One figure per API, each its own (the APIs are built one after the other).
    expect(Object.keys(times)).toEqual(['train-travel', 'broken']);
    expect(cpuTimes['train-travel']).toBeGreaterThan(0);
    expect(failures.map((failure) => failure.api.name)).toEqual(['broken']);
    expect(failures[0]!.message).toMatch(/"missing"/);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    const client = readFileSync(built[0]!.api.clientFile, 'utf8');
    expect(client).toContain('export const trainTravelServers');
    expect(client).toContain('export function createTrainTravelClient');
    expect(client).toContain('pathQuery: splitPathQuery');
    expect(typeErrorsOf(built, project.root)).toEqual([]);
  }, 60_000);

  it('a type error in what was written is reported with file, line and code', async () => {
    const { built } = await renderEach(project.apis);
    const client = built[0]!.api.clientFile;
    const lines = readFileSync(client, 'utf8').split('\n').length;
    appendFileSync(client, "export const notANumber: number = 'text';\n");
    const errors = typeErrorsOf(built, project.root);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^generated/train-travel/client\\.ts:${lines}:14 TS2322: `));
  }, 60_000);
});
