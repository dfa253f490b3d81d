/**
 * What in a docs page's markup would load something from elsewhere. The description and the
 * options the page embeds as data (`const __redoc_… = {…};`) are left out: a code sample or a
 * description that mentions `url(` or `<img src=` there is text Redoc escapes, not a loader.
 */
const loaderPattern = /<(script|link|img|iframe|object|embed)\b[^>]*\s(src|href|data)=[^>]*>|@import|url\(/gi;
const embeddedData = /^const __redoc_\w+ = .*;$/gm;

export function loadersIn(markup: string): string[] {
  return markup.replace(embeddedData, '').match(loaderPattern) ?? [];
}
