/**
 * Compares two OpenAPI documents (3.0 or 3.1, refs local): operations and webhooks, parameters,
 * request bodies, responses and their headers, security, servers. Schemas go to `schema.ts` with
 * the direction of their side; inside webhooks the directions swap.
 */
import { UserError } from '../errors.ts';
import { Sameness } from './equal.ts';
import { followRecord, pathItemOperations } from '../openapi.ts';
import { levelOf, schemaRuleId } from './rules.ts';
import { compareSchemaPair, schemaComparer, type SchemaComparer } from './schema.ts';
import { isRecord, pointerToken, type Change, type Direction, type LevelOverrides } from './types.ts';

type Node = Record<string, unknown>;

/** One operation as the checker reads it. */
interface OperationEntry {
  /** Method and path with parameter names blanked, or `webhook name METHOD`. */
  readonly key: string;
  readonly label: string;
  readonly pointer: string;
  readonly node: Node;
  readonly pathItem: Node;
  readonly pathItemPointer: string;
  /** Path template parameter names, in order. */
  readonly templateNames: string[];
  readonly webhook: boolean;
}

/** Where a change sits on each side; a location on the head wins unless the change is a removal. */
interface Where {
  readonly operation?: string;
  readonly base?: string;
  readonly head?: string;
}

export interface CompareOptions {
  readonly overrides?: LevelOverrides;
  /** "Now", for x-sunset dates (tests pin it). */
  readonly today?: Date;
}

function operationsOf(document: Node): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const collect = (container: unknown, prefix: 'paths' | 'webhooks') => {
    if (!isRecord(container)) return;
    for (const [name, raw] of Object.entries(container)) {
      const pathItem = followRecord(document, raw);
      const pathItemPointer = `/${prefix}/${pointerToken(name)}`;
      for (const [method, node] of pathItemOperations(pathItem)) {
        const webhook = prefix === 'webhooks';
        entries.push({
          key: webhook ? `webhook ${name} ${method}` : `${method} ${name.replace(/\{[^}]*\}/g, '{}')}`,
          label: webhook ? `webhook ${name} ${method.toUpperCase()}` : `${method.toUpperCase()} ${name}`,
          pointer: `${pathItemPointer}/${method}`,
          node,
          pathItem,
          pathItemPointer,
          templateNames: webhook ? [] : [...name.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!),
          webhook,
        });
      }
    }
  };
  collect(document.paths, 'paths');
  collect(document.webhooks, 'webhooks');
  return entries;
}

interface ParameterEntry {
  readonly key: string;
  readonly node: Node;
  readonly pointer: string;
}

/** Path-level and operation-level parameters (the operation's win), keyed by `in:name`. */
function parametersOf(document: Node, operation: OperationEntry, rename: (name: string) => string): Map<string, ParameterEntry> {
  const found = new Map<string, ParameterEntry>();
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      const node = followRecord(document, raw);
      const where = typeof node.in === 'string' ? node.in : '?';
      const name = typeof node.name === 'string' ? node.name : '?';
      const key = `${where}:${where === 'header' ? name.toLowerCase() : where === 'path' ? rename(name) : name}`;
      found.set(key, { key, node, pointer: `${pointer}/parameters/${index}` });
    });
  };
  add(operation.pathItem.parameters, operation.pathItemPointer);
  add(operation.node.parameters, operation.pointer);
  return found;
}

const isRequired = (parameter: Node): boolean => parameter.in === 'path' || parameter.required === true;

/** Deprecated with an `x-sunset` date already past: its removal is announced, not breaking. */
function pastSunset(node: Node, today: Date): boolean {
  if (node.deprecated !== true) return false;
  const sunset = node['x-sunset'];
  const time = typeof sunset === 'string' || sunset instanceof Date ? new Date(sunset).getTime() : Number.NaN;
  return Number.isFinite(time) && time < today.getTime();
}

function schemeSet(requirement: unknown): string {
  return isRecord(requirement) ? Object.keys(requirement).sort().join(' + ') : '';
}

function scopesOf(requirement: unknown, scheme: string): string[] {
  const scopes = isRecord(requirement) ? requirement[scheme] : undefined;
  return Array.isArray(scopes) ? scopes.map(String) : [];
}

