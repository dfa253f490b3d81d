/**
 * Direction-aware comparison of two JSON Schemas (OpenAPI 3.1 dialect, as bundles hold them).
 * Every finding is an effect on the set of accepted values — narrows, widens or both — which
 * `breaks()` turns into breaking or not for the side (request or response) being compared.
 */
import { resolveRef, type JsonSchema, type OpenApiDocument } from '../openapi.ts';
import { at, breaks, type Change, type Direction, type Effect } from './types.ts';

export interface SchemaContext {
  readonly base: OpenApiDocument;
  readonly head: OpenApiDocument;
  readonly direction: Direction;
  /** Location of the schema's root, e.g. `POST /v1/x → request application/json`. */
  readonly where: string;
  readonly changes: Change[];
}

type Stack = ReadonlySet<string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

function record(ctx: SchemaContext, kind: string, pointer: string, what: string, breaking: boolean): void {
  ctx.changes.push({ kind, breaking, where: at(ctx.where, pointer), what });
}

function recordEffect(ctx: SchemaContext, kind: string, pointer: string, what: string, effect: Effect): void {
  record(ctx, kind, pointer, what, breaks(ctx.direction, effect));
}

/** Follows refs; a boolean or missing schema reads as `{}` (anything). */
function deref(document: OpenApiDocument, raw: unknown): JsonSchema {
  const resolved = resolveRef<unknown>(document, raw as JsonSchema);
  return isRecord(resolved) ? resolved : {};
}

/** Merges the members of `allOf` into one schema — the simple reading: properties and requirements add up. */
export function flattenSchema(document: OpenApiDocument, raw: unknown, seen: ReadonlySet<string> = new Set()): JsonSchema {
  const schema = isRecord(raw) && typeof raw.$ref === 'string' ? withRefSiblings(raw) : deref(document, raw);
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  let merged: JsonSchema = own;
  for (const member of allOf as unknown[]) {
    const ref = isRecord(member) && typeof member.$ref === 'string' ? member.$ref : undefined;
    if (ref !== undefined && seen.has(ref)) continue;
    const part = ref === undefined ? flattenSchema(document, member, seen) : flattenSchema(document, deref(document, member), new Set([...seen, ref]));
    merged = mergeSchemas(merged, part);
  }
  return merged;
}

/** Annotations that may sit beside a `$ref` without changing what it accepts. */
const annotations = new Set(['$ref', 'description', 'summary', 'title', 'example', 'examples', 'deprecated', '$comment']);

/** OpenAPI 3.1 applies keywords beside a `$ref` too: `{ $ref, type: … }` reads as `allOf` of both. */
function withRefSiblings(raw: Record<string, unknown>): JsonSchema {
  const siblings = Object.fromEntries(Object.entries(raw).filter(([key]) => !annotations.has(key)));
  return { allOf: Object.keys(siblings).length > 0 ? [{ $ref: raw.$ref }, siblings] : [{ $ref: raw.$ref }] };
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...b, ...a };
  const pa = isRecord(a.properties) ? a.properties : undefined;
  const pb = isRecord(b.properties) ? b.properties : undefined;
  if (pa || pb) {
    const properties: Record<string, unknown> = { ...pa };
    for (const [name, schema] of Object.entries(pb ?? {})) {
      properties[name] = name in properties ? { allOf: [properties[name], schema] } : schema;
    }
    merged.properties = properties;
  }
  const typesA = typesOf(a);
  const typesB = typesOf(b);
  if (typesA && typesB) {
    // Both apply: only the types both admit remain (an integer is a number).
    merged.type = [...new Set([...[...typesA].filter((t) => admits(typesB, t)), ...[...typesB].filter((t) => admits(typesA, t))])];
    delete merged.nullable;
  }
  const required = [...new Set([...requiredOf(a), ...requiredOf(b)])];
  if (required.length > 0) merged.required = required;
  return merged;
}

function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
}

/** The JSON types a schema admits; undefined when it does not say (anything). */
export function typesOf(schema: JsonSchema): Set<string> | undefined {
  const declared = schema.type;
  let types: Set<string> | undefined;
  if (typeof declared === 'string') types = new Set([declared]);
  else if (Array.isArray(declared)) types = new Set(declared.filter((t): t is string => typeof t === 'string'));
  if (types && schema.nullable === true) types.add('null');
  return types;
}

/** An `integer` is a `number`: a set holding `number` admits it too. */
function admits(types: Set<string> | undefined, type: string): boolean {
  return types === undefined || types.has(type) || (type === 'integer' && types.has('number'));
}

function admitsArray(schema: JsonSchema): boolean {
  return typesOf(schema)?.has('array') ?? true;
}

function showTypes(types: Set<string> | undefined): string {
  return types === undefined ? 'any' : [...types].join(' | ');
}

