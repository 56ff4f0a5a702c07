// The event each function's cold start serves: the one the in-process local cloud recorded for it (a fresh
// Idempotency-Key per submission, a fresh open task per decision), or one built from its trigger.
import { randomUUID } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { EVENT_SOURCE } from '../../lib/platform/workflow';
import { capabilities } from '../../lib/capabilities';
import { type TableId, tableName } from '../../lib/platform/tables';
import type { DomainEvent } from '../../schemas/applications';
import { type CloudClient, until, vehicleSteps } from '../client';
import type { BenchFunction } from '../deployment';
import { type BenchCloud, STAGE } from '../harness/local-cloud';
import { type HttpEvent, type PerRun, routeTour } from './cold-routes';

/** The event of the n-th cold start (0-based), or undefined when there is none to serve. */
export type ColdEvent = { readonly source: string; readonly event: (run: number) => unknown };

/** How each run's event differs from the recorded one, per function (bench/sections/cold-routes.ts). */
export type PerRunEvents = ReadonlyMap<string, PerRun>;

const userOf: Record<string, string> = { citizen: 'citizen', officer: 'officer-dvld', frontline: 'frontline', operator: 'operator', auditor: 'auditor' };

/**
 * Calls every GET route without path parameters once, cancels an application, then calls every other route with a
 * token of its role and real data (cold-routes.ts), so every function has a recorded event that does its work.
 */
export async function tour(cloud: BenchCloud, client: CloudClient, runs = 1, wanted?: (id: string) => boolean): Promise<PerRunEvents> {
  for (const { route } of capabilities.filter((capability) => capability.route.method === 'GET' && !capability.route.path.includes('{'))) {
    await client.call(route.path, route.access === 'public' ? undefined : userOf[route.access[0]!]);
  }
  const { body } = await client.submit();
  await until('the cancelled application to be in progress', async () => ((await client.status(body.applicationId)) === 'in-progress' ? true : undefined));
  await client.call(`/v1/applications/${body.applicationId}/cancel`, 'citizen', { method: 'POST', body: {} });
  const perRun = await routeTour(client, runs, wanted);
  // The cancellation and the complaints reach their event workers through the stream.
  await cloud.meter.quiet(1_000);
  return perRun;
}

export async function coldEvents(
  cloud: BenchCloud,
  client: CloudClient,
  functions: readonly BenchFunction[],
  { runs, applicationId, perRun = new Map() }: { runs: number; applicationId: string; perRun?: PerRunEvents },
): Promise<Map<string, ColdEvent>> {
  const events = new Map<string, ColdEvent>();
  for (const fn of functions) {
    const recorded = cloud.meter.samples.get(fn.id);
    const built = recorded ? undefined : await buildEvent(fn, client, applicationId);
    if (recorded) {
      // Event workers were handed the domain event; their Lambda gets it in EventBridge's envelope.
      const event = fn.trigger?.kind === 'events' ? eventBridgeEnvelope(recorded.event as DomainEvent) : recorded.event;
      const rewrite = perRun.get(fn.id);
      const source = recorded.ok ? 'recorded' : 'recorded (refused)';
      events.set(fn.id, rewrite ? { source: `${source}, an item of its own each run`, event: (run) => rewrite(event as HttpEvent, run) } : { source, event: () => event });
    } else if (built) {
      events.set(fn.id, built);
    }
  }
  await freshSubmissions(events);
  await freshDecisions(events, client, runs);
  return events;
}

async function freshSubmissions(events: Map<string, ColdEvent>): Promise<void> {
  const submit = events.get('submit-application');
  if (submit) {
    const template = submit.event(0) as { headers: Record<string, string> };
    events.set('submit-application', { source: `${submit.source}, a fresh Idempotency-Key each run`, event: () => ({ ...template, headers: { ...template.headers, 'idempotency-key': randomUUID() } }) });
  }
}

