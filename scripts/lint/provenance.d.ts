/** Types of the provenance Redocly plugin (plain JavaScript, so `redocly lint` loads it without TypeScript). */
export declare const inferredMarker: RegExp;
/** What is wrong with one node's provenance marks, as [message, field] pairs; empty when they agree. */
export declare function provenanceProblems(node: Record<string, unknown>): Array<[message: string, field: string]>;
declare function provenancePlugin(): { id: string; rules: { oas3: Record<string, () => unknown> } };
export default provenancePlugin;
