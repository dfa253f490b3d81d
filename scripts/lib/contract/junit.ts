/**
 * The JUnit reporter. XML for CI: one test suite per API, one test case per check; a contract violation is a
 * `<failure>`, a check this engine could not finish an `<error>`.
 */
import { formatFailure, printable } from './report.ts';
import { allResults, counts } from './summary.ts';
import type { ApiReport } from './types.ts';

function escapeXml(text: string): string {
  // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function junitXml(reports: readonly ApiReport[]): string {
  const suites = reports.map((report) => {
    const { failed: failures, errors, notRun: skipped } = counts(report.results);
    const time = report.results.reduce((sum, result) => sum + result.durationMs, 0);
    const cases = report.results.map((result) => {
      const open = `    <testcase classname="contract.${escapeXml(report.api)}" name="${escapeXml(result.check.id)}" time="${seconds(result.durationMs)}"`;
      if (result.outcome === 'not run')
        return `${open}>\n      <skipped message="${escapeXml(result.notes.join('; '))}"/>\n    </testcase>`;
      if (result.outcome === 'pass') return `${open}/>`;
      const first = result.failures[0]!;
      const message = printable(`${first.pointer || '/'}: expected ${first.expected}, got ${first.actual} [${first.code}]`);
      const body = result.failures.map(formatFailure).join('\n\n');
      if (result.outcome === 'error')
        return `${open}>\n      <error message="${escapeXml(message)}" type="InternalError">${escapeXml(body)}</error>\n    </testcase>`;
      return `${open}>\n      <failure message="${escapeXml(message)}" type="ContractViolation">${escapeXml(body)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="contract.${escapeXml(report.api)}" tests="${report.results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const results = allResults(reports);
  const { failed: failures, errors, notRun: skipped } = counts(results);
  const tests = results.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="contract" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
