/**
 * A credential that cannot travel in an HTTP header (CR, LF or NUL in it) is refused when the
 * client is created, by an error that names the option and shows nothing of the value.
 */
import { describe, expect, it } from 'vitest';
import { loadClientFactory } from '../scripts/lib/credentials.ts';
import { apis, loadApi } from './support/apis.ts';
import { securityCase } from './support/client-security.ts';

const breaks = [
  ['CR LF', '\r\n'],
  ['LF', '\n'],
  ['CR', '\r'],
  ['NUL', '\0'],
] as const;

describe.each(apis.map((api) => [api.name, api] as const))('%s: credentials that cannot be sent', (_name, api) => {
  const { credentialSets } = securityCase(loadApi(api));
  const cases = credentialSets.flatMap((set) =>
    Object.keys(set).flatMap((option) => breaks.map(([label, chars]) => [option, label, chars, set] as const)),
  );

  it.each(cases)('refuses %s holding %s at creation, naming only the option', async (option, _label, chars, set) => {
    const factory = await loadClientFactory(api);
    const create = () => factory({ ...set, [option]: `s3cr3t-head${chars}x-injected: s3cr3t-tail`, baseUrl: 'http://127.0.0.1:9' });
    expect(create).toThrow(`credential option "${option}"`);
    try {
      create();
    } catch (error) {
      expect((error as Error).message).not.toMatch(/s3cr3t|injected/);
    }
  });

  it.each(credentialSets.map((set) => [Object.keys(set).join(' + '), set] as const))(
    'accepts %s without such characters',
    async (_set, set) => {
      const factory = await loadClientFactory(api);
      expect(factory({ ...set, baseUrl: 'http://127.0.0.1:9' })).toBeTypeOf('object');
    },
  );
});
