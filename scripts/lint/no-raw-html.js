// @ts-check
/**
 * Redocly plugin: `markdown/no-raw-html` rejects raw HTML in any description. Redoc renders a
 * description's Markdown with HTML passed through, so an inline <style> restyles the page and a
 * <form> draws whatever it likes; descriptions are Markdown only.
 *
 * HTML is found the way Redoc's own renderer finds it: markdown-it's `html_block` and
 * `html_inline` tokens. So `<T>` in a code span stays text, while `<T>` in prose is HTML.
 * Plain JavaScript because Redocly's CLI loads plugins with a bare `import()`.
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: true });

/**
 * The raw HTML fragments of a Markdown text, in order.
 * @param {string} text
 * @returns {string[]}
 */
export function rawHtmlOf(text) {
  /** @type {string[]} */
  const found = [];
  for (const token of markdown.parse(text, {})) {
    if (token.type === 'html_block') found.push(token.content.trim());
    for (const child of token.children ?? []) {
      if (child.type === 'html_inline') found.push(child.content);
    }
  }
  return found;
}

/** @param {string} fragment */
function shortened(fragment) {
  const line = fragment.split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** @returns {Record<string, unknown>} */
function NoRawHtml() {
  return {
    any: {
      /**
       * @param {unknown} node
       * @param {{ report: (problem: { message: string, location: unknown }) => void, location: { child: (key: string[]) => unknown } }} ctx
       */
      enter(node, ctx) {
        if (typeof node !== 'object' || node === null) return;
        const description = /** @type {{ description?: unknown }} */ (node).description;
        if (typeof description !== 'string') return;
        const html = rawHtmlOf(description);
        if (html.length === 0) return;
        ctx.report({
          message: `description holds raw HTML (${html.map(shortened).join(', ')}); write Markdown, which Redoc renders safely`,
          location: ctx.location.child(['description']),
        });
      },
    },
  };
}

export default function markdownPlugin() {
  return {
    id: 'markdown',
    rules: {
      oas3: { 'no-raw-html': NoRawHtml },
    },
  };
}