/** The alternatives in force: the operation's own, else the document's; none means `[{}]`. */
function securityOf(document: Node, operation: Node): Map<string, unknown> {
  const list = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  const alternatives = new Map<string, unknown>(list.map((requirement) => [schemeSet(requirement), requirement]));
  if (alternatives.size === 0) alternatives.set('', {});
  return alternatives;
}

const serverUrl = (server: unknown): string => {
  if (!isRecord(server) || typeof server.url !== 'string') return '/';
  const variables = isRecord(server.variables) ? server.variables : {};
  return server.url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isRecord(variable) && variable.default !== undefined ? String(variable.default) : whole;
  });
};

const successStatus = (status: string): boolean => /^[123]/.test(status);

/** A parameter's `style` and `explode` with the defaults the specification gives them filled in. */
function serialisation(parameter: Node): string {
  const style =
    typeof parameter.style === 'string' ? parameter.style : parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  return `style ${style}${explode ? ', exploded' : ''}`;
}

/** The server a client of this operation calls by default: the operation's, the path's, else the document's first. */
function defaultServerOf(document: Node, operation: OperationEntry): string {
  for (const owner of [operation.node, operation.pathItem, document]) {
    if (Array.isArray(owner.servers) && owner.servers.length > 0) return serverUrl(owner.servers[0]);
  }
  return '/';
}

const ownsServers = (operation: OperationEntry): boolean =>
  Array.isArray(operation.node.servers) || Array.isArray(operation.pathItem.servers);

class Comparison {
  readonly changes: Change[] = [];
  private readonly comparers = new Map<Direction, SchemaComparer>();
  private readonly today: Date;
  readonly sameness: Sameness;

  constructor(
    readonly base: Node,
    readonly head: Node,
    readonly options: CompareOptions,
  ) {
    this.today = options.today ?? new Date();
    this.sameness = new Sameness(base, head);
  }

  add(id: string, where: Where, message: string): void {
    const side = where.head !== undefined ? 'head' : 'base';
    const pointer = (side === 'head' ? where.head : where.base) ?? '';
    this.changes.push({
      id,
      level: levelOf(id, this.options.overrides),
      location: { ...(where.operation !== undefined ? { operation: where.operation } : {}), pointer, side },
      message,
    });
  }

  /** Compares two schemas; `direction` is the side from the client's point of view. */
  schemas(
    direction: Direction,
    operation: string | undefined,
    basePointer: string,
    headPointer: string,
    base: unknown,
    head: unknown,
  ): void {
    let comparer = this.comparers.get(direction);
    if (!comparer) {
      comparer = schemaComparer(this.base, this.head, direction, this.sameness);
      this.comparers.set(direction, comparer);
    }
    for (const finding of compareSchemaPair(comparer, base, head)) {
      const where =
        finding.side === 'base'
          ? { operation, base: `${basePointer}${finding.pointer}` }
          : { operation, head: `${headPointer}${finding.pointer}` };
      this.add(schemaRuleId(direction, finding.change), where, finding.message);
    }
  }

  operations(): void {
    const before = new Map(operationsOf(this.base).map((entry) => [entry.key, entry]));
    const after = new Map(operationsOf(this.head).map((entry) => [entry.key, entry]));
    for (const [key, entry] of before) {
      if (after.has(key)) continue;
      const where = { operation: entry.label, base: entry.pointer };
      if (entry.webhook) this.add('webhook-removed', where, `${entry.label} removed`);
      else if (pastSunset(entry.node, this.today))
        this.add('deprecated-operation-removed', where, `${entry.label} removed after its sunset ${String(entry.node['x-sunset'])}`);
      else this.add('operation-removed', where, `${entry.label} removed`);
    }
    for (const [key, entry] of after) {
      const previous = before.get(key);
      if (!previous) {
        this.add(
          entry.webhook ? 'webhook-added' : 'operation-added',
          { operation: entry.label, head: entry.pointer },
          `${entry.label} added`,
        );
        continue;
      }
      this.operation(previous, entry);
    }
  }

