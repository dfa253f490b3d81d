/**
 * How a client-credentials client asks for a token, read off the spec's own token operation:
 * its media type and its body fields. A field marked `x-client-option` carries that client
 * option (`clientId`, `clientSecret`); a field with a string `const` is sent as that constant.
 * Only a token URL outside the spec falls back to the RFC 6749 form body.
 */
import { UserError } from '../lib/errors.ts';
import { listOperations, resolveRef, type JsonSchema, type OpenApiDocument } from '../lib/openapi.ts';
import type { TokenRequestPlan } from './auth-plan.ts';

const supportedMediaTypes = ['application/json', 'application/x-www-form-urlencoded'] as const;
const credentialOptions = ['clientId', 'clientSecret'] as const;

/** RFC 6749 section 4.4: what a token endpoint the spec does not describe is sent. */
export const rfc6749TokenRequest: TokenRequestPlan = {
  mediaType: 'application/x-www-form-urlencoded',
  fields: { client_id: 'clientId', client_secret: 'clientSecret' },
  constants: { grant_type: 'client_credentials' },
};

export function tokenRequestOf(document: OpenApiDocument, tokenPath: string, where: string): TokenRequestPlan {
  const operation = listOperations(document).find((candidate) => candidate.path === tokenPath && candidate.method === 'post');
  const at = `${where}: token operation POST ${tokenPath}`;
  if (!operation) throw new UserError(`${at}: expected a POST operation at the token URL's path`);
  const content = Object.entries(operation.requestBody?.content ?? {});
  if (content.length !== 1) throw new UserError(`${at}: requestBody: expected exactly one media type, got ${content.length}`);
  const [mediaType, media] = content[0]!;
  if (!(supportedMediaTypes as readonly string[]).includes(mediaType)) {
    throw new UserError(`${at}: requestBody: expected ${supportedMediaTypes.join(' or ')}, got ${JSON.stringify(mediaType)}`);
  }
  const schema = resolveRef<JsonSchema>(document, media.schema ?? {});
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema | { $ref: string }>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const fields: Record<string, string> = {};
  const constants: Record<string, string> = {};
  for (const [field, raw] of Object.entries(properties)) {
    const property = raw as JsonSchema;
    const resolved = resolveRef<JsonSchema>(document, raw);
    const option = property['x-client-option'] ?? resolved['x-client-option'];
    const constant = property.const ?? resolved.const;
    if (typeof option === 'string') {
      if (!(credentialOptions as readonly string[]).includes(option)) {
        throw new UserError(`${at}: ${field}: x-client-option: expected ${credentialOptions.join(' or ')}, got ${JSON.stringify(option)}`);
      }
      fields[field] = option;
    } else if (typeof constant === 'string') {
      constants[field] = constant;
    } else if (required.has(field)) {
      throw new UserError(`${at}: ${field}: a required field needs x-client-option (clientId or clientSecret) or a string const`);
    }
  }
  for (const option of credentialOptions) {
    if (!Object.values(fields).includes(option)) {
      throw new UserError(`${at}: expected a body field marked x-client-option: ${option}`);
    }
  }
  return { mediaType: mediaType as TokenRequestPlan['mediaType'], fields, ...(Object.keys(constants).length > 0 ? { constants } : {}) };
}
