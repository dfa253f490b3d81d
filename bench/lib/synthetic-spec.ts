/**
 * A large made-up API for the scale bench: `paths` resources over two files (so bundling has refs
 * to follow), each with a GET and, for every other one, a POST with a body. Valid OpenAPI 3.1 with
 * the examples, descriptions and security a real spec of this project carries.
 */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';

function resourceSchemas(index: number): Record<string, unknown> {
  const name = `Resource${index}`;
  return {
    [name]: {
      type: 'object',
      description: `Resource number ${index}.`,
      required: ['id', 'status', 'amount'],
      properties: {
        id: { type: 'string', description: 'Identifier.', example: `res_${index}` },
        status: { type: 'string', description: 'Lifecycle state.', enum: ['open', 'complete', 'expired'] },
        amount: { $ref: '#/Money' },
        tags: { type: 'array', description: 'Free labels.', items: { type: 'string' } },
        metadata: { type: 'object', description: 'Caller data.', additionalProperties: { type: 'string' } },
        createdAt: { type: 'string', format: 'date-time', description: 'Creation time.' },
      },
    },
    [`${name}Input`]: {
      type: 'object',
      description: `What creates a resource number ${index}.`,
      required: ['amount'],
      properties: {
        amount: { $ref: '#/Money' },
        tags: { type: 'array', description: 'Free labels.', items: { type: 'string' } },
      },
    },
  };
}

const money = {
  type: 'object',
  description: 'An amount in minor units.',
  required: ['value', 'currency'],
  properties: {
    value: { type: 'integer', description: 'Minor units.', minimum: 0 },
    currency: { type: 'string', description: 'ISO 4217 code.', pattern: '^[A-Z]{3}$' },
  },
};

const errorSchema = {
  type: 'object',
  description: 'An error.',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Machine-readable code.' },
    message: { type: 'string', description: 'What went wrong.' },
  },
};

function pathItem(index: number): Record<string, unknown> {
  const resource = { $ref: `schemas.yaml#/Resource${index}` };
  const errors = {
    '404': {
      description: 'Not found.',
      content: {
        'application/json': { schema: { $ref: 'schemas.yaml#/Error' }, example: { code: 'not_found', message: 'No such resource.' } },
      },
    },
  };
  const example = { id: `res_${index}`, status: 'open', amount: { value: 100, currency: 'EUR' } };
  const item: Record<string, unknown> = {
    parameters: [
      { name: 'id', in: 'path', required: true, description: 'Resource id.', schema: { type: 'string' }, example: `res_${index}` },
    ],
    get: {
      operationId: `resource${index}_get`,
      summary: `Get resource ${index}`,
      description: `Returns resource number ${index}.`,
      tags: ['resources'],
      parameters: [{ name: 'expand', in: 'query', description: 'Fields to expand.', schema: { type: 'boolean' }, example: false }],
      responses: { '200': { description: 'The resource.', content: { 'application/json': { schema: resource, example } } }, ...errors },
    },
  };
  if (index % 2 === 0) {
    item.post = {
      operationId: `resource${index}_update`,
      summary: `Update resource ${index}`,
      description: `Replaces resource number ${index}.`,
      tags: ['resources'],
      requestBody: {
        required: true,
        description: 'The new state.',
        content: {
          'application/json': {
            schema: { $ref: `schemas.yaml#/Resource${index}Input` },
            example: { amount: { value: 100, currency: 'EUR' } },
          },
        },
      },
      responses: { '200': { description: 'The resource.', content: { 'application/json': { schema: resource, example } } }, ...errors },
    };
  }
  return item;
}

/** Writes the spec and a one-API registry for it into `dir`; returns the registry's text. */
export function writeSyntheticSpec(dir: string, paths: number): string {
  const schemas: Record<string, unknown> = { Money: money, Error: errorSchema };
  const pathItems: Record<string, unknown> = {};
  for (let index = 1; index <= paths; index += 1) {
    Object.assign(schemas, resourceSchemas(index));
    pathItems[`/v1/resources-${index}/{id}`] = pathItem(index);
  }
  const root = {
    openapi: '3.1.0',
    info: { title: 'Synthetic', version: '1.0.0', description: `A made-up API of ${paths} paths for the scale bench.` },
    servers: [{ url: 'http://127.0.0.1:4999' }],
    security: [{ KeyAuth: [] }],
    tags: [{ name: 'resources', description: 'Made-up resources.' }],
    paths: pathItems,
    components: {
      securitySchemes: { KeyAuth: { type: 'apiKey', in: 'header', name: 'x-key', description: 'A key.', 'x-client-option': 'apiKey' } },
    },
  };
  writeFileAtomic(join(dir, 'openapi.yaml'), stringify(root));
  writeFileAtomic(join(dir, 'schemas.yaml'), stringify(schemas));
  const registry = {
    apis: {
      'synthetic@v1': {
        root: 'openapi.yaml',
        'x-openapi-ts': { output: 'generated/synthetic/schema.d.ts' },
        'x-checkout-apis': { mockPort: 4999 },
      },
    },
  };
  return stringify(registry);
}
