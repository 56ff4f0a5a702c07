// Section 2: cold load. Each bundle imported by a fresh `node` process that then serves one event, with the
// environment CDK gives the function and DynamoDB Local and cognito-local behind it: our stand-in for Lambda's
// init plus first invocation on this machine. Median of the runs; Node's own boot is reported, not counted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type TableId, tableName } from '../../lib/platform/tables';
import type { BenchFunction } from '../deployment';
import { STAGE } from '../harness/local-cloud';
import { judge, median, ms, type Row, type SectionResult } from '../rows';
import type { BundleFigure } from './bundles';
import type { ColdEvent } from './cold-events';

export interface ColdBudget {
  readonly importMs: number;
  readonly firstEventMs: number;
}

export interface LocalEndpoints {
  readonly dynamoDbEndpoint: string;
  readonly cognitoEndpoint: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly awsStubUrl: string;
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
  readonly error?: string;
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
  options: { runs: number; endpoints: LocalEndpoints; budget: ColdBudget; judged: boolean },
): Promise<SectionResult<ColdFigure[]>> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-cold-'));
  const figures: ColdFigure[] = [];
  try {
    for (const fn of functions) {
      const bundle = bundles.find((figure) => figure.id === fn.id);
      figures.push(bundle?.file && !bundle.error ? await coldLoad(fn, bundle.file, events.get(fn.id), options, scratch) : { id: fn.id, runs: 0, eventSource: 'none', outcomes: {}, error: 'no bundle' });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { rows: figures.map((figure) => toRow(figure, options.budget, options.judged)), data: figures };
}

async function coldLoad(fn: BenchFunction, bundle: string, event: ColdEvent | undefined, options: { runs: number; endpoints: LocalEndpoints }, scratch: string): Promise<ColdFigure> {
  const results: RunResult[] = [];
  const environment = lambdaEnvironment(fn, options.endpoints);
  for (let run = 0; run < options.runs; run++) {
    const eventFile = path.join(scratch, `${fn.id}-${run}.json`);
    const resultFile = path.join(scratch, `${fn.id}-${run}.result.json`);
    if (event) {
      writeFileSync(eventFile, JSON.stringify(event.event(run)));
    }
    await runChild([bundle, event ? eventFile : '-', resultFile], environment);
    results.push(JSON.parse(readFileSync(resultFile, 'utf8')) as RunResult);
  }
  const outcomes: Record<string, number> = {};
  for (const result of results) {
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  }
  return {
    id: fn.id,
    runs: results.length,
    importMs: median(results.map((result) => result.importMs)),
    firstEventMs: event ? median(results.map((result) => result.firstEventMs)) : undefined,
    bootMs: median(results.map((result) => result.bootMs)),
    eventSource: event?.source ?? 'none: the bench run gave it no event',
    outcomes,
  };
}

function runChild(args: readonly string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
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
  };
  return known[name] ?? `bench-${name.toLowerCase()}`;
}

function toRow(figure: ColdFigure, budget: ColdBudget, judged: boolean): Row {
  if (figure.error || figure.importMs === undefined) {
    return { section: 'Cold load', item: figure.id, measured: 'not run', budget: `≤ ${budget.importMs} / ${budget.firstEventMs} ms`, verdict: 'FAIL', note: figure.error };
  }
  const served = figure.firstEventMs !== undefined;
  const passes = figure.importMs <= budget.importMs && (!served || figure.firstEventMs! <= budget.firstEventMs);
  return {
    section: 'Cold load',
    item: figure.id,
    measured: `import ${ms(figure.importMs)}, +event ${served ? ms(figure.firstEventMs!) : 'n/a'}`,
    budget: `≤ ${budget.importMs} / ${budget.firstEventMs} ms`,
    verdict: judge(passes, judged),
    note: `median of ${figure.runs}; node boot ${ms(figure.bootMs ?? 0)} not counted; event: ${figure.eventSource}; got ${Object.entries(figure.outcomes).map(([outcome, count]) => `${outcome}×${count}`).join(', ')}`,
  };
}
