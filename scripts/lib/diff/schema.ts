/**
 * Direction-aware comparison of two JSON Schemas (OpenAPI 3.0 and 3.1 dialects). Each keyword
 * family is one small check; a check reports a direction-less change (`enum-value-added`) and the
 * comparison turns it into the rule of its side (`response-enum-value-added`). Results of a pair
 * of `$ref`s are computed once and reused wherever the pair appears again.
 */
import type { Sameness } from './equal.ts';
import { admitsType as admits, declaredTypes, follow, foldAllOf, isRecord, mergeSchemas, nullableInner, refOf } from '../openapi.ts';
import { boundKeywords, constraintKeywords } from './rules.ts';
import { pointerToken, type Direction } from './types.ts';

type Schema = Record<string, unknown>;

/** A change found inside a schema, its pointer relative to the schema's root on one side. */
export interface SchemaFinding {
  readonly change: string;
  readonly side: 'base' | 'head';
  readonly pointer: string;
  readonly message: string;
  /**
   * Where the change is made, when it is inside a `$ref`'d schema: the ref pair and the pointer in
   * it. A change met again through another path to the same place is reported once.
   */
  readonly origin?: string;
}

/** The comparison state shared across one document pair and direction. */
export interface SchemaComparer {
  readonly base: unknown;
  readonly head: unknown;
  readonly direction: Direction;
  /** Findings of each `$ref` pair already compared. */
  readonly cache: Map<string, SchemaFinding[]>;
  /** `$ref` pairs being compared on the way down: a pair met again is a cycle. */
  readonly stack: Set<string>;
  /** Normalised views of schema nodes, per document. */
  readonly views: { base: WeakMap<object, View>; head: WeakMap<object, View> };
  /** Unchanged subtrees are skipped. */
  readonly sameness: Sameness;
}

export function schemaComparer(base: unknown, head: unknown, direction: Direction, sameness: Sameness): SchemaComparer {
  return { base, head, direction, cache: new Map(), stack: new Set(), views: { base: new WeakMap(), head: new WeakMap() }, sameness };
}

/** A schema as the checks read it: refs followed, `allOf` merged, 3.0 forms turned into 3.1. */
interface View {
  readonly schema: Schema;
  /** Non-null JSON types admitted; undefined when the schema does not say (anything). */
  readonly types: ReadonlySet<string> | undefined;
  readonly nullable: boolean;
}

const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

const annotations = new Set(['$ref', 'description', 'summary', 'title', 'example', 'examples', 'deprecated', '$comment']);

function typeSet(schema: Schema): Set<string> | undefined {
  const types = declaredTypes(schema);
  return types ? new Set(types) : undefined;
}

function requiredOf(schema: Schema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
}

function buildView(document: unknown, raw: unknown, depth: number, cache: WeakMap<object, View>): View {
  let schema: Schema;
  if (isRecord(raw) && refOf(raw) !== undefined) {
    // 3.1 applies keywords beside a `$ref` too: they read as another member of an allOf.
    const siblings = Object.fromEntries(Object.entries(raw).filter(([key]) => !annotations.has(key)));
    const target = follow(document, raw);
    schema = isRecord(target) ? target : {};
    if (Object.keys(siblings).length > 0) schema = { allOf: [schema, siblings] };
    if (raw.deprecated === true) schema = { ...schema, deprecated: true };
  } else {
    schema = isRecord(raw) ? raw : {};
  }
  if (depth < 16) schema = foldAllOf(schema, (member) => cachedView(document, member, depth + 1, cache).schema);
  // The 3.1 nullable idiom `oneOf: [{type: 'null'}, X]` reads as X that also admits null.
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const innerRaw = depth >= 16 ? undefined : nullableInner(schema[keyword], (variant) => follow(document, variant));
    if (innerRaw === undefined) continue;
    const { [keyword]: _dropped, ...own } = schema;
    const inner = cachedView(document, innerRaw, depth + 1, cache);
    const merged = mergeSchemas(own, { ...inner.schema });
    const types = typeSet(merged);
    if (types) merged.type = [...types, 'null'];
    schema = merged;
  }
  let types = typeSet(schema);
  let nullable = types?.has('null') ?? true;
  // OpenAPI 3.0: `nullable: true` and boolean exclusive bounds.
  if (schema.nullable === true && types) nullable = true;
  if (typeof schema.exclusiveMinimum === 'boolean' || typeof schema.exclusiveMaximum === 'boolean') {
    schema = { ...schema };
    for (const [exclusive, inclusive] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (schema[exclusive] === true && typeof schema[inclusive] === 'number') {
        schema[exclusive] = schema[inclusive];
        delete schema[inclusive];
      } else if (typeof schema[exclusive] === 'boolean') delete schema[exclusive];
    }
  }
  if (types) {
    types = new Set(types);
    types.delete('null');
  }
  return { schema, types, nullable };
}

