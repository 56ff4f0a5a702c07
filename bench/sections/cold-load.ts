// Section 2: cold load. Each bundle imported by a fresh `node` process that then serves one event, with the
// environment CDK gives the function and DynamoDB Local and cognito-local behind it: our stand-in for Lambda's
// init plus first invocation on this machine. Median of the runs; Node's own boot is reported, not counted.
// Judged as a ratio to the function's reference (cold-reference.ts: the same SDK clients, the same AWS calls,
// nothing else) measured right after it: this machine's speed varies about 2× from run to run, the ratio does not.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TableId, tableName } from '../../lib/platform/tables';
import type { BenchFunction } from '../deployment';
import { STAGE } from '../harness/local-cloud';
import { progress } from '../progress';
import { judge, median, ms, type Row, type SectionResult } from '../rows';
import type { BundleFigure } from './bundles';
import type { ColdEvent } from './cold-events';
import { bundleReference, type ReferenceCall, referenceEvent } from './cold-reference';
import type { RecordedCall } from '../harness/recorder';

export interface ColdBudget {
  /** Import plus first event (import alone for a function given no event) at most this times the reference's. */
  readonly maxRatio: number;
  /** Absolute figures, kept as information. */
  readonly importMs: number;
  readonly firstEventMs: number;
}

/** Where each run's AWS calls are recorded: DynamoDB's pass-through and the stub of the other services. */
export interface CallRecords {
  take(): RecordedCall[];
}

export interface LocalEndpoints {
  readonly dynamoDbEndpoint: string;
  readonly cognitoEndpoint: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly awsStubUrl: string;
  /** The payment provider's stand-in, behind a recorder (PAYMENT_PROVIDER_URL of the functions that call it). */
  readonly paymentProviderUrl?: string;
}

export interface ColdFigure {
  readonly id: string;
  readonly runs: number;
  readonly importMs?: number;
  readonly firstEventMs?: number;
  readonly bootMs?: number;
  readonly eventSource: string;
  /** What each run's event got: a status code, "ok", "n failed" (batch items) or "threw ...". */
  readonly outcomes: Record<string, number>;
  /** The reference's medians, the AWS calls each run made (median), and the median over the runs of each run's figure over its own reference's (the run right after it). */
  readonly reference?: { readonly importMs: number; readonly firstEventMs: number; readonly calls: number; readonly importRatio: number; readonly eventRatio?: number; /** Calls answered 400 or more (median of runs): the function's, and the reference's replay of them. */ readonly refused: { readonly function: number; readonly replay: number } };
  readonly error?: string;
}

interface ColdOptions {
  readonly runs: number;
  readonly endpoints: LocalEndpoints;
  readonly records: CallRecords;
  /** Waits until the local cloud has worked off what the last run set going (stream records, queue messages). */
  readonly settle?: () => Promise<void>;
}

interface RunResult {
  readonly bootMs: number;
  readonly importMs: number;
  readonly firstEventMs: number;
  readonly outcome: string;
}

const child = path.resolve(__dirname, '../cold-start.mjs');