  operation(base: OperationEntry, head: OperationEntry): void {
    // Path-level parameters and servers, and document-level security, belong to the operation too.
    const same = this.sameness;
    if (
      base.pointer === head.pointer &&
      same.same(base.node, head.node) &&
      same.same(base.pathItem.parameters, head.pathItem.parameters) &&
      same.same(base.pathItem.servers, head.pathItem.servers) &&
      same.same(this.base.security, this.head.security)
    ) {
      return;
    }
    const label = head.label;
    const where = { operation: label, base: base.pointer, head: head.pointer };
    if (base.node.deprecated !== true && head.node.deprecated === true) this.add('operation-deprecated', where, `${label} deprecated`);
    if (typeof base.node.operationId === 'string' && base.node.operationId !== head.node.operationId) {
      this.add('operation-id-changed', where, `operationId ${base.node.operationId} → ${String(head.node.operationId ?? '(none)')}`);
    }
    // A webhook's request is sent by the API and read by the client; its response goes back.
    const send: Direction = head.webhook ? 'response' : 'request';
    const receive: Direction = head.webhook ? 'request' : 'response';
    if (!head.webhook && (ownsServers(base) || ownsServers(head))) {
      const from = defaultServerOf(this.base, base);
      const to = defaultServerOf(this.head, head);
      if (from !== to)
        this.add(
          'default-server-changed',
          { operation: label, base: base.pointer, head: head.pointer },
          `default server of ${label} ${from} → ${to}`,
        );
    }
    if (!head.webhook) this.parameters(base, head);
    this.requestBody(label, base, head, send);
    this.responses(label, base, head, receive);
    if (!head.webhook) this.security(label, base, head);
  }

  parameters(base: OperationEntry, head: OperationEntry): void {
    const label = head.label;
    // A path parameter is known by its place in the template: `{id}` → `{orderId}` is a rename.
    const renames = new Map(base.templateNames.map((name, index) => [name, head.templateNames[index] ?? name]));
    const before = parametersOf(this.base, base, (name) => renames.get(name) ?? name);
    const after = parametersOf(this.head, head, (name) => name);
    for (const [key, parameter] of before) {
      const name = String(parameter.node.name);
      const next = after.get(key);
      if (!next) {
        const where = { operation: label, base: parameter.pointer };
        if (pastSunset(parameter.node, this.today))
          this.add('deprecated-request-parameter-removed', where, `${parameter.node.in} parameter ${name} removed after its sunset`);
        else this.add('request-parameter-removed', where, `${parameter.node.in} parameter ${name} removed`);
        continue;
      }
      const where = { operation: label, base: parameter.pointer, head: next.pointer };
      if (!isRequired(parameter.node) && isRequired(next.node))
        this.add('request-parameter-became-required', where, `parameter ${name} became required`);
      if (isRequired(parameter.node) && !isRequired(next.node))
        this.add('request-parameter-became-optional', where, `parameter ${name} is no longer required`);
      if (parameter.node.deprecated !== true && next.node.deprecated === true)
        this.add('request-parameter-deprecated', where, `parameter ${name} deprecated`);
      const wasSent = serialisation(parameter.node);
      const isSent = serialisation(next.node);
      if (wasSent !== isSent) this.add('request-parameter-style-changed', where, `parameter ${name}: serialised as ${wasSent} → ${isSent}`);
      if (parameter.node.schema !== undefined || next.node.schema !== undefined) {
        this.schemas('request', label, `${parameter.pointer}/schema`, `${next.pointer}/schema`, parameter.node.schema, next.node.schema);
      }
      if (isRecord(parameter.node.content) || isRecord(next.node.content)) {
        this.media('request', label, parameter.pointer, next.pointer, parameter.node.content, next.node.content);
      }
    }
    for (const [key, parameter] of after) {
      if (before.has(key)) continue;
      const required = isRequired(parameter.node);
      const name = String(parameter.node.name);
      this.add(
        required ? 'request-parameter-added-required' : 'request-parameter-added',
        { operation: label, head: parameter.pointer },
        `${required ? 'required' : 'optional'} ${parameter.node.in} parameter ${name} added`,
      );
    }
  }