/** A node's view, computed once per node (shared schemas are met many times, and inside allOf chains). */
function cachedView(document: unknown, raw: unknown, depth: number, cache: WeakMap<object, View>): View {
  if (!isRecord(raw)) return buildView(document, raw, depth, cache);
  let found = cache.get(raw);
  if (!found) {
    // A node met again while its own view is being built (allOf through a cycle) reads as {} there.
    cache.set(raw, { schema: {}, types: undefined, nullable: true });
    found = buildView(document, raw, depth, cache);
    cache.set(raw, found);
  }
  return found;
}

function view(comparer: SchemaComparer, side: 'base' | 'head', raw: unknown): View {
  return cachedView(comparer[side], raw, 0, comparer.views[side]);
}

/** Collects the findings of one schema pair, pointers relative to it. */
class Pair {
  readonly findings: SchemaFinding[] = [];
  private readonly origins = new Set<string>();

  constructor(
    readonly comparer: SchemaComparer,
    readonly base: View,
    readonly head: View,
  ) {}

  /** A change seen in the head (or, for what is gone, in the base) at `pointer`. */
  report(change: string, pointer: string, message: string, side: 'base' | 'head' = 'head'): void {
    this.findings.push({ change, side, pointer, message });
  }

  /** Compares the subschemas at `pointer` (the same relative place on both sides). */
  nested(pointer: string, baseRaw: unknown, headRaw: unknown, headPointer = pointer): void {
    for (const finding of compareSchemaPair(this.comparer, baseRaw, headRaw)) {
      if (finding.origin !== undefined) {
        // Shared schemas reached along many paths would otherwise multiply one change.
        const key = `${finding.change} ${finding.origin}`;
        if (this.origins.has(key)) continue;
        this.origins.add(key);
      }
      this.findings.push({ ...finding, pointer: `${finding.side === 'base' ? pointer : headPointer}${finding.pointer}` });
    }
  }
}

type Check = (pair: Pair) => void;

function checkType(pair: Pair): void {
  const before = pair.base.types;
  const after = pair.head.types;
  const narrows = before === undefined ? after !== undefined : [...before].some((t) => !admits(after, t));
  const widens = after === undefined ? before !== undefined : [...after].some((t) => !admits(before, t));
  const text = (types: ReadonlySet<string> | undefined) => (types === undefined ? 'any' : [...types].join(' | ') || 'null');
  if (narrows || widens) {
    const change = narrows && widens ? 'type-changed' : narrows ? 'type-narrowed' : 'type-widened';
    pair.report(change, '/type', `type ${text(before)} → ${text(after)}`);
  }
  if (before !== undefined && after !== undefined && pair.base.nullable !== pair.head.nullable) {
    pair.report(
      pair.head.nullable ? 'became-nullable' : 'became-not-nullable',
      '/type',
      pair.head.nullable ? 'now admits null' : 'no longer admits null',
    );
  }
}