/** Each run decides its own open task of the same step (and agency) as the recorded decision. */
async function freshDecisions(events: Map<string, ColdEvent>, client: CloudClient, runs: number): Promise<void> {
  const decide = events.get('decide-task');
  const template = decide?.event(0) as { pathParameters?: { taskId: string }; rawPath: string; requestContext: { http: { path: string } } } | undefined;
  const stepId = template?.pathParameters?.taskId.split('.').at(-1);
  if (!decide || !template || !vehicleSteps.slice(0, 2).some((step) => step.stepId === stepId)) {
    return;
  }
  const taskIds: string[] = [];
  for (let run = 0; run < runs; run++) {
    const { body } = await client.submit();
    const taskId = `${body.applicationId}.${stepId}`;
    await until(`task ${taskId}`, async () => ((await client.taskStatus(taskId)) === 'open' ? true : undefined));
    taskIds.push(taskId);
  }
  const withTask = (taskId: string) => {
    const path = template.rawPath.replace(template.pathParameters!.taskId, taskId);
    return { ...template, rawPath: path, pathParameters: { taskId }, requestContext: { ...template.requestContext, http: { ...template.requestContext.http, path } } };
  };
  events.set('decide-task', { source: 'recorded, an open task of its own each run', event: (run) => withTask(taskIds[run % taskIds.length]!) });
}

async function buildEvent(fn: BenchFunction, client: CloudClient, applicationId: string): Promise<ColdEvent | undefined> {
  switch (fn.trigger?.kind) {
    case 'schedule':
      return { source: 'a scheduled event', event: () => scheduledEvent() };
    case 'stream': {
      const record = await outboxRecord(client, fn.trigger.table, applicationId);
      return record ? { source: 'a stream record of an outbox item', event: () => ({ Records: [record] }) } : undefined;
    }
    case undefined:
      return fn.route ? { source: 'built from the route, no token', event: () => routeEvent(fn) } : undefined;
    default:
      return undefined;
  }
}

function scheduledEvent() {
  return { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000', time: new Date().toISOString(), region: 'me-central-1', resources: [], detail: {} };
}

export function eventBridgeEnvelope(event: DomainEvent) {
  return { version: '0', id: event.eventId, 'detail-type': event.type, source: EVENT_SOURCE, account: '000000000000', time: event.at, region: 'me-central-1', resources: [], detail: event };
}

async function outboxRecord(client: CloudClient, table: TableId, applicationId: string) {
  const TableName = tableName(STAGE, table);
  const { Items = [] } =
    table === 'applications'
      ? await client.tables.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)', ExpressionAttributeValues: { ':pk': `APP#${applicationId}`, ':evt': 'EVT#' }, Limit: 1 }))
      : await client.tables.send(new ScanCommand({ TableName, FilterExpression: 'begins_with(sk, :evt)', ExpressionAttributeValues: { ':evt': 'EVT#' } }));
  const item = Items[0];
  if (!item) {
    return undefined;
  }
  const image = marshall(item, { removeUndefinedValues: true });
  return {
    eventID: randomUUID(),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'me-central-1',
    dynamodb: { Keys: { pk: image.pk, sk: image.sk }, NewImage: image, SequenceNumber: '100000000000000000001', SizeBytes: JSON.stringify(item).length, StreamViewType: 'NEW_IMAGE' },
    eventSourceARN: `arn:aws:dynamodb:me-central-1:000000000000:table/${TableName}/stream/2026-01-01T00:00:00.000`,
  };
}

function routeEvent(fn: BenchFunction) {
  const path = fn.route!.path.replace(/\{(\w+)\}/g, 'bench');
  const names = [...fn.route!.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return {
    version: '2.0',
    routeKey: `${fn.route!.method} ${fn.route!.path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(names.length ? { pathParameters: Object.fromEntries(names.map((name) => [name, 'bench'])) } : {}),
    ...(fn.route!.method === 'GET' ? {} : { body: '{}' }),
    isBase64Encoded: false,
    requestContext: { accountId: '000000000000', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost', http: { method: fn.route!.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, requestId: randomUUID(), routeKey: `${fn.route!.method} ${fn.route!.path}`, stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now() },
  };
}
