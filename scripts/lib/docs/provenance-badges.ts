/**
 * The "inferred" badge of the reference docs: every field, parameter, response, request body and
 * operation marked `x-provenance: inferred` gets a small badge in front of its description, with
 * its `x-provenance-reason` as the tooltip. Done on a copy of the bundle just before Redoc renders
 * it, so the source specs stay free of HTML. The reason is escaped; the badge is the only markup.
 */
import type { OpenApiDocument } from '../openapi.ts';
import { escapeHtml } from './html.ts';

export const provenanceBadgeClass = 'provenance-badge';

/** Inline style: the pages' policy allows inline styles and nothing from elsewhere. */
const badgeStyle = [
  'display:inline-block',
  'margin-right:6px',
  'padding:0 6px',
  'border:1px solid #d4a72c',
  'border-radius:3px',
  'background:#fff8c5',
  'color:#6a4b00',
  'font-size:11px',
  'font-weight:600',
  'line-height:16px',
  'text-transform:uppercase',
  'letter-spacing:0.03em',
  'vertical-align:middle',
].join(';');

/** Where Redoc shows a description as rendered Markdown next to the thing it describes. */
function inBadgedPart(path: readonly string[]): boolean {
  const [top, second] = path;
  if (top === 'paths') return !path.includes('examples') && !path.includes('x-codeSamples');
  if (top === 'components')
    return second === 'schemas' || second === 'parameters' || second === 'responses' || second === 'requestBodies' || second === 'headers';
  if (top === 'webhooks') return !path.includes('examples');
  return false;
}

export function badgeHtml(reason: string): string {
  const title = reason ? `Inferred: ${reason}` : 'Inferred: not stated by the provider';
  return `<span class="${provenanceBadgeClass}" title="${escapeHtml(title)}" style="${badgeStyle}">inferred</span>`;
}

/**
 * Redoc shows the description of a `oneOf`/`anyOf` branch that is a `$ref` in place of the
 * field's own: such branches get the field's description beside the ref, so the badge shows.
 */
function carryIntoRefBranches(record: Record<string, unknown>): void {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = record[key];
    if (!Array.isArray(branches)) continue;
    record[key] = branches.map((branch: unknown) =>
      typeof branch === 'object' && branch !== null && '$ref' in branch && Object.keys(branch).length === 1
        ? { ...branch, description: record.description }
        : branch,
    );
  }
}

/** A copy of the bundle whose inferred nodes carry the badge at the start of their description. */
export function withProvenanceBadges(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const seen = new WeakSet<object>();
  const visit = (node: unknown, path: string[]): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, String(index)]);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record['x-provenance'] === 'inferred' && typeof record.description === 'string' && inBadgedPart(path)) {
      const reason = typeof record['x-provenance-reason'] === 'string' ? record['x-provenance-reason'] : '';
      record.description = `${badgeHtml(reason)} ${record.description}`;
      carryIntoRefBranches(record);
    }
    for (const [key, value] of Object.entries(record)) visit(value, [...path, key]);
  };
  visit(copy, []);
  return copy;
}
