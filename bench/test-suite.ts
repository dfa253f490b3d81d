/**
 * Part 5: the wall time of `npm test` and where it goes — each check's time while they run side
 * by side (scripts/test.ts), each phase run alone (lint, typecheck, diff gate, the unit and the
 * integration vitest projects), the vitest global setup (bundles, one Prism per API), the slowest
 * test files, and tsgo against tsc on the whole tree.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMock, freePort } from '../scripts/lib/prism.ts';
import { typecheckArgs } from '../scripts/test.ts';
import { projectRoot, type ApiEntry } from '../scripts/lib/registry.ts';
import { bin, runCommand, type CommandRun } from './lib/commands.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';
import { readJson } from './lib/json.ts';

export interface VitestFile {
  readonly file: string;
  readonly ms: number;
  readonly tests: number;
}

/** What scripts/test.ts writes with `--timings`. */
interface Timings {
  readonly wallMs: number;
  readonly checks: Array<{ name: string; ms: number; exitCode: number }>;
  readonly vitestReport?: string;
}

/** A command run with the CPU time (user + sys) of every process it started, when the system tells. */
export interface CpuRun extends CommandRun {
  readonly cpuMs?: number;
}

export interface TestSuiteMeasurement {
  readonly npmTest: CpuRun;
  /** Each check of `npm test` as it ran there, side by side with the others. */
  readonly sideBySide: Timings['checks'];
  /** Each phase run alone, one after another. */
  readonly steps: CpuRun[];
  readonly vitestFiles: VitestFile[];
  readonly bundleSetupMs: number;
  readonly mockSetupMs: number;
  readonly onePrismStartMs: number;
  readonly checkers: { tscMs: number; tsgoMs: number; sameDiagnostics: boolean; diagnosticLines: number };
  /** Only with `--evidence`: npm test against its checks chained one after another, run A-B-B-A. */
  readonly evidence?: { sideBySideMs: number[]; chainedMs: number[] };
}

interface VitestJson {
  testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: unknown[] }>;
}

function vitestFilesOf(report: string | undefined): VitestFile[] {
  if (!report) return [];
  try {
    return readJson<VitestJson>(report).testResults.map((result) => ({
      file: relative(projectRoot, result.name),
      ms: result.endTime - result.startTime,
      tests: result.assertionResults.length,
    }));
  } catch {
    return []; // no report when vitest failed to start; the check's exit code says so
  }
}

/**
 * The two vitest global setups, called as vitest calls them, with the run's output in a temporary
 * folder (as vitest.config.ts sets it: the setups refuse to write into the project).
 */
