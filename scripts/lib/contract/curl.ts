/** A request as a curl line a person can paste to reproduce it, with every secret masked. */
import { masked, type Masker } from './mask.ts';
import type { CapturedRequest } from './types.ts';

/** Headers whose whole value is a credential, whatever it holds. */
const secretHeaders = new Set(['authorization', 'proxy-authorization', 'cookie']);
/** Headers fetch adds by itself: noise in a reproduction. */
const noiseHeaders = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'user-agent']);

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

export function curlLine(request: CapturedRequest, masker: Masker): string {
  const parts = ['curl', '-sS', '-X', request.method, shellQuote(masker.mask(request.url))];
  for (const [name, value] of request.headers) {
    if (noiseHeaders.has(name.toLowerCase())) continue;
    const shown = secretHeaders.has(name.toLowerCase()) ? masked : masker.mask(value);
    parts.push('-H', shellQuote(`${name}: ${shown}`));
  }
  if (request.body !== undefined && request.body !== '') parts.push('--data-raw', shellQuote(masker.mask(request.body)));
  return parts.join(' ');
}
