/**
 * The drift gate: generated/ holds exactly what the specs produce now, and a hand edit to a
 * generated file is caught and reported with the command that fixes it.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driftReport, renderOutputs, staleOutputs } from '../scripts/lib/build-outputs.ts';
import { bundleApis } from '../scripts/lib/bundle.ts';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';

const outputs = await renderOutputs(await bundleApis(apis));
const scratch = mkdtempSync(join(tmpdir(), 'checkout-apis-drift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('drift gate', () => {
  it('finds generated/ current: every committed output matches the specs', () => {
    expect(outputs.filter((output) => output.committed).length).toBeGreaterThanOrEqual(apis.length * 2);
    const stale = staleOutputs(outputs);
    expect(stale.length, stale.length > 0 ? driftReport(stale, projectRoot) : '').toBe(0);
  });

  it.each(outputs.filter((output) => output.committed).map((output) => [relative(projectRoot, output.path), output] as const))(
    'catches a hand edit to %s and names the fix',
    (name, output) => {
      const copy = join(scratch, name.replaceAll('/', '__'));
      copyFileSync(output.path, copy);
      writeFileSync(copy, readFileSync(copy, 'utf8').replace(/\n/, '\n// hand edit\n'));
      const moved = outputs.map((candidate) => (candidate === output ? { ...candidate, path: copy } : candidate));
      const stale = staleOutputs(moved);
      expect(stale.map((entry) => entry.path)).toEqual([copy]);
      const report = driftReport(stale, scratch);
      expect(report).toContain(name.replaceAll('/', '__'));
      expect(report).toContain('npm run generate');
    },
  );
});
