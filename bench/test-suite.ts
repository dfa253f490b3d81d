/**
 * Part 5: the wall time of `npm test`, its steps one by one, vitest's own phases and the costs
 * behind them, plus the measurements that back the proposals for making it faster.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMock, freePort } from '../scripts/lib/prism.ts';
import { projectRoot, type ApiEntry } from '../scripts/lib/registry.ts';
import { bin, runCommand, tail, type CommandRun } from './lib/commands.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';
import { readJson } from './lib/json.ts';
import { median } from './lib/stats.ts';

export interface VitestFile {
  readonly file: string;
  readonly ms: number;
  readonly tests: number;
}

export interface TestSuiteMeasurement {
  readonly npmTest: CommandRun;
  readonly steps: CommandRun[];
  /** vitest's summary line: transform, setup, import, tests, environment (summed over files, ms). */
  readonly vitestPhases: Record<string, number>;
  readonly vitestFiles: VitestFile[];
  readonly globalSetupMs: number;
  readonly onePrismStartMs: number;
  /** Only with `--evidence`: the experiments behind the proposals for a faster `npm test`. */
  readonly evidence?: Evidence;
}

export interface Evidence {
  readonly tscIncrementalColdMs: number;
  readonly tscIncrementalWarmMs: number;
  readonly staticChecksInSequenceMs: number;
  readonly staticChecksInParallelMs: number;
  readonly importMs: Record<string, number>;
  /** Start-up of an empty script: what each `tsx scripts/….ts` step pays before its own work. */
  readonly startupMs: Record<string, number>;
  /** vitest's default (a single worker on 2 cores) against two workers, run A-B-B-A so drift cancels. */
  readonly vitestVariants: Array<{ label: string; runs: Array<{ ms: number; exitCode: number }> }>;
}

/** `Duration 9.1s (transform 1.2s, setup 0ms, import 5s, tests 3s, environment 0ms)` → ms per phase. */
export function parseVitestPhases(output: string): Record<string, number> {
  // Strip colour codes, which vitest prints even into a pipe.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const inside = /Duration\s+[\d.]+m?s\s+\(([^)]*)\)/.exec(plain)?.[1] ?? '';
  const phases: Record<string, number> = {};
  for (const [, name, value, unit] of inside.matchAll(/(\w+) ([\d.]+)(ms|s)/g)) phases[name!] = Number(value) * (unit === 's' ? 1000 : 1);
  return phases;
}

interface VitestJson {
  testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: unknown[] }>;
}

/** The project's vitest global setup, called as vitest calls it: bundles, then one Prism per API. */
async function timeGlobalSetup(): Promise<number> {
  const { default: setup } = (await import('../tests/setup/mocks.ts')) as { default: (project: TestProject) => Promise<() => Promise<void>> };
  const started = performance.now();
  const teardown = await setup({ provide: () => undefined } as unknown as TestProject);
  const ms = performance.now() - started;
  await teardown();
  return ms;
}

async function timeOnePrism(api: ApiEntry): Promise<number> {
  const started = performance.now();
  const mock = await startMock({ specFile: api.bundleJson, port: await freePort() });
  const ms = performance.now() - started;
  await mock.stop();
  return ms;
}

/** Import time of each module, each in a fresh node process: the start-up cost every CLI step pays for it. */
async function importTimes(modules: readonly string[]): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  for (const name of modules) {
    const script = `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(performance.now() - t);`;
    const run = await runCommand(process.execPath, ['--input-type=module', '-e', script]);
    if (run.exitCode !== 0) throw new Error(`importing ${name} failed: ${tail(run)}`);
    times[name] = Number(run.output.trim().split('\n').at(-1));
  }
  return times;
}

