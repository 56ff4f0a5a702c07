// The benchmark's one table, its results file (the latest main and fault runs side by side) and
// bench/PERFORMANCE.md, all written from the same rows so they cannot disagree.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from './rows';

export type RunKind = 'main' | 'faults' | 'smoke';

export interface RunResult {
  readonly command: string;
  readonly at: string;
  readonly seconds: number;
  readonly machine: Record<string, string | number>;
  readonly failures: number;
  readonly rows: readonly Row[];
  readonly sections: Record<string, unknown>;
}

export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: (java.stderr ?? '').split('\n')[0]?.trim() || 'unknown',
    /** Other work on the machine moves timings: the 1-minute load average when the run ended. */
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(rows: readonly Row[]): string {
  const lines = ['| Section | Item | Measured | Budget | Result | Notes |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${[row.section, row.item, row.measured, row.budget, row.verdict, row.note].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function writeResults(file: string, kind: RunKind, result: RunResult): void {
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, [kind]: result }, null, 2)}\n`);
}

export function writePerformance(resultsFile: string, markdownFile: string): void {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Partial<Record<RunKind, RunResult>>;
  const sections = (['main', 'faults'] as const).flatMap((kind) => {
    const run = results[kind];
    if (!run) {
      return [];
    }
    const box = run.machine;
    return [
      `## \`${run.command}\` — ${run.at}`,
      '',
      `${run.failures === 0 ? 'Every budget kept' : `${run.failures} budget(s) broken`}; ${run.seconds} s on ${box.cores} × ${box.cpu}, ${box.memoryGb} GB, ${box.os}, Node ${box.node}, ${box.java}; load average ${box.loadAverage} at the end.`,
      '',
      renderTable(run.rows),
      '',
    ];
  });
  writeFileSync(markdownFile, [readFileSync(path.join(__dirname, 'performance-head.md'), 'utf8').trimEnd(), '', ...sections].join('\n'));
}
