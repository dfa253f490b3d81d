/**
 * The provenance lint rule (scripts/lint/provenance.js): an `Inferred` description without
 * `x-provenance: inferred` and its reason fails, and so does the extension without the word —
 * judged by the Redocly CLI itself on scratch specs in a temp dir, loaded as the project loads it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { provenanceProblems } from '../scripts/lint/provenance.js';
import { projectRoot, registryFile } from '../scripts/lib/registry.ts';

const run = promisify(execFile);
const pluginFile = join(projectRoot, 'scripts', 'lint', 'provenance.js');
const redocly = join(projectRoot, 'node_modules', '.bin', 'redocly');
const scratch = mkdtempSync(join(tmpdir(), 'provenance-lint-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Problem {
  readonly ruleId: string;
  readonly message: string;
  readonly pointer: string;
}

/** A minimal valid 3.1 spec whose one response schema has the given properties. */
function spec(properties: Record<string, unknown>, responseExtras: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Scratch', version: '1.0.0', description: 'Inferred: the info summary is exempt.' },
    paths: {
      '/things': {
        get: {
          operationId: 'things_list',
          responses: {
            '200': {
              description: 'Things.',
              ...responseExtras,
              content: { 'application/json': { schema: { type: 'object', properties } } },
            },
          },
        },
      },
    },
  });
}

/** Problems the provenance rule reports on a scratch spec, with only that rule switched on. */
async function lintScratch(name: string, text: string): Promise<Problem[]> {
  const specFile = join(scratch, `${name}.json`);
  const configFile = join(scratch, `${name}.redocly.yaml`);
  writeFileSync(specFile, text);
  writeFileSync(configFile, `telemetry: off\nplugins:\n  - ${JSON.stringify(pluginFile)}\nrules:\n  provenance/inferred-marked: error\n`);
  const output = await run(redocly, ['lint', '--config', configFile, '--format', 'json', specFile], { cwd: scratch }).then(
    (done) => done.stdout,
    (failed: { stdout: string }) => failed.stdout,
  );
  const report = JSON.parse(output) as { problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }> };
  return report.problems.map((problem) => ({ ruleId: problem.ruleId, message: problem.message, pointer: problem.location[0]!.pointer }));
}

describe('provenance lint rule', () => {
  it('fires on an Inferred description without the extension', async () => {
    const problems = await lintScratch(
      'missing-extension',
      spec({ id: { type: 'string', description: 'Id. Inferred: the page prints none.' } }),
    );
    expect(problems).toEqual([
      {
        ruleId: 'provenance/inferred-marked',
        pointer: '#/paths/~1things/get/responses/200/content/application~1json/schema/properties/id/description',
        message: expect.stringContaining('lacks `x-provenance: inferred`'),
      },
    ]);
  });

  it('fires on the extension without the word, and on a missing reason', async () => {
    const problems = await lintScratch(
      'missing-word',
      spec(
        { id: { type: 'string', description: 'Id.', 'x-provenance': 'inferred', 'x-provenance-reason': 'A guess.' } },
        { 'x-provenance': 'inferred', description: 'Things. Inferred: the status.' },
      ),
    );
    expect(problems.map((problem) => [problem.pointer, problem.message])).toEqual([
      ['#/paths/~1things/get/responses/200', expect.stringContaining('needs `x-provenance-reason`')],
      [
        '#/paths/~1things/get/responses/200/content/application~1json/schema/properties/id/x-provenance',
        expect.stringContaining('needs a description that says "Inferred:"'),
      ],
    ]);
  });

  it('passes a spec whose marks agree, and exempts info', async () => {
    const problems = await lintScratch(
      'agreeing',
      spec({
        id: {
          type: 'string',
          description: 'Id. Inferred: no page prints one.',
          'x-provenance': 'inferred',
          'x-provenance-reason': 'No page prints an id.',
        },
      }),
    );
    expect(problems).toEqual([]);
  });

  it('judges each node on its own', () => {
    expect(provenanceProblems({ description: 'Documented.' })).toEqual([]);
    expect(
      provenanceProblems({ description: 'Inferred: x.', 'x-provenance': 'inferred', 'x-provenance-reason': 'two\nlines' }).map(
        ([, field]) => field,
      ),
    ).toEqual(['x-provenance-reason']);
    expect(
      provenanceProblems({ description: 'Inferred: x.', 'x-provenance': 'guessed', 'x-provenance-reason': 'r' }).map(([, field]) => field),
    ).toEqual(['x-provenance', 'description']);
    expect(provenanceProblems({ description: 'Known.', 'x-provenance-reason': 'r' }).map(([, field]) => field)).toEqual([
      'x-provenance-reason',
    ]);
  });

  it('is registered at error severity in redocly.yaml', () => {
    const config = parse(readFileSync(registryFile, 'utf8')) as { plugins?: string[]; rules?: Record<string, unknown> };
    expect(config.plugins).toContain('./scripts/lint/provenance.js');
    expect(config.rules?.['provenance/inferred-marked']).toBe('error');
  });
});
