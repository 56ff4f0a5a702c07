// The background half of the local cloud, bound from the same worker catalogue CDK deploys: agency queues
// with SQS semantics feeding the task consumer, the synthesized state machine on the local engine, the
// applications stream feeding the outbox publisher onto the in-process bus, and the scheduled sweeps.
import path from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { EVENT_SOURCE } from '../lib/platform/workflow';
import { platformQueueName, platformQueues, type Worker, workers as catalogue } from '../lib/catalogue/workers';
import { failureQueueName, failureSourceOf } from '../lib/catalogue/worker-types';
import { eventTarget } from './event-target';
import type { DomainEvent } from '../schemas/applications';
import { agencyQueueName, AGENCY_QUEUE_MAX_RECEIVES, AGENCY_QUEUE_VISIBILITY_SECONDS } from '../lib/platform/workflow';
import { tableName } from '../lib/platform/tables';
import { LocalEventBus } from './event-bus';
import { openDataDir, openDataLogDir } from './open-data';
import { LocalQueues } from './queue';
import { StreamPollerThread } from './stream-poller-thread';
import { liveSwitches } from './region-switch';
import { resumeOnTakeOver } from './take-over';
import { LOCAL_ACCOUNT, LOCAL_REGION, synthesizeWorkflowDefinition } from './workflow-definition';
import { LocalWorkflowEngine } from './workflow-engine';
import { startUploads } from './uploads';

export interface LocalWorkersOptions {
  readonly stage: string;
  readonly root: string;
  readonly dataDir: string;
  readonly dynamoDbEndpoint: string;
  readonly agencyIds: readonly string[];
  /** Seconds between scheduled runs, instead of the catalogue's minutes (the local cloud is for people waiting). */
  readonly scheduleSeconds?: number;
  /** Queue visibility timeout, ms. @default the deployed queues' */
  readonly visibilityTimeoutMs?: number;
  readonly log: (line: string) => void;
}

export interface LocalWorkers {
  readonly engine: LocalWorkflowEngine;
  readonly queues: LocalQueues;
  readonly bus: LocalEventBus;
  /** Resumes every application left mid-workflow (run at start: a previous run may have crashed). */
  reconcileNow(): Promise<{ checked: number; resumed: string[] }>;
  /** The upload store's address (the portal's CSP lets the browser post files there). */
  readonly uploadsUrl: string;
  stop(): Promise<void>;
}

type Handler = (event: unknown) => Promise<unknown>;

/** A daily job (the open-data export) runs every this many local schedule periods: often enough to watch, light on the machine. */
const DAILY_FACTOR = 10;

const asStopper = (unsubscribe: () => void) => async () => unsubscribe();

/** The envelope EventBridge delivers to a rule's Lambda target. */
function toEventBridgeEvent(event: DomainEvent): EventBridgeEvent<string, DomainEvent> {
  return {
    version: '0',
    id: event.eventId,
    'detail-type': event.type,
    source: EVENT_SOURCE,
    account: LOCAL_ACCOUNT,
    time: event.at,
    region: LOCAL_REGION,
    resources: [],
    detail: event,
  };
}

