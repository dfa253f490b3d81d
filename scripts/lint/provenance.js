/**
 * Redocly plugin: provenance marks agree. A node whose description says `Inferred` carries
 * `x-provenance: inferred` and a one-line `x-provenance-reason` (the evidence), and a node that
 * carries the extension says `Inferred` in its description, so readers of the text, the types and
 * the docs badge all see the same fact. `info` is exempt: its description summarises the marks.
 *
 * Plain ESM JavaScript: `redocly lint` loads plugins with Node's own loader, which runs no
 * TypeScript.
 */

/** The word that opens an inferred fact in a description (`Inferred:`, `Inferred from …`). */
export const inferredMarker = /\bInferred\b/;

const exemptTypes = new Set(['Info', 'Root']);

/**
 * What is wrong with one node's provenance marks, as [message, field] pairs; empty when they agree.
 * @param {Record<string, unknown>} node
 * @returns {Array<[string, string]>}
 */
export function provenanceProblems(node) {
  const description = typeof node.description === 'string' ? node.description : undefined;
  const says = description !== undefined && inferredMarker.test(description);
  const provenance = node['x-provenance'];
  const reason = node['x-provenance-reason'];
  /** @type {Array<[string, string]>} */
  const problems = [];
  if (provenance !== undefined && provenance !== 'inferred') {
    problems.push([
      `x-provenance must be "inferred" (got ${JSON.stringify(provenance)}); leave it out for documented facts.`,
      'x-provenance',
    ]);
  }
  if (says && provenance !== 'inferred') {
    problems.push([
      'The description says "Inferred" but the node lacks `x-provenance: inferred` (and `x-provenance-reason`).',
      'description',
    ]);
  }
  if (provenance === 'inferred' && !says) {
    problems.push(['`x-provenance: inferred` needs a description that says "Inferred:" and what was inferred.', 'x-provenance']);
  }
  if (provenance === 'inferred' && (typeof reason !== 'string' || reason.trim() === '' || /[\r\n]/.test(reason.trim()))) {
    problems.push(['`x-provenance: inferred` needs `x-provenance-reason`: one line naming the evidence.', 'x-provenance-reason']);
  }
  if (reason !== undefined && provenance === undefined) {
    problems.push(['`x-provenance-reason` without `x-provenance: inferred`.', 'x-provenance-reason']);
  }
  return problems;
}

/** @param {Record<string, unknown>} node @param {any} ctx */
function check(node, ctx) {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  for (const [message, field] of provenanceProblems(node)) {
    const location = field in node ? ctx.location.child([field]) : ctx.location;
    ctx.report({ message, location });
  }
}

function provenanceRule() {
  return {
    any: {
      enter(node, ctx) {
        if (exemptTypes.has(ctx.type?.name)) return;
        check(node, ctx);
      },
    },
    // A `$ref` with sibling keywords (3.1 allows a description beside it) is not entered by `any`.
    ref: {
      enter(node, ctx) {
        if (Object.keys(node).length > 1) check(node, ctx);
      },
    },
  };
}

export default function provenancePlugin() {
  return {
    id: 'provenance',
    rules: {
      oas3: { 'inferred-marked': provenanceRule },
    },
  };
}
