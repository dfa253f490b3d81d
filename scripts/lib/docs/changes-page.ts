/**
 * An API's "Changes" page: for each released version, what changed since the one before, as the
 * breaking-change checker classifies it, breaking changes marked. Static HTML with no script.
 */
import type { ChangeEntry } from './diff-adapter.ts';
import { escapeHtml, pageStart } from './html.ts';

export interface VersionChanges {
  readonly version: string;
  /** The version before; undefined for the first. */
  readonly previous: string | undefined;
  readonly released: boolean;
  /** The version's reference page, relative to the changes page. */
  readonly href: string;
  readonly changes: readonly ChangeEntry[];
}

export interface ChangesPageInput {
  readonly title: string;
  /** The index, relative to the changes page. */
  readonly indexHref: string;
  /** Oldest first; the page lists them newest first. */
  readonly versions: readonly VersionChanges[];
}

function countLine(changes: readonly ChangeEntry[]): string {
  const breaking = changes.filter((change) => change.breaking).length;
  if (changes.length === 0) return 'No change to the API description the checker compares.';
  const total = `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}`;
  return breaking === 0 ? `${total}, none breaking.` : `${total}, <strong class="breaking-count">${breaking} breaking</strong>.`;
}

function changeRow(change: ChangeEntry): string {
  const mark = change.breaking ? '<span class="badge breaking">Breaking</span>' : '<span class="badge">Compatible</span>';
  return `          <tr class="${change.breaking ? 'change breaking' : 'change'}"><td>${mark}</td><td>${escapeHtml(change.what)}</td><td><code>${escapeHtml(change.where)}</code></td><td><code>${escapeHtml(change.kind)}</code></td></tr>`;
}

function versionSection(entry: VersionChanges): string {
  const heading = `<a href="${escapeHtml(entry.href)}">${escapeHtml(entry.version)}</a>${entry.released ? '' : ' <span class="unreleased">(not yet released)</span>'}`;
  if (entry.previous === undefined) {
    return `    <section class="version" id="${escapeHtml(`v${entry.version}`)}">
      <h2>${heading}</h2>
      <p>The first version.</p>
    </section>`;
  }
  const table =
    entry.changes.length === 0
      ? ''
      : `
      <table>
        <thead><tr><th>Impact</th><th>What</th><th>Where</th><th>Rule</th></tr></thead>
        <tbody>
${entry.changes.map(changeRow).join('\n')}
        </tbody>
      </table>`;
  return `    <section class="version" id="${escapeHtml(`v${entry.version}`)}">
      <h2>${heading} <span class="since">since ${escapeHtml(entry.previous)}</span></h2>
      <p class="counts">${countLine(entry.changes)}</p>${table}
    </section>`;
}

export function renderChangesPage({ title, indexHref, versions }: ChangesPageInput): string {
  return `${pageStart({ title: `${title} — changes` })}
    body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 64rem; margin: 0 auto; padding: 2rem 1rem; }
    h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
    .version { border-top: 1px solid #ddd; padding: 1rem 0; }
    .version h2 { font-size: 1.3rem; margin: 0.5rem 0; }
    .since, .unreleased { font-size: 0.9rem; font-weight: normal; color: #555; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eee; }
    .badge { display: inline-block; padding: 0 0.4em; border-radius: 3px; background: #e8f0e8; color: #205020; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
    .badge.breaking { background: #fbe3e3; color: #8a1010; }
    .breaking-count { color: #8a1010; }
    code { font-family: ui-monospace, monospace; font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; border-radius: 3px; }
    a { color: #0044d4; }
  </style>
</head>
<body>
  <h1>${escapeHtml(title)}: changes</h1>
  <p><a href="${escapeHtml(indexHref)}">All APIs</a></p>
  <main>
${[...versions].reverse().map(versionSection).join('\n')}
  </main>
</body>
</html>
`;
}