function checkEnum(pair: Pair): void {
  const before = Array.isArray(pair.base.schema.enum) ? pair.base.schema.enum : undefined;
  const after = Array.isArray(pair.head.schema.enum) ? pair.head.schema.enum : undefined;
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    pair.report('enum-added', '/enum', `values restricted to ${after!.map(show).join(', ')}`);
    return;
  }
  if (after === undefined) {
    pair.report('enum-removed', '/enum', `values no longer restricted (were ${before.map(show).join(', ')})`, 'base');
    return;
  }
  const afterKeys = new Set(after.map(show));
  const beforeKeys = new Set(before.map(show));
  for (const value of before)
    if (!afterKeys.has(show(value))) pair.report('enum-value-removed', '/enum', `enum value ${show(value)} removed`);
  for (const value of after) if (!beforeKeys.has(show(value))) pair.report('enum-value-added', '/enum', `enum value ${show(value)} added`);
}

function checkConst(pair: Pair): void {
  const inBase = 'const' in pair.base.schema;
  const inHead = 'const' in pair.head.schema;
  if (!inBase && !inHead) return;
  const before = show(pair.base.schema.const);
  const after = show(pair.head.schema.const);
  if (!inBase) pair.report('const-added', '/const', `value fixed to ${after}`);
  else if (!inHead) pair.report('const-removed', '/const', `value no longer fixed to ${before}`, 'base');
  else if (before !== after) pair.report('const-changed', '/const', `const ${before} → ${after}`);
}

function checkBounds(pair: Pair): void {
  for (const [keyword, name] of boundKeywords) {
    const before = typeof pair.base.schema[keyword] === 'number' ? (pair.base.schema[keyword] as number) : undefined;
    const after = typeof pair.head.schema[keyword] === 'number' ? (pair.head.schema[keyword] as number) : undefined;
    if (before === after) continue;
    const upper = keyword.startsWith('max') || keyword === 'exclusiveMaximum';
    if (before === undefined) pair.report(`${name}-added`, `/${keyword}`, `${keyword} ${after} set`);
    else if (after === undefined) pair.report(`${name}-relaxed`, `/${keyword}`, `${keyword} ${before} removed`, 'base');
    else pair.report(upper === after < before ? `${name}-tightened` : `${name}-relaxed`, `/${keyword}`, `${keyword} ${before} → ${after}`);
  }
}

/** An empty pattern, or one that matches anything (`^`, `.*$`, …), constrains nothing; `^$` admits only "". */
function patternOf(schema: Schema): string | undefined {
  const pattern = schema.pattern;
  if (typeof pattern !== 'string' || /^(?:\^?\.\*\$?|\^|\$|)$/.test(pattern)) return undefined;
  return pattern;
}

function checkStrings(pair: Pair): void {
  const before = patternOf(pair.base.schema);
  const after = patternOf(pair.head.schema);
  if (before !== after) {
    if (before === undefined) pair.report('pattern-added', '/pattern', `pattern ${show(after)} set`);
    else if (after === undefined) pair.report('pattern-removed', '/pattern', `pattern ${show(before)} removed`, 'base');
    else pair.report('pattern-changed', '/pattern', `pattern ${show(before)} → ${show(after)}`);
  }
  for (const [keyword, name] of [
    ['format', 'format'],
    ['contentMediaType', 'content-media-type'],
    ['contentEncoding', 'content-encoding'],
  ] as const) {
    const from = typeof pair.base.schema[keyword] === 'string' ? pair.base.schema[keyword] : undefined;
    const to = typeof pair.head.schema[keyword] === 'string' ? pair.head.schema[keyword] : undefined;
    if (from === to) continue;
    const message = `${keyword} ${show(from)} → ${show(to)}`;
    if (keyword !== 'format') pair.report(`${name}-changed`, `/${keyword}`, message, to === undefined ? 'base' : 'head');
    else if (from === undefined) pair.report('format-added', '/format', message);
    else if (to === undefined) pair.report('format-removed', '/format', message, 'base');
    else pair.report('format-changed', '/format', message);
  }
}