function compareTypes(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string): void {
  const before = typesOf(base);
  const after = typesOf(head);
  const narrows = before === undefined ? after !== undefined : [...before].some((t) => !admits(after, t));
  const widens = after === undefined ? before !== undefined : [...after].some((t) => !admits(before, t));
  if (!narrows && !widens) return;
  const effect: Effect = narrows && widens ? 'both' : narrows ? 'narrows' : 'widens';
  const nullable = !admits(before, 'null') && after?.has('null') ? ' (now nullable)' : '';
  const label = effect === 'both' ? 'changed' : effect === 'narrows' ? 'narrowed' : 'widened';
  recordEffect(ctx, 'type-changed', pointer, `type ${label}: ${showTypes(before)} → ${showTypes(after)}${nullable}`, effect);
}

function enumOf(schema: JsonSchema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  return 'const' in schema ? [schema.const] : undefined;
}

function compareEnums(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string): void {
  const before = enumOf(base);
  const after = enumOf(head);
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    recordEffect(ctx, 'enum-added', pointer, `values restricted to ${after!.map(show).join(', ')}`, 'narrows');
    return;
  }
  if (after === undefined) {
    recordEffect(ctx, 'enum-removed', pointer, `values no longer restricted (was ${before.map(show).join(', ')})`, 'widens');
    return;
  }
  const afterKeys = new Set(after.map(show));
  const beforeKeys = new Set(before.map(show));
  for (const value of before) {
    if (!afterKeys.has(show(value))) recordEffect(ctx, 'enum-value-removed', pointer, `enum value ${show(value)} removed`, 'narrows');
  }
  for (const value of after) {
    if (!beforeKeys.has(show(value))) recordEffect(ctx, 'enum-value-added', pointer, `enum value ${show(value)} added`, 'widens');
  }
}

/** Numeric bounds: an upper bound narrows when lowered or added, a lower bound when raised or added. */
const bounds: ReadonlyArray<readonly [keyword: string, side: 'upper' | 'lower']> = [
  ['maxLength', 'upper'],
  ['maximum', 'upper'],
  ['exclusiveMaximum', 'upper'],
  ['maxItems', 'upper'],
  ['maxProperties', 'upper'],
  ['minLength', 'lower'],
  ['minimum', 'lower'],
  ['exclusiveMinimum', 'lower'],
  ['minItems', 'lower'],
  ['minProperties', 'lower'],
];

function compareBounds(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string): void {
  for (const [keyword, side] of bounds) {
    const before = typeof base[keyword] === 'number' ? (base[keyword] as number) : undefined;
    const after = typeof head[keyword] === 'number' ? (head[keyword] as number) : undefined;
    if (before === after) continue;
    let effect: Effect;
    let what: string;
    if (before === undefined) {
      effect = 'narrows';
      what = `${keyword} ${after} added`;
    } else if (after === undefined) {
      effect = 'widens';
      what = `${keyword} ${before} removed`;
    } else {
      const lowered = after < before;
      effect = (side === 'upper') === lowered ? 'narrows' : 'widens';
      what = `${keyword} ${lowered ? 'lowered' : 'raised'}: ${before} → ${after}`;
    }
    recordEffect(ctx, effect === 'narrows' ? 'bound-tightened' : 'bound-relaxed', `${pointer}/${keyword}`, what, effect);
  }
}

/** `pattern` and `format`: added narrows, removed widens, changed does both. */
function compareKeywords(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string): void {
  for (const keyword of ['pattern', 'format'] as const) {
    const before = typeof base[keyword] === 'string' ? (base[keyword] as string) : undefined;
    const after = typeof head[keyword] === 'string' ? (head[keyword] as string) : undefined;
    if (before === after) continue;
    const effect: Effect = before === undefined ? 'narrows' : after === undefined ? 'widens' : 'both';
    const what =
      before === undefined ? `${keyword} ${show(after)} added` : after === undefined ? `${keyword} ${show(before)} removed` : `${keyword} changed: ${show(before)} → ${show(after)}`;
    recordEffect(ctx, `${keyword}-changed`, `${pointer}/${keyword}`, what, effect);
  }
}

/** Whether a property plays no part on this side (readOnly in a request, writeOnly in a response). */
function offSide(ctx: SchemaContext, document: OpenApiDocument, raw: unknown): boolean {
  if (raw === undefined) return false;
  const schema = flattenSchema(document, raw);
  return ctx.direction === 'request' ? schema.readOnly === true : schema.writeOnly === true;
}

