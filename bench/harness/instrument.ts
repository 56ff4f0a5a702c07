// Instruments the in-process local cloud for the meter: ReturnConsumedCapacity on the handlers' DynamoDB client,
// every handler the local queues and bus bind wrapped as an invocation, and the handlers' log output counted.
import { performance } from 'node:perf_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { platformQueueName, type Worker, workers as catalogue } from '../../lib/catalogue/workers';
import { agencyQueueName } from '../../lib/platform/workflow';
import { LocalEventBus } from '../../local/event-bus';
import { LocalQueues } from '../../local/queue';
import type { DomainEvent } from '../../schemas/applications';
import { transactionPutUnits } from './item-size';
import type { Meter } from './meter';

const readCommands = /^(Get|GetItem|Query|Scan|BatchGet|BatchGetItem|TransactGet|TransactGetItems)Command$/;
const writeCommands = /^(Put|PutItem|Update|UpdateItem|Delete|DeleteItem|BatchWrite|BatchWriteItem|TransactWrite|TransactWriteItems)Command$/;
const refused = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

/** What DynamoDB reports a request consumed (ReturnConsumedCapacity=INDEXES). */
export interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}
export type Capacity = ConsumedCapacity | ConsumedCapacity[] | undefined;

export function meterDynamoDb(client: DynamoDBDocumentClient, meter: Meter, stage: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '');
      const kind = readCommands.test(command) ? 'read' : writeCommands.test(command) ? 'write' : undefined;
      if (!kind) {
        return next(args);
      }
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const usage = meter.usage();
      const invocation = meter.current();
      usage.dbCalls += 1;
      meter.touch();
      if (kind === 'write') {
        countOutboxWrite(meter, input);
      }
      const started = performance.now();
      try {
        const result = await next(args);
        const transaction = Array.isArray(input.TransactItems) ? transactionPutUnits(input.TransactItems as never, stage) : undefined;
        const units = sumUnits(meter, kind, (result.output as { ConsumedCapacity?: Capacity }).ConsumedCapacity, transaction);
        usage[kind === 'read' ? 'readCapacity' : 'writeCapacity'] += units;
        return result;
      } catch (error) {
        if (kind === 'write' && refused.has((error as Error).name)) {
          usage.failedConditionalWrites += 1;
          usage.writeCapacity += 1;
        }
        throw error;
      } finally {
        if (invocation) {
          invocation.dbMs += performance.now() - started;
        }
      }
    },
    { step: 'initialize', name: 'benchConsumedCapacity', priority: 'low' },
  );
}

/**
 * The total, with the table's and each index's share added to the meter's breakdown. A transaction is counted
 * from its items' sizes, every item (puts, updates, deletes, condition checks) twice over, as DynamoDB bills it:
 * DynamoDB Local adds up only the distinct per-item units there (item-size.ts); the larger figure is kept.
 */
function sumUnits(meter: Meter, kind: 'read' | 'write', capacity: Capacity, transaction?: ReadonlyMap<string, { puts: number; units: number }>): number {
  const list = Array.isArray(capacity) ? capacity : capacity ? [capacity] : [];
  const corrected = (key: string, reported: number) => {
    const puts = transaction?.get(key);
    return puts ? Math.max(reported, 2 * puts.units) : reported;
  };
  let total = 0;
  for (const entry of list) {
    const table = corrected(`${entry.TableName}`, entry.Table?.CapacityUnits ?? entry.CapacityUnits ?? 0);
    meter.addIndexUnits(`${entry.TableName}`, kind, table);
    total += table;
    for (const [index, units] of Object.entries(entry.GlobalSecondaryIndexes ?? {})) {
      const indexUnits = corrected(`${entry.TableName} ${index}`, units.CapacityUnits ?? 0);
      meter.addIndexUnits(`${entry.TableName} ${index}`, kind, indexUnits);
      total += indexUnits;
    }
  }
  return total;
}

const skOf = (item: unknown): string => {
  const sk = (item as { sk?: unknown } | undefined)?.sk;
  return typeof sk === 'string' ? sk : String((sk as { S?: string } | undefined)?.S ?? '');
};

