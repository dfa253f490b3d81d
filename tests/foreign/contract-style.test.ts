/**
 * Issue 15.5 (contract half): the contract suite demands the house conventions — a documented 401
 * for calls without credentials, a documented 422/400 for malformed ones — of house APIs only.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { authPlanOf, credentialSets } from '../../scripts/codegen/auth-plan.ts';
import { contractApi } from '../../scripts/lib/contract/api.ts';
import { runContractApi } from '../../scripts/lib/contract/run.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { renderEach } from '../../scripts/lib/generate-apis.ts';
import { freePort, startMock, type RunningMock } from '../../scripts/lib/prism.ts';
import { scratchProject, spec } from './project.ts';

const station = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
const document = spec(
  {
    'GET /stations': {
      operationId: 'stations_list',
      parameters: [{ name: 'country', in: 'query', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}$', example: 'NL' } }],
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: station, example: { id: 'st_1' } } } } },
    },
    // Judged by its media type: an image is read as bytes, never parsed as JSON.
    'GET /logo': {
      operationId: 'logo_get',
      responses: { '200': { description: 'A PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } },
    },
  },
  { securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-key' } } },
  { security: [{ Key: [] }] },
);

describe('contract demands by style', () => {
  let mock: RunningMock | undefined;
  afterAll(() => mock?.stop());

  it('a house API is told of its missing 401 and 422/400; an external one is not', async () => {
    const project = scratchProject({ 'style-check': document });
    const { outputs, built } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    const api = built[0]!.api;
    mock = await startMock({ specFile: api.bundleJson, port: await freePort() });
    const codesFor = async (style: 'house' | 'external') => {
      const loaded = contractApi({ ...api, style }, built[0]!.document);
      const credentials = Object.fromEntries(credentialSets(authPlanOf(api, built[0]!.document))[0]!.map((option) => [option, 'k']));
      const report = await runContractApi(loaded, { kind: 'mock', baseUrl: mock!.url, credentials, fuzzRuns: 0 });
      return report.results.flatMap((result) => result.failures.map((failure) => failure.code));
    };
    expect(await codesFor('house')).toEqual(expect.arrayContaining(['spec.no-401', 'spec.no-validation-status']));
    const external = await codesFor('external');
    expect(external).not.toContain('spec.no-401');
    expect(external).not.toContain('spec.no-validation-status');
    // Nor an undocumented 401 for a call without credentials; and the PNG is readable.
    expect(await codesFor('house')).toContain('status.undocumented');
    expect(external).toEqual([]);
  }, 120_000);
});
