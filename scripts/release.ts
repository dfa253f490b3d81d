/**
 * `npm run release -- --dry-run`: per package, its version, the change level against its last
 * release tag (`<folder>-v<version>`) and the CHANGELOG.md entry the release adds. Without
 * --dry-run it also prepends those entries to generated/<folder>/CHANGELOG.md and prints the tags
 * to push; pushing a tag is what publishes (.github/workflows/release.yml).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { UserError } from './lib/errors.ts';
import { isMain } from './lib/processes.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { assertNoProblems, planReleases } from './lib/release/plan.ts';
import { configuredApis, projectRoot } from './lib/registry.ts';

export const command = defineCommand({
  name: 'release',
  flags: {
    'dry-run': { type: 'boolean', description: 'print versions, change levels and changelog entries; write nothing' },
    date: { type: 'string', value: '<YYYY-MM-DD>', description: 'the date the changelog entries carry (default: today)' },
  },
  async run(values) {
    const date = values.date ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UserError(`--date: expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
    const { releases, problems } = await planReleases(projectRoot, await configuredApis(), date);
    for (const release of releases) {
      const since = release.lastTag ? `since ${release.lastTag}` : 'no release tag yet';
      console.log(
        `${release.name} ${release.version}: ${release.unchanged ? 'already released' : `change level ${release.changes.level}`} (${since})`,
      );
      if (!release.unchanged) console.log(`  CHANGELOG.md entry:\n${release.changelogEntry.replace(/^(?=.)/gm, '    ')}`);
    }
    assertNoProblems(problems);
    if (values['dry-run']) return exitCodes.ok;
    const toRelease = releases.filter((release) => !release.unchanged);
    for (const release of toRelease) {
      const file = join(release.dir, 'CHANGELOG.md');
      const previous = existsSync(file) ? readFileSync(file, 'utf8').replace(/^# Changelog\n+/, '') : '';
      writeFileAtomic(file, `# Changelog\n\n${release.changelogEntry}\n${previous}`);
      console.log(`wrote ${relative(projectRoot, file)}`);
    }
    if (toRelease.length > 0)
      console.log(
        `commit the changelogs, then: git tag ${toRelease.map((release) => release.tag).join(' && git tag ')} && git push --tags`,
      );
    return exitCodes.ok;
  },
});

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