async function timeGlobalSetup(outDir: string): Promise<{ bundleSetupMs: number; mockSetupMs: number }> {
  const saved = { out: process.env.CHECKOUT_APIS_OUT_DIR, bundled: process.env.CHECKOUT_APIS_TEST_BUNDLED };
  process.env.CHECKOUT_APIS_OUT_DIR = outDir;
  delete process.env.CHECKOUT_APIS_TEST_BUNDLED;
  try {
    const { default: bundles } = (await import('../tests/setup/bundles.ts')) as { default: (project: TestProject) => Promise<void> };
    const { default: mocks } = (await import('../tests/setup/mocks.ts')) as {
      default: (project: TestProject) => Promise<() => Promise<void>>;
    };
    const project = { provide: () => undefined, onTestsRerun: () => undefined } as unknown as TestProject;
    let started = performance.now();
    await bundles(project);
    const bundleSetupMs = performance.now() - started;
    started = performance.now();
    const teardown = await mocks(project);
    const mockSetupMs = performance.now() - started;
    await teardown();
    return { bundleSetupMs, mockSetupMs };
  } finally {
    for (const [name, value] of [
      ['CHECKOUT_APIS_OUT_DIR', saved.out],
      ['CHECKOUT_APIS_TEST_BUNDLED', saved.bundled],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** One Prism on the bundle the global setup wrote. */
async function timeOnePrism(api: ApiEntry, outDir: string): Promise<number> {
  const started = performance.now();
  const mock = await startMock({ specFile: join(outDir, api.name, 'openapi.json'), port: await freePort() });
  const ms = performance.now() - started;
  await mock.stop();
  return ms;
}

/** tsc and tsgo over the whole tree: their times, and whether they print the same diagnostics. */
async function compareCheckers(): Promise<TestSuiteMeasurement['checkers']> {
  const args = ['-p', '.', '--pretty', 'false'];
  const tsc = await runCommand(bin('tsc'), args, { label: 'tsc -p .' });
  const tsgo = await runCommand(bin('tsgo'), args, { label: 'tsgo -p .' });
  const lines = (run: CommandRun) => run.output.trim().split('\n').filter(Boolean);
  const same = (tsc.exitCode === 0) === (tsgo.exitCode === 0) && lines(tsc).join('\n') === lines(tsgo).join('\n');
  return { tscMs: tsc.ms, tsgoMs: tsgo.ms, sameDiagnostics: same, diagnosticLines: lines(tsc).length };
}

/**
 * CPU time of this process's finished children and all their finished descendants (Linux: utime +
 * stime of the children waited for, /proc/self/stat fields 16 and 17, in USER_HZ = 100 ticks);
 * undefined elsewhere. On a shared machine wall times swell, CPU time much less.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs a command alone (nothing else of the bench running), with its CPU time. */
async function withCpu(run: () => Promise<CommandRun>): Promise<CpuRun> {
  const before = childrenCpuMs();
  const result = await run();
  const after = childrenCpuMs();
  return before === undefined || after === undefined ? result : { ...result, cpuMs: after - before };
}

const npmTest = (timings: string) => withCpu(() => runCommand('npm', ['test', '--', '--timings', timings], { label: 'npm test' }));

/** The checks of npm test chained one after another, as npm test ran them before scripts/test.ts. */
async function chained(): Promise<number> {
  const started = performance.now();
  for (const [command, args] of [
    [bin('redocly'), ['lint']],
    [bin('tsgo'), ['-p', '.']],
    [bin('vitest'), ['run']],
    [process.execPath, ['--import', 'tsx', 'scripts/diff.ts', '--if-base']],
  ] as const) {
    await runCommand(command, args);
  }
  return performance.now() - started;
}

export async function measureTestSuite(apis: readonly ApiEntry[], workDir: string, withEvidence: boolean): Promise<TestSuiteMeasurement> {
  mkdirSync(workDir, { recursive: true });
  const timingsFile = join(workDir, 'npm-test-timings.json');
  const run = await npmTest(timingsFile);
  let timings: Timings = { wallMs: run.ms, checks: [] };
  try {
    timings = readJson<Timings>(timingsFile);
  } catch {
    // npm test stopped before writing its timings; its exit code says so
  }
  const steps = [
    await withCpu(() => runCommand(bin('redocly'), ['lint'], { label: 'lint' })),
    await withCpu(() => runCommand(bin('tsgo'), typecheckArgs, { label: 'typecheck (tsgo)' })),
    await withCpu(() => runCommand(process.execPath, ['--import', 'tsx', 'scripts/diff.ts', '--if-base'], { label: 'diff gate' })),
    await withCpu(() => runCommand(bin('vitest'), ['run', '--project', 'unit'], { label: 'vitest unit project' })),
    await withCpu(() => runCommand(bin('vitest'), ['run', '--project', 'integration'], { label: 'vitest integration project' })),
  ];
  const outDir = mkdtempSync(join(tmpdir(), 'checkout-apis-bench-test-'));
  let setup: { bundleSetupMs: number; mockSetupMs: number };
  let onePrismStartMs: number;
  try {
    setup = await timeGlobalSetup(outDir);
    onePrismStartMs = await timeOnePrism(apis[0]!, outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const checkers = await compareCheckers();
  let evidence: TestSuiteMeasurement['evidence'];
  if (withEvidence) {
    evidence = { sideBySideMs: [], chainedMs: [] };
    for (const variant of ['side', 'chain', 'chain', 'side'] as const) {
      if (variant === 'side') evidence.sideBySideMs.push((await npmTest(join(workDir, 'evidence-timings.json'))).ms);
      else evidence.chainedMs.push(await chained());
    }
  }
  return {
    npmTest: run,
    sideBySide: timings.checks,
    steps,
    vitestFiles: vitestFilesOf(timings.vitestReport),
    ...setup,
    onePrismStartMs,
    checkers,
    ...(evidence ? { evidence } : {}),
  };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const cpuOf = (run: CpuRun): string => (run.cpuMs === undefined ? '' : `, CPU ${s(run.cpuMs)}`);
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

export function testSuiteFigures(m: TestSuiteMeasurement): Figure[] {
  const section = 'test';
  const aloneSum = m.steps.reduce((total, step) => total + step.ms, 0);
  const passed = m.npmTest.exitCode === 0;
  const slowest = [...m.vitestFiles].sort((a, b) => b.ms - a.ms);
  const biggest = [
    ...m.sideBySide.map((check) => [check.name, check.ms] as const),
    ...slowest.slice(0, 3).map((file) => [file.file, file.ms] as const),
  ]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([label, ms]) => `${label} ${s(ms)}`)
    .join(', ');
  const figures: Figure[] = [
    figure({
      section,
      name: 'npm test wall time',
      value: m.npmTest.ms / 1000,
      unit: 's',
      budget: atMost(15, '≤ 15 s (2 cores)'),
      detail: `${passed ? 'passed' : `exited ${m.npmTest.exitCode}`}${cpuOf(m.npmTest)}; lint, typecheck, vitest (unit + integration) and the diff gate side by side; the phases run alone add up to ${s(aloneSum)}`,
      bound: `2 cores for the CPU of every check at once; the longest: ${biggest}`,
    }),
  ];
  for (const check of m.sideBySide) {
    figures.push(
      figure({
        section,
        name: `side by side: ${check.name}`,
        value: check.ms / 1000,
        unit: 's',
        detail: check.exitCode === 0 ? 'passed, inside npm test' : `exited ${check.exitCode}, inside npm test`,
      }),
    );
  }
  if (m.npmTest.cpuMs !== undefined) {
    figures.push(
      figure({
        section,
        name: 'npm test CPU time',
        value: m.npmTest.cpuMs / 1000,
        unit: 's',
        detail: `user + sys of every process of npm test; over 2 cores at best ${s(m.npmTest.cpuMs / 2)} of wall time, the floor on a quiet machine`,
      }),
    );
  }
  for (const step of m.steps) {
    figures.push(
      figure({
        section,
        name: `alone: ${step.label}`,
        value: step.ms / 1000,
        unit: 's',
        detail: `${step.exitCode === 0 ? 'passed' : `exited ${step.exitCode}`}${cpuOf(step)}`,
      }),
    );
  }
  figures.push(
    figure({
      section,
      name: 'vitest setup: bundle every API',
      value: m.bundleSetupMs / 1000,
      unit: 's',
      detail: 'tests/setup/bundles.ts, both projects; timed alone',
    }),
    figure({
      section,
      name: 'vitest setup: start every Prism',
      value: m.mockSetupMs / 1000,
      unit: 's',
      detail: 'tests/setup/mocks.ts, integration project only, once per run; timed alone',
    }),
    figure({
      section,
      name: 'vitest setup: one Prism start-up',
      value: m.onePrismStartMs / 1000,
      unit: 's',
      detail: 'startMock of the first API, no other mock starting',
    }),
    figure({
      section,
      name: 'typecheck: tsgo speed-up over tsc',
      value: m.checkers.tscMs / m.checkers.tsgoMs,
      unit: 'x',
      detail: `tsc ${s(m.checkers.tscMs)} vs tsgo ${s(m.checkers.tsgoMs)} on the whole tree; ${m.checkers.sameDiagnostics ? 'same' : 'DIFFERENT'} output (${m.checkers.diagnosticLines} diagnostic lines)`,
    }),
  );
  for (const file of slowest.slice(0, 5)) {
    figures.push(
      figure({
        section,
        name: `vitest file: ${file.file}`,
        value: file.ms / 1000,
        unit: 's',
        detail: `${file.tests} tests, run time without import, inside npm test`,
      }),
    );
  }
  if (m.evidence) {
    figures.push(
      figure({
        section: 'test evidence',
        name: 'npm test, checks side by side vs one after another',
        value: mean(m.evidence.chainedMs) / mean(m.evidence.sideBySideMs),
        unit: 'x',
        detail: `side by side ${m.evidence.sideBySideMs.map(s).join(' and ')}; chained ${m.evidence.chainedMs.map(s).join(' and ')} (run A-B-B-A)`,
      }),
    );
  }
  return figures;
}