function checkDefault(pair: Pair): void {
  const inBase = 'default' in pair.base.schema;
  const inHead = 'default' in pair.head.schema;
  if (!inBase && !inHead) return;
  const before = show(pair.base.schema.default);
  const after = show(pair.head.schema.default);
  if (!inBase) pair.report('default-added', '/default', `default ${after} set`);
  else if (!inHead) pair.report('default-removed', '/default', `default ${before} removed`, 'base');
  else if (before !== after) pair.report('default-changed', '/default', `default ${before} → ${after}`);
}

function checkDeprecated(pair: Pair): void {
  if (pair.base.schema.deprecated !== true && pair.head.schema.deprecated === true)
    pair.report('became-deprecated', '/deprecated', 'deprecated');
}

/** Whether a property plays no part on this side: readOnly in a request, writeOnly in a response. */
function offSide(pair: Pair, side: 'base' | 'head', raw: unknown): boolean {
  const schema = view(pair.comparer, side, raw).schema;
  return pair.comparer.direction === 'request' ? schema.readOnly === true : schema.writeOnly === true;
}

const closedObject = (schema: Schema): boolean => schema.additionalProperties === false || schema.unevaluatedProperties === false;

function checkProperties(pair: Pair): void {
  const before = isRecord(pair.base.schema.properties) ? pair.base.schema.properties : {};
  const after = isRecord(pair.head.schema.properties) ? pair.head.schema.properties : {};
  const requiredBefore = new Set(requiredOf(pair.base.schema));
  const requiredAfter = new Set(requiredOf(pair.head.schema));
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const pointer = `/properties/${pointerToken(name)}`;
    const inBase = Object.hasOwn(before, name) && !offSide(pair, 'base', before[name]);
    const inHead = Object.hasOwn(after, name) && !offSide(pair, 'head', after[name]);
    if (!inBase && !inHead) continue;
    if (inBase && !inHead) {
      if (Object.hasOwn(after, name)) {
        const change = pair.comparer.direction === 'request' ? 'property-became-read-only' : 'property-became-write-only';
        pair.report(change, pointer, `property ${name} became ${pair.comparer.direction === 'request' ? 'readOnly' : 'writeOnly'}`);
      } else if (pair.comparer.direction === 'request' && closedObject(pair.head.schema)) {
        // The object refuses what it does not describe: a client still sending the property fails.
        pair.report(
          'property-removed-from-closed-object',
          pointer,
          `property ${name} removed from an object that refuses other properties`,
          'base',
        );
      } else {
        const required = requiredBefore.has(name);
        pair.report(
          required ? 'required-property-removed' : 'property-removed',
          pointer,
          `${required ? 'required' : 'optional'} property ${name} removed`,
          'base',
        );
      }
      continue;
    }
    if (!inBase) {
      const required = requiredAfter.has(name);
      pair.report(
        required ? 'property-added-required' : 'property-added',
        pointer,
        `${required ? 'required' : 'optional'} property ${name} added`,
      );
      continue;
    }
    if (!requiredBefore.has(name) && requiredAfter.has(name))
      pair.report('property-became-required', pointer, `property ${name} became required`);
    if (requiredBefore.has(name) && !requiredAfter.has(name))
      pair.report('property-became-optional', pointer, `property ${name} is no longer required`);
    pair.nested(pointer, before[name], after[name]);
  }
}

