// The two ways the API section loads a system: autocannon against an HTTP endpoint, and plain SDK loops
// against DynamoDB Local, at the same concurrency; both summarized the same way.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { CloudClient } from '../client';
import { percentile } from '../rows';

export interface RateFigure {
  readonly name: string;
  readonly seconds: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly errorRate: number;
  readonly statuses: Record<string, number>;
  /** Throughput over the raw DynamoDB Local rate of the same kind (GetItem for reads, PutItem for writes). */
  readonly ratio?: number;
  /** Error log lines of the handlers during the run, by errorName. */
  readonly loggedErrors?: Record<string, number>;
}

export interface LoadOptions {
  readonly seconds: number;
  readonly connections: number;
  /** Starts counting the local cloud's error log lines; the returned reader gives them by errorName. */
  readonly errorsFromNow?: () => () => Record<string, number>;
}

export type Load = {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  amount?: number;
  onResponse?: (status: number, body: string) => unknown;
  setupRequest?: (request: { path?: string; headers?: Record<string, string> }) => { path?: string; headers?: Record<string, string> };
};

export async function load(url: string, name: string, request: Load, options: LoadOptions): Promise<RateFigure> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const instance = autocannon({
    url,
    connections: Math.min(options.connections, request.amount ?? options.connections),
    ...(request.amount ? { amount: request.amount } : { duration: options.seconds }),
    timeout: 10,
    idReplacement: request.headers?.['idempotency-key'] === '[<id>]',
    // autocannon rejects keys present with an undefined value.
    requests: [JSON.parse(JSON.stringify({ method: request.method ?? 'GET', path: request.path, headers: request.headers, body: request.body })) as object]
      .map((base) => ({ ...base, ...(request.onResponse && { onResponse: request.onResponse }), ...(request.setupRequest && { setupRequest: request.setupRequest as never }) })),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  instance.on('reqError', () => (errors += 1));
  const loggedErrors = options.errorsFromNow?.();
  await instance;
  const figure = summarize(name, latencies, statuses, errors, (performance.now() - started) / 1000);
  return loggedErrors ? { ...figure, loggedErrors: loggedErrors() } : figure;
}

export function summarize(name: string, latencies: readonly number[], statuses: Record<string, number>, errors: number, seconds: number): RateFigure {
  const failed = errors + Object.entries(statuses).filter(([status]) => !status.startsWith('2')).reduce((sum, [, count]) => sum + count, 0);
  return {
    name,
    seconds: Math.round(seconds * 10) / 10,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    errorRate: failed / Math.max(1, latencies.length + errors),
    statuses,
  };
}

/** The same concurrency as autocannon's connections: that many loops, each waiting for its call before the next. */
export async function raw(client: CloudClient, name: string, options: LoadOptions, call: (client: CloudClient) => Promise<unknown>): Promise<RateFigure> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        await call(client).then(() => latencies.push(performance.now() - sent), () => (errors += 1));
      }
    }),
  );
  return summarize(name, latencies, { 200: latencies.length }, errors, (performance.now() - started) / 1000);
}
