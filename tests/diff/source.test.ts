/** From a logical JSON pointer to file:line: JSON scanning, YAML lines, refs across files, composition members. */
import { describe, expect, it } from 'vitest';
import { hasExternalRefs } from '../../scripts/lib/diff/inputs.ts';
import { jsonOffset, parseSourceText, SourceMap, type SourceReader } from '../../scripts/lib/diff/source.ts';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('jsonOffset', () => {
  const text = JSON.stringify({ a: { 'b/c': [10, { d: 'x"}]' }, [true, null]], 'e~f': 1 }, 'g\\"h': { i: 2 }, z: 3 }, null, 2);

  it.each([
    [['a'], '"a"'],
    [['a', 'b/c'], '"b/c"'],
    [['a', 'b/c', '0'], '10'],
    [['a', 'b/c', '1', 'd'], '"d"'],
    [['a', 'b/c', '2', '1'], 'null'],
    [['a', 'e~f'], '"e~f"'],
    [['g\\"h', 'i'], '"i"'],
    [['z'], '"z"'],
  ])('finds %j', (tokens, starts) => {
    expect(text.slice(jsonOffset(text, tokens)).startsWith(starts)).toBe(true);
  });

  it('stops at the deepest member that exists', () => {
    expect(text.slice(jsonOffset(text, ['a', 'nope', 'x'])).startsWith('"a"')).toBe(true);
    expect(text.slice(jsonOffset(text, ['a', 'b/c', '7'])).startsWith('"b/c"')).toBe(true);
    expect(text.slice(jsonOffset(text, ['z', 'deeper'])).startsWith('"z"')).toBe(true);
  });

  it('a string holding brackets and quotes does not confuse the skipping', () => {
    const offset = jsonOffset(text, ['a', 'b/c', '2', '0']);
    expect(text.slice(offset).startsWith('true')).toBe(true);
    expect(lineOf(text, offset)).toBe(9);
  });
});

describe('SourceMap', () => {
  const files: Record<string, string> = {
    'api/openapi.yaml': `openapi: 3.1.0
paths:
  /x:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: schemas/Thing.yaml
`,
    'api/schemas/Thing.yaml': `allOf:
  - $ref: '#/$defs/Base'
  - type: object
    properties:
      extra:
        type: string
$defs:
  Base:
    properties:
      name:
        type: string
`,
  };
  const reader: SourceReader = { read: (file) => files[file], label: (file) => `src:${file}` };
  const map = new SourceMap(reader, 'api/openapi.yaml');
  const schema = '/paths/~1x/get/responses/200/content/application~1json/schema';

  it('follows a ref into another file', () => {
    expect(map.locate(`${schema}/properties/extra`)).toBe('src:api/schemas/Thing.yaml:5');
  });

  it('follows a local ref inside that file through an allOf member', () => {
    expect(map.locate(`${schema}/properties/name/type`)).toBe('src:api/schemas/Thing.yaml:11');
  });

  it('a pointer into the root file', () => {
    expect(map.locate('/paths/~1x/get/responses/200/description')).toBe('src:api/openapi.yaml:7');
  });

  it('stops at the deepest place it can find; a missing root gives nothing', () => {
    expect(map.locate(`${schema}/properties/gone`)).toBe('src:api/schemas/Thing.yaml:9');
    expect(new SourceMap(reader, 'api/missing.yaml').locate('/paths')).toBeUndefined();
  });

  it('parses each file once, for its value and its lines', () => {
    const parsed = parseSourceText('x.yaml', 'a:\n  b: [1, 2]\n');
    expect(parsed.value).toEqual({ a: { b: [1, 2] } });
    expect(parsed.line(['a', 'b'])).toBe(2);
    expect(() => parseSourceText('x.yaml', 'a: [\n')).toThrow();
  });
});

describe('hasExternalRefs', () => {
  it('only refs that leave the document count', () => {
    expect(hasExternalRefs({ a: [{ $ref: '#/components/schemas/A' }] })).toBe(false);
    expect(hasExternalRefs({ a: [{ b: { $ref: 'schemas/A.yaml' } }] })).toBe(true);
    expect(hasExternalRefs({ $ref: 'other.yaml#/x' })).toBe(true);
    expect(hasExternalRefs({ description: '$ref: x.yaml' })).toBe(false);
  });
});
