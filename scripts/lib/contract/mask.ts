/**
 * Keeps secrets out of everything a run prints: credential values, and whatever an Authorization
 * header carried (tokens fetched during the run included).
 */
export const masked = '***';

export class Masker {
  private readonly secrets = new Set<string>();

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string | undefined | null): void {
    // Very short values would mask ordinary text; no real secret is that short.
    if (value && value.length >= 4) {
      this.secrets.add(value);
      this.secrets.add(encodeURIComponent(value));
      this.secrets.add(new URLSearchParams({ v: value }).toString().slice(2));
    }
  }

  /** Remembers the credential inside an Authorization header value (`Bearer <token>`, `Basic <b64>`). */
  addAuthorization(value: string): void {
    this.add(value);
    this.add(value.replace(/^\S+\s+/, ''));
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(masked);
    return out;
  }
}
