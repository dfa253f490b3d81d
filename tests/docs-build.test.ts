/**
 * The docs build without a browser (and without git: the working tree is each API's one version
 * here; tests/docs-site.test.ts reads history): one self-contained page per API of the registry,
 * one per version, a changes page per API and an index, each reference page embedding the
 * description with its generated samples, and nothing in the markup that would reach off the
 * machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeSamples } from '../scripts/lib/code-samples.ts';
import { bundleSpec } from '../scripts/lib/bundle.ts';
import { buildDocs, defaultRedocOptions, docsDir, redocOptionsOf, type DocsFile } from '../scripts/lib/docs/build.ts';
import { renderChangesPage } from '../scripts/lib/docs/changes-page.ts';
import { renderIndexPage } from '../scripts/lib/docs/index-page.ts';
import { loadRedocScript } from '../scripts/lib/docs/redoc-script.ts';
import { UserError } from '../scripts/lib/errors.ts';
import { listOperations, type OpenApiDocument } from '../scripts/lib/openapi.ts';
import { apis, loadApi } from './support/apis.ts';
import { loadersIn } from './support/offline.ts';

let files: DocsFile[];

beforeAll(async () => {
  files = await buildDocs(apis);
}, 30_000);

/** A value the page hands to Redoc, read back out of its inline script. */
function embedded(html: string, name: string): unknown {
  const match = new RegExp(`const ${name} = (.*);\\n`).exec(html);
  if (!match) throw new Error(`no ${name} in the page`);
  return JSON.parse(match[1]!);
}

describe('docs build', () => {
  it('writes one page per API where the registry says, its version and changes pages in its folder, and an index beside them', () => {
    const dir = docsDir(apis);
    const expected = apis.flatMap((api) => {
      const version = loadApi(api).document.info.version;
      return [api.docsFile, join(dir, api.name, `${version}.html`), join(dir, api.name, 'changes.html')];
    });
    expect(files.map((file) => file.path).sort()).toEqual([...expected, join(dir, 'index.html')].sort());
    expect(new Set(files.filter((file) => file.kind === 'reference' || file.kind === 'index').map((file) => dirname(file.path)))).toEqual(
      new Set([dir]),
    );
  });

  it.each(apis.map((api) => [api.name, api] as const))(
    'embeds the %s description with a TypeScript sample on every operation',
    (_name, api) => {
      const page = files.find((file) => file.api === api && file.kind === 'reference')!;
      const { document } = loadApi(api);
      const shown = embedded(page.content, '__redoc_definition') as OpenApiDocument;
      const expected = codeSamples(document, api);
      expect(shown.info).toEqual(document.info);
      for (const operation of listOperations(shown)) {
        expect(operation.operation['x-codeSamples'], operation.operationId).toEqual(expected.get(operation.operationId));
      }
      expect(listOperations(shown)).toHaveLength(listOperations(document).length);
      expect(page.content).toContain(`<title>${document.info.title} ${document.info.version}</title>`);
    },
  );

  it('gives Redoc the options that show the samples, with telemetry off', () => {
    for (const page of files.filter((file) => file.kind === 'reference' || file.kind === 'version')) {
      const options = embedded(page.content, '__redoc_options') as Record<string, unknown>;
      expect(options).toMatchObject({ ...defaultRedocOptions, disableTelemetry: true, skipBundle: true });
    }
  });

  it('puts nothing in the pages that loads from elsewhere, and forbids it by policy too', () => {
    const redoc = loadRedocScript();
    expect(redoc.source.includes('https://cdn.redoc.ly/redoc/logo'), 'CDN logo left in the Redoc bundle').toBe(false);
    for (const file of files) {
      // The markup around the bundle (whose behaviour the browser test watches) loads nothing.
      const markup = file.content.replace(redoc.source, '');
      const drawnByRedoc = file.kind === 'reference' || file.kind === 'version';
      expect(file.content.includes(redoc.source), `${file.path} inlines Redoc`).toBe(drawnByRedoc);
      expect(loadersIn(markup), file.path).toEqual([]);
      expect(markup, file.path).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'none'/);
      // The only closing script tag is the page's own: the bundle and the data cannot end it early.
      expect(file.content.match(/<\/script/gi)?.length ?? 0, file.path).toBe(drawnByRedoc ? 1 : 0);
    }
  });

  it('links every API, its version and its changes page from the index', () => {
    const index = files.find((file) => file.kind === 'index')!;
    for (const api of apis) {
      const { document } = loadApi(api);
      expect(index.content).toContain(`<a href="${api.name}.html">${document.info.title}</a>`);
      expect(index.content).toContain(
        `<a href="${api.name}/${document.info.version}.html">${document.info.version}</a> (not yet released)`,
      );
      expect(index.content).toContain(`<a href="${api.name}/changes.html">Changes</a>`);
    }
  });

  it('shows each version page the same description as the current page when they are one version', () => {
    for (const api of apis) {
      const current = files.find((file) => file.api === api && file.kind === 'reference')!;
      const version = files.find((file) => file.api === api && file.kind === 'version')!;
      expect(embedded(version.content, '__redoc_definition')).toEqual(embedded(current.content, '__redoc_definition'));
    }
  });
});

