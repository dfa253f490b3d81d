/**
 * Issue 15.4: a bundle is self-contained. A `$ref` inside an `x-` extension to a local Markdown
 * file (which the bundler leaves as written) is inlined; one outside the API's folder is still
 * refused by the confined resolver.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSpec } from '../../scripts/lib/bundle.ts';
import { UserError } from '../../scripts/lib/errors.ts';
import { scratchProject, spec } from './project.ts';

function withTopic(ref: string) {
  return spec({ 'GET /stations': {} }, {}, { 'x-topics': [{ title: 'Getting started', content: { $ref: ref } }] });
}

describe('self-contained bundles', () => {
  it('inlines a Markdown file an x- extension refers to', async () => {
    const { apis } = scratchProject({ topics: withTopic('./docs/intro.md') });
    const root = apis[0]!.root;
    mkdirSync(join(dirname(root), 'docs'));
    writeFileSync(join(dirname(root), 'docs', 'intro.md'), '# Intro\n\nTrains run on time.\n');
    const document = await bundleSpec(root);
    expect(document['x-topics']).toEqual([{ title: 'Getting started', content: '# Intro\n\nTrains run on time.\n' }]);
    expect(JSON.stringify(document)).not.toContain('$ref":"./');
  });

  it('still refuses a file outside the API folder, naming the ref', async () => {
    const { apis, root } = scratchProject({ escape: withTopic('../../outside.md') });
    writeFileSync(join(root, 'outside.md'), 'secret\n');
    const failure = await bundleSpec(apis[0]!.root).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toMatch(/\$ref "\.\.\/\.\.\/outside\.md".*outside the API's folder/);
  });
});