/** `false` closes an object or array to anything not described; a schema constrains the rest. */
function checkClosing(pair: Pair): void {
  for (const keyword of ['additionalProperties', 'unevaluatedProperties', 'items', 'unevaluatedItems'] as const) {
    const before = pair.base.schema[keyword];
    const after = pair.head.schema[keyword];
    const kind = keyword.endsWith('Items') || keyword === 'items' ? 'array' : 'object';
    if (before === false && after !== false)
      pair.report(`${kind}-opened`, `/${keyword}`, `${keyword} is no longer false`, after === undefined ? 'base' : 'head');
    else if (before !== false && after === false) pair.report(`${kind}-closed`, `/${keyword}`, `${keyword} became false`);
  }
  // `items` is compared as a schema on both sides whenever either is an array schema.
  const itemsBefore = pair.base.schema.items;
  const itemsAfter = pair.head.schema.items;
  if (itemsBefore !== false && itemsAfter !== false && (itemsBefore !== undefined || itemsAfter !== undefined)) {
    pair.nested('/items', itemsBefore ?? {}, itemsAfter ?? {});
  }
}

const isSubschema = (value: unknown): boolean => isRecord(value) || value === true;

/** Keywords that add a constraint: added narrows, removed widens, matched ones compared inside. */
function checkConstraints(pair: Pair): void {
  for (const [keyword, name] of constraintKeywords) {
    const before = pair.base.schema[keyword];
    const after = pair.head.schema[keyword];
    if (before === undefined && after === undefined) continue;
    const pointer = `/${keyword}`;
    if (keyword === 'prefixItems' || keyword === 'patternProperties' || keyword === 'dependentSchemas' || keyword === 'dependentRequired') {
      compareEntries(pair, keyword, name, before, after);
      continue;
    }
    const hasBefore = isRecord(before);
    const hasAfter = isRecord(after);
    if (!hasBefore && !hasAfter) continue;
    if (!hasBefore) pair.report(`${name}-added`, pointer, `${keyword} added`);
    else if (!hasAfter) pair.report(`${name}-removed`, pointer, `${keyword} removed`, 'base');
    else if (keyword === 'not') {
      // Inside `not` the direction flips; a changed `not` is reported as replaced.
      if (show(before) !== show(after)) {
        pair.report('not-removed', pointer, 'not: previous constraint removed', 'base');
        pair.report('not-added', pointer, 'not: new constraint added');
      }
    } else pair.nested(pointer, before, after);
  }
  for (const keyword of ['then', 'else'] as const) {
    const before = pair.base.schema[keyword];
    const after = pair.head.schema[keyword];
    if (isSubschema(before) && isSubschema(after)) pair.nested(`/${keyword}`, before, after);
    else if (isSubschema(after) && isRecord(pair.base.schema.if)) pair.report('if-added', `/${keyword}`, `${keyword} added`);
    else if (isSubschema(before) && isRecord(pair.head.schema.if)) pair.report('if-removed', `/${keyword}`, `${keyword} removed`, 'base');
  }
}

/** Lists and maps of subschemas (or of names, for dependentRequired), entry by entry. */
function compareEntries(pair: Pair, keyword: string, name: string, before: unknown, after: unknown): void {
  const entries = (value: unknown): Map<string, unknown> =>
    Array.isArray(value)
      ? new Map(value.map((item, index) => [String(index), item]))
      : isRecord(value)
        ? new Map(Object.entries(value))
        : new Map();
  const from = entries(before);
  const to = entries(after);
  for (const [key, value] of from) {
    const pointer = `/${keyword}/${pointerToken(key)}`;
    if (!to.has(key)) {
      pair.report(`${name}-removed`, pointer, `${keyword} ${show(key)} removed`, 'base');
    } else if (keyword === 'dependentRequired') {
      const names = (list: unknown) => new Set(Array.isArray(list) ? list.map(String) : []);
      const was = names(value);
      const now = names(to.get(key));
      for (const item of now) if (!was.has(item)) pair.report(`${name}-added`, pointer, `${item} now required when ${key} is present`);
      for (const item of was)
        if (!now.has(item)) pair.report(`${name}-removed`, pointer, `${item} no longer required when ${key} is present`);
    } else pair.nested(pointer, value, to.get(key));
  }
  for (const key of to.keys()) {
    if (!from.has(key)) pair.report(`${name}-added`, `/${keyword}/${pointerToken(key)}`, `${keyword} ${show(key)} added`);
  }
}

