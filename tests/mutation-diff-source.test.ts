/**
 * From a change's pointer to `file:line`, the line a reviewer opens: JSON text scanned without a
 * parser (compact, spaced, escaped keys, every kind of value), YAML lines, refs to other files
 * (encoded names, fragments, cycles, files that do not parse) and composition members.
 */
import { describe, expect, it } from 'vitest';
import { jsonOffset, parseSourceText, SourceMap, type SourceReader } from '../scripts/lib/diff/source.ts';

describe('JSON lines', () => {
  const text = [
    '{',
    '\t"a": -1.5e3,',
    '  "b": [true, false, null, "]}\\"", {"c": 1}],',
    '\r',
    '  "d\\u0041": {"e":{"f":[0,[1,2],3]}},',
    '  "g": []',
    '}',
  ].join('\n');
  const line = (tokens: string[]) => parseSourceText('x.json', text).line(tokens);

  it.each([
    [[], 1],
    [['a'], 2],
    [['b'], 3],
    [['b', '4', 'c'], 3],
    [['dA'], 5],
    [['dA', 'e', 'f', '2'], 5],
    [['g'], 6],
  ])('%j is on line %i', (tokens, expected) => {
    expect(line(tokens)).toBe(expected);
  });

  it('finds the exact member in compact JSON, past values of every kind', () => {
    const compact = '{"n":-2,"t":true,"s":"x,}]","o":{"p":[1,{"q":null}]},"z":0}';
    const at = (tokens: string[]) => compact.slice(jsonOffset(compact, tokens));
    expect(at(['z'])).toBe('"z":0}');
    expect(at(['o', 'p', '1', 'q'])).toBe('"q":null}]},"z":0}');
    expect(at(['o', 'p', '1'])).toBe('{"q":null}]},"z":0}');
    expect(at(['t'])).toMatch(/^"t":true/);
    expect(at(['s'])).toMatch(/^"s":"x,\}\]"/);
  });

  it('an index that is not there, negative or not a number stops at the array', () => {
    const list = '{"l": [10, 20]}';
    const at = (tokens: string[]) => list.slice(jsonOffset(list, tokens));
    expect(at(['l', '1'])).toBe('20]}');
    expect(at(['l', '2'])).toBe('"l": [10, 20]}');
    expect(at(['l', '-1'])).toBe('"l": [10, 20]}');
    expect(at(['l', 'x'])).toBe('"l": [10, 20]}');
    expect(at(['l', '0', 'deeper'])).toBe('10, 20]}');
    const empty = '{"l": []}';
    expect(empty.slice(jsonOffset(empty, ['l', '0']))).toBe('"l": []}');
  });

  it('a key inside a nested string or object is not taken for the one asked', () => {
    const tricky = '{"x": {"y": "\\"z\\": 1"}, "w": {"z": 0}, "z": 2}';
    expect(tricky.slice(jsonOffset(tricky, ['z']))).toBe('"z": 2}');
  });

  it('a file named .yaml that starts with a brace is read as JSON; leading blank lines count', () => {
    const parsed = parseSourceText('x.yaml', '\n  {"a":\n 1}');
    expect(parsed.value).toEqual({ a: 1 });
    expect(parsed.line(['a'])).toBe(2);
    expect(() => parseSourceText('x.json', 'a: 1')).toThrow();
  });
  it('a member at the start of its line is on that line', () => {
    expect(parseSourceText('x.json', '{\n"a": 1,\n"b": 2\n}').line(['b'])).toBe(3);
  });

  it('skips nested values that end in a string, and looks for a name only inside its own object', () => {
    const nested = '{"w":["a"],"v":{"k":"x"},"a":{"x":1},"b":2}';
    const at = (tokens: string[]) => nested.slice(jsonOffset(nested, tokens));
    expect(at(['b'])).toBe('"b":2}');
    expect(at(['a', 'b'])).toBe('"a":{"x":1},"b":2}');
    expect(at(['b', '0'])).toBe('"b":2}');
  });

  it('a .yaml file is read as JSON only when it starts with a brace', () => {
    expect(parseSourceText('x.yaml', 'a: {b: 1}\n').value).toEqual({ a: { b: 1 } });
    expect(parseSourceText('x.yaml', '  {"a": 1, "a": 2}').value).toEqual({ a: 2 });
  });
});

