/**
 * Issue 15.2 and 15.3: every kind of security scheme in the one table; options named after the
 * schemes (x-client-option still wins); option collisions refused by name; a credential required
 * only when every operation needs it; security alternatives, `{}` included, honoured per call.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { authPlanOf, credentialSets } from '../../scripts/codegen/auth-plan.ts';
import { renderClient } from '../../scripts/codegen/client.ts';
import { schemeKinds } from '../../scripts/codegen/scheme-kinds.ts';
import { UserError } from '../../scripts/lib/errors.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { renderEach } from '../../scripts/lib/generate-apis.ts';
import { scratchProject, spec } from './project.ts';

const bearer = { type: 'http', scheme: 'bearer' };
const alternatives = spec(
  {
    'GET /admin': { security: [{ AdminKey: [] }] },
    'GET /me': { security: [{ UserKey: [] }, {}] },
    'GET /either': { security: [{ AdminKey: [] }, { UserKey: [] }] },
  },
  { securitySchemes: { AdminKey: bearer, UserKey: bearer } },
);

function planOf(document: object) {
  const [api] = scratchProject({ scratch: document }).apis;
  return { api: api!, plan: authPlanOf(api!, document as never) };
}

describe('the table of security-scheme kinds', () => {
  it('names every kind once, and each kind states options, runtime and display', () => {
    expect(schemeKinds.map((kind) => kind.kind)).toEqual(['apiKey', 'bearer', 'basic', 'clientCredentials', 'accessToken']);
  });

  it('takes OAuth 2.0 authorization code and OpenID Connect schemes as an access token the caller brings', () => {
    const oauth = {
      type: 'oauth2',
      flows: { authorizationCode: { authorizationUrl: 'https://auth.invalid/a', tokenUrl: 'https://auth.invalid/t', scopes: {} } },
    };
    const { plan } = planOf(spec({ 'GET /trips': {} }, { securitySchemes: { OAuth2: oauth } }, { security: [{ OAuth2: ['read'] }] }));
    expect(plan.schemes.OAuth2).toEqual({ kind: 'accessToken', option: 'accessToken' });
    expect(credentialSets(plan)).toEqual([['accessToken']]);
    // Two token schemes: each takes an option named after it.
    const both = planOf(
      spec(
        { 'GET /trips': { security: [{ OAuth2: [] }, { Oidc: [] }] } },
        {
          securitySchemes: {
            OAuth2: oauth,
            Oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.invalid/.well-known/openid-configuration' },
          },
        },
      ),
    );
    expect(both.plan.schemes).toEqual({ OAuth2: { kind: 'accessToken', option: 'oAuth2' }, Oidc: { kind: 'accessToken', option: 'oidc' } });
  });

  it('names options after the schemes, and x-client-option wins', () => {
    const { plan } = planOf(alternatives);
    expect(plan.schemes).toEqual({ AdminKey: { kind: 'bearer', option: 'adminKey' }, UserKey: { kind: 'bearer', option: 'userKey' } });
    const named = planOf(
      spec({ 'GET /a': { security: [{ AdminKey: [] }] } }, { securitySchemes: { AdminKey: { ...bearer, 'x-client-option': 'secret' } } }),
    );
    expect(named.plan.schemes.AdminKey).toEqual({ kind: 'bearer', option: 'secret' });
  });

  it('refuses two schemes that take the same option, naming both', () => {
    const clash = spec(
      { 'GET /a': { security: [{ 'api-key': [], api_key: [] }] } },
      { securitySchemes: { 'api-key': bearer, api_key: bearer } },
    );
    expect(() => planOf(clash)).toThrow(UserError);
    expect(() => planOf(clash)).toThrow(/"api-key" and "api_key" both take the client option "apiKey"/);
  });

  it('requires a credential only when every operation needs it', () => {
    const { api, plan } = planOf(alternatives);
    expect(plan.requiredSchemes).toEqual([]);
    const client = renderClient(api, alternatives as never);
    expect(client).toContain('  adminKey?: string;');
    expect(client).toContain('  userKey?: string;');
    const everywhere = spec(
      { 'GET /a': {}, 'GET /b': { security: [{ Main: [], Extra: [] }] } },
      { securitySchemes: { Main: bearer, Extra: { type: 'apiKey', in: 'header', name: 'x-extra' } } },
      { security: [{ Main: [] }] },
    );
    const strict = planOf(everywhere);
    expect(strict.plan.requiredSchemes).toEqual(['Main']);
    const strictClient = renderClient(strict.api, everywhere as never);
    expect(strictClient).toContain('  main: string;');
    expect(strictClient).toContain('  extra?: string;');
  });

  it('applies the first alternative the client has credentials for, none where `{}` allows it', async () => {
    const project = scratchProject({ alternatives });
    const { outputs, built } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    const module = (await import(pathToFileURL(built[0]!.api.clientFile).href)) as {
      createAlternativesClient(options: object): { GET(path: string): Promise<unknown> };
    };
    const sent: Array<string | null> = [];
    const fetch = async (request: Request) => {
      sent.push(request.headers.get('authorization'));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const anonymous = module.createAlternativesClient({ fetch });
    await anonymous.GET('/me');
    await expect(anonymous.GET('/admin')).rejects.toThrow(/missing credential option "adminKey"/);
    const user = module.createAlternativesClient({ fetch, userKey: 'u' });
    await user.GET('/me');
    await user.GET('/either');
    const admin = module.createAlternativesClient({ fetch, adminKey: 'a' });
    await admin.GET('/either');
    expect(sent).toEqual([null, 'Bearer u', 'Bearer u', 'Bearer a']);
  }, 60_000);
});
