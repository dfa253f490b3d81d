/**
 * The providers' printed payloads (tests/fixtures/<api>/) validate as printed, are examples in the
 * spec, and the schemas are tight: any leaf given a value of another JSON type fails validation.
 * The plausible payloads (tests/fixtures/<api>/plausible/: sparse objects, nulls, expanded
 * objects, unknown codes) validate too, and so are proof the schemas are tolerant where they must
 * be, while their wrong-type variants still fail.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureSchemaPointer, fixturesDirOf, loadFixtures, type Fixture } from '../scripts/lib/fixtures.ts';
import { examplesOf, nodeAtPointer, type OpenApiDocument, type Operation } from '../scripts/lib/openapi.ts';
import type { SpecValidator } from '../scripts/lib/validator.ts';
import { apis, format, loadApi } from './support/apis.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a payload (scalars, empty arrays and empty objects) with its path. */
function leaves(value: Json, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((item, index) => leaves(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [path];
}

/** A value of a different JSON type than `value`. */
function otherType(value: Json): Json {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 12345;
  return 'not-an-object-or-array';
}

function withLeaf(value: Json, path: ReadonlyArray<string | number>, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = replacement;
  return copy as Json;
}

/** The leaves (as JSON pointers) whose value can be swapped for another JSON type and still validate. */
function wronglyTypedLeavesAccepted(validator: SpecValidator, pointer: string, payload: Json): string[] {
  const accepted = leaves(payload).filter((path) => {
    const original = path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, payload);
    return validator.validate(pointer, withLeaf(payload, path, otherType(original))).length === 0;
  });
  return accepted.map((path) => `/${path.join('/')}`);
}

/** The examples the spec gives where the fixture belongs: media-type examples, else schema examples. */
function specExamplesFor(document: OpenApiDocument, operation: Operation, fixture: Fixture): unknown[] {
  const media =
    fixture.in === 'request'
      ? operation.requestBody?.content['application/json']
      : operation.responses.find(([status]) => status === fixture.status)?.[1].content?.['application/json'];
  const bodies = media ? examplesOf(document, media).map(([, value]) => value) : [];
  if (!fixture.property) return bodies;
  return bodies.map((body) => (body as Record<string, unknown> | null)?.[fixture.property!]);
}

describe.each(apis.map((api) => [api.name, api] as const))('%s: printed payloads', (_name, api) => {
  const { document, operations, validator } = loadApi(api);
  const fixtures = loadFixtures(api);
  if (fixtures.length === 0) {
    it('has no printed payloads in its docs', () => expect(fixtures).toEqual([]));
    return;
  }

  describe.each(fixtures.map((fixture) => [fixture.file.slice(api.fixturesDir.length + 1), fixture] as const))('%s', (_file, fixture) => {
    const pointer = fixtureSchemaPointer(document, fixture);

    it('validates exactly as printed', () => {
      const issues = validator.validate(pointer, fixture.payload);
      expect(issues, format(issues)).toEqual([]);
    });

    it('is an example in the spec', () => {
      const operation = operations.find((candidate) => candidate.operationId === fixture.operationId)!;
      const schema = nodeAtPointer(document, pointer) as { examples?: unknown[] } | undefined;
      const candidates = [...specExamplesFor(document, operation, fixture), ...(schema?.examples ?? [])];
      expect(candidates.some((candidate) => isDeepStrictEqual(candidate, fixture.payload))).toBe(true);
    });

    it('rejects a value of the wrong type at every leaf', () => {
      expect(wronglyTypedLeavesAccepted(validator, pointer, fixture.payload as Json)).toEqual([]);
    });
  });
});

describe.each(apis.map((api) => [api.name, api] as const))('%s: plausible payloads', (_name, api) => {
  const { document, validator } = loadApi(api);
  const fixtures = loadFixtures(api, 'plausible');
  const printed = loadFixtures(api, 'printed');
  const dir = fixturesDirOf(api, 'plausible');

  it('has plausible payloads beyond the printed ones', () => expect(fixtures.length, `${dir}: no payloads`).toBeGreaterThan(0));

  describe.each(fixtures.map((fixture) => [fixture.file.slice(dir.length + 1), fixture] as const))('%s', (_file, fixture) => {
    const pointer = fixtureSchemaPointer(document, fixture);

    it('says where its shape comes from', () => expect(fixture.source.length).toBeGreaterThan(20));

    it('validates', () => {
      const issues = validator.validate(pointer, fixture.payload);
      expect(issues, format(issues)).toEqual([]);
    });

    it('is not one of the printed payloads', () => {
      expect(
        printed.some((candidate) => candidate.operationId === fixture.operationId && isDeepStrictEqual(candidate.payload, fixture.payload)),
      ).toBe(false);
    });

    it('rejects a value of the wrong type at every leaf', () => {
      expect(wronglyTypedLeavesAccepted(validator, pointer, fixture.payload as Json)).toEqual([]);
    });
  });
});