export async function measureColdLoads(
  functions: readonly BenchFunction[],
  bundles: readonly BundleFigure[],
  events: ReadonlyMap<string, ColdEvent>,
  options: ColdOptions & { budget: ColdBudget; judged: boolean },
): Promise<SectionResult<ColdFigure[]>> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-cold-'));
  const figures: ColdFigure[] = [];
  try {
    for (const fn of functions) {
      const bundle = bundles.find((figure) => figure.id === fn.id);
      const figure: ColdFigure = bundle?.file && !bundle.error ? await coldLoad(fn, bundle.file, events.get(fn.id), options, scratch) : { id: fn.id, runs: 0, eventSource: 'none', outcomes: {}, error: 'no bundle' };
      figures.push(figure);
      // Each figure as it is measured: a partial run can be read (and stopped) before its later sections.
      const row = toRow(figure, options.budget, options.judged);
      progress(`cold load ${fn.id}: ${row.measured} (${row.verdict}); ${row.note ?? ''}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { rows: figures.map((figure) => toRow(figure, options.budget, options.judged)), data: figures };
}

async function coldLoad(fn: BenchFunction, bundle: string, event: ColdEvent | undefined, options: ColdOptions, scratch: string): Promise<ColdFigure> {
  // Lambda's runtime adds LAMBDA_TASK_ROOT, the package's directory: the bundle's, beside its bundledFiles (bundles.ts).
  const environment = { ...lambdaEnvironment(fn, options.endpoints), LAMBDA_TASK_ROOT: path.dirname(bundle) };
  const reference = referenceBuilder(path.join(scratch, `${fn.id}-reference`, 'index.mjs'), clientsOf(bundle));
  options.records.take();
  const results: RunResult[] = [];
  const references: RunResult[] = [];
  const replays: Array<{ calls: ReferenceCall[] }> = [];
  const refused: Array<{ function: number; replay: number }> = [];
  // Run by run, the function then its reference replaying that run's calls: both measured under the same load
  // (this machine's drifts over a minute; the in-process local cloud still works off the previous runs' effects).
  const profiles = profileDir(fn.id, bundle);
  for (let run = 0; run < options.runs; run++) {
    await options.settle?.();
    results.push(await runOnce(bundle, await event?.event(run), environment, path.join(scratch, `${fn.id}-${run}`), profiles?.(`run-${run}`)));
    const made = options.records.take();
    const replay = referenceEvent(made);
    replays.push(replay);
    const referenceFile = await reference.covering(replay.calls);
    await options.settle?.();
    references.push(await runOnce(referenceFile, event ? replay : undefined, environment, path.join(scratch, `${fn.id}-reference-${run}`), profiles?.(`reference-${run}`, referenceFile)));
    refused.push({ function: refusedOf(made), replay: refusedOf(options.records.take()) });
  }
  return {
    id: fn.id,
    runs: results.length,
    importMs: median(results.map((result) => result.importMs)),
    firstEventMs: event ? median(results.map((result) => result.firstEventMs)) : undefined,
    bootMs: median(results.map((result) => result.bootMs)),
    eventSource: event?.source ?? 'none: the bench run gave it no event',
    outcomes: countOutcomes(results),
    reference: {
      importMs: median(references.map((result) => result.importMs)),
      firstEventMs: median(references.map((result) => result.firstEventMs)),
      calls: median(replays.map((replay) => replay.calls.length)),
      importRatio: median(results.map((result, run) => result.importMs / references[run]!.importMs)),
      eventRatio: event ? median(results.map((result, run) => result.firstEventMs / references[run]!.firstEventMs)) : undefined,
      refused: { function: median(refused.map((counts) => counts.function)), replay: median(refused.map((counts) => counts.replay)) },
    },
  };
}

/** The recorded calls a service answered with 400 or more (a refused conditional write, a missing item's error). */
const refusedOf = (calls: readonly RecordedCall[]) => calls.filter((call) => (call.status ?? 0) >= 400).length;

/** The reference bundle, built again when a run made a call whose command it does not import yet. */
function referenceBuilder(file: string, clients: readonly string[]) {
  // One call of each command is all the bundle needs.
  const commands = new Map<string, ReferenceCall>();
  let bundled = false;
  return {
    async covering(calls: readonly ReferenceCall[]): Promise<string> {
      const unseen = calls.filter((call) => !commands.has(`${call.service}.${call.command}`));
      unseen.forEach((call) => commands.set(`${call.service}.${call.command}`, call));
      if (!bundled || unseen.length > 0) {
        await bundleReference(file, clients, [...commands.values()]);
        bundled = true;
      }
      return file;
    },
  };
}

/**
 * `KHIDMA_COLD_PROFILE=<dir>`: each run's import and first event profiled apart (bench/cold-start.mjs) in
 * <dir>/<function id>/, beside a copy of the function's bundle (index.mjs) and of each reference's (<run name>.mjs),
 * with their source maps. The profiler slows the runs: their figures are for reading, not for judging.
 */
function profileDir(id: string, bundle: string): ((run: string, referenceBundle?: string) => string) | undefined {
  const root = process.env.KHIDMA_COLD_PROFILE;
  if (!root) {
    return undefined;
  }
  const dir = path.resolve(root, id);
  mkdirSync(dir, { recursive: true });
  const keep = (file: string, as: string) => ['', '.map'].forEach((suffix) => copyFileSync(`${file}${suffix}`, path.join(dir, `${as}${suffix}`)));
  keep(bundle, 'index.mjs');
  return (run, referenceBundle) => {
    if (referenceBundle) {
      keep(referenceBundle, `${run}.mjs`);
    }
    return path.join(dir, run);
  };
}

async function runOnce(bundle: string, event: unknown, environment: Record<string, string>, base: string, profile?: string): Promise<RunResult> {
  const eventFile = `${base}.json`;
  const resultFile = `${base}.result.json`;
  if (event !== undefined) {
    writeFileSync(eventFile, JSON.stringify(event));
  }
  await runChild([bundle, event !== undefined ? eventFile : '-', resultFile, ...(profile ? [profile] : [])], environment);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as RunResult;
}

function countOutcomes(results: readonly RunResult[]): Record<string, number> {
  const outcomes: Record<string, number> = {};
  for (const result of results) {
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  }
  return outcomes;
}

/** The AWS SDK clients a bundle holds (their package names), read off the bundle's text. */
export function clientsOf(bundle: string): string[] {
  const text = readFileSync(bundle, 'utf8');
  const markers: Record<string, string> = {
    '@aws-sdk/client-dynamodb': 'DynamoDB_20120810',
    '@aws-sdk/client-sfn': 'AWSStepFunctions',
    '@aws-sdk/client-eventbridge': 'AWSEvents',
    '@aws-sdk/client-sqs': 'AmazonSQS',
    '@aws-sdk/client-sesv2': 'SimpleEmailService_v2',
    '@aws-sdk/client-sns': 'AmazonSimpleNotificationService',
    // Not its X-Amz-Target prefix: functions/shared/mfa-status.ts names GetUser's in a plain HTTP request, without the client.
    '@aws-sdk/client-cognito-identity-provider': '"com.amazonaws.cognitoidentityprovider"',
    // Schema-serde clients name their namespace, not their X-Amz-Target prefix, in the bundle.
    '@aws-sdk/client-cloudwatch': '"com.amazonaws.cloudwatch"',
    '@aws-sdk/client-secrets-manager': '"com.amazonaws.secretsmanager"',
    '@aws-sdk/client-kms': '"com.amazonaws.kms"',
  };
  return Object.entries(markers).filter(([, marker]) => text.includes(marker)).map(([name]) => name);
}

/**
 * `npm run test:future` moves every process's clock (test/support/shift-clock.cjs): the cold starts' too, or the
 * data the shifted local cloud wrote (a rollout phase opened "today") would lie in their future. Function and
 * reference alike, so the ratio is unchanged.
 */
function withClockShift(env: Record<string, string>): Record<string, string> {
  const days = process.env.KHIDMA_CLOCK_SHIFT_DAYS;
  if (!days) {
    return env;
  }
  const shift = `--require=${path.resolve(__dirname, '../../test/support/shift-clock.cjs')}`;
  return { ...env, KHIDMA_CLOCK_SHIFT_DAYS: days, NODE_OPTIONS: [env.NODE_OPTIONS, shift].filter(Boolean).join(' ') };
}

function runChild(args: readonly string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, ...args], { env: withClockShift(env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    process_.once('error', reject);
    process_.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cold start exited with ${code}: ${stderr}`))));
  });
}

