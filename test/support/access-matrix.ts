// The authorization matrix's vocabulary and bookkeeping: personas, expectations, verdicts and the printed tables.
import type { Capability } from '../../lib/catalogue/types';
import { api } from './api';

export const personas = ['anonymous', 'citizen', 'citizen2', 'ownOfficer', 'otherOfficer', 'frontline', 'operator', 'auditor'] as const;
export type Persona = (typeof personas)[number];

/**
 * `allow`: the request gets past authorization and answers exactly `status`.
 * `deny`: 401 (no valid token), 403, or 404 where the design hides from strangers that the thing exists.
 * `reason` is compared with the error's `details.reason`, else its `code`, when given.
 */
export interface Expectation {
  readonly outcome: 'allow' | 'deny';
  readonly status: number;
  readonly reason?: string;
}

export const allow = (status = 200, reason?: string): Expectation => ({ outcome: 'allow', status, ...(reason ? { reason } : {}) });
export const deny = (status: 401 | 403 | 404, reason?: string): Expectation => ({ outcome: 'deny', status, ...(reason ? { reason } : {}) });

export interface Probe {
  /** Path with its query string; the method is the capability's. */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface MatrixCase {
  readonly capability: Capability;
  readonly persona: Persona;
  /** Set for the extra scope cases of a persona (e.g. "under a consent"). */
  readonly variant?: string;
  readonly token?: string;
  readonly probe: Probe;
  readonly expected: Expectation;
}

export type Verdict = 'as expected' | 'unexpected allow' | 'unexpected deny' | 'wrong answer';

export interface MatrixOutcome extends MatrixCase {
  readonly status: number;
  readonly reason?: string;
  readonly verdict: Verdict;
}

const denials = new Set([401, 403, 404]);

export function verdictOf(expected: Expectation, status: number, reason: string | undefined): Verdict {
  if (status === expected.status && (expected.reason === undefined || expected.reason === reason)) {
    return 'as expected';
  }
  if (expected.outcome === 'deny') {
    return denials.has(status) ? 'wrong answer' : 'unexpected allow';
  }
  return denials.has(status) ? 'unexpected deny' : 'wrong answer';
}

export async function runCase(matrixCase: MatrixCase): Promise<MatrixOutcome> {
  const { capability, token, probe } = matrixCase;
  const response = await api(probe.path, { method: capability.route.method, token, body: probe.body, headers: probe.headers });
  const error = typeof response.body === 'object' && response.body !== null ? response.body.error : undefined;
  const reason: string | undefined = error?.details?.reason ?? error?.code;
  return { ...matrixCase, status: response.status, ...(reason ? { reason } : {}), verdict: verdictOf(matrixCase.expected, response.status, reason) };
}

const describeExpectation = (expected: Expectation) => `${expected.outcome} ${expected.status}${expected.reason ? ` ${expected.reason}` : ''}`;
const caseName = (outcome: MatrixOutcome) => `${outcome.persona}${outcome.variant ? ` (${outcome.variant})` : ''}`;

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...rows.map(line)].join('\n');
}

/** One line per case: what was asked, what the table expects, what came back. */
export function outcomeTable(outcomes: readonly MatrixOutcome[]): string {
  return table(
    ['capability', 'persona', 'request', 'expected', 'actual', 'verdict'],
    outcomes.map((outcome) => [
      outcome.capability.id,
      caseName(outcome),
      `${outcome.capability.route.method} ${outcome.probe.path.split('?')[0]}`,
      describeExpectation(outcome.expected),
      `${outcome.status}${outcome.reason ? ` ${outcome.reason}` : ''}`,
      outcome.verdict,
    ]),
  );
}

/** Capabilities down, personas across: the status each answered, `!` marking a mismatch; scope variants as extra rows. */
export function matrixGrid(outcomes: readonly MatrixOutcome[]): string {
  const cell = (outcome: MatrixOutcome | undefined) =>
    outcome ? `${outcome.verdict === 'as expected' ? '' : '!'}${outcome.status}${outcome.verdict === 'as expected' ? '' : `/${outcome.expected.status}`}` : '';
  const rows: string[][] = [];
  for (const id of [...new Set(outcomes.map((outcome) => outcome.capability.id))]) {
    const mine = outcomes.filter((outcome) => outcome.capability.id === id);
    rows.push([id, ...personas.map((persona) => cell(mine.find((outcome) => outcome.persona === persona && !outcome.variant)))]);
    for (const variant of mine.filter((outcome) => outcome.variant)) {
      rows.push([`  + ${variant.variant}`, ...personas.map((persona) => (persona === variant.persona ? cell(variant) : ''))]);
    }
  }
  return table(['capability', ...personas], rows);
}

export function summaryLine(outcomes: readonly MatrixOutcome[], capabilityCount: number): string {
  const count = (verdict: Verdict) => outcomes.filter((outcome) => outcome.verdict === verdict).length;
  const variants = outcomes.filter((outcome) => outcome.variant).length;
  return (
    `authorization matrix: ${capabilityCount} capabilities x ${personas.length} personas + ${variants} scope variants = ${outcomes.length} cases; ` +
    `${count('as expected')} as expected, ${outcomes.length - count('as expected')} mismatches ` +
    `(${count('unexpected allow')} unexpected allows, ${count('unexpected deny')} unexpected denials, ${count('wrong answer')} wrong answers)`
  );
}
