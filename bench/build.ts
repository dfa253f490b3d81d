/**
 * Part 1: the full build, step by step, the project's way (one lint for every API, one process for
 * bundles + types + clients, one docs step) beside the naive way (each tool's CLI once per API,
 * writing into a scratch dir).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiEntry } from '../scripts/lib/registry.ts';
import { bin, runCommand, tail, type CommandRun } from './lib/commands.ts';
import { atLeast, figure, type Figure } from './lib/figures.ts';

export interface BuildStep {
  readonly step: string;
  readonly project: CommandRun[];
  readonly naive: CommandRun[];
  /** Why the step could not be compared, when it could not. */
  readonly missing?: string;
}

/** The project's commands run as npm scripts run them: through the bin. */
const checkoutApis = 'scripts/checkout-apis.js';

const sum = (runs: readonly CommandRun[]): number => runs.reduce((total, run) => total + run.ms, 0);

/** `generate --check` renders exactly what `generate` does but writes only dist/, so the bench leaves generated/ alone. */
function generateFinished(run: CommandRun): boolean {
  return run.exitCode === 0 || (run.exitCode === 1 && run.output.includes('generated files differ'));
}

async function sequence(commands: ReadonlyArray<readonly [string, string[], string?]>): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  for (const [command, args, cwd] of commands) runs.push(await runCommand(command, args, cwd ? { cwd } : {}));
  return runs;
}

/** The one-process build experiment (bench/experiments/one-process-build.ts), run as its own process. */
export interface OneProcessBuild {
  readonly run: { label: string; ms: number; exitCode: number };
  readonly phases?: { importMs: number; lintMs: number; generateMs: number; docsMs: number; lintErrors: number; outputs: number };
}

export async function measureOneProcessBuild(): Promise<OneProcessBuild> {
  const run = await runCommand(bin('tsx'), ['bench/experiments/one-process-build.ts']);
  const last = run.output.trim().split('\n').at(-1) ?? '';
  const summary = { label: run.label, ms: run.ms, exitCode: run.exitCode };
  return run.exitCode === 0 && last.startsWith('{')
    ? { run: summary, phases: JSON.parse(last) as OneProcessBuild['phases'] }
    : { run: summary };
}

export async function measureBuild(apis: readonly ApiEntry[], workDir: string): Promise<BuildStep[]> {
  const naiveDir = join(workDir, 'naive-build');
  mkdirSync(join(naiveDir, 'docs'), { recursive: true });
  const redocly = bin('redocly');
  const out = (api: ApiEntry, file: string) => join(naiveDir, api.name, file);
  for (const api of apis) mkdirSync(join(naiveDir, api.name), { recursive: true });

  const steps: BuildStep[] = [];
  steps.push({
    step: 'lint',
    project: await sequence([[redocly, ['lint']]]),
    naive: await sequence(apis.map((api) => [redocly, ['lint', api.id]] as const)),
  });
  steps.push({
    step: 'bundle + types + clients',
    project: await sequence([['node', [checkoutApis, 'generate', '--check']]]),
    naive: await sequence(
      apis.flatMap((api) => [
        [redocly, ['bundle', api.id, '-o', out(api, 'openapi.yaml')]] as const,
        [redocly, ['bundle', api.id, '--ext', 'json', '-o', out(api, 'openapi.json')]] as const,
        // Run from the scratch dir: from the project root the CLI would pick up redocly.yaml's lint rules too.
        [bin('openapi-typescript'), [out(api, 'openapi.json'), '-o', out(api, 'schema.d.ts')], naiveDir] as const,
      ]),
    ),
  });
  steps.push({
    step: 'docs',
    project: await sequence([['node', [checkoutApis, 'docs']]]),
    naive: await sequence(apis.map((api) => [redocly, ['build-docs', api.id, '-o', join(naiveDir, 'docs', `${api.name}.html`)]] as const)),
  });
  return steps.map((step) => {
    const failed = [...step.project, ...step.naive].find((run) =>
      run.label.includes(' generate ') ? !generateFinished(run) : run.exitCode !== 0,
    );
    return failed && !step.missing ? { ...step, missing: `\`${failed.label}\` exited ${failed.exitCode}: ${tail(failed, 3)}` } : step;
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function buildFigures(steps: readonly BuildStep[], oneProcess?: OneProcessBuild): Figure[] {
  const budget = atLeast(3, '≥ 3× faster');
  const figures = steps.map((step) => {
    const project = sum(step.project);
    const naive = sum(step.naive);
    const commands = `project ${seconds(project)} (${step.project.length} command${step.project.length === 1 ? '' : 's'}) vs naive ${seconds(naive)} (${step.naive.length} commands)`;
    return figure({
      section: 'build',
      name: `${step.step} speed-up`,
      value: step.missing ? null : naive / project,
      unit: 'x',
      budget,
      detail: step.missing ? `not measured: ${step.missing}` : commands,
    });
  });
  const measured = steps.filter((step) => !step.missing);
  const project = measured.reduce((total, step) => total + sum(step.project), 0);
  const naive = measured.reduce((total, step) => total + sum(step.naive), 0);
  const left = steps.filter((step) => step.missing).map((step) => step.step);
  figures.push(
    figure({
      section: 'build',
      name: 'full build speed-up',
      value: measured.length === 0 ? null : naive / project,
      unit: 'x',
      budget,
      detail: `project ${seconds(project)} vs naive ${seconds(naive)}${left.length ? ` (without ${left.join(', ')}: not measured)` : ''}`,
    }),
  );
  if (oneProcess) {
    const { run, phases } = oneProcess;
    figures.push(
      figure({
        section: 'build evidence',
        name: 'lint + generate + docs in one process',
        value: phases ? naive / run.ms : null,
        unit: 'x',
        detail: phases
          ? `${seconds(run.ms)} vs naive ${seconds(naive)} and the project's three commands ${seconds(project)}: imports ${seconds(phases.importMs)}, lint ${seconds(phases.lintMs)} (${phases.lintErrors} errors), bundles+types+clients ${seconds(phases.generateMs)}, docs ${seconds(phases.docsMs)} from the same bundles`
          : `the experiment exited ${run.exitCode}`,
      }),
    );
  }
  return figures;
}