export async function startWorkers(options: LocalWorkersOptions): Promise<LocalWorkers> {
  const handlerOf = async (worker: Worker): Promise<Handler> => ((await import(path.join(options.root, worker.entry))) as { handler: Handler }).handler;
  const byKind = <K extends Worker['trigger']['kind']>(kind: K) => catalogue.filter((worker) => worker.trigger.kind === kind);
  const stoppers: Array<() => Promise<void>> = [];
  // A stand-by region's schedules and stream consumers wait for `npm run failover` (local/region-switch.ts).
  const switches = liveSwitches(options.dataDir);

  const queues = new LocalQueues({
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? AGENCY_QUEUE_VISIBILITY_SECONDS * 1000,
    maxReceiveCount: AGENCY_QUEUE_MAX_RECEIVES,
    log: options.log,
  });
  for (const agencyId of options.agencyIds) {
    const name = agencyQueueName(options.stage, agencyId);
    queues.createQueue(name, { deadLetterQueue: `${name}-dlq` });
  }
  for (const definition of platformQueues) {
    const name = platformQueueName(options.stage, definition.name);
    queues.createQueue(name, {
      deadLetterQueue: `${name}-dlq`,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? definition.visibilitySeconds * 1000,
      maxReceiveCount: definition.maxReceives,
    });
  }
  // The workers' failure queues. A stream's stays empty here: the local poller retries until the worker takes the
  // batch (a stand-by region's disabled consumer must keep its records), where Lambda gives up after 20 retries.
  for (const worker of catalogue) {
    const source = failureSourceOf(worker);
    if (source) {
      queues.createQueue(failureQueueName(options.stage, worker.id, source));
    }
  }
  const { installMessageQueues } = await import('../functions/shared/queues-adapter');
  installMessageQueues(queues);
  const { installQueueAges } = await import('../functions/operations/queue-ages');
  installQueueAges(queues);
  // Business metrics (EMF lines) to <data>/metrics/<date>.jsonl; GET /v1/operations/metrics sums today's.
  const metricsDir = path.join(options.dataDir, 'metrics');
  const { installMetricSink } = await import('../functions/shared/metrics');
  const { fileMetricSink, fileMetrics } = await import('../functions/operations/file-metrics');
  const { installTodaysMetrics } = await import('../functions/operations/metrics-adapter');
  installMetricSink(fileMetricSink(metricsDir));
  installTodaysMetrics(fileMetrics(metricsDir));

  // Email and SMS go to files; `<channel>.fail` beside them switches a channel off (see file-channels.ts).
  const outboxDir = path.join(options.dataDir, 'outbox');
  const { installDeliveryChannels } = await import('../functions/notifications/channels');
  const { fileDeliveryChannels } = await import('../functions/notifications/file-channels');
  installDeliveryChannels(fileDeliveryChannels({ outboxDir, queues }));
  options.log(`Notifications: email to ${path.join(outboxDir, 'email.jsonl')}, SMS to ${path.join(outboxDir, 'sms.jsonl')}`);

  const { installEventBus } = await import('../functions/events/bus-adapter');
  const bus = new LocalEventBus(path.join(options.dataDir, 'events', 'events.jsonl'));
  installEventBus(bus);

  const engine = new LocalWorkflowEngine({
    definition: synthesizeWorkflowDefinition(options.stage, options.agencyIds),
    sendToQueue: (queueName, body) => queues.send(queueName, body),
    log: options.log,
  });
  // Issued documents are signed with a P-256 key file made once in the data folder (KMS in AWS).
  const { installDocumentSigner } = await import('../functions/documents/signer');
  const { localKeySigner } = await import('../functions/documents/local-key-signer');
  installDocumentSigner(localKeySigner(path.join(options.dataDir, 'keys', 'document-issuer.pem')));
  // Audit checkpoints: write-once files under <data>/audit-checkpoints (the Object Lock bucket in AWS).
  const { installCheckpointStore } = await import('../functions/registry/checkpoint-store');
  const { fileCheckpointStore } = await import('../functions/registry/file-checkpoints');
  installCheckpointStore(fileCheckpointStore(path.join(options.dataDir, 'audit-checkpoints')));

  // Open data: published to <data>/open-data/ (served under /open-data/), downloads logged to <data>/open-data-logs/.
  const { installOpenDataStore } = await import('../functions/open-data/store');
  const { fileOpenDataStore } = await import('../functions/open-data/file-store');
  const { installDownloadLogs } = await import('../functions/open-data/logs');
  const { fileLogSource } = await import('../functions/open-data/file-logs');
  installOpenDataStore(fileOpenDataStore(openDataDir(options.dataDir)));
  installDownloadLogs(fileLogSource(openDataLogDir(options.dataDir)));
  // Uploads: presigned POSTs to files under <data>/uploads, scanned (EICAR) after upload as GuardDuty scans in AWS.
  const uploads = await startUploads({ root: options.root, dataDir: options.dataDir, log: options.log });
  stoppers.push(uploads.stop);

  const { installWorkflowEngine } = await import('../functions/workflow/engine');
  installWorkflowEngine(engine);
  stoppers.push(() => engine.stopAll());

  for (const worker of byKind('agency-queues')) {
    const handler = (await handlerOf(worker)) as (event: SQSEvent) => Promise<SQSBatchResponse>;
    const batchSize = worker.trigger.kind === 'agency-queues' ? worker.trigger.batchSize : 10;
    for (const agencyId of options.agencyIds) {
      stoppers.push(queues.consume(agencyQueueName(options.stage, agencyId), handler, { batchSize }));
    }
  }

  // The streams are read on a thread of their own, off the one that serves the API; the handlers run on this one.
  const pollerThread = new StreamPollerThread();
  stoppers.push(() => pollerThread.close());
  for (const worker of byKind('stream')) {
    if (worker.trigger.kind !== 'stream') {
      continue;
    }
    const streamHandler = (await handlerOf(worker)) as (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
    const poller = await pollerThread.start({
      endpoint: options.dynamoDbEndpoint,
      tableName: tableName(options.stage, worker.trigger.table),
      // A disabled consumer (a stand-by region) leaves its records in the stream, as a disabled mapping does.
      handler: async (event) =>
        switches().streams ? streamHandler(event) : { batchItemFailures: event.Records.slice(0, 1).map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })) },
      checkpointFile: path.join(options.dataDir, 'streams', `${worker.id}.json`),
      batchSize: worker.trigger.batchSize,
    });
    stoppers.push(() => poller.stop());
  }

  for (const worker of byKind('queue')) {
    if (worker.trigger.kind !== 'queue') {
      continue;
    }
    const handler = (await handlerOf(worker)) as (event: SQSEvent) => Promise<SQSBatchResponse>;
    stoppers.push(queues.consume(platformQueueName(options.stage, worker.trigger.queue), handler, { batchSize: worker.trigger.batchSize }));
  }

  for (const worker of byKind('events')) {
    if (worker.trigger.kind !== 'events') {
      continue;
    }
    const handler = await handlerOf(worker);
    const failureQueue = failureQueueName(options.stage, worker.id, 'event');
    const deliver = (event: DomainEvent) => handler(toEventBridgeEvent(event));
    const target = { workerId: worker.id, detailTypes: worker.trigger.detailTypes, deliver, failureQueue, queues, asDelivered: toEventBridgeEvent, log: options.log };
    stoppers.push(asStopper(bus.subscribe(eventTarget(target))));
  }

  for (const worker of byKind('schedule')) {
    if (worker.trigger.kind !== 'schedule') {
      continue;
    }
    const handler = await handlerOf(worker);
    let running = Promise.resolve();
    const timer = setInterval(() => {
      if (!switches().schedules) {
        return;
      }
      running = running.then(() => handler({}).then(() => undefined, (error: Error) => options.log(`${worker.id} failed: ${error.name}`)));
    }, (options.scheduleSeconds ? options.scheduleSeconds * (worker.trigger.atUtc ? DAILY_FACTOR : 1) : worker.trigger.everyMinutes * 60) * 1000);
    timer.unref();
    stoppers.push(async () => {
      clearInterval(timer);
      await running;
    });
  }

  const { reconcileApplications } = await import('../functions/applications/domain/reconcile');
  const { taskDeps } = await import('../functions/applications/task-deps');
  const reconcileNow = () => reconcileApplications(taskDeps, 0);
  // A stand-by region taking over (npm run failover) resumes every application in flight at once, then rebuilds
  // its own KPI aggregates (a regional table) from the replicated events (local/take-over.ts).
  const { rebuildFromTables } = await import('../functions/kpis/rebuild');
  const { dynamo, requireTable } = await import('../functions/shared/dynamo');
  const tables = { applications: requireTable('applications'), metrics: requireTable('metrics'), catalogue: requireTable('catalogue') };
  stoppers.push(resumeOnTakeOver(options.dataDir, async () => [await reconcileNow(), await rebuildFromTables(dynamo, tables)], options.log));
  return {
    engine,
    queues,
    bus,
    reconcileNow,
    uploadsUrl: uploads.url,
    async stop() {
      for (const stop of stoppers.reverse()) {
        await stop().catch(() => undefined);
      }
    },
  };
}