export async function measureTestSuite(apis: readonly ApiEntry[], workDir: string, withEvidence: boolean): Promise<TestSuiteMeasurement> {
  const npmTest = await runCommand('npm', ['test']);
  const vitestJson = join(workDir, 'vitest.json');
  const steps = [
    // npm test's own steps, vitest last (the parts below read it as steps[3]).
    await runCommand('npm', ['run', 'lint']),
    await runCommand('npm', ['run', 'typecheck']),
    await runCommand('node', ['--import', 'tsx', 'scripts/diff.ts', '--if-base'], { label: 'diff gate' }),
    await runCommand(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { label: 'vitest run' }),
  ];
  const vitest = steps[3]!;
  let vitestFiles: VitestFile[] = [];
  try {
    vitestFiles = readJson<VitestJson>(vitestJson).testResults.map((result) => ({
      file: relative(projectRoot, result.name),
      ms: result.endTime - result.startTime,
      tests: result.assertionResults.length,
    }));
  } catch {
    // No report when vitest failed to start; the step's exit code says so.
  }
  const globalSetupMs = await timeGlobalSetup();
  const onePrismStartMs = await timeOnePrism(apis[0]!);
  return {
    npmTest,
    steps,
    vitestPhases: parseVitestPhases(vitest.output),
    vitestFiles,
    globalSetupMs,
    onePrismStartMs,
    ...(withEvidence ? { evidence: await gatherEvidence(workDir) } : {}),
  };
}

