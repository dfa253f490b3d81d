/**
 * The checker end to end against a throwaway git repository: a tiny two-file spec committed on
 * main, then edited in the working tree and on a branch.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffApis, NoBaseError, renderMarkdown, renderTable } from '../../scripts/lib/diff/index.ts';

const root = (version: string) => `openapi: 3.1.0
info:
  title: Shop
  version: ${version}
security:
  - Key: []
paths:
  /v1/orders/{orderId}:
    get:
      operationId: orders_get
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: The order.
          content:
            application/json:
              schema:
                $ref: components/schemas/Order.yaml
        '404':
          description: No such order.
components:
  securitySchemes:
    Key:
      type: apiKey
      in: header
      name: x-key
`;

const order = (withStatus: boolean) => `type: object
required: [id]
properties:
  id:
    type: string
${withStatus ? '  status:\n    type: string\n    enum: [open, paid]\n' : ''}`;

let repo: string;

function git(...args: string[]): void {
  execFileSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { stdio: 'pipe' });
}

function write(path: string, text: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

const shop = () => ({ name: 'shop', root: join(repo, 'openapi/shop/openapi.yaml') });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'checkout-apis-diff-test-'));
  git('init', '--quiet', '--initial-branch=main');
  write('openapi/shop/openapi.yaml', root('1.0.0'));
  write('openapi/shop/components/schemas/Order.yaml', order(true));
  git('add', '.');
  git('commit', '--quiet', '-m', 'shop 1.0.0');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('diff against a git repository', () => {
  it('on main with a clean tree: compares with HEAD and finds nothing', async () => {
    const { base, results } = await diffApis({ cwd: repo, apis: [shop()] });
    expect(base.label).toBe('HEAD');
    expect(results[0]).toMatchObject({ status: 'compared', baseVersion: '1.0.0', headVersion: '1.0.0', changes: [] });
    expect(results[0]?.verdict.ok).toBe(true);
  });

  it('a response field removed in the working tree fails without a major bump and passes with one', async () => {
    write('openapi/shop/components/schemas/Order.yaml', order(false));
    const failing = await diffApis({ cwd: repo, apis: [shop()] });
    const result = failing.results[0]!;
    expect(result.changes).toEqual([
      {
        kind: 'property-removed',
        breaking: true,
        where: 'GET /v1/orders/{orderId} → 200 application/json → /properties/status',
        what: 'property status removed',
      },
    ]);
    expect(result.verdict).toMatchObject({ ok: false, needed: 'major' });
    expect(result.verdict.message).toContain('shop: 1 breaking change(s) need a major bump of info.version: 1.0.0 → 1.0.0, expected 2.0.0');
    expect(renderTable(failing.results, 'HEAD')).toMatch(/shop\s+property-removed\s+BREAKING/);
    expect(renderMarkdown(failing.results, 'HEAD')).toContain('| property-removed | **breaking** | `GET /v1/orders/{orderId} → 200 application/json → /properties/status` |');

    write('openapi/shop/openapi.yaml', root('2.0.0'));
    const passing = await diffApis({ cwd: repo, apis: [shop()] });
    expect(passing.results[0]?.verdict.ok).toBe(true);
  });

  it('on a branch: compares with the merge-base of HEAD and main, and a new API is not breaking', async () => {
    git('checkout', '--quiet', '-b', 'feature');
    git('commit', '--quiet', '-am', 'shop 2.0.0');
    write('openapi/other/openapi.yaml', root('0.1.0'));
    write('openapi/other/components/schemas/Order.yaml', order(true));
    const other = { name: 'other', root: join(repo, 'openapi/other/openapi.yaml') };
    const { base, results } = await diffApis({ cwd: repo, apis: [shop(), other] });
    expect(base.label).toBe('merge-base of HEAD and main');
    expect(results.map((r) => [r.api, r.status, r.verdict.ok])).toEqual([
      ['shop', 'compared', true],
      ['other', 'new', true],
    ]);
  });

  it('an unknown base ref is a clear error', async () => {
    await expect(diffApis({ cwd: repo, apis: [shop()], base: 'no-such-ref' })).rejects.toThrow(NoBaseError);
    await expect(diffApis({ cwd: repo, apis: [shop()], base: 'no-such-ref' })).rejects.toThrow('--base no-such-ref: not a commit');
  });
});
