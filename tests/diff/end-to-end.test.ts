/**
 * The checker against a throwaway git repository: a two-file spec committed on main, then edited
 * in the working tree and on a branch; `<git-ref>:<path>` inputs; explicit and default bases.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/diff.ts';
import { diffApis, diffSpecs, loadArgument, NoBaseError, renderMarkdown, renderText } from '../../scripts/lib/diff/index.ts';

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
required: [id${withStatus ? ', status' : ''}]
properties:
  id:
    type: string
${withStatus ? '  status:\n    type: string\n    enum: [open, paid]\n' : ''}`;

let repo: string;

function git(...args: string[]): void {
  execFileSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    stdio: 'pipe',
  });
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
  git('tag', 'v1');
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

  it('a required response field removed in the working tree fails without a major bump and passes with one', async () => {
    write('openapi/shop/components/schemas/Order.yaml', order(false));
    const failing = await diffApis({ cwd: repo, apis: [shop()] });
    const result = failing.results[0]!;
    expect(result.changes).toEqual([
      {
        id: 'response-required-property-removed',
        level: 'breaking',
        location: {
          operation: 'GET /v1/orders/{orderId}',
          pointer: '/paths/~1v1~1orders~1{orderId}/get/responses/200/content/application~1json/schema/properties/status',
          side: 'base',
          source: expect.stringMatching(/:openapi\/shop\/components\/schemas\/Order\.yaml:6$/),
        },
        message: 'required property status removed',
      },
    ]);
    expect(result.verdict).toMatchObject({ ok: false, needed: 'major' });
    const report = { baseLabel: 'HEAD', results: failing.results, ok: false };
    expect(renderText(report)).toContain('breaking  response-required-property-removed  GET /v1/orders/{orderId}');
    expect(renderMarkdown(report)).toContain('❌ The gate fails for shop.');

    write('openapi/shop/openapi.yaml', root('2.0.0'));
    const passing = await diffApis({ cwd: repo, apis: [shop()] });
    expect(passing.results[0]?.verdict.ok).toBe(true);
  });

  it('an explicit --base (a tag) is accepted and used', async () => {
    const { base, results } = await diffApis({ cwd: repo, apis: [shop()], base: 'v1' });
    expect(base.label).toBe('v1');
    expect(results[0]?.changes.map((change) => change.location.source)).toEqual([
      expect.stringMatching(/^v1:openapi\/shop\/components\/schemas\/Order\.yaml:6$/),
    ]);
  });

  it('<git-ref>:<path> inputs compare a commit with the working tree', async () => {
    const base = await loadArgument('main:openapi/shop/openapi.yaml', repo);
    const head = await loadArgument('openapi/shop/openapi.yaml', repo);
    expect(base.name).toBe('main:openapi/shop/openapi.yaml');
    const result = diffSpecs(base, head);
    expect(result.changes.map((change) => change.id)).toEqual(['response-required-property-removed']);
    expect(result.verdict.ok).toBe(false);
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

  it('a repository without commits has no default base: the error --if-base turns into a skip', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'checkout-apis-diff-empty-'));
    try {
      execFileSync('git', ['-C', empty, 'init', '--quiet'], { stdio: 'pipe' });
      await expect(diffApis({ cwd: empty, apis: [] })).rejects.toThrow(NoBaseError);
      await expect(diffApis({ cwd: empty, apis: [] })).rejects.toThrow('the repository has no commit yet');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('an unknown explicit base is an input error, even with --if-base', async () => {
    await expect(diffApis({ cwd: repo, apis: [shop()], base: 'no-such-ref' })).rejects.toThrow(NoBaseError);
    await expect(diffApis({ cwd: repo, apis: [shop()], base: 'no-such-ref' })).rejects.toThrow('--base no-such-ref: not a commit');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['--base', 'no-such-ref', '--if-base'])).toBe(2);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('--base no-such-ref: not a commit'));
      expect(log).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });
});