/** Puts of `EVT#` items: what the stream consumers' filter lets through (one stream batch per request when idle). */
function countOutboxWrite(meter: Meter, input: Record<string, unknown>): void {
  const puts: Array<{ table: string; item: unknown }> = [];
  if (typeof input.TableName === 'string' && input.Item) {
    puts.push({ table: input.TableName, item: input.Item });
  }
  for (const entry of (input.TransactItems as Array<{ Put?: { TableName: string; Item: unknown } }> | undefined) ?? []) {
    if (entry.Put) {
      puts.push({ table: entry.Put.TableName, item: entry.Put.Item });
    }
  }
  const tables = new Set(puts.filter((put) => skOf(put.item).startsWith('EVT#')).map((put) => put.table));
  for (const table of tables) {
    meter.outboxWrites.set(table, (meter.outboxWrites.get(table) ?? 0) + 1);
  }
}

type Patchable = Record<string, (...args: any[]) => any>;

/** Wraps LocalQueues and LocalEventBus methods (before the local cloud creates them). */
export function meterLocalCloud(meter: Meter, stage: string): { restore: () => void; subscribed: () => number } {
  const queues = LocalQueues.prototype as unknown as Patchable;
  const bus = LocalEventBus.prototype as unknown as Patchable;
  const originals = { send: queues.send!, consume: queues.consume!, subscribe: bus.subscribe!, publish: bus.publish! };
  const eventWorkers = catalogue.filter((worker) => worker.trigger.kind === 'events');
  const publisher = catalogue.find((worker) => worker.trigger.kind === 'stream' && worker.publishesEvents);
  let subscriptions = 0;
  queues.send = function send(this: unknown, queueName: string, body: string) {
    meter.messages.push({ queue: queueName });
    meter.touch();
    return originals.send.call(this, queueName, body);
  };
  queues.consume = function consume(this: unknown, queueName: string, handler: (event: SQSEvent) => Promise<unknown>, options: unknown) {
    const fn = queueWorker(queueName, stage)?.id ?? `queue:${queueName}`;
    const metered = (event: SQSEvent) => meter.track(fn, 'worker', async () => {
      const result = await handler(event);
      meter.sample(fn, event, !(result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length);
      return result;
    });
    return originals.consume.call(this, queueName, metered, options);
  };
  bus.subscribe = function subscribe(this: unknown, subscriber: (event: DomainEvent) => Promise<void>) {
    // local/workers.ts subscribes the event workers in catalogue order; the bench's own subscriptions come later.
    const worker: Worker | undefined = eventWorkers[subscriptions++];
    const types: readonly string[] = worker?.trigger.kind === 'events' ? worker.trigger.detailTypes : [];
    const metered = (event: DomainEvent) =>
      worker && types.includes(event.type)
        ? meter.track(worker.id, 'worker', () => subscriber(event)).then(
            () => meter.sample(worker.id, event, true),
            (error: unknown) => {
              meter.sample(worker.id, event, false);
              throw error;
            },
          )
        : subscriber(event);
    return originals.subscribe.call(this, metered);
  };
  bus.publish = function publish(this: unknown, events: readonly DomainEvent[]) {
    if (!events.length || !publisher) {
      return originals.publish.call(this, events);
    }
    meter.events.push(...events.map((event) => ({ type: event.type, applicationId: event.applicationId })));
    return meter.track(publisher.id, 'worker', () => originals.publish.call(this, events));
  };
  return {
    restore: () => {
      Object.assign(queues, { send: originals.send, consume: originals.consume });
      Object.assign(bus, { subscribe: originals.subscribe, publish: originals.publish });
    },
    subscribed: () => subscriptions,
  };
}

/** The event workers are told apart by the order of subscription: fail loudly if the local cloud binds them otherwise. */
export function assertEventWorkersMetered(subscribed: number): void {
  const listed = catalogue.filter((worker) => worker.trigger.kind === 'events').length;
  if (subscribed !== listed) {
    throw new Error(`the local cloud subscribed ${subscribed} event workers, the catalogue lists ${listed}: bench/harness/instrument.ts needs updating`);
  }
}

function queueWorker(queueName: string, stage: string): Worker | undefined {
  return catalogue.find(
    (worker) =>
      (worker.trigger.kind === 'agency-queues' && queueName.startsWith(agencyQueueName(stage, ''))) ||
      (worker.trigger.kind === 'queue' && queueName === platformQueueName(stage, worker.trigger.queue)),
  );
}

/** Counts (and keeps off the terminal) what the handlers write to stdout and stderr; returns the undo. */
export function captureOutput(meter: Meter): () => void {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      meter.logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  return () => streams.forEach((stream, index) => (stream.write = originals[index]!));
}