/** The variables CDK gives the function, CloudFormation references resolved to the local cloud's; nothing inherited. */
export function lambdaEnvironment(fn: BenchFunction, endpoints: LocalEndpoints): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    resolved[name] = typeof value === 'string' ? value : resolveReference(name, endpoints);
  }
  return {
    PATH: process.env.PATH ?? '',
    ...resolved,
    AWS_REGION: 'me-central-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: `khidma-prod-${fn.id}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DYNAMODB_ENDPOINT: endpoints.dynamoDbEndpoint,
    COGNITO_ENDPOINT: endpoints.cognitoEndpoint,
    AWS_ENDPOINT_URL: endpoints.awsStubUrl,
    ...('PAYMENT_PROVIDER_URL' in resolved && endpoints.paymentProviderUrl ? { PAYMENT_PROVIDER_URL: endpoints.paymentProviderUrl } : {}),
  };
}

function resolveReference(name: string, endpoints: LocalEndpoints): string {
  const table = /^TABLE_(\w+)$/.exec(name)?.[1];
  if (table) {
    return tableName(STAGE, table.toLowerCase() as TableId);
  }
  const known: Record<string, string> = {
    USER_POOL_ID: endpoints.userPoolId,
    USER_POOL_CLIENT_ID: endpoints.userPoolClientId,
    WORKFLOW_STATE_MACHINE_ARN: 'arn:aws:states:me-central-1:000000000000:stateMachine:khidma-prod-application',
    EVENT_BUS_NAME: 'khidma-prod-events',
    // A secret's ARN must look like one (functions/shared/environment.ts checks it at load); the AWS stub answers its
    // GetSecretValue with the key of the provider's stand-in (bench/run.ts).
    PAYMENT_NOTIFICATION_SECRET_ARN: 'arn:aws:secretsmanager:me-central-1:000000000000:secret:khidma-prod-payment-notification-bench',
  };
  return known[name] ?? `bench-${name.toLowerCase()}`;
}

