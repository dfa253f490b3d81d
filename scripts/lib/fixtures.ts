/**
 * The providers' payloads, kept under tests/fixtures/<api>/ (format in openapi/README.md), and
 * where in a description each one must validate: the payloads the docs print, and under
 * plausible/ the ones a real server may send beyond them (sparse objects, nulls, expanded
 * objects, unknown codes), each with the evidence for its shape in `source`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.ts';
import { canonicalPointer, listOperations, requestSchemaTokens, responseSchemaTokens, type OpenApiDocument } from './openapi.ts';
import type { ApiEntry } from './registry.ts';

export interface Fixture {
  readonly file: string;
  readonly source: string;
  readonly operationId: string;
  readonly in: 'request' | 'response';
  readonly status?: string;
  readonly property?: string;
  readonly payload: unknown;
}

function parseFixture(file: string, text: string): Fixture {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const expectString = (field: string) => {
    if (typeof raw[field] !== 'string') throw new UserError(`${file}: ${field}: expected a string`);
    return raw[field] as string;
  };
  const where = expectString('in');
  if (where !== 'request' && where !== 'response')
    throw new UserError(`${file}: in: expected "request" or "response", got ${JSON.stringify(where)}`);
  if (!('payload' in raw)) throw new UserError(`${file}: payload: expected the payload as printed`);
  return {
    file,
    source: expectString('source'),
    operationId: expectString('operationId'),
    in: where,
    ...(where === 'response' ? { status: expectString('status') } : {}),
    ...(raw.property === undefined ? {} : { property: expectString('property') }),
    payload: raw.payload,
  };
}

/** Printed payloads sit in the API's fixtures folder; plausible ones in its plausible/ subfolder. */
export type FixtureKind = 'printed' | 'plausible';

export function fixturesDirOf(api: ApiEntry, kind: FixtureKind): string {
  return kind === 'printed' ? api.fixturesDir : join(api.fixturesDir, 'plausible');
}

export function loadFixtures(api: ApiEntry, kind: FixtureKind = 'printed'): Fixture[] {
  const dir = fixturesDirOf(api, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return parseFixture(file, readFileSync(file, 'utf8'));
    });
}

/** The JSON pointer of the schema a fixture must validate against, or a reason it has none. */
export function fixtureSchemaPointer(document: OpenApiDocument, fixture: Fixture): string {
  const operation = listOperations(document).find((candidate) => candidate.operationId === fixture.operationId);
  if (!operation) throw new UserError(`${fixture.file}: operationId: no operation ${fixture.operationId} in the description`);
  const tokens =
    fixture.in === 'request'
      ? requestSchemaTokens(operation, 'application/json')
      : responseSchemaTokens(operation, fixture.status!, 'application/json');
  if (fixture.in === 'response' && !operation.responses.some(([status]) => status === fixture.status)) {
    throw new UserError(`${fixture.file}: status: ${fixture.operationId} documents no ${fixture.status} response`);
  }
  return canonicalPointer(document, fixture.property ? [...tokens, 'properties', fixture.property] : tokens);
}
