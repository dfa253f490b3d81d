/**
 * Part 4: codegen at scale. A synthetic spec of many paths goes through the project's generate
 * functions (bundleSpec, renderTypes, renderClient, with a one-API registry of its own) and through
 * bare openapi-typescript, in this one warm process.
 */
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { renderClient } from '../scripts/codegen/client.ts';
import { renderTypes } from '../scripts/codegen/types.ts';
import { bundleSpec } from '../scripts/lib/bundle.ts';
import { listOperations } from '../scripts/lib/openapi.ts';
import { parseRegistry } from '../scripts/lib/registry.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';
import { writeSyntheticSpec } from './lib/synthetic-spec.ts';

export interface ScaleMeasurement {
  readonly paths: number;
  readonly operations: number;
  /** Best round of each, milliseconds. */
  readonly project: { bundle: number; types: number; client: number; total: number };
  readonly bare: number;
  readonly rounds: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function measureScale(dir: string, paths: number, rounds: number): Promise<ScaleMeasurement> {
  const [api] = parseRegistry(writeSyntheticSpec(dir, paths), dir);
  if (!api) throw new Error('the synthetic registry has no API');
  const projectWay = async () => {
    const [document, bundle] = await timed(() => bundleSpec(api.root));
    const [, types] = await timed(() => renderTypes(document));
    const [, client] = await timed(() => renderClient(api, document));
    return { bundle, types, client, total: bundle + types + client, operations: listOperations(document).length };
  };
  const bareWay = async () => (await timed(async () => astToString(await openapiTS(pathToFileURL(api.root), { silent: true }))))[1];
  // One untimed pass each loads and warms both pipelines; then they alternate.
  const { operations } = await projectWay();
  await bareWay();
  const projectRuns: Array<Awaited<ReturnType<typeof projectWay>>> = [];
  const bareRuns: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    projectRuns.push(await projectWay());
    bareRuns.push(await bareWay());
  }
  // Best round of each (noise only ever adds time); the project's parts are those of its best round.
  const best = [...projectRuns].sort((a, b) => a.total - b.total)[0]!;
  return {
    paths,
    operations,
    project: { bundle: best.bundle, types: best.types, client: best.client, total: best.total },
    bare: Math.min(...bareRuns),
    rounds,
  };
}

export function scaleFigures(measurement: ScaleMeasurement): Figure[] {
  const { project, bare } = measurement;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    figure({
      section: 'scale',
      name: `codegen, ${measurement.paths} paths vs bare openapi-typescript`,
      value: project.total / bare,
      unit: 'x',
      budget: atMost(1.1, '≤ 1.1×'),
      detail: `project ${s(project.total)} (bundle ${s(project.bundle)}, types ${s(project.types)}, client ${s(project.client)}) vs bare ${s(bare)}; ${measurement.operations} operations, best of ${measurement.rounds} rounds`,
    }),
  ];
}
