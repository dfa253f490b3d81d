/**
 * The reporters only format: text, JUnit and JSON show the same reports, with the same counts,
 * and the JSON keeps each finding's code and details. In-process, on hand-made reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlags } from '../scripts/contract.ts';
import { contractJson, contractJsonVersion } from '../scripts/lib/contract/json.ts';
import { junitXml } from '../scripts/lib/contract/junit.ts';
import { formatReport } from '../scripts/lib/contract/report.ts';
import { counts, statusMatrix } from '../scripts/lib/contract/summary.ts';
import type { ApiReport, CheckResult, Failure } from '../scripts/lib/contract/types.ts';
import { UserError } from '../scripts/lib/errors.ts';

const failure: Failure = {
  code: 'status.not-success',
  details: { expected: ['200'], actual: 404 },
  api: 'demo',
  check: 'getThing example request',
  operationId: 'getThing',
  status: '404',
  pointer: '/status',
  expected: 'a documented success (200)',
  actual: 'status 404',
  curl: "curl -sS -X GET 'http://127.0.0.1:1/things/1'",
};

const results: CheckResult[] = [
  {
    check: { id: 'getThing example request', kind: 'example' },
    outcome: 'fail',
    failures: [failure],
    observations: [{ operationId: 'getThing', status: '404', ok: false }],
    durationMs: 12,
    notes: [],
  },
  {
    check: { id: 'getThing → 200', kind: 'status', status: '200' },
    outcome: 'pass',
    failures: [],
    observations: [{ operationId: 'getThing', status: '200', ok: true }],
    durationMs: 3,
    notes: [],
  },
  {
    check: { id: 'generated requests (5, seed 1)', kind: 'fuzz' },
    outcome: 'pass',
    failures: [],
    observations: [],
    durationMs: 1500,
    notes: ['5 requests (4 valid, 1 invalid), seed 1'],
    details: { requests: 5, invalid: 1, seed: 1, sent: 5, failed: 0 },
  },
  {
    check: { id: 'cancelThing malformed request', kind: 'malformed', skip: 'changes state' },
    outcome: 'not run',
    failures: [],
    observations: [],
    durationMs: 0,
    notes: ['changes state'],
  },
];

const report: ApiReport = {
  api: 'demo',
  documented: [
    ['getThing', '200'],
    ['getThing', '404'],
    ['cancelThing', '204'],
  ],
  results,
};

describe('what the reporters share', () => {
  it('counts checks per outcome', () => {
    expect(counts(results)).toEqual({ passed: 2, failed: 1, notRun: 1, errors: 0 });
  });

  it('marks each documented (operation, status) by what was observed', () => {
    expect([...statusMatrix(report)].map(([operation, row]) => [operation, [...row]])).toEqual([
      [
        'getThing',
        [
          ['200', 'pass'],
          ['404', 'FAIL'],
        ],
      ],
      ['cancelThing', [['204', 'not run']]],
    ]);
  });
});

describe('the JSON reporter', () => {
  const data = JSON.parse(contractJson([report]));

  it('keeps every check with its id, kind, outcome and details, and each finding with its code and details', () => {
    expect(data.version).toBe(contractJsonVersion);
    expect(data.totals).toEqual(counts(results));
    const [api] = data.apis;
    expect(api.api).toBe('demo');
    expect(api.documented).toEqual(report.documented);
    expect(api.results.map((result: { id: string; kind: string; outcome: string }) => [result.id, result.kind, result.outcome])).toEqual(
      results.map((result) => [result.check.id, result.check.kind, result.outcome]),
    );
    expect(api.results[0].failures).toEqual([failure]);
    expect(api.results[1].status).toBe('200');
    expect(api.results[2].details).toEqual(results[2]!.details);
  });
});

describe('the text and JUnit reporters', () => {
  it('show the same checks', () => {
    const text = formatReport(report, 'mock');
    expect(text).toContain('[status.not-success]');
    expect(text).toContain(results[2]!.notes[0]);
    expect(text).toContain(`not run: ${results[3]!.check.id}`);
    const xml = junitXml([report]);
    expect(xml).toContain('tests="4" failures="1" errors="0" skipped="1"');
  });
});

describe('--json', () => {
  const directory = mkdtempSync(join(tmpdir(), 'contract-json-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('names the file the JSON report goes to, and refuses a folder', () => {
    expect(parseFlags(['--json', join(directory, 'report.json')]).json).toBe(join(directory, 'report.json'));
    expect(parseFlags([]).json).toBeUndefined();
    expect(() => parseFlags(['--json', directory])).toThrow(UserError);
  });
});
