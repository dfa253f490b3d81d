/**
 * `npm run bench`: measures the build, the mocks, the clients, codegen at scale and the test suite
 * against the project's performance budget; prints one table and writes bench/results.json
 * (`--help` lists the flags).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleApis, type BuiltApi } from '../scripts/lib/bundle.ts';
import { defineCommand } from '../scripts/lib/cli/command.ts';
import { exitCodes } from '../scripts/lib/cli/exit-codes.ts';
import { runCommand, runMain } from '../scripts/lib/cli/run.ts';
import { UserError } from '../scripts/lib/errors.ts';
import { writeFileAtomic } from '../scripts/lib/fs-atomic.ts';
import { loadRegistry, projectRoot, type ApiEntry } from '../scripts/lib/registry.ts';
import { buildFigures, measureBuild, measureOneProcessBuild } from './build.ts';
import { clientFigures, defaultClientPlan, measureClient, openapiFetchSize } from './client.ts';
import { diffFigures, measureDiff } from './diff.ts';
import { figure, type Figure } from './lib/figures.ts';
import { currentLoad, describeMachine } from './lib/machine.ts';
import { renderTable } from './lib/table.ts';
import {
  defaultMockPlan,
  measureMock,
  measureTuning,
  mockFigures,
  projectDefaults,
  tuningFigures,
  tuningVariants,
  writeBundles,
} from './mock.ts';
import { measureScale, scaleFigures } from './scale.ts';
import { measureTestSuite, testSuiteFigures } from './test-suite.ts';

const parts = ['build', 'scale', 'diff', 'client', 'mock', 'test'] as const;
type Part = (typeof parts)[number];

interface Context {
  readonly apis: ApiEntry[];
  readonly built: BuiltApi[];
  readonly workDir: string;
  readonly tunePrism: boolean;
  readonly evidence: boolean;
}

/** Each part returns its figures and the raw measurements kept in results.json. */
const runners: Record<Part, (context: Context) => Promise<{ figures: Figure[]; data: unknown }>> = {
  async build({ apis, workDir, evidence }) {
    const steps = await measureBuild(apis, workDir);
    const oneProcess = evidence ? await measureOneProcessBuild() : undefined;
    // Command output can hold machine paths; results.json keeps label, time and exit code.
    const data = steps.map((step) => ({
      ...step,
      project: step.project.map(({ label, ms, exitCode }) => ({ label, ms, exitCode })),
      naive: step.naive.map(({ label, ms, exitCode }) => ({ label, ms, exitCode })),
    }));
    return { figures: buildFigures(steps, oneProcess), data: { steps: data, ...(oneProcess ? { oneProcessBuild: oneProcess } : {}) } };
  },
  async scale({ workDir }) {
    const dir = join(workDir, 'scale');
    mkdirSync(dir, { recursive: true });
    const measurement = await measureScale(dir, 500, 3);
    return { figures: scaleFigures(measurement), data: measurement };
  },
  async diff({ workDir }) {
    const measurement = await measureDiff(join(workDir, 'diff'), 3);
    return { figures: diffFigures(measurement), data: measurement };
  },
  async client({ built }) {
    const runtime = await openapiFetchSize(projectRoot);
    const measurements = [];
    for (const entry of built) measurements.push(await measureClient(entry, defaultClientPlan));
    return {
      figures: measurements.flatMap((m) => clientFigures(m, runtime.gzipBytes)),
      data: { openapiFetchAlone: runtime, clients: measurements },
    };
  },
  async mock({ built, workDir, tunePrism }) {
    const started = performance.now();
    const files = writeBundles(built, workDir);
    const measurements = [];
    for (const entry of built)
      measurements.push(await measureMock(entry, files.get(entry.api.name)!, projectDefaults, defaultMockPlan, workDir));
    const figures = measurements.flatMap(mockFigures);
    // The budgeted mock part alone, without the optional tuning: it is meant to stay near 2.5 min.
    const data: Record<string, unknown> = {
      plan: defaultMockPlan,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      measurements,
    };
    if (tunePrism && built[0]) {
      const tuningPlan = { rounds: 5, roundSeconds: 2, warmupSeconds: 1, plainSeconds: 0 };
      const tuningStarted = performance.now();
      const tuning = await measureTuning(built[0], files.get(built[0].api.name)!, tuningVariants, tuningPlan);
      data.tuning = { plan: tuningPlan, seconds: Math.round((performance.now() - tuningStarted) / 100) / 10, measurements: tuning };
      figures.push(...tuningFigures(built[0].api.name, tuning));
    }
    return { figures, data };
  },
  async test({ apis, workDir, evidence }) {
    const measurement = await measureTestSuite(apis, workDir, evidence);
    const strip = ({ label, ms, exitCode, cpuMs }: { label: string; ms: number; exitCode: number; cpuMs?: number }) => ({
      label,
      ms,
      exitCode,
      ...(cpuMs === undefined ? {} : { cpuMs }),
    });
    return {
      figures: testSuiteFigures(measurement),
      data: { ...measurement, npmTest: strip(measurement.npmTest), steps: measurement.steps.map(strip) },
    };
  },
};

