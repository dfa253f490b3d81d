/**
 * Judges one response against the operation's contract: the status is documented (and the one
 * asked for, or a success where one is owed), the content type and documented headers match, the
 * body validates, and the client put it in `data` (2xx) or `error` (otherwise). Each finding has a
 * stable code, a pointer, what was expected and what came back — masked, then cut to length.
 * Nothing here recurses over the body: a body nested deeper than `maxBodyDepth` is a finding.
 */
import {
  canonicalPointer,
  escapePointerToken,
  nodeAt,
  resolveRef,
  responseHeaderSchemaTokens,
  responseSchemaPointer,
  textAsSchemaType,
  type Operation,
  type ResponseObject,
} from '../openapi.ts';
import { documentedResponseKey, documentedStatuses, type ContractApi } from './api.ts';
import { Masker } from './mask.ts';
import type { Exchange, Expectation, Finding, FindingCode, FindingDetails } from './types.ts';

export type { Expectation, Finding } from './types.ts';

export interface Judgement {
  readonly status: string | undefined;
  readonly findings: Finding[];
}

/** Nesting a response body may reach before it is refused unparsed (the validator and printer recurse). */
export const maxBodyDepth = 256;
/** Schema issues kept per response; the rest are counted in one more finding. */
const maxIssues = 20;

/** A value as text for a person: JSON, masked, then cut. */
export function show(value: unknown, masker: Masker = new Masker()): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return masker.excerpt(text);
}

/** Whether JSON text nests arrays and objects deeper than `limit`, read without parsing it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

function finding(code: FindingCode, pointer: string, expected: string, actual: string, details?: FindingDetails): Finding {
  return { code, pointer, expected, actual, ...(details ? { details } : {}) };
}

function mediaTypeOf(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function mediaMatches(documented: string, actual: string): boolean {
  const wanted = documented.toLowerCase();
  if (wanted === actual || wanted === '*/*') return true;
  return wanted.endsWith('/*') && actual.startsWith(wanted.slice(0, -1));
}