describe('YAML lines', () => {
  it('numeric keys, sequence items, and where the walk stops', () => {
    const text =
      'paths:\n  /x:\n    get:\n      responses:\n        200:\n          description: ok\n      tags:\n        - a\n        - b\n';
    const parsed = parseSourceText('x.yaml', text);
    expect(parsed.line(['paths', '/x', 'get', 'responses', '200', 'description'])).toBe(6);
    expect(parsed.line(['paths', '/x', 'get', 'tags', '1'])).toBe(9);
    expect(parsed.line(['paths', '/x', 'get', 'tags', '5'])).toBe(7);
    expect(parsed.line(['paths', '/x', 'get', 'nope', 'deeper'])).toBe(3);
    expect(parsed.line(['paths', '/x', 'get', 'responses', '200', 'description', 'deeper'])).toBe(6);
    expect(parsed.line([])).toBe(1);
  });

  it('the first line of a document that starts lower down', () => {
    expect(parseSourceText('x.yaml', '# comment\n\nopenapi: 3.1.0\n').line([])).toBe(3);
    expect(parseSourceText('x.yaml', '').line(['a'])).toBe(1);
  });

  it('a description with many aliases of one anchor is read whole', () => {
    const uses = Array.from({ length: 150 }, (_, i) => `  p${i}: *s\n`).join('');
    const parsed = parseSourceText('x.yaml', `s: &s { type: string }\nprops:\n${uses}`);
    expect((parsed.value as { props: Record<string, unknown> }).props.p149).toEqual({ type: 'string' });
  });
});

describe('SourceMap across files', () => {
  const files: Record<string, string> = {
    'api/openapi.yaml': [
      'openapi: 3.1.0', // 1
      'components:', // 2
      '  schemas:', // 3
      '    Loop:', // 4
      "      $ref: '#/components/schemas/Loop'", // 5
      '    Broken:', // 6
      '      $ref: broken.yaml', // 7
      '    Missing:', // 8
      '      $ref: missing.yaml', // 9
      '    Spaced:', // 10
      '      $ref: my%20schemas.yaml#/Thing', // 11
      '    Either:', // 12
      '      anyOf:', // 13
      '        - type: string', // 14
      '        - properties:', // 15
      '            id:', // 16
      '              type: string', // 17
      '    Local:', // 18
      "      $ref: '#/components/schemas/Either'", // 19
      '    Nowhere:', // 20
      "      $ref: '#/components/schemas/Gone'", // 21
      '    Choice:', // 22
      '      oneOf:', // 23
      '        - type: string', // 24
      '        - properties:', // 25
      '            code:', // 26
      '              type: string', // 27
      '',
    ].join('\n'),
    'api/broken.yaml': 'a: [\n',
    'api/my schemas.yaml': 'Thing:\n  type: object\n  properties:\n    name:\n      type: string\n',
  };
  const reads: string[] = [];
  const reader: SourceReader = {
    read: (file) => {
      reads.push(file);
      return files[file];
    },
    label: (file) => file,
  };
  const map = new SourceMap(reader, 'api/openapi.yaml');
  const at = (name: string, rest = '') => map.locate(`/components/schemas/${name}${rest}`);

  it('a ref with an encoded file name and a fragment', () => {
    expect(at('Spaced', '/properties/name/type')).toBe('api/my schemas.yaml:5');
  });

  it('a name found in an anyOf or oneOf member, also through a local ref', () => {
    expect(at('Either', '/properties/id')).toBe('api/openapi.yaml:16');
    expect(at('Local', '/properties/id/type')).toBe('api/openapi.yaml:17');
    expect(at('Choice', '/properties/code')).toBe('api/openapi.yaml:26');
  });

  it('a ref cycle, a file that does not parse, a missing file or target: the ref itself', () => {
    expect(at('Loop', '/properties/a')).toBe('api/openapi.yaml:4');
    expect(at('Broken', '/properties/a')).toBe('api/openapi.yaml:6');
    expect(at('Missing', '/properties/a')).toBe('api/openapi.yaml:8');
    expect(at('Nowhere', '/properties/a')).toBe('api/openapi.yaml:20');
  });

  it('reads each file once', () => {
    at('Broken', '/x');
    at('Spaced', '/properties/name');
    for (const file of new Set(reads)) expect(reads.filter((read) => read === file)).toHaveLength(1);
  });

  it('a root the caller parsed is not read again', () => {
    const counted: string[] = [];
    const text = 'openapi: 3.1.0\ninfo:\n  title: x\n';
    const own = new SourceMap(
      {
        read: (file) => {
          counted.push(file);
          return text;
        },
        label: (file) => `at:${file}`,
      },
      'root.yaml',
      parseSourceText('root.yaml', text),
    );
    expect(own.locate('/info/title')).toBe('at:root.yaml:3');
    expect(own.locate('/info/title')).toBe('at:root.yaml:3');
    expect(counted).toEqual([]);
  });

  it('a root that does not parse has no lines', () => {
    expect(new SourceMap(reader, 'api/broken.yaml').locate('/a')).toBeUndefined();
  });
});
