/**
 * `npm run typecheck` uses tsgo (the native TypeScript preview) in place of tsc; typescript 5.9
 * stays for openapi-typescript and as the reference. tsgo is held to reporting exactly what tsc
 * reports: on a file with one deliberate error of each kind the project's options catch, both fail
 * with the same diagnostics, and both pass the same file once it is fixed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';
import { parseDiagnostics, runChecker, writeProjectConfig, type Checker } from './support/typecheck.ts';

const scratch = mkdtempSync(join(tmpdir(), 'checkout-apis-checkers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const api = apis[0]!;
const clientModule = relative(scratch, api.clientFile).replace(/\.ts$/, '.js');

/** One error per line the project's strict options exist for, and a call of a path the client lacks. */
const broken = `import * as generated from '${clientModule}';
const factory: unknown = generated;
const list: number[] = [1];
export const first: number = list[0];
export const text: string = 42;
export function length(value: { name?: string }): number { return value.name.length; }
export function implicit(value) { return value; }
export const missing = (factory as { nope(): void }).nope() + qqNeverDeclared;
`;

const fixed = `import * as generated from '${clientModule}';
const factory: unknown = generated;
const list: number[] = [1];
export const first: number = list[0] ?? 0;
export const text: string = String(42);
export function length(value: { name?: string }): number { return value.name?.length ?? 0; }
export function implicit(value: unknown): unknown { return value; }
export const missing = typeof factory;
`;

/** Both checkers on one program of two files, the broken one and its fix (one compile each: seconds). */
function checkBoth(): Record<Checker, ReturnType<typeof runChecker>> {
  const files = [join(scratch, 'broken.ts'), join(scratch, 'fixed.ts')];
  writeFileSync(files[0]!, broken);
  writeFileSync(files[1]!, fixed);
  const config = writeProjectConfig(scratch, files);
  return { tsc: runChecker('tsc', config), tsgo: runChecker('tsgo', config) };
}

describe('tsgo against tsc', () => {
  const brokenFile = relative(projectRoot, join(scratch, 'broken.ts'));

  it('both fail a deliberate type error, with the same diagnostics, and pass its fix', () => {
    const { tsc, tsgo } = checkBoth();
    expect(tsc.exitCode).not.toBe(0);
    expect(tsgo.exitCode).not.toBe(0);
    // Every diagnostic is in the broken file, one per deliberate error; the fixed file has none.
    expect(tsc.diagnostics.map((line) => line.split(' ')[0]!.split(':')[0])).toEqual(Array(5).fill(brokenFile));
    expect(tsc.diagnostics.map((line) => line.split(' ')[1])).toEqual(['TS2322:', 'TS2322:', 'TS18048:', 'TS7006:', 'TS2304:']);
    expect(tsgo.diagnostics).toEqual(tsc.diagnostics);
  });

  it('reads the compact diagnostic format both print, continuation lines included', () => {
    const output = `x/a.ts(3,7): error TS2322: Type 'number | undefined' is not assignable to type 'number'.\n  Type 'undefined' is not assignable to type 'number'.\nx/b.ts(1,1): error TS2304: Cannot find name 'y'.\n`;
    expect(parseDiagnostics(output)).toEqual([
      `${relative(projectRoot, join(projectRoot, 'x/a.ts'))}:3:7 TS2322: Type 'number | undefined' is not assignable to type 'number'.\n  Type 'undefined' is not assignable to type 'number'.`,
      "x/b.ts:1:1 TS2304: Cannot find name 'y'.",
    ]);
  });
});
