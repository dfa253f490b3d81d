/**
 * Keeps secrets out of everything a run prints: credential values, whatever an Authorization
 * header carried, and every token a response hands the run (JSON or form-encoded), in each
 * encoding they may be quoted in. Text is masked whole first and only then cut to length, so no
 * part of a secret survives at the cut.
 */
export const masked = '***';

/** The longest excerpt of a value a finding keeps. */
export const maxShown = 200;

/**
 * The shortest value learned from a response body that is taken for a secret. Mocks fill token
 * fields with placeholders (Prism: `"string"`); masking those would hide ordinary words in every
 * finding, and no token a real server issues is this short.
 */
export const minLearnedSecret = 8;

/** Response fields that carry a credential (RFC 6749 token responses and their kin). */
const secretField =
  /^(access_token|refresh_token|id_token|token|accesstoken|refreshtoken|client_secret|clientsecret|secret|password|api_?key)$/i;

export class Masker {
  private readonly secrets = new Set<string>();
  private ordered: string[] | undefined;

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string | undefined | null): void {
    // Very short values would mask ordinary text; no real secret is that short.
    if (!value || value.length < 4 || this.secrets.has(value)) return;
    for (const form of [
      value,
      encodeURIComponent(value),
      new URLSearchParams({ v: value }).toString().slice(2),
      JSON.stringify(value).slice(1, -1),
    ]) {
      this.secrets.add(form);
    }
    this.ordered = undefined;
  }

  /** Remembers the credential inside an Authorization header value (`Bearer <token>`, `Basic <b64>`). */
  addAuthorization(value: string): void {
    this.add(value);
    this.add(value.replace(/^\S+\s+/, ''));
  }

  /** Learns the secrets a response body hands out: token fields of a JSON or form-encoded body. */
  addFromBody(text: string, contentType: string | null): void {
    if (text === '' || text.length > 65_536) return;
    if (/json/i.test(contentType ?? '') || /^\s*[{[]/.test(text)) {
      try {
        // Walked with a stack, a few levels deep: a token may sit under `data`, never 10,000 levels down.
        const pending: Array<[unknown, number]> = [[JSON.parse(text) as unknown, 0]];
        for (let visited = 0; pending.length > 0 && visited < 10_000; visited += 1) {
          const [node, depth] = pending.pop()!;
          if (typeof node !== 'object' || node === null || depth > 8) continue;
          for (const [key, value] of Object.entries(node)) {
            if (typeof value === 'string' && secretField.test(key)) this.learn(value);
            else if (typeof value === 'object') pending.push([value, depth + 1]);
          }
        }
        return;
      } catch {
        // Not JSON after all: read it as a form below.
      }
    }
    if (/^[^\s{[<]*=/.test(text)) {
      for (const [key, value] of new URLSearchParams(text)) if (secretField.test(key)) this.learn(value);
    }
  }

  private learn(value: string): void {
    if (value.length >= minLearnedSecret) this.add(value);
  }

  mask(text: string): string {
    // Longest first, so a secret containing another is replaced whole.
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    let out = text;
    for (const secret of this.ordered) if (out.includes(secret)) out = out.split(secret).join(masked);
    return out;
  }

  /** `text` masked, then cut to `maxShown` characters. */
  excerpt(text: string): string {
    const safe = this.mask(text);
    return safe.length > maxShown ? `${safe.slice(0, maxShown)}…` : safe;
  }
}