function toRow(figure: ColdFigure, budget: ColdBudget, judged: boolean): Row {
  const budgetText = `import + event ≤ ${budget.maxRatio}× reference`;
  if (figure.error || figure.importMs === undefined || !figure.reference) {
    return { section: 'Cold load', item: figure.id, measured: 'not run', budget: budgetText, verdict: 'FAIL', note: figure.error };
  }
  const { reference } = figure;
  const served = figure.firstEventMs !== undefined;
  // Paired runs met the same load: the median of their ratios, not the ratio of the medians.
  const { importRatio, eventRatio } = reference;
  // Judged: import plus first event (what a cold invocation costs), or the import alone when there is no event.
  const passes = (eventRatio ?? importRatio) <= budget.maxRatio;
  const absolute = figure.importMs <= budget.importMs && (!served || figure.firstEventMs! <= budget.firstEventMs);
  return {
    section: 'Cold load',
    item: figure.id,
    measured: `import ${importRatio.toFixed(2)}×, +event ${eventRatio === undefined ? 'n/a' : `${eventRatio.toFixed(2)}×`}`,
    budget: budgetText,
    verdict: judge(passes, judged),
    note:
      `import ${ms(figure.importMs)} (reference ${ms(reference.importMs)}), +event ${served ? `${ms(figure.firstEventMs!)} (reference ${ms(reference.firstEventMs)}, ${reference.calls} AWS call(s) replayed${reference.refused.function + reference.refused.replay > 0 ? `, refused: ${reference.refused.function} by the function, ${reference.refused.replay} on replay` : ''})` : 'n/a'}; ` +
      `absolute ≤ ${budget.importMs} / ${budget.firstEventMs} ms ${absolute ? 'kept' : 'not kept'} (information); median of ${figure.runs}; node boot ${ms(figure.bootMs ?? 0)} not counted; ` +
      `event: ${figure.eventSource}; got ${Object.entries(figure.outcomes).map(([outcome, count]) => `${outcome}×${count}`).join(', ')}`,
  };
}
