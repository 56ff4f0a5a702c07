// DynamoDB global tables, EMULATED for the two-region drill (README, Disaster recovery): every change to every table
// of one local cloud's DynamoDB Local is read from the table's stream (the local stream poller, as the stream
// consumers read theirs) and written to the same table of another local cloud's DynamoDB Local after a configurable
// lag. This is not AWS's replication: it goes one way (the drill's primary to its DR region), orders changes per
// table only (as global tables do: a transaction's items may land in different moments), and resolves conflicts as
// global tables do, last writer wins (a change overwrites the replica's item whatever it holds). Changes still
// waiting when the source region is lost are lost with it (`sever`): that is the drill's RPO.
import path from 'node:path';
import { BatchWriteItemCommand, DescribeTableCommand, type DynamoDBClient, UpdateTableCommand, waitUntilTableExists, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { AttributeValue as SdkValue } from '@aws-sdk/client-dynamodb';
import type { AttributeValue as LambdaValue, DynamoDBRecord } from 'aws-lambda';
import { replicatedTables, tableName } from '../lib/platform/tables';
import { localDynamoDbClient } from './dynamodb';
import { type StreamPoller, startStreamPoller } from './stream-poller';

export interface ReplicatorOptions {
  /** DynamoDB Local endpoints: the region whose writes are copied, and the replica. */
  readonly from: string;
  readonly to: string;
  readonly stage: string;
  /** How long a change waits before it is written to the replica (global tables' replication latency). */
  readonly lagMs: number;
  /** The stream checkpoints of the replicator. */
  readonly dataDir: string;
  readonly log?: (line: string) => void;
}

export interface Severance {
  /** Changes read from the lost region and never written to the replica. */
  readonly dropped: number;
  /** How old the oldest of them was at the loss (0: none was waiting). */
  readonly lagAtLossMs: number;
  readonly droppedByTable: Readonly<Record<string, number>>;
}

export interface Replicator {
  /** Changes read and written so far, and those waiting (read, not yet written). */
  counts(): { readonly applied: number; readonly waiting: number };
  /** The source region is gone: waiting changes are dropped, nothing more is read. */
  sever(at?: number): Promise<Severance>;
  stop(): Promise<void>;
}

interface Change {
  readonly table: string;
  readonly record: DynamoDBRecord;
  readonly readAt: number;
}

/**
 * Global tables need a stream on every table (CDK's TableV2 gives one, new and old images, where the definition
 * names none); the local cloud creates streams only where a consumer reads them, so the replicator adds the others.
 */
async function ensureStream(client: DynamoDBClient, name: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  if (Table?.StreamSpecification?.StreamEnabled) {
    return;
  }
  await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
}

export async function startReplicator(options: ReplicatorOptions): Promise<Replicator> {
  const source = localDynamoDbClient(options.from);
  const target = localDynamoDbClient(options.to);
  const names = replicatedTables.map((definition) => tableName(options.stage, definition.id));
  await Promise.all(names.map((name) => ensureStream(source, name)));
  const queues = new Map<string, Change[]>(names.map((name) => [name, []]));
  let applied = 0;
  let severed = false;
  const appliers = new Map<string, Promise<void>>();

  /** One writer per table: the changes that are `lagMs` old, in stream order, the last of each item's (last writer wins). */
  function drain(table: string): void {
    if (appliers.has(table)) {
      return;
    }
    const run = (async () => {
      const queue = queues.get(table)!;
      while (!severed && queue.length > 0) {
        const wait = queue[0]!.readAt + options.lagMs - Date.now();
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        const now = Date.now();
        const due = queue.findIndex((change) => change.readAt + options.lagMs > now);
        // Taken off the queue as they are written: a loss now leaves them replicated (they were due before it).
        const batch = queue.splice(0, due === -1 ? queue.length : due);
        try {
          await writeAll(target, table, batch);
          applied += batch.length;
        } catch (error) {
          queue.unshift(...batch);
          options.log?.(`replicator: ${table}: ${(error as Error).name}, retrying`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    })().finally(() => appliers.delete(table));
    appliers.set(table, run);
  }

  const pollers = await startPollers(options, names, (name, records) => {
    if (!severed) {
      const readAt = Date.now();
      queues.get(name)!.push(...records.map((record) => ({ table: name, record, readAt })));
      drain(name);
    }
  });

  let closing: Promise<void> | undefined;
  const waiting = () => [...queues.values()].reduce((sum, queue) => sum + queue.length, 0);
  const close = async () => {
    severed = true;
    await Promise.all(pollers.map((poller) => poller.stop()));
    await Promise.all(appliers.values());
    source.destroy();
    target.destroy();
  };
  return {
    counts: () => ({ applied, waiting: waiting() }),
    async sever(at = Date.now()) {
      severed = true;
      const all = [...queues.values()].flat();
      const droppedByTable = Object.fromEntries([...queues].filter(([, queue]) => queue.length > 0).map(([table, queue]) => [table, queue.length]));
      const oldest = Math.min(...all.map((change) => change.readAt));
      queues.forEach((queue) => queue.splice(0));
      // Not awaited: the pollers' last reads fail against the lost region; stop() waits for them.
      closing ??= close();
      return { dropped: all.length, lagAtLossMs: all.length ? Math.max(0, at - oldest) : 0, droppedByTable };
    },
    async stop() {
      await (closing ??= close());
    },
  };
}

/** One stream poller per table; the changes they read go to `take` (the replicator's queues). */
async function startPollers(options: ReplicatorOptions, names: readonly string[], take: (table: string, records: DynamoDBRecord[]) => void): Promise<StreamPoller[]> {
  const pollers: StreamPoller[] = [];
  try {
    for (const name of names) {
      const handler = async (event: { Records: DynamoDBRecord[] }) => take(name, event.Records);
      pollers.push(await startStreamPoller({ endpoint: options.from, tableName: name, checkpointFile: path.join(options.dataDir, `${name}.json`), handler }));
    }
    return pollers;
  } catch (error) {
    await Promise.all(pollers.map((poller) => poller.stop()));
    throw error;
  }
}

/** Last writer wins: an item's last change replaces the replica's item (its new image), or removes it. */
async function writeAll(target: DynamoDBClient, table: string, changes: readonly Change[]): Promise<void> {
  const last = new Map<string, Change>();
  for (const change of changes) {
    const keys = change.record.dynamodb?.Keys ?? {};
    const id = JSON.stringify(Object.keys(keys).sort().map((name) => [name, keys[name]]));
    last.delete(id);
    last.set(id, change);
  }
  let requests: WriteRequest[] = [...last.values()].flatMap(toWriteRequest);
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    }
    const chunks = Array.from({ length: Math.ceil(requests.length / 25) }, (_, index) => requests.slice(index * 25, index * 25 + 25));
    const answers = await Promise.all(chunks.map((chunk) => target.send(new BatchWriteItemCommand({ RequestItems: { [table]: chunk } }))));
    requests = answers.flatMap((answer) => answer.UnprocessedItems?.[table] ?? []);
  }
}

function toWriteRequest(change: Change): WriteRequest[] {
  const { Keys, NewImage } = change.record.dynamodb ?? {};
  if (change.record.eventName === 'REMOVE') {
    return [{ DeleteRequest: { Key: toSdkImage(Keys ?? {}) } }];
  }
  return NewImage ? [{ PutRequest: { Item: toSdkImage(NewImage) } }] : [];
}

const toSdkImage = (image: Record<string, LambdaValue>): Record<string, SdkValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toSdkValue(value)]));

/** The stream poller hands Lambda's shapes (binary as base64); the SDK writes bytes. */
function toSdkValue(value: LambdaValue): SdkValue {
  if (value.B !== undefined) {
    return { B: Buffer.from(value.B, 'base64') };
  }
  if (value.BS) {
    return { BS: value.BS.map((item) => Buffer.from(item, 'base64')) };
  }
  if (value.M) {
    return { M: toSdkImage(value.M) };
  }
  if (value.L) {
    return { L: value.L.map(toSdkValue) };
  }
  return value as SdkValue;
}
