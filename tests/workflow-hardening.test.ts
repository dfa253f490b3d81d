/**
 * Issue 13, item 7: the CI workflows run third-party actions pinned to a commit (a tag can be
 * moved to other code), and checkout leaves no credential in .git/config for later steps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { projectRoot } from '../scripts/lib/registry.ts';

const workflowsDir = join(projectRoot, '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

function stepsOf(file: string): Step[] {
  const workflow = parseDocument(readFileSync(join(workflowsDir, file), 'utf8')).toJS() as { jobs?: Record<string, { steps?: Step[] }> };
  return Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

describe('GitHub Actions workflows', () => {
  it('exist', () => {
    expect(workflows.length).toBeGreaterThan(0);
  });

  it.each(workflows)('%s pins every action by commit SHA and names its tag in a comment', (file) => {
    const lines = readFileSync(join(workflowsDir, file), 'utf8').split('\n');
    const uses = lines.filter((line) => /^\s*-?\s*uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      expect(line, `${file}: ${line.trim()}`).toMatch(/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+){0,2}\s*$/);
    }
  });

  it.each(workflows)('%s checks out without persisting credentials', (file) => {
    for (const step of stepsOf(file).filter((candidate) => candidate.uses?.startsWith('actions/checkout@'))) {
      expect(step.with?.['persist-credentials'], `${file}: ${step.uses}`).toBe(false);
    }
  });
});
