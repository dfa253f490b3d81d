/** The registry is the one list of APIs; a broken entry is reported by file, field and expectation. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../scripts/lib/errors.ts';
import { parseRegistry, projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';

const entry = (id: string, port: number, root = 'openapi/selectwin/openapi.yaml') =>
  `  ${id}:\n    root: ${root}\n    x-openapi-ts:\n      output: generated/x/schema.d.ts\n    x-checkout-apis:\n      mockPort: ${port}\n`;

function errorOf(text: string): string {
  try {
    parseRegistry(text, projectRoot);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected the registry to be rejected');
}

describe('registry', () => {
  it('lists every API folder under openapi/ once, each with its own mock port', () => {
    expect(apis.length).toBeGreaterThan(0);
    expect(new Set(apis.map((api) => api.mockPort)).size).toBe(apis.length);
    for (const api of apis) expect(api.root).toContain(`/openapi/${api.name}/`);
  });

  it('rejects a key that is not <name>@v<major>', () => {
    expect(errorOf(`apis:\n${entry('Selectwin', 4010)}`)).toMatch(/apis\.Selectwin: expected a key of the form <name>@v<major>/);
  });

  it('rejects a root file that does not exist', () => {
    expect(errorOf(`apis:\n${entry('ghost@v1', 4010, 'openapi/ghost/openapi.yaml')}`)).toMatch(
      /apis\.ghost@v1\.root: .*openapi\/ghost\/openapi\.yaml is missing/,
    );
  });

  it('rejects two APIs on one mock port', () => {
    expect(errorOf(`apis:\n${entry('a@v1', 4010)}${entry('b@v1', 4010)}`)).toMatch(
      /apis\.b@v1\.x-checkout-apis\.mockPort: .*a@v1 uses 4010/,
    );
  });

  it('rejects a missing port and an empty list', () => {
    expect(errorOf('apis:\n  a@v1:\n    root: openapi/selectwin/openapi.yaml\n    x-openapi-ts:\n      output: g.d.ts\n')).toMatch(
      /mockPort: expected an integer port/,
    );
    expect(errorOf('apis: {}\n')).toMatch(/apis: expected a mapping of at least one API/);
    expect(errorOf('apis: [\n')).toMatch(/not valid YAML/);
  });
});