function isJsonMedia(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function judgeHeaders(
  loaded: ContractApi,
  operation: Operation,
  key: string,
  response: ResponseObject,
  headers: Headers,
  masker: Masker,
): Finding[] {
  const findings: Finding[] = [];
  for (const [name, raw] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') continue;
    const header = resolveRef(loaded.document, raw);
    const value = headers.get(name);
    const pointer = `/headers/${escapePointerToken(name.toLowerCase())}`;
    if (value === null) {
      if (header.required)
        findings.push(finding('header.missing', pointer, `the documented header ${name}`, 'no such header', { header: name }));
      continue;
    }
    if (!header.schema) continue;
    const schemaPointer = canonicalPointer(loaded.document, responseHeaderSchemaTokens(operation, key, name));
    for (const issue of loaded.validator.validate(schemaPointer, textAsSchemaType(header.schema, value))) {
      findings.push(finding('header.invalid', pointer, `header ${name} that ${issue.message}`, show(value, masker), { header: name }));
    }
  }
  return findings;
}

function judgeBody(
  loaded: ContractApi,
  operation: Operation,
  key: string,
  response: ResponseObject,
  actualMedia: string,
  text: string,
  masker: Masker,
): Finding[] {
  const documented = Object.keys(response.content ?? {});
  if (documented.length === 0) {
    return text === ''
      ? []
      : [finding('body.unexpected', '', `no body (status ${key} documents none)`, show(text, masker), { status: key })];
  }
  const findings: Finding[] = [];
  const matched = documented.find((media) => mediaMatches(media, actualMedia));
  if (!matched)
    findings.push(
      finding(
        'content-type.mismatch',
        '/headers/content-type',
        `content type ${documented.join(' or ')}`,
        actualMedia === '' ? 'no content type' : show(actualMedia, masker),
        { documented, actual: masker.excerpt(actualMedia) },
      ),
    );
  // The body is still judged against the documented schema: both faults get named at once.
  const media = matched ?? documented.find(isJsonMedia);
  if (!media || !isJsonMedia(media)) return findings;
  if (nestsDeeperThan(text, maxBodyDepth)) {
    findings.push(
      finding('limit.body-depth', '', `a JSON body nested at most ${maxBodyDepth} levels deep`, `deeper: ${show(text, masker)}`, {
        limit: maxBodyDepth,
      }),
    );
    return findings;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    findings.push(finding('body.not-json', '', 'a JSON body', show(text, masker)));
    return findings;
  }
  const issues = loaded.validator.validate(responseSchemaPointer(loaded.document, operation, key, media), body);
  for (const issue of issues.slice(0, maxIssues)) {
    const missing = /^must have required property '(.+)'$/.exec(issue.message)?.[1];
    // Ajv names the whole payload `/` (its instancePath is empty); the pointer of the root is ''.
    const base = issue.pointer === '/' ? '' : issue.pointer;
    if (missing !== undefined) {
      findings.push(
        finding('body.required-missing', `${base}/${escapePointerToken(missing)}`, `required property '${missing}'`, 'absent', {
          property: missing,
        }),
      );
    } else {
      const value = show(nodeAt(body, base), masker);
      findings.push(finding('body.invalid', base, `a value that ${issue.message}`, value, { value }));
    }
  }
  if (issues.length > maxIssues)
    findings.push(
      finding('body.more-issues', '', `at most ${maxIssues} schema issues listed`, `${issues.length - maxIssues} more`, {
        listed: maxIssues,
        total: issues.length,
      }),
    );
  return findings;
}

function judgePlacement(status: number, result: Exchange['result']): Finding[] {
  if (!result) return [];
  const success = status >= 200 && status < 300;
  const wrong = success ? result.error : result.data;
  if (wrong === undefined) return [];
  const [owed, used] = success ? ['data', 'error'] : ['error', 'data'];
  return [finding('client.placement', '', `the client to put the body in ${owed}`, `it is in ${used}`, { expected: owed, actual: used })];
}

function isSuccessKey(key: string): boolean {
  return /^2(\d\d|XX)$/i.test(key);
}

function judgeStatus(operation: Operation, status: number, expectation: Expectation): Finding[] {
  const text = String(status);
  const findings: Finding[] = [];
  if (expectation.status !== undefined && text !== expectation.status) {
    findings.push(
      finding('status.not-requested', '/status', `status ${expectation.status}`, `status ${text}`, {
        expected: expectation.status,
        actual: status,
      }),
    );
  }
  if (expectation.success) {
    const successes = documentedStatuses(operation).filter(isSuccessKey);
    if (successes.length === 0)
      findings.push(
        finding(
          'spec.no-success-status',
          '/responses',
          'a documented success (2xx) status',
          `only ${documentedStatuses(operation).join(', ')}`,
          { documented: documentedStatuses(operation) },
        ),
      );
    else if (status < 200 || status > 299)
      findings.push(
        finding(
          'status.not-success',
          '/status',
          `a documented success (${successes.join(', ')}) for a valid, authenticated request`,
          `status ${text}`,
          { expected: successes, actual: status },
        ),
      );
  }
  if (expectation.allowed && !expectation.allowed(status)) {
    findings.push(
      finding('status.not-allowed', '/status', `status ${expectation.allowedLabel ?? 'of another kind'}`, `status ${text}`, {
        ...expectation.allowedDetails,
        actual: status,
      }),
    );
  }
  if (expectation.no5xx && status >= 500)
    findings.push(finding('status.server-error', '/status', 'no 5xx', `status ${text}`, { actual: status }));
  return findings;
}

export function judge(
  loaded: ContractApi,
  operation: Operation,
  exchange: Exchange,
  expectation: Expectation = {},
  masker: Masker = new Masker(),
): Judgement {
  const response = exchange.response;
  if (!response) {
    const actual = masker.excerpt(exchange.thrown ?? 'none');
    // A stopped exchange always carries the reason it was stopped as `thrown`.
    const details = exchange.thrown === undefined ? exchange.stopDetails : { ...exchange.stopDetails, error: actual };
    return { status: undefined, findings: [finding(exchange.stoppedBy ?? 'response.none', '', 'a response', actual, details)] };
  }
  const status = String(response.status);
  const findings = judgeStatus(operation, response.status, expectation);
  const key = documentedResponseKey(operation, response.status);
  // A 4xx a description does not document (401 without credentials, 422 for a malformed request) is
  // a house convention missing, not demanded of an external one.
  if (key === undefined && response.status >= 400 && response.status < 500 && loaded.api.style === 'external') return { status, findings };
  if (key === undefined) {
    findings.push(
      finding(
        'status.undocumented',
        '/status',
        `a documented status (${documentedStatuses(operation).join(', ')})`,
        `undocumented status ${status}`,
        { expected: documentedStatuses(operation), actual: response.status },
      ),
    );
    return { status, findings };
  }
  const documented = resolveRef(loaded.document, operation.operation.responses[key]!);
  findings.push(...judgeHeaders(loaded, operation, key, documented, response.headers, masker));
  findings.push(...judgeBody(loaded, operation, key, documented, mediaTypeOf(response.headers.get('content-type')), response.text, masker));
  findings.push(...judgePlacement(response.status, exchange.result));
  if (exchange.thrown) {
    const error = masker.excerpt(exchange.thrown);
    findings.push(
      finding(exchange.stoppedBy ?? 'client.unreadable', '', 'a response the client can read', error, { ...exchange.stopDetails, error }),
    );
  }
  return { status, findings };
}
