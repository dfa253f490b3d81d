/**
 * `checkout-apis <command>`: the one command line of the project. Adding a command is one entry
 * here; its module exports `command` (lib/cli/command.ts) and is loaded only when it runs.
 */
import { runProgram, type CommandTable } from './lib/cli/run.ts';

export const commands: CommandTable = {
  generate: {
    summary: 'bundle every API and write its types and client to generated/ (--check: fail when stale)',
    load: async () => (await import('./generate.ts')).command,
  },
  mock: {
    summary: 'serve every API from its bundle with Prism, each on its registry port, until Ctrl-C',
    load: async () => (await import('./mock.ts')).command,
  },
  docs: { summary: 'write the offline reference docs to dist/docs/', load: async () => (await import('./docs.ts')).command },
  start: {
    summary: 'build everything, then serve the docs and every mock until Ctrl-C',
    load: async () => (await import('./start.ts')).command,
  },
  contract: {
    summary: 'run the contract suite against embedded mocks or a server (--base-url)',
    load: async () => (await import('./contract.ts')).command,
  },
  release: {
    summary: 'per package: version, change level since its last tag, CHANGELOG entry (--dry-run writes nothing)',
    load: async () => (await import('./release.ts')).command,
  },
  packages: {
    summary: 'build and pack every package into dist/packages/, refusing imports a tarball lacks',
    load: async () => (await import('./packages.ts')).command,
  },
  'check-refs': {
    summary: 'refuse refs outside an API folder, to hidden files or URLs, before lint',
    load: async () => (await import('./check-refs.ts')).command,
  },
  diff: {
    summary: 'breaking-change report between two specs, or every API against a base commit',
    load: async () => (await import('./diff.ts')).command,
  },
};

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(commands, argv);
}
