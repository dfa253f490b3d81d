/**
 * Style profiles, one per registry entry (`x-checkout-apis.style`). `house` (the default) holds an
 * API to this project's conventions — `<resource>_<verb>` operation ids, an example on every
 * parameter and body, a documented 401 and 4xx on every operation — as errors in lint and as
 * findings of the contract suite. `external` takes a description as its publisher wrote it: lint
 * by Redocly's `recommended` with the conventions as warnings (the entry's `rules:` alias the
 * `x-external-style` block of redocly.yaml), and a contract suite that demands none of them.
 */
import { UserError } from './errors.ts';

export type StyleProfile = 'house' | 'external';

export const styleProfiles: readonly StyleProfile[] = ['house', 'external'];

/** The registry key whose block an external entry's `rules:` alias (`rules: *external-style`). */
export const externalStyleKey = 'x-external-style';

/** The profile of registry entry `id`, from its raw mapping; a clear error for anything else. */
export function styleOf(id: string, entry: Readonly<Record<string, unknown>>): StyleProfile {
  const style = (entry['x-checkout-apis'] as Record<string, unknown> | undefined)?.style ?? 'house';
  if (!styleProfiles.includes(style as StyleProfile)) {
    throw new UserError(
      `redocly.yaml: apis.${id}.x-checkout-apis.style: expected ${styleProfiles.join(' or ')}, got ${JSON.stringify(style)}`,
    );
  }
  if (style === 'external' && (typeof entry.rules !== 'object' || entry.rules === null)) {
    throw new UserError(
      `redocly.yaml: apis.${id}.rules: expected \`rules: *external-style\` on an API with style external (the ${externalStyleKey} block turns the house conventions into warnings)`,
    );
  }
  return style as StyleProfile;
}
