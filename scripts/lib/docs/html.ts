/** Small helpers for writing HTML by hand, shared by the docs pages. */

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/**
 * JSON for a JavaScript literal inside an inline <script>: no `<` (so no `</script>` or `<!--`),
 * and no raw line separators, which older engines reject in string literals.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/**
 * The Content-Security-Policy every docs page carries: the browser itself refuses any request off
 * the page — scripts, styles, fonts, images, fetches — beyond what is inline. A second line of
 * defence behind rendering pages that ask for nothing.
 */
export function offlinePolicy({ scripts }: { scripts: boolean }): string {
  return [
    "default-src 'none'",
    scripts ? "script-src 'unsafe-inline'" : "script-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    ...(scripts ? ['worker-src blob:'] : []),
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The opening of every docs page up to its <style> content: charset, offline policy, viewport, title. */
export function pageStart({ title, scripts, meta = '' }: { title: string; scripts: boolean; meta?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta http-equiv="Content-Security-Policy" content="${offlinePolicy({ scripts })}" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
${meta}  <title>${escapeHtml(title)}</title>
  <style>`;
}