/** Property names of a variant, to pair inline variants by likeness. */
function shapeOf(comparer: SchemaComparer, side: 'base' | 'head', raw: unknown): { types: string; names: Set<string> } {
  const { schema, types } = view(comparer, side, raw);
  return {
    types: types ? [...types].sort().join() : '',
    names: new Set(isRecord(schema.properties) ? Object.keys(schema.properties) : []),
  };
}

/**
 * `oneOf`/`anyOf`: variants pair up by `$ref`, then inline ones by equal text, then by the same
 * type and the most property names in common; paired variants are compared inside.
 */
function checkVariants(pair: Pair): void {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const before = Array.isArray(pair.base.schema[keyword]) ? (pair.base.schema[keyword] as unknown[]) : undefined;
    const after = Array.isArray(pair.head.schema[keyword]) ? (pair.head.schema[keyword] as unknown[]) : undefined;
    if (before === undefined && after === undefined) continue;
    const pointer = `/${keyword}`;
    if (before === undefined) {
      pair.report('composition-added', pointer, `${keyword} added`);
      continue;
    }
    if (after === undefined) {
      pair.report('composition-removed', pointer, `${keyword} removed`, 'base');
      continue;
    }
    const unmatched = new Set(after.keys());
    const pairs: Array<[number, number]> = [];
    const removed: number[] = [];
    const take = (i: number, j: number | undefined) => {
      if (j === undefined) return false;
      unmatched.delete(j);
      pairs.push([i, j]);
      return true;
    };
    const inline: number[] = [];
    for (const [i, variant] of before.entries()) {
      const ref = refOf(variant);
      if (ref === undefined) inline.push(i);
      else if (
        !take(
          i,
          [...unmatched].find((j) => refOf(after[j]) === ref),
        )
      )
        removed.push(i);
    }
    const leftover: number[] = [];
    for (const i of inline) {
      const text = show(before[i]);
      if (
        !take(
          i,
          [...unmatched].find((j) => refOf(after[j]) === undefined && show(after[j]) === text),
        )
      )
        leftover.push(i);
    }
    for (const i of leftover) {
      const shape = shapeOf(pair.comparer, 'base', before[i]);
      let best: number | undefined;
      let bestScore = -1;
      for (const j of unmatched) {
        if (refOf(after[j]) !== undefined) continue;
        const other = shapeOf(pair.comparer, 'head', after[j]);
        if (other.types !== shape.types) continue;
        const score = [...shape.names].filter((name) => other.names.has(name)).length;
        if (score > bestScore) [best, bestScore] = [j, score];
      }
      if (!take(i, best)) removed.push(i);
    }
    // What is left inline pairs up in order: `integer` → `number` is a widened variant, not a swap.
    const inlineLeft = [...unmatched].filter((j) => refOf(after[j]) === undefined);
    for (const i of removed.filter((k) => refOf(before[k]) === undefined)) {
      const j = inlineLeft.shift();
      if (j === undefined) break;
      take(i, j);
      removed.splice(removed.indexOf(i), 1);
    }
    for (const [i, j] of pairs) pair.nested(`${pointer}/${i}`, before[i], after[j], `${pointer}/${j}`);
    for (const i of removed)
      pair.report('variant-removed', `${pointer}/${i}`, `${keyword} variant ${refOf(before[i]) ?? i} removed`, 'base');
    for (const j of unmatched) pair.report('variant-added', `${pointer}/${j}`, `${keyword} variant ${refOf(after[j]) ?? j} added`);
  }
}

/** The registry of schema checks, run in this order on every schema pair. */
export const schemaChecks: readonly Check[] = [
  checkType,
  checkEnum,
  checkConst,
  checkBounds,
  checkStrings,
  checkDefault,
  checkDeprecated,
  checkProperties,
  checkClosing,
  checkConstraints,
  checkVariants,
];