function compareProperties(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string, stack: Stack): void {
  const before = isRecord(base.properties) ? base.properties : {};
  const after = isRecord(head.properties) ? head.properties : {};
  const requiredBefore = new Set(requiredOf(base));
  const requiredAfter = new Set(requiredOf(head));
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const name of names) {
    const location = `${pointer}/properties/${escapePointer(name)}`;
    const inBase = name in before;
    const inHead = name in after;
    if (offSide(ctx, ctx.base, before[name]) && (!inHead || offSide(ctx, ctx.head, after[name]))) continue;
    if (inBase && !inHead) {
      // Request: what clients send is no longer understood. Response: what clients read is gone.
      record(ctx, 'property-removed', location, `property ${name} removed`, true);
      continue;
    }
    if (!inBase) {
      const required = requiredAfter.has(name) && ctx.direction === 'request' && !offSide(ctx, ctx.head, after[name]);
      record(ctx, required ? 'property-added-required' : 'property-added', location, `${required ? 'required' : 'optional'} property ${name} added`, required);
      continue;
    }
    const wasRequired = requiredBefore.has(name);
    const isRequired = requiredAfter.has(name);
    if (!wasRequired && isRequired) {
      recordEffect(ctx, 'property-required', location, `property ${name} became required`, 'narrows');
    } else if (wasRequired && !isRequired) {
      recordEffect(ctx, 'property-optional', location, `property ${name} no longer required`, 'widens');
    }
    compareSchemas(ctx, before[name], after[name], location, stack);
  }
}

function compareAdditionalProperties(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string, stack: Stack): void {
  const before = base.additionalProperties;
  const after = head.additionalProperties;
  const location = `${pointer}/additionalProperties`;
  if (isRecord(before) && isRecord(after)) {
    compareSchemas(ctx, before, after, location, stack);
    return;
  }
  const closedBefore = before === false;
  const closedAfter = after === false;
  if (closedBefore === closedAfter) return;
  const effect: Effect = closedAfter ? 'narrows' : 'widens';
  recordEffect(ctx, 'additional-properties-changed', location, closedAfter ? 'no longer open to other properties' : 'now open to other properties', effect);
}

function refOf(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
}

/** `oneOf`/`anyOf`: variants pair up by `$ref`, then the inline ones by position. */
function compareVariants(ctx: SchemaContext, base: JsonSchema, head: JsonSchema, pointer: string, stack: Stack): void {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const before = Array.isArray(base[keyword]) ? (base[keyword] as unknown[]) : undefined;
    const after = Array.isArray(head[keyword]) ? (head[keyword] as unknown[]) : undefined;
    if (before === undefined && after === undefined) continue;
    const location = `${pointer}/${keyword}`;
    if (before === undefined || after === undefined) {
      const effect: Effect = before === undefined ? 'narrows' : 'widens';
      recordEffect(ctx, 'variants-changed', location, `${keyword} ${before === undefined ? 'added' : 'removed'}`, effect);
      continue;
    }
    const unmatched = new Set(after.keys());
    const pairs: Array<[number, number]> = [];
    const removed: number[] = [];
    for (const [i, variant] of before.entries()) {
      const ref = refOf(variant);
      const j = [...unmatched].find((k) => (ref === undefined ? refOf(after[k]) === undefined : refOf(after[k]) === ref));
      if (j === undefined) removed.push(i);
      else {
        unmatched.delete(j);
        pairs.push([i, j]);
      }
    }
    for (const [i, j] of pairs) compareSchemas(ctx, before[i], after[j], `${location}/${i}`, stack);
    for (const i of removed) recordEffect(ctx, 'variant-removed', `${location}/${i}`, `${keyword} variant ${refOf(before[i]) ?? i} removed`, 'narrows');
    for (const j of unmatched) recordEffect(ctx, 'variant-added', `${location}/${j}`, `${keyword} variant ${refOf(after[j]) ?? j} added`, 'widens');
  }
}

/**
 * Compares the schema at `pointer` in the base with the one in the head and records every change.
 * `stack` holds the ref pairs being compared on the way down: a pair met again is a cycle.
 */
export function compareSchemas(ctx: SchemaContext, baseRaw: unknown, headRaw: unknown, pointer = '', stack: Stack = new Set()): void {
  if (baseRaw === undefined && headRaw === undefined) return;
  const baseRef = refOf(baseRaw);
  const headRef = refOf(headRaw);
  let path = stack;
  if (baseRef !== undefined || headRef !== undefined) {
    const key = `${baseRef ?? ''}|${headRef ?? ''}`;
    if (stack.has(key)) return;
    path = new Set([...stack, key]);
  }
  const base = flattenSchema(ctx.base, baseRaw);
  const head = flattenSchema(ctx.head, headRaw);
  compareTypes(ctx, base, head, pointer);
  compareEnums(ctx, base, head, pointer);
  compareBounds(ctx, base, head, pointer);
  compareKeywords(ctx, base, head, pointer);
  compareProperties(ctx, base, head, pointer, path);
  compareAdditionalProperties(ctx, base, head, pointer, path);
  const bothArrays = admitsArray(base) && admitsArray(head);
  if ((base.items !== undefined && head.items !== undefined) || (bothArrays && (base.items !== undefined || head.items !== undefined))) {
    compareSchemas(ctx, base.items ?? {}, head.items ?? {}, `${pointer}/items`, path);
  }
  compareVariants(ctx, base, head, pointer, path);
}
