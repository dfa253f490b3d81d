/**
 * `checkout-apis diff`: every change between two versions of an API description, each with a rule
 * id, a level (breaking, warning, info) and its place in the source: two specs given as arguments,
 * or every registered API against a base commit with the info.version gate, or `--rules`.
 * Exit codes: 0 nothing breaking (the gate passes), 1 breaking (the gate fails), 2 usage or input
 * error, printed as one line naming the file and the reason.
 */
import { resolve } from 'node:path';
import {
  diffApis,
  diffSpecs,
  formats,
  levelOf,
  loadArgument,
  loadOverrides,
  NoBaseError,
  render,
  renderMarkdown,
  renderRules,
  renderRulesMarkdown,
  type Format,
  type LevelOverrides,
  type Report,
} from './lib/diff/index.ts';
import { defineCommand, type FlagValues } from './lib/cli/command.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { UserError } from './lib/errors.ts';
import { isMain } from './lib/processes.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { configuredApis, projectRoot, registryFile } from './lib/registry.ts';

const flags = {
  api: { type: 'string', value: '<name>', description: 'registry mode: one API of the registry (default: every API)' },
  base: {
    type: 'string',
    value: '<git-ref>',
    description: 'registry mode: the commit to compare the working tree with (default: where HEAD branched from main)',
  },
  markdown: { type: 'string', value: '<file>', description: 'also write the Markdown report to a file' },
  format: { type: 'string', value: 'text|markdown|json|changelog', default: 'text', description: 'what to print' },
  rules: { type: 'boolean', description: 'print every rule with its level and description, and exit' },
  'fail-on-warning': { type: 'boolean', description: 'warnings fail too' },
  'if-base': { type: 'boolean', description: 'registry mode: when no default base exists (no main, no commit), pass quietly' },
} as const;

type DiffValues = FlagValues<typeof flags>;

async function run(args: DiffValues, positionals: readonly string[], overrides: () => LevelOverrides): Promise<number> {
  if (args.rules) {
    const levels = overrides();
    if (args.format !== 'text' && args.format !== 'markdown')
      throw new UserError(`--rules --format ${args.format}: expected text or markdown`);
    process.stdout.write((args.format === 'markdown' ? renderRulesMarkdown : renderRules)((id) => levelOf(id, levels)));
    return 0;
  }
  if (!(formats as readonly string[]).includes(args.format))
    throw new UserError(`--format ${args.format}: expected one of ${formats.join(', ')}`);
  const format = args.format as Format;
  const failOnWarning = args['fail-on-warning'];
  let report: Report;
  if (positionals.length > 0) {
    if (positionals.length !== 2) throw new UserError(`expected two specs, <base> and <head>, got ${positionals.length}`);
    if (args.api !== undefined || args.base !== undefined || args['if-base'])
      throw new UserError('--api, --base and --if-base belong to the registry mode, not to <base> <head>');
    const [base, head] = await Promise.all(positionals.map((argument) => loadArgument(argument)));
    const result = diffSpecs(base!, head!, { overrides: overrides(), failOnWarning });
    report = { baseLabel: base!.name, results: [result], ok: result.verdict.ok };
  } else {
    if (args.base !== undefined && args.base.trim() === '') throw new UserError('--base: expected a git ref, got an empty string');
    const apis = await configuredApis(args.api);
    let outcome: Awaited<ReturnType<typeof diffApis>>;
    try {
      outcome = await diffApis({ cwd: projectRoot, apis, base: args.base, overrides: overrides(), failOnWarning });
    } catch (error) {
      // --if-base covers a missing default base only: a --base the user named must exist.
      if (error instanceof NoBaseError && args['if-base'] && args.base === undefined) {
        console.log(`diff: ${error.message}; skipped.`);
        return 0;
      }
      throw error;
    }
    const label = `${outcome.base.label} (${outcome.base.commit.slice(0, 12)})`;
    report = { baseLabel: label, results: outcome.results, ok: outcome.results.every((result) => result.verdict.ok) };
  }
  process.stdout.write(render(format, report));
  if (args.markdown !== undefined) writeFileAtomic(resolve(args.markdown), renderMarkdown(report));
  return report.ok ? 0 : 1;
}

export function diffCommand(overrides: () => LevelOverrides = () => loadOverrides(registryFile)) {
  return defineCommand({
    name: 'diff',
    flags,
    positionals: { synopsis: '[<base> <head>]', min: 0, max: Number.POSITIVE_INFINITY },
    notes: `<base>/<head>: a spec file, or <git-ref>:<path>. Without them, every registered API (or --api) is compared
with --base and its info.version gated: a breaking change needs a major bump, any other a minor or patch.`,
    run: (values, positionals) => run(values, positionals, overrides),
  });
}

export const command = diffCommand();

/** Runs the command; a usage or input error prints one line (no stack) and gives exit code 2. */
export function main(argv: string[], overrides?: () => LevelOverrides): Promise<number> {
  return runCommand(diffCommand(overrides), argv);
}

if (isMain(import.meta.url)) await runMain(() => main(process.argv.slice(2)));
