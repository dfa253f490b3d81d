/**
 * `npm run diff`: every change between two versions of an API description, each with a rule id,
 * a level (breaking, warning, info) and its place in the source.
 *
 *   npm run diff -- <base> <head>         two specs: files, or <git-ref>:<path>
 *   npm run diff -- [--api <name>] [--base <git-ref>] [--if-base]
 *                                          every registered API, working tree against a base
 *                                          commit, with the info.version gate
 *   npm run diff -- --rules               every rule with its level and description
 *
 * --format text|markdown|json|changelog   what to print (default text)
 * --markdown <file>                       also write the Markdown report to a file
 * --fail-on-warning                       warnings fail too
 * --if-base                               when no default base exists (no main, no commit), pass quietly
 *
 * Exit codes: 0 nothing breaking (the gate passes), 1 breaking (the gate fails), 2 usage or input
 * error, printed as one line naming the file and the reason.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
import { UserError } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { projectRoot, registryFile, selectApis } from './lib/registry.ts';

const usage = `usage: npm run diff -- <base> <head> [--format text|markdown|json|changelog] [--fail-on-warning]
       npm run diff -- [--api <name>] [--base <git-ref>] [--markdown <file>] [--if-base] [--format …] [--fail-on-warning]
       npm run diff -- --rules
<base>/<head>: a spec file, or <git-ref>:<path>`;

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        api: { type: 'string' },
        base: { type: 'string' },
        markdown: { type: 'string' },
        format: { type: 'string', default: 'text' },
        rules: { type: 'boolean', default: false },
        'fail-on-warning': { type: 'boolean', default: false },
        'if-base': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`);
  }
}

async function run(argv: string[], overrides: () => LevelOverrides): Promise<number> {
  const { values: args, positionals } = options(argv);
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (args.rules) {
    const levels = overrides();
    if (args.format !== 'text' && args.format !== 'markdown') throw new UserError(`--rules --format ${args.format}: expected text or markdown`);
    process.stdout.write((args.format === 'markdown' ? renderRulesMarkdown : renderRules)((id) => levelOf(id, levels)));
    return 0;
  }
  if (!(formats as readonly string[]).includes(args.format)) throw new UserError(`--format ${args.format}: expected one of ${formats.join(', ')}`);
  const format = args.format as Format;
  const failOnWarning = args['fail-on-warning'];
  let report: Report;
  if (positionals.length > 0) {
    if (positionals.length !== 2) throw new UserError(`expected two specs, <base> and <head>, got ${positionals.length}\n${usage}`);
    if (args.api !== undefined || args.base !== undefined || args['if-base']) throw new UserError('--api, --base and --if-base belong to the registry mode, not to <base> <head>');
    const [base, head] = await Promise.all(positionals.map((argument) => loadArgument(argument)));
    const result = diffSpecs(base!, head!, { overrides: overrides(), failOnWarning });
    report = { baseLabel: base!.name, results: [result], ok: result.verdict.ok };
  } else {
    if (args.base !== undefined && args.base.trim() === '') throw new UserError('--base: expected a git ref, got an empty string');
    const apis = selectApis(args.api);
    let outcome;
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

/** Runs the CLI; a usage or input error prints one line (no stack) and gives exit code 2. */
export async function main(argv: string[], overrides: () => LevelOverrides = () => loadOverrides(registryFile)): Promise<number> {
  try {
    return await run(argv, overrides);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof UserError || (error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      console.error(`diff: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scripts/diff.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