/** The `$ref` inside the 3.1 nullable idiom `oneOf`/`anyOf` `[{type: 'null'}, {$ref}]`, when nothing else is beside it. */
function nullWrappedRef(document: unknown, raw: unknown): unknown {
  if (!isRecord(raw)) return undefined;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const variants = raw[keyword];
    if (!Array.isArray(variants) || variants.length !== 2) continue;
    if (Object.keys(raw).some((key) => key !== keyword && !annotations.has(key))) return undefined;
    const inner = nullableInner(variants, (variant) => follow(document, variant));
    return inner !== undefined && refOf(inner) !== undefined ? inner : undefined;
  }
  return undefined;
}

/**
 * A `$ref` wrapped in the nullable idiom is compared as the `$ref` itself (so a change inside it
 * is known by the ref, and met once however it is reached), plus the wrapper's nullability and
 * deprecation.
 */
function compareNullWrapped(
  comparer: SchemaComparer,
  baseRaw: unknown,
  headRaw: unknown,
  baseInner: unknown,
  headInner: unknown,
): SchemaFinding[] {
  const findings = compareSchemaPair(comparer, baseInner ?? baseRaw, headInner ?? headRaw);
  const before = view(comparer, 'base', baseRaw);
  const after = view(comparer, 'head', headRaw);
  const reported = (pointer: string, ...changes: string[]) =>
    findings.some((finding) => finding.pointer === pointer && changes.includes(finding.change));
  const wrapper: SchemaFinding[] = [];
  if (
    !reported('/type', 'became-nullable', 'became-not-nullable') &&
    before.types !== undefined &&
    after.types !== undefined &&
    before.nullable !== after.nullable
  ) {
    wrapper.push(
      after.nullable
        ? { change: 'became-nullable', side: 'head', pointer: '/type', message: 'now admits null' }
        : { change: 'became-not-nullable', side: 'head', pointer: '/type', message: 'no longer admits null' },
    );
  }
  if (!reported('/deprecated', 'became-deprecated') && before.schema.deprecated !== true && after.schema.deprecated === true)
    wrapper.push({ change: 'became-deprecated', side: 'head', pointer: '/deprecated', message: 'deprecated' });
  return wrapper.length > 0 ? [...findings, ...wrapper] : findings;
}

/** Every change from the base schema to the head schema, pointers relative to them. */
export function compareSchemaPair(comparer: SchemaComparer, baseRaw: unknown, headRaw: unknown): SchemaFinding[] {
  if (baseRaw === undefined && headRaw === undefined) return [];
  if (comparer.sameness.same(baseRaw, headRaw)) return [];
  const baseInner = nullWrappedRef(comparer.base, baseRaw);
  const headInner = nullWrappedRef(comparer.head, headRaw);
  if (baseInner !== undefined || headInner !== undefined) return compareNullWrapped(comparer, baseRaw, headRaw, baseInner, headInner);
  const baseRef = refOf(baseRaw);
  const headRef = refOf(headRaw);
  const key = baseRef !== undefined || headRef !== undefined ? `${baseRef ?? show(baseRaw)}|${headRef ?? show(headRaw)}` : undefined;
  if (key !== undefined) {
    const cached = comparer.cache.get(key);
    if (cached) return cached;
    if (comparer.stack.has(key)) return [];
    comparer.stack.add(key);
  }
  const pair = new Pair(comparer, view(comparer, 'base', baseRaw), view(comparer, 'head', headRaw));
  try {
    for (const check of schemaChecks) check(pair);
  } finally {
    if (key !== undefined) comparer.stack.delete(key);
  }
  if (key === undefined) return pair.findings;
  const findings = pair.findings.map((finding) =>
    finding.origin === undefined ? { ...finding, origin: `${key}${finding.pointer}` } : finding,
  );
  comparer.cache.set(key, findings);
  return findings;
}