  requestBody(label: string, base: OperationEntry, head: OperationEntry, direction: Direction): void {
    const before = base.node.requestBody === undefined ? undefined : followRecord(this.base, base.node.requestBody);
    const after = head.node.requestBody === undefined ? undefined : followRecord(this.head, head.node.requestBody);
    const basePointer = `${base.pointer}/requestBody`;
    const headPointer = `${head.pointer}/requestBody`;
    if (!before && !after) return;
    // Webhook bodies are sent by the API: their presence is the API's business, not a client change.
    if (direction === 'request') {
      if (!before) {
        const required = after!.required === true;
        this.add(
          required ? 'request-body-added-required' : 'request-body-added',
          { operation: label, head: headPointer },
          `${required ? 'required' : 'optional'} request body added`,
        );
        return;
      }
      if (!after) {
        this.add('request-body-removed', { operation: label, base: basePointer }, 'request body removed');
        return;
      }
      const where = { operation: label, base: basePointer, head: headPointer };
      if (before.required !== true && after.required === true)
        this.add('request-body-became-required', where, 'request body became required');
      if (before.required === true && after.required !== true)
        this.add('request-body-became-optional', where, 'request body is no longer required');
    }
    if (before && after) this.media(direction, label, basePointer, headPointer, before.content, after.content);
  }

  /** Media types: one removed is refused (request) or no longer served (response). */
  media(direction: Direction, label: string, basePointer: string, headPointer: string, beforeRaw: unknown, afterRaw: unknown): void {
    const before = isRecord(beforeRaw) ? beforeRaw : {};
    const after = isRecord(afterRaw) ? afterRaw : {};
    for (const [type, media] of Object.entries(before)) {
      const base = `${basePointer}/content/${pointerToken(type)}`;
      const head = `${headPointer}/content/${pointerToken(type)}`;
      if (!Object.hasOwn(after, type)) {
        this.add(`${direction}-media-type-removed`, { operation: label, base }, `${direction} media type ${type} removed`);
        continue;
      }
      const schemaBefore = followRecord(this.base, media).schema;
      const schemaAfter = followRecord(this.head, after[type]).schema;
      this.schemas(direction, label, `${base}/schema`, `${head}/schema`, schemaBefore, schemaAfter);
    }
    for (const type of Object.keys(after)) {
      if (!Object.hasOwn(before, type))
        this.add(
          `${direction}-media-type-added`,
          { operation: label, head: `${headPointer}/content/${pointerToken(type)}` },
          `${direction} media type ${type} added`,
        );
    }
  }

  responses(label: string, base: OperationEntry, head: OperationEntry, direction: Direction): void {
    const before = isRecord(base.node.responses) ? base.node.responses : {};
    const after = isRecord(head.node.responses) ? head.node.responses : {};
    for (const [status, raw] of Object.entries(before)) {
      const basePointer = `${base.pointer}/responses/${pointerToken(status)}`;
      const headPointer = `${head.pointer}/responses/${pointerToken(status)}`;
      if (!Object.hasOwn(after, status)) {
        this.add(
          successStatus(status) ? 'response-success-status-removed' : 'response-status-removed',
          { operation: label, base: basePointer },
          `response ${status} removed`,
        );
        continue;
      }
      const response = followRecord(this.base, raw);
      const next = followRecord(this.head, after[status]);
      this.media(direction, label, basePointer, headPointer, response.content, next.content);
      this.headers(label, basePointer, headPointer, response, next, direction);
    }
    for (const status of Object.keys(after)) {
      if (!Object.hasOwn(before, status))
        this.add(
          'response-status-added',
          { operation: label, head: `${head.pointer}/responses/${pointerToken(status)}` },
          `response ${status} added`,
        );
    }
  }

