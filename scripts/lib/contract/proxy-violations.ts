/**
 * What `prism proxy --errors` reports about an exchange it forwarded: the `sl-violations` header,
 * or an error response of its own (a problem+json whose type is one of Prism's errors) in place
 * of the upstream's answer.
 */
import { pointerOf } from '../validator.ts';
import type { Finding } from './judge.ts';
import { show } from './judge.ts';
import type { CapturedResponse } from './types.ts';

interface PrismViolation {
  readonly location?: string[];
  readonly message?: string;
  readonly severity?: string;
}

function findingOf(violation: PrismViolation, source: string): Finding {
  const location = violation.location ?? [];
  return {
    pointer: pointerOf(...location.map(String)),
    expected: `no violation from ${source}`,
    actual: `${violation.severity ?? 'Error'}: ${violation.message ?? 'violation'}`,
  };
}

function parseViolations(text: string): PrismViolation[] {
  try {
    const parsed = JSON.parse(text.replace(/^Too many violations! /, '')) as unknown;
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    return [{ message: show(text) }];
  }
}

export function proxyFindings(response: CapturedResponse): Finding[] {
  const findings: Finding[] = [];
  const header = response.headers.get('sl-violations');
  if (header) findings.push(...parseViolations(header).map((violation) => findingOf(violation, 'the Prism proxy (sl-violations)')));
  if ((response.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
    let problem: { type?: string; title?: string; detail?: string; validation?: PrismViolation[] } = {};
    try {
      problem = JSON.parse(response.text) as typeof problem;
    } catch {
      // Not Prism's own problem document: the upstream's answer, judged as such.
    }
    if (problem.type?.includes('prism/errors#')) {
      const listed = problem.validation ?? [];
      if (listed.length > 0) findings.push(...listed.map((violation) => findingOf(violation, 'the Prism proxy (error response)')));
      else findings.push({ pointer: '', expected: 'the upstream answer, forwarded', actual: `Prism proxy error ${response.status}: ${problem.title ?? ''} ${problem.detail ?? ''}`.trim() });
    }
  }
  return findings;
}
