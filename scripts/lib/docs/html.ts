/** Small helpers for writing HTML by hand, shared by the docs pages. */
import { createHash } from 'node:crypto';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/**
 * JSON for a JavaScript literal inside an inline <script>: no `<` (so no `</script>` or `<!--`),
 * and no raw line separators, which older engines reject in string literals.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** The CSP source that admits exactly one inline script: the SHA-256 of its text, as browsers hash it. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy every docs page carries: the browser itself refuses any request off
 * the page — scripts, styles, fonts, images, fetches — beyond what is inline, and runs only the
 * inline scripts the page was built with (by hash, never 'unsafe-inline'), so HTML that a
 * description smuggles into the rendered page cannot run a script of its own.
 */
export function offlinePolicy({ inlineScripts = [] }: { inlineScripts?: readonly string[] }): string {
  const scripts = inlineScripts.length > 0;
  return [
    "default-src 'none'",
    scripts ? `script-src ${inlineScripts.map(scriptHash).join(' ')}` : "script-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    ...(scripts ? ['worker-src blob:'] : []),
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The opening of every docs page up to its <style> content: charset, offline policy, viewport,
 * title. `inlineScripts` are the exact texts of the page's inline <script> elements.
 */
export function pageStart({
  title,
  inlineScripts = [],
  meta = '',
}: {
  title: string;
  inlineScripts?: readonly string[];
  meta?: string;
}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta http-equiv="Content-Security-Policy" content="${offlinePolicy({ inlineScripts })}" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
${meta}  <title>${escapeHtml(title)}</title>
  <style>`;
}
