/**
 * `npm run diff`: lists every change of each API's description between a base commit and the
 * working tree, classified breaking or not, and gates on `info.version` (breaking → major bump,
 * any other change → minor or patch bump).
 *
 *   npx tsx scripts/diff.ts [--api <name>] [--base <git-ref>] [--markdown <file>] [--if-base]
 *
 * --base      commit to compare with (default: merge-base of HEAD and main, else HEAD)
 * --markdown  also write the report as Markdown, for a pull-request comment
 * --if-base   when there is no base to compare with (unknown ref, no commit yet), pass quietly
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffApis, NoBaseError, renderMarkdown, renderTable } from './lib/diff/index.ts';
import { runCli, UserError } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { projectRoot, selectApis } from './lib/registry.ts';

const usage = 'usage: tsx scripts/diff.ts [--api <name>] [--base <git-ref>] [--markdown <file>] [--if-base]';

function options() {
  try {
    return parseArgs({
      options: {
        api: { type: 'string' },
        base: { type: 'string' },
        markdown: { type: 'string' },
        'if-base': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`);
  }
}

async function main(): Promise<number> {
  const args = options();
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (args.base !== undefined && args.base.trim() === '') {
    if (args['if-base']) {
      console.log('diff: no base ref given; skipped.');
      return 0;
    }
    throw new UserError('--base: expected a git ref, got an empty string');
  }
  const apis = selectApis(args.api);
  let outcome;
  try {
    outcome = await diffApis({ cwd: projectRoot, apis, base: args.base });
  } catch (error) {
    if (error instanceof NoBaseError && args['if-base']) {
      console.log(`diff: ${error.message}; skipped.`);
      return 0;
    }
    throw error;
  }
  const label = `${outcome.base.label} (${outcome.base.commit.slice(0, 12)})`;
  process.stdout.write(renderTable(outcome.results, label));
  if (args.markdown !== undefined) writeFileAtomic(resolve(args.markdown), renderMarkdown(outcome.results, label));
  return outcome.results.every((result) => result.verdict.ok) ? 0 : 1;
}

await runCli(main);
