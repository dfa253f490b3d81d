/**
 * Issue 15.9: a code sample for an operation that documents no error does not branch on `error`
 * (typed never, it would not compile); the offline-docs check is not tripped by `url(` inside a
 * sample, while a real loader in the markup still is. An idempotency key in a sample is fresh per
 * call: a reader who copies the sample must not replay one fixed key.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeSamples } from '../../scripts/lib/code-samples.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { renderEach } from '../../scripts/lib/generate-apis.ts';
import { typecheckGenerated } from '../../scripts/lib/typecheck-generated.ts';
import type { OpenApiDocument } from '../../scripts/lib/openapi.ts';
import { loadersIn } from '../support/offline.ts';
import { scratchProject, spec } from './project.ts';

describe('code samples of external descriptions', () => {
  const document = spec({
    'GET /only-ok': { operationId: 'onlyOk', description: 'Draws `background: url(x.png)`.' },
    'GET /with-error': { operationId: 'withError', responses: { '200': { description: 'OK' }, '404': { description: 'Not found' } } },
    'POST /orders': {
      operationId: 'createOrder',
      parameters: [
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' }, example: 'fixed-key-0001' },
        { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' }, example: 'trace-0001' },
      ],
    },
  }) as OpenApiDocument;
  const project = scratchProject({ samples: document });
  const api = project.apis[0]!;
  const samples = codeSamples(document, api);

  it('branches on `error` only where an error status is documented', () => {
    const onlyOk = samples.get('onlyOk')![0]!.source;
    expect(onlyOk).toContain("const { data } = await client.GET('/only-ok');");
    expect(onlyOk).not.toContain('if (error)');
    expect(samples.get('withError')![0]!.source).toContain('if (error) {');
  });

  it('gives an idempotency key a fresh UUID per call, and any other header its example', () => {
    const createOrder = samples.get('createOrder')![0]!.source;
    expect(createOrder).toContain("'Idempotency-Key': crypto.randomUUID(),");
    expect(createOrder).not.toContain('fixed-key-0001');
    expect(createOrder).toContain("'X-Trace': 'trace-0001',");
  });

  it('every sample compiles against the generated client', async () => {
    const { outputs } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    // Each sample is a module of its own beside generated/, as a reader would save it.
    const files = [...samples.entries()].map(([operationId, [sample]]) => {
      const file = join(project.root, `${operationId}.ts`);
      writeFileAtomic(file, `${sample!.source}export {};\n`);
      return file;
    });
    expect(typecheckGenerated(files, project.root)).toEqual([]);
  }, 60_000);

  it('the offline check looks past the embedded data, not past the markup', () => {
    const data = `const __redoc_definition = ${JSON.stringify({ sample: "el.style.background = 'url(https://cdn.invalid/x.png)'" })};`;
    expect(loadersIn(`<html>\n<script>\n${data}\n</script>\n</html>`)).toEqual([]);
    expect(loadersIn(`<html><style>body { background: url(https://cdn.invalid/x.png) }</style>\n${data}\n</html>`)).toEqual(['url(']);
  });
});