  headers(label: string, basePointer: string, headPointer: string, base: Node, head: Node, direction: Direction): void {
    const byName = (document: Node, headers: unknown) =>
      new Map(
        Object.entries(isRecord(headers) ? headers : {}).map(([name, header]) => [
          name.toLowerCase(),
          { name, header: followRecord(document, header) },
        ]),
      );
    const before = byName(this.base, base.headers);
    const after = byName(this.head, head.headers);
    for (const [key, { name, header }] of before) {
      const next = after.get(key);
      const baseAt = `${basePointer}/headers/${pointerToken(name)}`;
      if (!next) {
        const required = header.required === true;
        this.add(
          required ? 'response-required-header-removed' : 'response-header-removed',
          { operation: label, base: baseAt },
          `${required ? 'required' : 'optional'} response header ${name} removed`,
        );
        continue;
      }
      const headAt = `${headPointer}/headers/${pointerToken(next.name)}`;
      const where = { operation: label, base: baseAt, head: headAt };
      if (header.required === true && next.header.required !== true)
        this.add('response-header-became-optional', where, `response header ${name} is no longer required`);
      if (header.required !== true && next.header.required === true)
        this.add('response-header-became-required', where, `response header ${name} became required`);
      this.schemas(direction, label, `${baseAt}/schema`, `${headAt}/schema`, header.schema, next.header.schema);
    }
    for (const [key, { name }] of after) {
      if (!before.has(key))
        this.add(
          'response-header-added',
          { operation: label, head: `${headPointer}/headers/${pointerToken(name)}` },
          `response header ${name} added`,
        );
    }
  }

  security(label: string, base: OperationEntry, head: OperationEntry): void {
    const before = securityOf(this.base, base.node);
    const after = securityOf(this.head, head.node);
    const where = { operation: label, base: `${base.pointer}/security`, head: `${head.pointer}/security` };
    const anonymous = (alternatives: Map<string, unknown>) => alternatives.size === 1 && alternatives.has('');
    if (anonymous(before) && !after.has('')) {
      this.add('security-requirement-added', where, `credentials now required: ${[...after.keys()].join(' or ')}`);
      return;
    }
    if (anonymous(after) && !before.has('')) {
      this.add('security-requirement-removed', where, 'no credentials required any more');
      return;
    }
    const show = (key: string) => key || '(no credentials)';
    for (const [key, requirement] of before) {
      const next = after.get(key);
      if (next === undefined) {
        this.add('security-alternative-removed', where, `security alternative ${show(key)} removed`);
        continue;
      }
      for (const scheme of key === '' ? [] : key.split(' + ')) {
        const was = new Set(scopesOf(requirement, scheme));
        const now = scopesOf(next, scheme);
        for (const scope of now) if (!was.has(scope)) this.add('security-scope-added', where, `${scheme} now needs scope ${scope}`);
        for (const scope of was)
          if (!now.includes(scope)) this.add('security-scope-removed', where, `${scheme} no longer needs scope ${scope}`);
      }
    }
    for (const key of after.keys()) {
      if (!before.has(key)) this.add('security-alternative-added', where, `security alternative ${show(key)} added`);
    }
  }

  securitySchemes(): void {
    const schemes = (document: Node) => {
      const components = isRecord(document.components) ? document.components : {};
      return isRecord(components.securitySchemes) ? components.securitySchemes : {};
    };
    const before = schemes(this.base);
    const after = schemes(this.head);
    for (const [name, raw] of Object.entries(before)) {
      const pointer = `/components/securitySchemes/${pointerToken(name)}`;
      if (!Object.hasOwn(after, name)) {
        this.add('security-scheme-removed', { base: pointer }, `security scheme ${name} removed`);
        continue;
      }
      const scheme = followRecord(this.base, raw);
      const next = followRecord(this.head, after[name]);
      if (schemeShape(scheme) !== schemeShape(next))
        this.add(
          'security-scheme-changed',
          { base: pointer, head: pointer },
          `security scheme ${name} changed how credentials are sent or obtained`,
        );
      const flowsBefore = isRecord(scheme.flows) ? scheme.flows : {};
      const flowsAfter = isRecord(next.flows) ? next.flows : {};
      for (const [flow, raw] of Object.entries(flowsBefore)) {
        const scopesBefore = isRecord(raw) && isRecord(raw.scopes) ? raw.scopes : {};
        const target = flowsAfter[flow];
        if (!isRecord(target)) continue;
        const scopesAfter = isRecord(target.scopes) ? target.scopes : {};
        const at = `${pointer}/flows/${pointerToken(flow)}/scopes`;
        for (const scope of Object.keys(scopesBefore))
          if (!Object.hasOwn(scopesAfter, scope)) this.add('oauth-scope-removed', { base: at }, `${name} ${flow}: scope ${scope} removed`);
        for (const scope of Object.keys(scopesAfter))
          if (!Object.hasOwn(scopesBefore, scope)) this.add('oauth-scope-added', { head: at }, `${name} ${flow}: scope ${scope} added`);
      }
    }
    for (const name of Object.keys(after)) {
      if (!Object.hasOwn(before, name))
        this.add('security-scheme-added', { head: `/components/securitySchemes/${pointerToken(name)}` }, `security scheme ${name} added`);
    }
  }