describe('changes page', () => {
  it('escapes what the checker quotes from the specs, and marks breaking changes', () => {
    const html = renderChangesPage({
      title: 'A <b>bold</b> API',
      indexHref: '../index.html',
      versions: [
        { version: '1.0.0', previous: undefined, released: true, href: '1.0.0.html', changes: [] },
        {
          version: '2.0.0',
          previous: '1.0.0',
          released: false,
          href: '2.0.0.html',
          changes: [
            {
              kind: 'response-property-enum-value-removed',
              level: 'breaking',
              breaking: true,
              where: 'GET /x → 200 → /properties/<s>',
              what: 'enum value "<script>" removed',
            },
            { kind: 'request-parameter-added', level: 'info', breaking: false, where: 'GET /x', what: 'optional parameter a&b added' },
          ],
        },
      ],
    });
    expect(html).toContain('<h1>A &lt;b&gt;bold&lt;/b&gt; API: changes</h1>');
    expect(html).toContain('enum value &quot;&lt;script&gt;&quot; removed');
    expect(html).toContain('/properties/&lt;s&gt;');
    expect(html).toContain('optional parameter a&amp;b added');
    expect(html).not.toContain('<script');
    expect(html.match(/<tr class="change breaking">/g)).toHaveLength(1);
    expect(html).toContain('2 changes, <strong class="breaking-count">1 breaking</strong>.');
    expect(html).toContain('(not yet released)');
    expect(html.indexOf('id="v2.0.0"')).toBeLessThan(html.indexOf('id="v1.0.0"'));
  });
});

describe('index page', () => {
  it('escapes what the descriptions say', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'A <b>bold</b> API', version: '1.0.0', description: 'Uses `<script>` & more.\n\nSecond paragraph.' },
      paths: {},
    } satisfies OpenApiDocument;
    const html = renderIndexPage([{ document, href: 'a.html' }]);
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; API');
    expect(html).toContain('Uses <code>&lt;script&gt;</code> &amp; more.');
    expect(html).not.toContain('Second paragraph');
  });
});

describe('Redoc options from redocly.yaml', () => {
  const api = apis[0]!;

  it('layers the API block over the top-level block over the defaults', () => {
    const text = `openapi:\n  layout: stacked\n  hideDownloadButtons: true\napis:\n  ${api.id}:\n    openapi:\n      layout: three-panel\n`;
    expect(redocOptionsOf(text, api)).toEqual({ ...defaultRedocOptions, layout: 'three-panel', hideDownloadButtons: true });
    expect(redocOptionsOf('apis: {}\n', api)).toEqual(defaultRedocOptions);
  });

  it('names the field when the options are not a mapping', () => {
    expect(() => redocOptionsOf('openapi: [1, 2]\n', api)).toThrow(UserError);
    expect(() => redocOptionsOf(`apis:\n  ${api.id}:\n    openapi: yes\n`, api)).toThrow(
      `redocly.yaml: apis.${api.id}.openapi: expected a mapping of Redoc options`,
    );
  });
});

describe('bundling', () => {
  it('gives the document the tests read, and names the file and the ref it cannot resolve', async () => {
    const api = apis[0]!;
    expect(await bundleSpec(api.root)).toEqual(loadApi(api).document);
    const dir = mkdtempSync(join(tmpdir(), 'docs-bundle-'));
    try {
      const root = join(dir, 'openapi.yaml');
      writeFileSync(root, 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths:\n  /a:\n    $ref: paths/missing.yaml\n');
      const failure = bundleSpec(root);
      await expect(failure).rejects.toThrow(UserError);
      await expect(failure).rejects.toThrow(/openapi\.yaml.*\n.*missing\.yaml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