function chosenParts(only: string | undefined): Part[] {
  if (only === undefined) return [...parts];
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(parts as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new UserError(`--only ${only}: expected a comma-separated list of ${parts.join(', ')}; unknown: ${unknown.join(', ')}`);
  return parts.filter((part) => names.includes(part));
}

const command = defineCommand({
  name: 'bench',
  program: 'npm run bench --',
  flags: {
    only: { type: 'string', value: parts.join(','), description: 'run some parts (results go to bench/.work/, not results.json)' },
    'tune-prism': { type: 'boolean', description: 'also compare Prism settings on the first API' },
    evidence: { type: 'boolean', description: 'also run the experiments behind the build and test-suite proposals' },
    strict: { type: 'boolean', description: 'exit 1 when a figure misses its budget' },
  },
  run: bench,
});

async function bench(values: { only: string | undefined; 'tune-prism': boolean; evidence: boolean; strict: boolean }): Promise<number> {
  const selected = chosenParts(values.only);
  const started = performance.now();
  const machine = describeMachine();
  const workDir = join(projectRoot, 'bench', '.work');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const apis = loadRegistry();
  const context: Context = { apis, built: await bundleApis(apis), workDir, tunePrism: values['tune-prism'], evidence: values.evidence };

  const figures: Figure[] = [];
  const data: Record<string, unknown> = {};
  // Other work on the machine skews figures: each part's time and the load around it go on record.
  const partRuns: Record<string, { seconds: number; loadAverage: { start: number; end: number } }> = {};
  let failedParts = 0;
  for (const part of selected) {
    const partStarted = performance.now();
    const loadAtStart = currentLoad();
    console.error(`bench: ${part}…`);
    try {
      const result = await runners[part](context);
      figures.push(...result.figures);
      data[part] = result.data;
    } catch (error) {
      failedParts += 1;
      const message = error instanceof Error ? error.message : String(error);
      figures.push(
        figure({
          section: part,
          name: 'part failed',
          value: null,
          unit: '',
          detail: message.replaceAll(`${projectRoot}/`, '').split('\n')[0]!,
        }),
      );
      data[part] = { error: message.replaceAll(`${projectRoot}/`, '') };
    }
    partRuns[part] = {
      seconds: Math.round((performance.now() - partStarted) / 100) / 10,
      loadAverage: { start: loadAtStart, end: currentLoad() },
    };
    console.error(`bench: ${part} took ${partRuns[part].seconds} s (load average ${loadAtStart} → ${partRuns[part].loadAverage.end})`);
  }

  const wallTimeSeconds = Math.round((performance.now() - started) / 100) / 10;
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { ...machine, loadAverage: { ...machine.loadAverage, end: currentLoad() } },
    parts: partRuns,
    wallTimeSeconds,
    figures,
    measurements: data,
  };
  const full = selected.length === parts.length;
  const resultsFile = full ? join(projectRoot, 'bench', 'results.json') : join(workDir, 'results.partial.json');
  writeFileAtomic(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

  console.log(renderTable(figures));
  console.log(
    `\nMachine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAverage.start} → ${results.machine.loadAverage.end}.`,
  );
  console.log(`Bench wall time: ${wallTimeSeconds} s. Results: ${full ? 'bench/results.json' : 'bench/.work/results.partial.json'}.`);
  const misses = figures.filter((f) => f.status === 'MISS').length;
  if (failedParts > 0) return exitCodes.internal;
  return values.strict && misses > 0 ? exitCodes.finding : exitCodes.ok;
}

await runMain(() => runCommand(command, process.argv.slice(2)));
