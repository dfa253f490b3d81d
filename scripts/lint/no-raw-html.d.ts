/** Types of no-raw-html.js, the Redocly plugin (plain JavaScript: the CLI imports it as is). */
export declare function rawHtmlOf(text: string): string[];
declare function markdownPlugin(): { id: string; rules: { oas3: Record<string, () => Record<string, unknown>> } };
export default markdownPlugin;
