/**
 * Issue 15.5: style profiles. The `x-external-style` block of redocly.yaml lowers to warnings every
 * rule the house configuration holds stricter than Redocly's `recommended`, so an external API is
 * linted by `recommended` with the house conventions as warnings. The registry takes a style per
 * entry (house by default) and refuses anything else by name; the contract suite demands the
 * conventions (a documented 401, a documented 422/400) only of house APIs.
 */
import { readFileSync } from 'node:fs';
import { createConfig, loadConfig } from '@redocly/openapi-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/lib/errors.ts';
import { registryFile } from '../../scripts/lib/registry.ts';
import { externalStyleKey, styleOf } from '../../scripts/lib/style-profile.ts';

type Rules = Record<string, unknown>;
const severity = (setting: unknown): string =>
  typeof setting === 'object' && setting !== null
    ? String((setting as { severity?: unknown }).severity ?? 'error')
    : String(setting ?? 'off');

describe('style profiles', () => {
  it('the external block lowers every rule the house holds stricter than recommended', async () => {
    // Built-in rules per spec version, configurable (`rule/…`) and plugin rules apart.
    const rulesOf = ({ resolvedConfig }: { resolvedConfig: { rules?: unknown; oas3_1Rules?: unknown } }): Rules => ({
      ...(resolvedConfig.rules as Rules),
      ...(resolvedConfig.oas3_1Rules as Rules),
    });
    const house = rulesOf(await loadConfig({ configPath: registryFile }));
    const recommended = rulesOf(await createConfig({ extends: ['recommended'] }));
    const stricter = Object.keys(house).filter((rule) => severity(house[rule]) === 'error' && severity(recommended[rule]) !== 'error');
    const block = (parse(readFileSync(registryFile, 'utf8')) as Record<string, Rules>)[externalStyleKey]!;
    expect(stricter.length).toBeGreaterThan(10);
    expect(Object.keys(block).sort()).toEqual(stricter.sort());
    expect(new Set(Object.values(block))).toEqual(new Set(['warn']));
  });

  it('is house by default, external when asked, and refuses anything else by name', () => {
    expect(styleOf('a@v1', {})).toBe('house');
    expect(styleOf('a@v1', { 'x-checkout-apis': { style: 'external' }, rules: {} })).toBe('external');
    expect(() => styleOf('a@v1', { 'x-checkout-apis': { style: 'loose' } })).toThrow(UserError);
    expect(() => styleOf('a@v1', { 'x-checkout-apis': { style: 'loose' } })).toThrow(
      /apis\.a@v1\.x-checkout-apis\.style: expected house or external, got "loose"/,
    );
    expect(() => styleOf('a@v1', { 'x-checkout-apis': { style: 'external' } })).toThrow(
      /apis\.a@v1\.rules: expected `rules: \*external-style`/,
    );
  });
});
