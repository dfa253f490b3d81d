/**
 * Issue 15.7: a schema Ajv cannot compile (OpenAPI 3.0's `nullable` without `type`) is a spec
 * problem reported once, with its pointer and file:line, not a stack trace; unknown formats are
 * tolerated quietly and counted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
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
    expect(validator.problems[0]).toMatchObject({ pointer: '/components/schemas/Legacy' });
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
});
