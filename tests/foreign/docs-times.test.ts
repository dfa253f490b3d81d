/** Issue 15.10: the docs build reports how long each API's pages took to render. */
import { describe, expect, it } from 'vitest';
import { renderDocs } from '../../scripts/lib/docs/build.ts';
import type { OpenApiDocument } from '../../scripts/lib/openapi.ts';
import { scratchProject, spec } from './project.ts';

describe('docs times per API', () => {
  it('records one figure per API rendered', () => {
    const project = scratchProject({ 'docs-a': spec({ 'GET /a': {} }), 'docs-b': spec({ 'GET /b': {} }) });
    const times: Record<string, number> = {};
    const files = renderDocs(
      project.apis.map((api) => ({ api, document: spec({ 'GET /x': {} }) as OpenApiDocument })),
      'apis: {}\n',
      times,
    );
    expect(files.some((file) => file.kind === 'reference')).toBe(true);
    expect(Object.keys(times).sort()).toEqual(['docs-a', 'docs-b']);
    expect(Object.values(times).every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
  });
});
