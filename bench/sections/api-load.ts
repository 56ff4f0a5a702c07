// Section 3: API latency and throughput on the local cloud of `npm start` (a child process), autocannon at
// fixed connections for fixed seconds per endpoint, beside the raw rate of DynamoDB Local measured in the
// same run at the same concurrency, straight from the SDK: for each read, the request it makes (the service
// card's GetItem; the application's Query over its partition, same key, projection and consistency), and PutItem
// for the writes.
import { randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { partitionQuery } from '../../functions/applications/dynamo-applications';
import { tableName } from '../../lib/platform/tables';
import { type CloudClient, SERVICE_ID, sleep, VEHICLE, vehicleStages } from '../client';
import { judge, ms, type Row, type SectionResult } from '../rows';
import { load, type LoadOptions, raw, type RateFigure } from './load';

export interface ApiBudget {
  readonly maxErrorRate: number;
  readonly singleItemReads: readonly string[];
  /** Each single-item read's rate, at least this share of its own raw DynamoDB request's. */
  readonly minSingleItemReadRatio: number;
  readonly catalogueReads: readonly string[];
  readonly minCatalogueRequestsPerSecond: number;
  readonly maxCatalogueP99Ms: number;
}

interface Options extends LoadOptions {
  readonly budget: ApiBudget;
  readonly judged: boolean;
}

type Tokens = Record<'citizen' | 'citizen2' | 'dvld' | 'gam', string>;

export async function measureApi(client: CloudClient, options: Options): Promise<SectionResult<{ raw: RateFigure[]; endpoints: RateFigure[] }>> {
  const tokens: Tokens = { citizen: await client.token('citizen'), citizen2: await client.token('citizen2'), dvld: await client.token('officer-dvld'), gam: await client.token('officer-gam') };
  const { body: application } = await client.submit();
  await warmUp(client, application.applicationId);
  const reads = await measureReads(client, tokens, application.applicationId, options);
  const writes = await measureWrites(client, tokens, options);
  const referenceOf = (name: string) => (name.startsWith('POST') ? writes.rawPut : name === 'GET /v1/applications/{applicationId}' ? reads.rawQuery : reads.rawGet);
  const rated = [...reads.endpoints, ...writes.endpoints].map((figure) => ({ ...figure, ratio: figure.perSecond / referenceOf(figure.name).perSecond, reference: referenceOf(figure.name).name }));
  const best = (pair: readonly [RateFigure, RateFigure]) => `best of before (${Math.round(pair[0].perSecond)}) and after (${Math.round(pair[1].perSecond)}) the reads`;
  const rawRows = [rawRow(reads.rawGet, best(reads.gets), options.connections), rawRow(reads.rawQuery, best(reads.queries), options.connections), rawRow(writes.rawPut, 'before the writes', options.connections)];
  const rows = rated.map((figure) => endpointRow(figure, options, reads.runs[figure.name]));
  return { rows: [...rawRows, ...rows], data: { raw: [...reads.gets, ...reads.queries, writes.rawPut], endpoints: rated } };
}

const better = (a: RateFigure, b: RateFigure) => (a.perSecond > b.perSecond ? a : b);

/**
 * The reads against their raw requests, alike on both sides: each warmed up as long as its raw request (DynamoDB
 * Local's JIT, the handler's code in the local cloud), then the raw requests, each single-item read twice (in
 * turn, then in reverse order), the raw requests again; each side's better run is kept, so the noise of a shared
 * machine counts the same on both.
 */
async function measureReads(client: CloudClient, tokens: Tokens, applicationId: string, options: Options) {
  const reads = [
    { name: 'GET /v1/services/{serviceId}', path: `/v1/services/${SERVICE_ID}` },
    { name: 'GET /v1/applications/{applicationId}', path: `/v1/applications/${applicationId}`, headers: { authorization: `Bearer ${tokens.citizen}` } },
  ];
  const run = (read: (typeof reads)[number], runOptions: LoadOptions = options) => load(client.address.apiUrl, read.name, read, runOptions);
  const getCard = (name: string, runOptions: LoadOptions = options) => raw(client, name, runOptions, getServiceCard);
  const query = (name: string, runOptions: LoadOptions = options) => raw(client, name, runOptions, (c) => queryApplication(c, applicationId));
  const warm = { ...options, seconds: options.seconds / 2 };
  await getCard('warm-up', warm);
  await query('warm-up', warm);
  for (const read of reads) {
    await run(read, warm);
  }
  const before = await getCard('DynamoDB Local GetItem (raw)');
  const queryBefore = await query('DynamoDB Local Query of an application (raw)');
  const catalogue = await load(client.address.apiUrl, 'GET /v1/services', { path: '/v1/services' }, options);
  const first = [await run(reads[0]!), await run(reads[1]!)];
  const second = [await run(reads[1]!), await run(reads[0]!)].reverse();
  const queryAfter = await query('DynamoDB Local Query of an application (raw)');
  const after = await getCard('DynamoDB Local GetItem (raw)');
  const runs = Object.fromEntries(reads.map((read, index) => [read.name, [first[index]!, second[index]!] as const]));
  return {
    endpoints: [catalogue, ...reads.map((_, index) => better(first[index]!, second[index]!))],
    runs,
    gets: [before, after] as const,
    rawGet: better(before, after),
    queries: [queryBefore, queryAfter] as const,
    rawQuery: better(queryBefore, queryAfter),
  };
}

/** Submissions with a fresh Idempotency-Key each, then decisions on their first-stage tasks, each task once. */
async function measureWrites(client: CloudClient, tokens: Tokens, options: Options) {
  const run = (name: string, request: Parameters<typeof load>[2]) => load(client.address.apiUrl, name, request, options);
  await raw(client, 'warm-up', { ...options, seconds: options.seconds / 2 }, putItem);
  const rawPut = await raw(client, 'DynamoDB Local PutItem (raw)', options, putItem);
  const submitted: string[] = [];
  // The two demo citizens in turn: a submission appends to its applicant's audit chain, one append at a time, so
  // ten at once from one person (what nobody does) measure that person's chain, not the platform.
  const applicants = [tokens.citizen, tokens.citizen2];
  let sent = 0;
  const submissions = await run('POST /v1/applications', {
    method: 'POST',
    path: '/v1/applications',
    headers: { authorization: `Bearer ${tokens.citizen}`, 'content-type': 'application/json', 'idempotency-key': '[<id>]' },
    body: JSON.stringify(VEHICLE),
    setupRequest: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${applicants[sent++ % applicants.length]}` } }),
    onResponse: (status, text) => status === 201 && submitted.push(JSON.parse(text).applicationId),
  });
  // A run too short to answer a submission still needs a few tasks to decide.
  while (submitted.length < 3) {
    submitted.push((await client.submit()).body.applicationId);
  }
  const tasks = await openFirstStageTasks(client, submitted);
  const queue = [...tasks];
  const decisions = await run('POST /v1/tasks/{taskId}/decision', {
    method: 'POST',
    path: '/v1/tasks/next/decision',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve' }),
    // Each connection builds its next request as it sends one: leave it spare tasks, never a decided one twice.
    amount: Math.max(1, tasks.length - options.connections),
    setupRequest: (request) => {
      const task = queue.shift() ?? tasks[0]!;
      return { ...request, path: `/v1/tasks/${task.taskId}/decision`, headers: { ...request.headers, authorization: `Bearer ${task.agencyId === 'gam' ? tokens.gam : tokens.dvld}` } };
    },
  });
  return { endpoints: [submissions, decisions], rawPut };
}

async function warmUp(client: CloudClient, applicationId: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await Promise.all([client.call('/v1/services'), client.call(`/v1/services/${SERVICE_ID}`), client.call(`/v1/applications/${applicationId}`, 'citizen')]);
  }
}

/** What GET /v1/services/{serviceId} asks of DynamoDB: the card's CURRENT item. */
export const getServiceCard = (client: CloudClient) => client.tables.send(new GetCommand({ TableName: tableName('local', 'catalogue'), Key: { pk: `SERVICE#${SERVICE_ID}`, sk: 'CURRENT' } }));
/** What GET /v1/applications/{applicationId} asks of DynamoDB: the very Query of its store (getWithEvents), one page here. */
export const queryApplication = (client: CloudClient, applicationId: string) => client.tables.send(new QueryCommand(partitionQuery(tableName('local', 'applications'), applicationId)));
const putItem = (client: CloudClient) =>
  client.tables.send(new PutCommand({ TableName: tableName('local', 'idempotency'), Item: { id: `bench-raw#${randomUUID()}`, bodyHash: 'bench', expiration: Math.floor(Date.now() / 1000) + 3600 } }));

/** The first-stage tasks of the submitted applications, once open, for the decision run. */
async function openFirstStageTasks(client: CloudClient, applicationIds: readonly string[]) {
  const wanted = applicationIds.flatMap((applicationId) => vehicleStages[0]!.map((step) => ({ taskId: `${applicationId}.${step.stepId}`, agencyId: step.agencyId })));
  const open = new Set<string>();
  for (const deadline = Date.now() + 60_000; open.size < wanted.length && Date.now() < deadline; await sleep(250)) {
    for (let start = 0; start < wanted.length; start += 100) {
      const keys = wanted.slice(start, start + 100).filter((task) => !open.has(task.taskId)).map((task) => ({ pk: `TASK#${task.taskId}`, sk: 'META' }));
      (await openTaskIds(client, keys)).forEach((taskId) => open.add(taskId));
    }
  }
  return wanted.filter((task) => open.has(task.taskId));
}

async function openTaskIds(client: CloudClient, keys: ReadonlyArray<{ pk: string; sk: string }>): Promise<string[]> {
  if (!keys.length) {
    return [];
  }
  const { Responses = {} } = await client.tables.send(new BatchGetCommand({ RequestItems: { [tableName('local', 'applications')]: { Keys: [...keys] } } }));
  return (Responses[tableName('local', 'applications')] ?? []).filter((item) => item.task?.status === 'open').map((item) => item.task.taskId as string);
}

/** Whole requests a second, but a tenth below 10 (a short run of a few slow requests is not "0 req/s"). */
const perSecond = (figure: RateFigure) => (figure.perSecond < 10 ? figure.perSecond.toFixed(1) : String(Math.round(figure.perSecond)));

const rawRow = (figure: RateFigure, when: string, connections: number): Row => ({
  section: 'API',
  item: figure.name,
  measured: `${perSecond(figure)} req/s`,
  budget: '',
  verdict: 'info',
  note: `p50 ${ms(figure.p50)}, p99 ${ms(figure.p99)}, ${figure.requests} calls from ${connections} concurrent SDK loops; ${when}; the reference for the ratios below`,
});

function endpointRow(figure: RateFigure & { readonly reference: string }, options: Options, runs?: readonly [RateFigure, RateFigure]): Row {
  const { budget } = options;
  const checks = [figure.errorRate <= budget.maxErrorRate];
  const wanted = [`errors ≤ ${budget.maxErrorRate * 100}%`];
  if (budget.singleItemReads.includes(figure.name)) {
    checks.push(figure.ratio! >= budget.minSingleItemReadRatio);
    wanted.push(`≥ ${budget.minSingleItemReadRatio * 100}% of its raw request`);
  }
  if (budget.catalogueReads.includes(figure.name)) {
    checks.push(figure.perSecond >= budget.minCatalogueRequestsPerSecond && figure.p99 <= budget.maxCatalogueP99Ms);
    wanted.push(`≥ ${budget.minCatalogueRequestsPerSecond} req/s, p99 ≤ ${budget.maxCatalogueP99Ms} ms`);
  }
  const errorsJudged = figure.errorRate <= budget.maxErrorRate;
  return {
    section: 'API',
    item: figure.name,
    measured: `${perSecond(figure)} req/s (${Math.round(figure.ratio! * 100)}% of ${figure.reference.replace(/^DynamoDB Local | \(raw\)$/g, '')})`,
    budget: wanted.join(', '),
    // Errors are judged even in a smoke run; rates and latencies only in a full one.
    verdict: !errorsJudged ? 'FAIL' : judge(checks.every(Boolean), options.judged),
    note: `${runs ? `best of two runs (${runs.map((run) => Math.round(run.perSecond)).join(' and ')} req/s); ` : ''}p50 ${ms(figure.p50)}, p95 ${ms(figure.p95)}, p99 ${ms(figure.p99)}, max ${ms(figure.max)}; errors ${(figure.errorRate * 100).toFixed(2)}%; ${figure.requests} requests in ${figure.seconds} s; statuses ${JSON.stringify(figure.statuses)}${figure.loggedErrors && Object.keys(figure.loggedErrors).length ? `; errors logged ${JSON.stringify(figure.loggedErrors)}` : ''}`,
  };
}