  servers(): void {
    const before = (Array.isArray(this.base.servers) ? this.base.servers : []).map(serverUrl);
    const after = (Array.isArray(this.head.servers) ? this.head.servers : []).map(serverUrl);
    const defaultBefore = before[0] ?? '/';
    const defaultAfter = after[0] ?? '/';
    if (defaultBefore !== defaultAfter) {
      this.add(
        'default-server-changed',
        { base: '/servers/0', head: after.length > 0 ? '/servers/0' : undefined },
        `default server ${defaultBefore} → ${defaultAfter}`,
      );
    }
    before.forEach((url, index) => {
      if (index > 0 && url !== defaultAfter && !after.includes(url))
        this.add('server-removed', { base: `/servers/${index}` }, `server ${url} removed`);
    });
    after.forEach((url, index) => {
      if (index > 0 && url !== defaultBefore && !before.includes(url))
        this.add('server-added', { head: `/servers/${index}` }, `server ${url} added`);
    });
  }
}

/** The parts of a security scheme a client's code depends on: not its description nor its scopes. */
function schemeShape(scheme: Node): string {
  const flows = isRecord(scheme.flows)
    ? Object.fromEntries(
        Object.entries(scheme.flows)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, flow]) => [
            name,
            isRecord(flow) ? { authorizationUrl: flow.authorizationUrl, tokenUrl: flow.tokenUrl, refreshUrl: flow.refreshUrl } : flow,
          ]),
      )
    : undefined;
  const { type, in: location, name, scheme: httpScheme, bearerFormat, openIdConnectUrl } = scheme;
  return JSON.stringify({
    type,
    location,
    name,
    httpScheme: typeof httpScheme === 'string' ? httpScheme.toLowerCase() : httpScheme,
    bearerFormat,
    flows,
    openIdConnectUrl,
  });
}

/** JSON pointers of the first places two values differ, at most `limit`. */
export function differingPointers(base: unknown, head: unknown, pointer = '', found: string[] = [], limit = 50): string[] {
  if (found.length >= limit) return found;
  if (
    typeof base !== 'object' ||
    typeof head !== 'object' ||
    base === null ||
    head === null ||
    Array.isArray(base) !== Array.isArray(head)
  ) {
    if (!Object.is(base, head)) found.push(pointer || '/');
    return found;
  }
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    differingPointers((base as Node)[key], (head as Node)[key], `${pointer}/${pointerToken(key)}`, found, limit);
  }
  return found;
}

function assertOpenApi(document: unknown, side: string): asserts document is Node {
  if (!isRecord(document) || typeof document.openapi !== 'string' || !/^3\.[01]\./.test(document.openapi)) {
    throw new UserError(`${side}: expected an OpenAPI 3.0 or 3.1 document (an "openapi: 3.x.y" field at the top)`);
  }
}

/** Every change from `base` to `head`. */
export function compareDocuments(base: unknown, head: unknown, options: CompareOptions = {}): Change[] {
  assertOpenApi(base, 'base');
  assertOpenApi(head, 'head');
  const comparison = new Comparison(base, head, options);
  comparison.operations();
  comparison.securitySchemes();
  comparison.servers();
  if (comparison.changes.length === 0) {
    const strip = (document: Node) => ({ ...document, info: { ...(isRecord(document.info) ? document.info : {}), version: undefined } });
    const pointers = differingPointers(strip(base), strip(head));
    if (pointers.length > 0) {
      const more = pointers.length > 3 ? ` and ${pointers.length - 3}${pointers.length >= 50 ? '+' : ''} more` : '';
      comparison.add(
        'documentation-changed',
        { head: pointers[0] === '/' ? '' : pointers[0] },
        `no contract change; differs at ${pointers.slice(0, 3).join(', ')}${more}`,
      );
    }
  }
  return comparison.changes;
}
