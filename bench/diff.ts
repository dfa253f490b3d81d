/**
 * Part "diff": the breaking-change checker on a description the size of GitHub's REST API
 * (1,223 operations, about 970 component schemas, about 12 MB of JSON) against a copy with two
 * edits. `@octokit/openapi` ships that description as OpenAPI 3.0.3 only, so a seeded generator
 * writes a comparable OpenAPI 3.1 one: shared schemas referenced from hundreds of operations,
 * `type: [x, "null"]`, enums, nested objects and arrays, oneOf, path and query parameters,
 * descriptions and examples. The command-line run is timed end to end (Node start-up, parsing,
 * comparing, source lines, JSON output), its peak memory sampled from /proc.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../scripts/lib/registry.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';
import { processTreeRssMB } from './lib/rss.ts';

/** A small deterministic generator (mulberry32), so every run compares the same documents. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words =
  'the a of to and in for is on that by this with you it not or be are from at as your all have new more an was we will can about if page my has search free but our one other do no information time they site he up may what which their news out use any there see only so his when contact here business who web also now help get pm view online first am been would how were me services some these click its like service than find'.split(
    ' ',
  );

type Json = Record<string, unknown>;

export interface LargeSpec {
  readonly base: Json;
  readonly operations: number;
  readonly schemas: number;
}

/** A 3.1 description shaped like GitHub's: `operations` operations over shared component schemas. */
export function largeSpec(operations = 1223, schemaCount = 970, seed = 42): LargeSpec {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sentence = (count: number) => Array.from({ length: count }, () => pick(words)).join(' ');
  const name = (i: number) => `schema-${i.toString(36)}`;
  const schemas: Json = {};
  // Schema 0 plays GitHub's `simple-user`: small, required everywhere, referenced from many others.
  for (let i = 0; i < schemaCount; i += 1) {
    const properties: Json = {};
    const required: string[] = [];
    const count = 6 + Math.floor(next() * 18);
    for (let p = 0; p < count; p += 1) {
      const property = `${pick(words)}_${p}`;
      const roll = next();
      let schema: Json;
      if (i > 0 && roll < 0.12) schema = { $ref: `#/components/schemas/${name(next() < 0.5 ? 0 : Math.floor(next() * i))}` };
      else if (i > 0 && roll < 0.18) schema = { type: 'array', items: { $ref: `#/components/schemas/${name(Math.floor(next() * i))}` } };
      else if (roll < 0.3) schema = { type: ['string', 'null'], format: pick(['date-time', 'uri', 'email']), examples: [sentence(2)] };
      else if (roll < 0.4)
        schema = { type: 'string', enum: Array.from({ length: 2 + Math.floor(next() * 5) }, (_, k) => `${pick(words)}_${k}`) };
      else if (roll < 0.55) schema = { type: 'integer', minimum: 0, examples: [Math.floor(next() * 1000)] };
      else if (roll < 0.62) schema = { type: 'boolean' };
      else if (roll < 0.7)
        schema = {
          type: 'object',
          properties: { [pick(words)]: { type: 'string' }, [`${pick(words)}_n`]: { type: 'number' } },
          additionalProperties: false,
        };
      else if (i > 1 && roll < 0.73)
        schema = { oneOf: [{ $ref: `#/components/schemas/${name(Math.floor(next() * i))}` }, { type: 'null' }] };
      else schema = { type: 'string', maxLength: 256, examples: [sentence(3)] };
      properties[property] = { ...schema, description: sentence(16 + Math.floor(next() * 34)) };
      if (next() < 0.5) required.push(property);
    }
    schemas[name(i)] = { title: sentence(3), description: sentence(20), type: 'object', properties, required };
  }
  schemas['basic-error'] = { type: 'object', properties: { message: { type: 'string' }, documentation_url: { type: 'string' } } };
  const paths: Json = {};
  let made = 0;
  for (let p = 0; made < operations; p += 1) {
    const resource = `${pick(words)}-${p}`;
    const path = p % 3 === 0 ? `/repos/{owner}/{repo}/${resource}` : `/${resource}/{id}`;
    const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      description: sentence(6),
      schema: { type: 'string' },
    }));
    const item: Json = {};
    for (const method of ['get', 'post']) {
      if (made >= operations) break;
      const target = name(Math.floor(next() * schemaCount));
      const operation: Json = {
        summary: sentence(5),
        description: sentence(90),
        operationId: `${resource}/${method}`,
        tags: [pick(words)],
        parameters: [
          ...pathParameters,
          { name: 'per_page', in: 'query', description: sentence(10), schema: { type: 'integer', default: 30, maximum: 100 } },
          { name: 'page', in: 'query', description: sentence(6), schema: { type: 'integer', default: 1 } },
          { name: 'direction', in: 'query', description: sentence(6), schema: { type: 'string', enum: ['asc', 'desc'] } },
        ],
        responses: {
          '200': {
            description: 'Response',
            content: {
              'application/json': {
                schema:
                  method === 'get'
                    ? { type: 'array', items: { $ref: `#/components/schemas/${target}` } }
                    : { $ref: `#/components/schemas/${target}` },
                // GitHub's description carries a worked example for most responses.
                examples: {
                  default: {
                    value: Object.fromEntries(
                      Object.keys((schemas[target] as { properties: Json }).properties).map((key) => [key, sentence(30)]),
                    ),
                  },
                },
              },
            },
          },
          '404': {
            description: 'Resource not found',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } },
          },
        },
        'x-github': { githubCloudOnly: false, enabledForGitHubApps: true, category: pick(words), subcategory: pick(words) },
      };
      if (method === 'post') {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name(Math.floor(next() * schemaCount))}` } } },
        };
      }
      item[method] = operation;
      made += 1;
    }
    paths[path] = item;
  }
  const base: Json = {
    openapi: '3.1.0',
    info: { title: 'Large synthetic API', version: '1.0.0', description: sentence(60) },
    servers: [{ url: 'https://api.example.com' }],
    paths,
    components: { schemas, securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    security: [{ token: [] }],
  };
  return { base, operations: made, schemas: schemaCount + 1 };
}

/** The head: two edits, each a breaking change. */
export function twoEdits(base: Json): Json {
  const head = structuredClone(base);
  const schemas = (head.components as { schemas: Record<string, { properties: Json; required: string[] }> }).schemas;
  const shared = schemas['schema-0']!;
  const removed = shared.required[0] ?? Object.keys(shared.properties)[0]!;
  delete shared.properties[removed];
  shared.required = shared.required.filter((property) => property !== removed);
  const [, firstItem] = Object.entries(head.paths as Record<string, { get: { parameters: Json[] } }>)[0]!;
  firstItem.get.parameters.push({ name: 'team', in: 'query', required: true, description: 'Team slug.', schema: { type: 'string' } });
  return head;
}

export interface DiffMeasurement {
  readonly operations: number;
  readonly schemas: number;
  readonly megabytes: number;
  readonly rounds: number;
  /** Per round: wall time of the command and its peak resident memory. */
  readonly runs: Array<{ ms: number; peakMiB: number; exitCode: number }>;
  /** Changes the checker reported, by rule id, from the last round. */
  readonly found: Record<string, number>;
}

/** Runs the CLI once; samples the process's resident memory every 10 ms. */
function runOnce(args: readonly string[]): Promise<{ ms: number; peakMiB: number; exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'diff.ts'), ...args], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let peak = 0;
    const sample = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, processTreeRssMB(child.pid));
    }, 10);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      // processTreeRssMB reports MB of 1024 KiB: mebibytes.
      resolveRun({ ms: performance.now() - started, peakMiB: peak, exitCode: code ?? 1, stdout, stderr });
    });
  });
}

export async function measureDiff(dir: string, rounds = 3): Promise<DiffMeasurement> {
  mkdirSync(dir, { recursive: true });
  const { base, operations, schemas } = largeSpec();
  const baseFile = join(dir, 'large-base.json');
  const headFile = join(dir, 'large-head.json');
  const baseText = JSON.stringify(base, null, 2);
  writeFileSync(baseFile, baseText);
  writeFileSync(headFile, JSON.stringify(twoEdits(base), null, 2));
  const runs: DiffMeasurement['runs'] = [];
  let found: Record<string, number> = {};
  for (let round = 0; round < rounds; round += 1) {
    const run = await runOnce([baseFile, headFile, '--format', 'json']);
    if (run.exitCode !== 1) throw new Error(`diff exited ${run.exitCode} (expected 1, breaking): ${run.stderr.split('\n')[0]}`);
    runs.push({ ms: run.ms, peakMiB: run.peakMiB, exitCode: run.exitCode });
    found = {};
    for (const change of (JSON.parse(run.stdout) as { changes: Array<{ id: string }> }).changes)
      found[change.id] = (found[change.id] ?? 0) + 1;
  }
  // A fast wrong answer is no figure: both edits must be among the findings.
  if (found['request-parameter-added-required'] !== 1 || !found['response-required-property-removed']) {
    throw new Error(`the two edits were not both reported: ${JSON.stringify(found)}`);
  }
  return { operations, schemas, megabytes: Buffer.byteLength(baseText) / 1e6, rounds, runs, found };
}

export function diffFigures(measurement: DiffMeasurement): Figure[] {
  const best = Math.min(...measurement.runs.map((run) => run.ms));
  const worstMemory = Math.max(...measurement.runs.map((run) => run.peakMiB));
  const size = `${measurement.operations} operations, ${measurement.schemas} schemas, ${measurement.megabytes.toFixed(1)} MB JSON (OpenAPI 3.1)`;
  const found = Object.entries(measurement.found)
    .map(([id, count]) => `${id} ×${count}`)
    .join(', ');
  return [
    figure({
      section: 'diff',
      name: 'GitHub-size spec, two edits: wall time',
      value: best / 1000,
      unit: 's',
      budget: atMost(3, '≤ 3 s'),
      detail: `npm run diff -- base.json head.json --format json, whole command (Node start-up included); best of ${measurement.rounds}: ${measurement.runs.map((run) => `${(run.ms / 1000).toFixed(2)} s`).join(', ')}; ${size}`,
      bound:
        'parsing two 12 MB JSON files and loading the TypeScript sources through tsx take most of it; the comparison skips unchanged subtrees',
    }),
    figure({
      section: 'diff',
      name: 'GitHub-size spec, two edits: peak memory',
      value: Math.round(worstMemory * 10) / 10,
      unit: 'MiB',
      budget: atMost(300, '≤ 300 MiB'),
      detail: `resident set of the command, sampled every 10 ms, worst of ${measurement.rounds} rounds`,
      bound: 'both documents are held parsed, plus the text of each for source lines',
    }),
    figure({
      section: 'diff',
      name: 'GitHub-size spec, two edits: changes reported',
      value: Object.values(measurement.found).reduce((sum, count) => sum + count, 0),
      unit: 'changes',
      detail: `both edits found, once per operation and place that uses the edited schema: ${found}`,
    }),
  ];
}
