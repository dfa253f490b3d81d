/**
 * The docs' front page: every API of the registry with its title, version, description and
 * operations, each linking to its reference page. Static HTML with no script at all.
 */
import { listOperations, type OpenApiDocument } from '../openapi.ts';
import { escapeHtml, pageStart } from './html.ts';

export interface IndexEntry {
  readonly document: OpenApiDocument;
  /** The API's page, relative to the index. */
  readonly href: string;
  /** Each version's page, oldest first. */
  readonly versions?: ReadonlyArray<{ readonly version: string; readonly href: string; readonly released: boolean }>;
  /** The API's changes page. */
  readonly changesHref?: string;
}

/** The first paragraph of a Markdown description, escaped, with `code` spans kept. */
function firstParagraph(markdown: string): string {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  return escapeHtml(paragraph.replace(/\s+/g, ' ')).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function versionLinks({ versions = [], changesHref }: IndexEntry): string {
  if (versions.length === 0 && changesHref === undefined) return '';
  const links = [...versions]
    .reverse()
    .map(
      ({ version, href, released }) => `<a href="${escapeHtml(href)}">${escapeHtml(version)}</a>${released ? '' : ' (not yet released)'}`,
    );
  const changes = changesHref === undefined ? '' : ` · <a href="${escapeHtml(changesHref)}">Changes</a>`;
  return `      <p class="versions">Versions: ${links.join(', ')}${changes}</p>\n`;
}

function apiSection(entry: IndexEntry): string {
  const { document, href } = entry;
  const { title, version, description, summary } = document.info;
  const operations = listOperations(document).map(
    (operation) =>
      `        <li><span class="method">${operation.method.toUpperCase()}</span> <code>${escapeHtml(operation.path)}</code> — ${escapeHtml(operation.operation.summary ?? operation.operationId)}</li>`,
  );
  return `    <section class="api">
      <h2><a href="${escapeHtml(href)}">${escapeHtml(title)}</a> <span class="version">${escapeHtml(version)}</span></h2>
${typeof summary === 'string' ? `      <p class="summary">${escapeHtml(summary)}</p>\n` : ''}${description ? `      <p>${firstParagraph(description)}</p>\n` : ''}      <h3>Operations</h3>
      <ul class="operations">
${operations.join('\n')}
      </ul>
      <p><a href="${escapeHtml(href)}">Read the ${escapeHtml(title)} reference</a></p>
${versionLinks(entry)}    </section>`;
}

export function renderIndexPage(entries: readonly IndexEntry[]): string {
  return `${pageStart({ title: 'Checkout APIs — reference' })}
    body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 52rem; margin: 0 auto; padding: 2rem 1rem; }
    h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
    .api { border-top: 1px solid #ddd; padding: 1rem 0; }
    .api h2 { font-size: 1.3rem; margin: 0.5rem 0; }
    .version { font-size: 0.9rem; font-weight: normal; color: #555; }
    .summary { font-weight: 600; }
    h3 { font-size: 1rem; margin-bottom: 0.25rem; }
    .operations { padding-left: 1.2rem; }
    .method { font-family: ui-monospace, monospace; font-weight: 600; font-size: 0.85rem; }
    code { font-family: ui-monospace, monospace; font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; border-radius: 3px; }
    a { color: #0044d4; }
  </style>
</head>
<body>
  <h1>Checkout APIs</h1>
  <p>Reference pages for ${entries.length} ${entries.length === 1 ? 'API' : 'APIs'}, generated from their OpenAPI descriptions. Every page works offline.</p>
  <main>
${entries.map(apiSection).join('\n')}
  </main>
</body>
</html>
`;
}
