/** The docs build's "inferred" badge: on inferred fields, parameters, responses and operations only, reason escaped. */
import { describe, expect, it } from 'vitest';
import { provenanceBadgeClass, withProvenanceBadges } from '../scripts/lib/docs/provenance-badges.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';

const inferred = (description: string, reason: string) => ({ description, 'x-provenance': 'inferred', 'x-provenance-reason': reason });

function scratch(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'Scratch', version: '1.0.0' },
    servers: [{ url: 'https://api.example.test', ...inferred('Inferred: one host.', 'A guess.') }],
    paths: {
      '/things': {
        get: {
          ...inferred('Lists things. Inferred: the path.', 'The page prints no path.'),
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'number' },
              ...inferred('Inferred: a count.', 'Says <script>alert(1)</script> & "more"'),
            },
          ],
          responses: {
            '200': {
              description: 'Things.',
              content: { 'application/json': { examples: { one: { value: {}, ...inferred('Inferred: made up.', 'x') } } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            id: { type: 'string', ...inferred('Inferred: an id.', 'Printed once.') },
            name: { type: 'string', description: 'Documented.' },
            owner: {
              oneOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'null' }],
              ...inferred('The owner. Inferred: may be null.', 'Never printed.'),
            },
          },
        },
        Owner: { type: 'object', description: 'An owner.' },
      },
    },
  };
}

describe('provenance badges', () => {
  const badged = withProvenanceBadges(scratch());
  const get = badged.paths['/things']!.get as {
    description: string;
    parameters: Array<{ description: string }>;
    responses: Record<string, { content: Record<string, { examples: Record<string, { description: string }> }> }>;
  };
  const properties = (badged.components!.schemas!.Thing as { properties: Record<string, { description: string }> }).properties;

  it('badges inferred operations, parameters and fields, keeping their text', () => {
    expect(get.description).toMatch(
      new RegExp(
        `^<span class="${provenanceBadgeClass}" title="Inferred: The page prints no path\\." [^>]*>inferred</span> Lists things\\. Inferred: the path\\.$`,
      ),
    );
    expect(get.parameters[0]!.description).toContain(`class="${provenanceBadgeClass}"`);
    expect(properties.id!.description).toContain('>inferred</span> Inferred: an id.');
  });

  it('puts the badged description beside a ref branch, which Redoc would show instead of the field', () => {
    const owner = properties.owner as unknown as { description: string; oneOf: Array<Record<string, unknown>> };
    expect(owner.oneOf[0]).toEqual({ $ref: '#/components/schemas/Owner', description: owner.description });
    expect(owner.description).toContain('>inferred</span> The owner.');
    expect(owner.oneOf[1]).toEqual({ type: 'null' });
    expect((badged.components!.schemas!.Owner as { description: string }).description).toBe('An owner.');
  });

  it('escapes the reason it puts in the tooltip', () => {
    expect(get.parameters[0]!.description).toContain('title="Inferred: Says &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"');
    expect(get.parameters[0]!.description).not.toContain('<script>');
  });

  it('leaves documented nodes, servers and examples alone, and the input untouched', () => {
    expect(properties.name!.description).toBe('Documented.');
    expect(badged.servers![0]!.description).toBe('Inferred: one host.');
    expect(get.responses['200']!.content['application/json']!.examples.one!.description).toBe('Inferred: made up.');
    expect(JSON.stringify(scratch())).not.toContain(provenanceBadgeClass);
  });
});