async function gatherEvidence(workDir: string): Promise<Evidence> {
  const buildInfo = join(workDir, 'tsc.tsbuildinfo');
  rmSync(buildInfo, { force: true });
  const tscArgs = ['-p', '.', '--incremental', '--tsBuildInfoFile', buildInfo];
  const cold = await runCommand(bin('tsc'), tscArgs);
  const warm = await runCommand(bin('tsc'), tscArgs);
  // Each comparison runs back to back, so both sides see the same machine.
  const staticChecks = ['lint', 'generate:check', 'typecheck'].map((script) => () => runCommand('npm', ['run', script]));
  let started = performance.now();
  for (const check of staticChecks) await check();
  const staticChecksInSequenceMs = performance.now() - started;
  started = performance.now();
  await Promise.all(staticChecks.map((check) => check()));
  const staticChecksInParallelMs = performance.now() - started;
  const variants = [[], ['--maxWorkers=2']].map((args) => ({ args, label: ['vitest run', ...args].join(' '), runs: [] as Array<{ ms: number; exitCode: number }> }));
  for (const variant of [variants[0]!, variants[1]!, variants[1]!, variants[0]!]) {
    const run = await runCommand(bin('vitest'), ['run', ...variant.args], { label: variant.label });
    variant.runs.push({ ms: run.ms, exitCode: run.exitCode });
  }
  const vitestVariants = variants.map(({ label, runs }) => ({ label, runs }));
  const startupMs: Record<string, number> = {};
  for (const [label, command, args] of [
    ['node', process.execPath, ['-e', '0']],
    ['node --import tsx', process.execPath, ['--import', 'tsx', '-e', '0']],
    ['tsx CLI', bin('tsx'), ['-e', '0']],
  ] as const) {
    const runs = [];
    for (let round = 0; round < 5; round += 1) runs.push((await runCommand(command, args)).ms);
    startupMs[label] = median(runs);
  }
  return {
    startupMs,
    tscIncrementalColdMs: cold.ms,
    tscIncrementalWarmMs: warm.ms,
    staticChecksInSequenceMs,
    staticChecksInParallelMs,
    importMs: await importTimes(['@redocly/openapi-core', 'openapi-typescript', 'typescript', 'ajv/dist/2020.js']),
    vitestVariants,
  };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const failing = (steps: readonly CommandRun[]): string =>
  steps
    .filter((step) => step.exitCode !== 0)
    .map((step) => `${step.label} exited ${step.exitCode}`)
    .join(', ') || 'none when run alone';

export function testSuiteFigures(m: TestSuiteMeasurement): Figure[] {
  const section = 'test';
  const stepSum = m.steps.reduce((total, step) => total + step.ms, 0);
  const costs = [
    ...m.steps.slice(0, 3).map((step) => [step.label, step.ms] as const),
    ['vitest global setup (bundles + one Prism per API)', m.globalSetupMs] as const,
    ...m.vitestFiles.map((file) => [file.file, file.ms] as const),
  ].sort((a, b) => b[1] - a[1]);
  const biggest = costs
    .slice(0, 4)
    .map(([label, ms]) => `${label} ${s(ms)}`)
    .join(', ');
  const passed = m.npmTest.exitCode === 0;
  const figures: Figure[] = [
    figure({
      section,
      name: 'npm test wall time',
      value: (passed ? m.npmTest.ms : stepSum) / 1000,
      unit: 's',
      budget: atMost(15, '≤ 15 s (2 cores)'),
      detail: passed
        ? `lint, typecheck, vitest and the diff gate; run one by one they add up to ${s(stepSum)}`
        : `npm test exited ${m.npmTest.exitCode} after ${s(m.npmTest.ms)} (failing: ${failing(m.steps)}); value is the sum of its four steps run one by one`,
      bound: `the biggest costs: ${biggest}`,
    }),
  ];
  for (const step of m.steps) {
    const phases = step === m.steps[3] ? ` — phases: ${Object.entries(m.vitestPhases).map(([name, ms]) => `${name} ${s(ms)}`).join(', ')} (summed over files)` : '';
    figures.push(
      figure({ section, name: `step: ${step.label}`, value: step.ms / 1000, unit: 's', detail: `${step.exitCode === 0 ? 'passed' : `exited ${step.exitCode}`}${phases}` }),
    );
  }
  figures.push(
    figure({ section, name: 'vitest setup: bundle + start every Prism', value: m.globalSetupMs / 1000, unit: 's', detail: 'tests/setup/mocks.ts, timed alone' }),
    figure({ section, name: 'vitest setup: one Prism start-up', value: m.onePrismStartMs / 1000, unit: 's', detail: 'startMock of the first API, no other mock starting' }),
  );
  for (const file of [...m.vitestFiles].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    figures.push(figure({ section, name: `vitest file: ${file.file}`, value: file.ms / 1000, unit: 's', detail: `${file.tests} tests, run time without import` }));
  }
  if (m.evidence) figures.push(...evidenceFigures(m.evidence));
  return figures;
}

function evidenceFigures(evidence: Evidence): Figure[] {
  const section = 'test evidence';
  const vitestDefault = evidence.vitestVariants[0];
  return [
    figure({
      section,
      name: 'tsc --incremental, warm',
      value: evidence.tscIncrementalWarmMs / 1000,
      unit: 's',
      detail: `cold ${s(evidence.tscIncrementalColdMs)} (a full check, as typecheck does today, plus writing the build info)`,
    }),
    figure({
      section,
      name: 'lint ∥ generate:check ∥ typecheck',
      value: evidence.staticChecksInParallelMs / 1000,
      unit: 's',
      detail: `run concurrently; one after another, just before: ${s(evidence.staticChecksInSequenceMs)}`,
    }),
    ...evidence.vitestVariants.map((variant) =>
      figure({
        section,
        name: variant.label,
        value: variant.runs.reduce((total, run) => total + run.ms, 0) / variant.runs.length / 1000,
        unit: 's',
        detail: `mean of ${variant.runs.map((run) => `${s(run.ms)}${run.exitCode === 0 ? '' : ` (exited ${run.exitCode})`}`).join(' and ')}, run A-B-B-A${variant === vitestDefault ? '; the default: 1 worker on 2 cores' : ''}`,
      }),
    ),
    figure({
      section,
      name: 'module import in a fresh process',
      value: Object.values(evidence.importMs).reduce((a, b) => a + b, 0) / 1000,
      unit: 's',
      detail: Object.entries(evidence.importMs).map(([name, ms]) => `${name} ${s(ms)}`).join(', '),
    }),
    figure({
      section,
      name: 'start-up of an empty script',
      value: (evidence.startupMs['tsx CLI'] ?? 0) / 1000,
      unit: 's',
      detail: `tsx CLI; ${Object.entries(evidence.startupMs).map(([name, ms]) => `${name} ${s(ms)}`).join(', ')} (median of 5)`,
    }),
  ];
}
