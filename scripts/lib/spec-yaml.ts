/**
 * Bounds on a spec file before any parser expands it: its size, and how far its YAML aliases
 * expand ("billion laughs": nine nested anchors of nine aliases each are a few hundred bytes of
 * text and a billion nodes once expanded). Redocly's parser keeps aliases as shared objects, but
 * every walk over the result (bundling, writing dist/, openapi-typescript) expands them, so the
 * bound has to hold before Redocly sees the text.
 */
import { parse } from 'yaml';
import { UserError } from './errors.ts';

export const specFileLimits = {
  /** Bytes in one file: the largest provider description we know of is well under 2 MiB. */
  maxBytes: 4 * 1024 * 1024,
  /** Bytes of all the files one API's description reads together. */
  maxTotalBytes: 32 * 1024 * 1024,
  /** The `yaml` package's own default: alias nodes, counted with everything they expand to. */
  maxAliasCount: 100,
} as const;

/** An anchor (`&name`) can only follow a line start, a space or a flow indicator. No anchor, no alias. */
const anchorPattern = /(?:^|[\s[{,])&[^\s,[\]{}]/;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The size bound alone: the caller knows the size before reading (from `stat`). */
export function checkSpecSize(file: string, bytes: number): void {
  if (bytes > specFileLimits.maxBytes) {
    throw new UserError(`${file}: ${mebibytes(bytes)}, more than the ${mebibytes(specFileLimits.maxBytes)} a spec file may have`);
  }
}

/**
 * Throws a UserError naming `file` when its text is too large or its aliases expand too far.
 * Text without anchors is not parsed here at all (most spec files have none).
 */
export function checkSpecText(file: string, text: string): void {
  checkSpecSize(file, Buffer.byteLength(text, 'utf8'));
  if (!anchorPattern.test(text)) return;
  try {
    parse(text, { maxAliasCount: specFileLimits.maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new UserError(
        `${file}: YAML aliases expand to more than ${specFileLimits.maxAliasCount} nodes; refused as a resource exhaustion attack ("billion laughs")`,
      );
    }
    if (error instanceof RangeError) throw new UserError(`${file}: YAML nested too deeply to read`);
    // Aliases cannot be counted in text that does not parse: refuse it rather than pass it on.
    throw new UserError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}
