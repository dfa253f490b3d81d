/**
 * Judges one response against the operation's contract: the status is documented (and the one
 * asked for, if any), the content type and documented headers match, the body validates, and the
 * client put it in `data` (2xx) or `error` (otherwise). Each finding names a pointer, what was
 * expected and what came back.
 */
import { resolveRef, type JsonSchema, type Operation, type ResponseObject } from '../openapi.ts';
import { canonicalPointer, escapePointerToken, responseSchemaPointer } from '../validator.ts';
import { documentedResponseKey, documentedStatuses, type ContractApi } from './api.ts';
import type { Exchange } from './types.ts';

export interface Finding {
  readonly pointer: string;
  readonly expected: string;
  readonly actual: string;
}

export interface Expectation {
  /** The one status that must come back. */
  readonly status?: string;
  /** Statuses allowed besides being documented (e.g. only 4xx for a malformed request). */
  readonly allowed?: (status: number) => boolean;
  readonly allowedLabel?: string;
  /** Fail on any 5xx, documented or not. */
  readonly no5xx?: boolean;
}

export interface Judgement {
  readonly status: string | undefined;
  readonly findings: Finding[];
}

const maxShown = 200;

export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > maxShown ? `${text.slice(0, maxShown)}…` : text;
}

function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return value;
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], value);
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

/** A header value read as the type its schema names (headers arrive as text). */
function headerValue(schema: JsonSchema | undefined, text: string): unknown {
  const type = Array.isArray(schema?.type) ? (schema!.type as string[])[0] : schema?.type;
  if (type === 'integer' || type === 'number') return text.trim() === '' ? text : Number(text);
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

function judgeHeaders(loaded: ContractApi, operation: Operation, key: string, response: ResponseObject, headers: Headers): Finding[] {
  const findings: Finding[] = [];
  for (const [name, raw] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') continue;
    const header = resolveRef(loaded.document, raw);
    const value = headers.get(name);
    const pointer = `/headers/${escapePointerToken(name.toLowerCase())}`;
    if (value === null) {
      if (header.required) findings.push({ pointer, expected: `the documented header ${name}`, actual: 'no such header' });
      continue;
    }
    if (!header.schema) continue;
    const schemaPointer = canonicalPointer(loaded.document, ['paths', operation.path, operation.method, 'responses', key, 'headers', name, 'schema']);
    for (const issue of loaded.validator.validate(schemaPointer, headerValue(header.schema, value))) {
      findings.push({ pointer, expected: `header ${name} that ${issue.message}`, actual: show(value) });
    }
  }
  return findings;
}

function judgeBody(loaded: ContractApi, operation: Operation, key: string, response: ResponseObject, actualMedia: string, text: string): Finding[] {
  const documented = Object.keys(response.content ?? {});
  if (documented.length === 0) {
    return text === '' ? [] : [{ pointer: '', expected: `no body (status ${key} documents none)`, actual: show(text) }];
  }
  const findings: Finding[] = [];
  const matched = documented.find((media) => mediaMatches(media, actualMedia));
  if (!matched) findings.push({ pointer: '/headers/content-type', expected: `content type ${documented.join(' or ')}`, actual: actualMedia === '' ? 'no content type' : show(actualMedia) });
  // The body is still judged against the documented schema: both faults get named at once.
  const media = matched ?? documented.find(isJsonMedia);
  if (!media || !isJsonMedia(media)) return findings;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    findings.push({ pointer: '', expected: 'a JSON body', actual: show(text) });
    return findings;
  }
  for (const issue of loaded.validator.validate(responseSchemaPointer(loaded.document, operation, key, media), body)) {
    const missing = /^must have required property '(.+)'$/.exec(issue.message)?.[1];
    const base = issue.pointer === '/' ? '' : issue.pointer;
    if (missing !== undefined) {
      findings.push({ pointer: `${base}/${escapePointerToken(missing)}`, expected: `required property '${missing}'`, actual: 'absent' });
    } else {
      findings.push({ pointer: base, expected: `a value that ${issue.message}`, actual: show(valueAt(body, base)) });
    }
  }
  return findings;
}

function judgePlacement(status: number, result: Exchange['result']): Finding[] {
  if (!result) return [];
  const success = status >= 200 && status < 300;
  const wrong = success ? result.error : result.data;
  if (wrong === undefined) return [];
  return [{ pointer: '', expected: `the client to put the body in ${success ? 'data' : 'error'}`, actual: `it is in ${success ? 'error' : 'data'}` }];
}

export function judge(loaded: ContractApi, operation: Operation, exchange: Exchange, expectation: Expectation = {}): Judgement {
  const response = exchange.response;
  if (!response) return { status: undefined, findings: [{ pointer: '', expected: 'a response', actual: exchange.thrown ?? 'none' }] };
  const status = String(response.status);
  const findings: Finding[] = [];
  if (expectation.status !== undefined && status !== expectation.status) {
    findings.push({ pointer: '/status', expected: `status ${expectation.status}`, actual: `status ${status}` });
  }
  if (expectation.allowed && !expectation.allowed(response.status)) {
    findings.push({ pointer: '/status', expected: `status ${expectation.allowedLabel ?? 'of another kind'}`, actual: `status ${status}` });
  }
  if (expectation.no5xx && response.status >= 500) {
    findings.push({ pointer: '/status', expected: 'no 5xx', actual: `status ${status}` });
  }
  const key = documentedResponseKey(operation, response.status);
  if (key === undefined) {
    findings.push({ pointer: '/status', expected: `a documented status (${documentedStatuses(operation).join(', ')})`, actual: `undocumented status ${status}` });
    return { status, findings };
  }
  const documented = resolveRef(loaded.document, operation.operation.responses[key]!);
  findings.push(...judgeHeaders(loaded, operation, key, documented, response.headers));
  findings.push(...judgeBody(loaded, operation, key, documented, mediaTypeOf(response.headers.get('content-type')), response.text));
  findings.push(...judgePlacement(response.status, exchange.result));
  if (exchange.thrown) findings.push({ pointer: '', expected: 'a response the client can read', actual: exchange.thrown });
  return { status, findings };
}
