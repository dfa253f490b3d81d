/**
 * What `prism proxy --errors` reports about an exchange it forwarded: the `sl-violations` header,
 * or an error response of its own (a problem+json whose type is one of Prism's errors) in place
 * of the upstream's answer.
 */
import { pointerOf } from '../openapi.ts';
import { show } from './judge.ts';
import { Masker } from './mask.ts';
import type { CapturedResponse, Finding } from './types.ts';

interface PrismViolation {
  readonly location?: string[];
  readonly message?: string;
  readonly severity?: string;
}

/**
 * `proxy.violation`: reported beside the upstream's answer (the header); `proxy.replaced`: Prism
 * answered in the upstream's place, so its report is the only finding worth keeping.
 */
function findingOf(violation: PrismViolation, source: string, code: Finding['code']): Finding {
  const location = violation.location ?? [];
  const severity = violation.severity ?? 'Error';
  const message = violation.message ?? 'violation';
  return {
    code,
    pointer: pointerOf(...location.map(String)),
    expected: `no violation from ${source}`,
    actual: `${severity}: ${message}`,
    details: { severity, message },
  };
}

function parseViolations(text: string, masker: Masker | undefined): PrismViolation[] {
  try {
    const parsed = JSON.parse(text.replace(/^Too many violations! /, '')) as unknown;
    return Array.isArray(parsed)
      ? (parsed as PrismViolation[])
          .slice(0, 20)
          .map((violation) => ({ ...violation, message: (masker ?? new Masker()).excerpt(String(violation.message ?? 'violation')) }))
      : [];
  } catch {
    return [{ message: show(text, masker) }];
  }
}

export function proxyFindings(response: CapturedResponse, masker?: Masker): Finding[] {
  const findings: Finding[] = [];
  const header = response.headers.get('sl-violations');
  if (header)
    findings.push(
      ...parseViolations(header, masker).map((violation) => findingOf(violation, 'the Prism proxy (sl-violations)', 'proxy.violation')),
    );
  if ((response.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
    let problem: { type?: string; title?: string; detail?: string; validation?: PrismViolation[] } = {};
    try {
      problem = JSON.parse(response.text) as typeof problem;
    } catch {
      // Not Prism's own problem document: the upstream's answer, judged as such.
    }
    if (problem.type?.includes('prism/errors#')) {
      const listed = problem.validation ?? [];
      if (listed.length > 0)
        findings.push(
          ...listed.slice(0, 20).map((violation) => findingOf(violation, 'the Prism proxy (error response)', 'proxy.replaced')),
        );
      else {
        const said = `${problem.title ?? ''} ${problem.detail ?? ''}`.trim();
        const message = masker ? masker.excerpt(said) : said;
        findings.push({
          code: 'proxy.replaced',
          pointer: '',
          expected: 'the upstream answer, forwarded',
          actual: `Prism proxy error ${response.status}: ${message}`.trim(),
          details: { status: response.status, message },
        });
      }
    }
  }
  return findings;
}
