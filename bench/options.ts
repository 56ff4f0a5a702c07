// What one run of `npm run bench` measures and for how long, from its flags.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CrashOptions } from './sections/crash';
import type { DrDrillOptions } from './sections/dr-drill';

export interface BenchOptions {
  /** Seconds-long run of every section (the smoke test in `npm test`); its figures are not judged against timing budgets. */
  readonly smoke: boolean;
  readonly main: boolean;
  readonly faults: boolean;
  /** Where the results go; the smoke run writes to a temporary file. */
  readonly resultsFile: string;
  /** bench/PERFORMANCE.md is rewritten by full runs only. */
  readonly writeReport: boolean;
  /** Functions bundled and cold-loaded; undefined = every Lambda. */
  readonly functions?: readonly string[];
  /** A run of named functions (`--functions`): their bundles and cold loads only, no API, fault or volume section. */
  readonly partial: boolean;
  readonly coldRuns: number;
  /** Seconds of each autocannon run and of each raw DynamoDB run. */
  readonly loadSeconds: number;
  readonly journeys: number;
  readonly storm: { readonly keys: number; readonly retries: number };
  readonly crash: CrashOptions;
  readonly poison: { readonly applications: number };
  /** The two-region drill; undefined in the smoke run (test/integration/dr-drill.test.ts runs its short version). */
  readonly dr?: DrDrillOptions;
  /** Seeds the random kill points of the crash figure. */
  readonly seed: number;
}

export const benchDir = path.resolve(__dirname);

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: 'boolean', default: false },
      faults: { type: 'boolean', default: false },
      out: { type: 'string' },
      seed: { type: 'string', default: String(Date.now() % 100_000) },
      // A partial run for working on a few functions: `--functions get-service,verify-document --out /tmp/r.json`.
      functions: { type: 'string' },
    },
  });
  const smoke = values.smoke ?? false;
  const faults = values.faults ?? false;
  const base = { smoke, main: smoke || !faults, faults: smoke || faults, seed: Number(values.seed) };
  const resultsFile = values.out ? path.resolve(values.out) : smoke ? path.join(os.tmpdir(), `khidma-bench-smoke-${process.pid}.json`) : path.join(benchDir, 'results.json');
  if (smoke) {
    return {
      ...base,
      resultsFile,
      writeReport: false,
      functions: ['get-service', 'submit-application', 'agency-task-consumer'],
      partial: false,
      coldRuns: 1,
      loadSeconds: 1,
      journeys: 1,
      storm: { keys: 2, retries: 3 },
      crash: { applications: 2, kills: 2, duringSubmissions: true },
      poison: { applications: 2 },
    };
  }
  const functions = values.functions?.split(',').map((id) => id.trim()).filter(Boolean);
  return {
    ...base,
    resultsFile,
    // Only a whole run rewrites PERFORMANCE.md.
    writeReport: !values.out && !functions,
    functions,
    partial: functions !== undefined,
    coldRuns: 11,
    loadSeconds: 8,
    journeys: 3,
    storm: { keys: 100, retries: 10 },
    crash: { applications: 8, kills: 2, duringSubmissions: true },
    poison: { applications: 3 },
    dr: { applications: 12, inFlight: 6, lagMs: 500, settleMs: 240_000 },
  };
}
