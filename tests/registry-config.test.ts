/**
 * Issue 11: redocly.yaml read through openapi-core's `loadConfig` gives the same registry as the
 * synchronous reader every script starts with, and a broken config fails with the file named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../scripts/lib/errors.ts';
import { loadRegistry, loadRegistryConfig, parseRegistry } from '../scripts/lib/registry.ts';

let bomb = 'x-l0: &l0 [a, a, a, a, a, a, a, a, a]\n';
for (let level = 1; level <= 8; level += 1)
  bomb += `x-l${level}: &l${level} [${Array(9)
    .fill(`*l${level - 1}`)
    .join(', ')}]\n`;

describe('registry through loadConfig', () => {
  it('agrees with loadRegistry entry by entry', async () => {
    expect(await loadRegistryConfig()).toEqual(loadRegistry());
  });

  it('refuses a config whose aliases explode, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-config-'));
    try {
      expect(() => parseRegistry(`${bomb}apis: {}\n`, dir)).toThrow(/redocly\.yaml: YAML aliases expand/);
      const file = join(dir, 'redocly.yaml');
      writeFileSync(file, `${bomb}apis: {}\n`);
      const failure = loadRegistryConfig(file);
      await expect(failure).rejects.toThrow(UserError);
      await expect(failure).rejects.toThrow(/redocly\.yaml: YAML aliases expand/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
