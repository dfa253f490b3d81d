/**
 * Issue 15.7: a schema Ajv cannot compile (OpenAPI 3.0's `nullable` without `type`) is a spec
 * problem reported once, with its pointer and file:line, not a stack trace; unknown formats are
 * tolerated quietly and counted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bundleSpec } from '../../scripts/lib/bundle.ts';
import type { OpenApiDocument } from '../../scripts/lib/openapi.ts';
import { locatePointer } from '../../scripts/lib/schema-problems.ts';
import { SpecValidator } from '../../scripts/lib/validator.ts';
import { scratchDir } from '../support/output.ts';

const document = {
  openapi: '3.1.0',
  info: { title: 'Leftovers', version: '1' },
  paths: {},
  components: {
    schemas: {
      Legacy: { type: 'object', properties: { note: { nullable: true, description: 'a 3.0 leftover' } } },
      Custom: { type: 'string', format: 'snowflake-id' },
    },
  },
} as unknown as OpenApiDocument;

describe('validator on descriptions with leftovers', () => {
  it('reports a schema it cannot compile once, and judges nothing against it', () => {
    const validator = new SpecValidator(document);
    expect(validator.validate('/components/schemas/Legacy', { note: 1 })).toEqual([]);
    expect(validator.validate('/components/schemas/Legacy', { note: 2 })).toEqual([]);
    expect(validator.problems).toHaveLength(1);
    // The subschema at fault, not the whole schema that includes it.
    expect(validator.problems[0]).toMatchObject({ pointer: '/components/schemas/Legacy/properties/note' });
    expect(validator.problems[0]!.message).toMatch(/nullable/);
  });

  it('tolerates an unknown format quietly, counting it', () => {
    const validator = new SpecValidator(document);
    expect(validator.validate('/components/schemas/Custom', 'abc')).toEqual([]);
    expect(validator.validate('/components/schemas/Custom', 12)).not.toEqual([]);
    expect(validator.tolerated).toBeGreaterThan(0);
    expect(new SpecValidator(document).tolerated).toBe(0);
    expect(validator.problems).toEqual([]);
  });

  it('locates a pointer as file:line in the description', () => {
    const dir = scratchDir('locate-');
    const file = join(dir, 'openapi.yaml');
    writeFileSync(file, stringify(document));
    const line =
      stringify(document)
        .split('\n')
        .findIndex((text) => text.trim() === 'Legacy:') + 1;
    expect(locatePointer(file, '/components/schemas/Legacy', dir)).toBe(`openapi.yaml:${line}`);
    expect(locatePointer(file, '/components/schemas/Missing', dir)).toBe('openapi.yaml');
  });

  it('locates a problem in a multi-file description in the file where the schema is written', async () => {
    const dir = scratchDir('locate-multi-');
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(
      join(dir, 'openapi.yaml'),
      [
        'openapi: 3.1.0',
        'info: { title: Two files, version: "1" }',
        'paths:',
        '  /stations:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: OK',
        '          content:',
        '            application/json:',
        '              schema:',
        '                $ref: ./schemas/Station.yaml',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'schemas', 'Station.yaml'),
      [
        'type: object',
        'properties:',
        '  name:',
        '    type: string',
        '  note:',
        '    nullable: true',
        '    description: a 3.0 leftover',
        '  distance:',
        '    type: number',
        '    minimum: 0',
        '    exclusiveMinimum: true',
        '',
      ].join('\n'),
    );
    const validator = new SpecValidator(await bundleSpec(join(dir, 'openapi.yaml')));
    const response = '/paths/~1stations/get/responses/200/content/application~1json/schema';
    expect(validator.validate(response, { name: 'Utrecht' })).toEqual([]);
    const [problem] = validator.problems;
    expect(problem!.pointer).toMatch(/^\/components\/schemas\/Station\/properties\/(note|distance)$/);
    const line = problem!.pointer.endsWith('note') ? 5 : 8;
    expect(locatePointer(join(dir, 'openapi.yaml'), problem!.pointer, dir)).toBe(`schemas/Station.yaml:${line}`);
    // Each problem once, each in its own place: with the first one fixed, the other is found.
    writeFileSync(
      join(dir, 'schemas', 'Station.yaml'),
      'type: object\nproperties:\n  code:\n    type: string\n    format: station-code\n  distance:\n    type: number\n    exclusiveMinimum: true\n',
    );
    const fixed = new SpecValidator(await bundleSpec(join(dir, 'openapi.yaml')));
    fixed.validate(response, {});
    fixed.validate('/components/schemas/Station', {});
    // Looking for a problem's place compiles subschemas again; the unknown format they log again is not counted.
    expect(fixed.tolerated).toBe(4); // what the two failing compiles logged; 8 with the probes counted
    expect(fixed.problems).toEqual([
      { pointer: '/components/schemas/Station/properties/distance', message: 'exclusiveMinimum value must be ["number"]' },
    ]);
    expect(locatePointer(join(dir, 'openapi.yaml'), fixed.problems[0]!.pointer, dir)).toBe('schemas/Station.yaml:6');
  });
});
