// The Lambda event source mapping of a DynamoDB stream, emulated against DynamoDB Local: shards read parents first,
// batches handed to the handler, a checkpoint per shard so a restarted (even killed) local cloud resumes where it was.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  type Shard,
  type AttributeValue as StreamAttributeValue,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { localDynamoDbClient } from './dynamodb';

/** Shards roll over (every few hours in AWS): look for new ones this often, and as soon as one ends. */
const DESCRIBE_EVERY_MS = 5_000;
const RETRY_PAUSE_MS = 1_000;
const MAX_RETRY_PAUSE_MS = 30_000;
/**
 * Lambda polls each shard of a DynamoDB stream 4 times a second. Polling 10 times (it was 100 ms) kept an idle local
 * cloud's process at 11-15% of a core, and DynamoDB Local at as much again, on the thread that serves the API.
 */
const POLL_INTERVAL_MS = 250;

export interface StreamPollerOptions {
  readonly endpoint: string;
  readonly tableName: string;
  readonly handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  /** JSON file of the last sequence number handled per shard. */
  readonly checkpointFile: string;
  /** @default 250, Lambda's 4 polls a second */
  readonly pollIntervalMs?: number;
  /** @default 100 */
  readonly batchSize?: number;
}

export interface StreamPoller {
  /** Stops polling once the batch in flight is handled (and checkpointed). */
  stop(): Promise<void>;
}

/** Fails when the table cannot be described or has no stream; afterwards errors are logged, never thrown. */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const poller = new Poller({ ...options, pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS, batchSize: options.batchSize ?? 100 });
  try {
    await poller.refresh();
  } catch (error) {
    await poller.stop();
    throw error;
  }
  poller.start();
  return { stop: () => poller.stop() };
}

interface Checkpoint {
  streamArn?: string;
  shards: Record<string, { sequenceNumber?: string; ended?: boolean }>;
}

interface ShardState {
  readonly shardId: string;
  readonly parentShardId?: string;
  iterator?: string;
  /** Sequence number of a failed record: the next read starts at it. */
  resumeAt?: string;
  retryAt: number;
  failures: number;
}

class Poller {
  private readonly tables: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private checkpoint: Checkpoint;
  private streamArn = '';
  private shards = new Map<string, ShardState>();
  private describedAt = 0;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: Required<StreamPollerOptions>) {
    this.tables = localDynamoDbClient(options.endpoint);
    this.streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    this.checkpoint = readCheckpoint(options.checkpointFile);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
    this.tables.destroy();
    this.streams.destroy();
  }

  /** Re-reads the table's stream and its shards; a new stream (table recreated) starts over. */
  async refresh(): Promise<void> {
    const { Table } = await this.tables.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const streamArn = Table?.StreamSpecification?.StreamEnabled ? Table.LatestStreamArn : undefined;
    if (!streamArn) {
      throw new Error(`table ${this.options.tableName} has no stream`);
    }
    if (this.checkpoint.streamArn !== streamArn) {
      this.checkpoint = { streamArn, shards: {} };
    }
    const previous = this.streamArn === streamArn ? this.shards : new Map<string, ShardState>();
    this.streamArn = streamArn;
    const described = await this.describeShards();
    this.shards = new Map(
      described.map(({ ShardId = '', ParentShardId }) => [ShardId, previous.get(ShardId) ?? { shardId: ShardId, parentShardId: ParentShardId, retryAt: 0, failures: 0 }]),
    );
    this.describedAt = Date.now();
  }

  private async describeShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId }));
      shards.push(...(StreamDescription?.Shards ?? []));
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    return shards;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.inFlight = this.tick()
        .catch((error: unknown) => {
          log(this.options.tableName, describe(error));
          return false;
        })
        .then((more) => {
          this.inFlight = undefined;
          this.schedule(more ? 0 : this.options.pollIntervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass over the readable shards; true when a full batch suggests more is waiting. */
  private async tick(): Promise<boolean> {
    if (Date.now() - this.describedAt >= DESCRIBE_EVERY_MS) {
      await this.refresh().catch((error: unknown) => {
        this.describedAt = Date.now();
        log(this.options.tableName, `cannot describe the stream: ${describe(error)}`);
      });
    }
    let more = false;
    for (const shard of this.readableShards()) {
      if (this.stopped) {
        break;
      }
      more = (await this.poll(shard)) || more;
    }
    return more;
  }

  /** Like Lambda: a child shard is read only once its parent is read to the end. */
  private readableShards(): ShardState[] {
    const now = Date.now();
    const ended = (shardId: string) => this.checkpoint.shards[shardId]?.ended === true;
    return [...this.shards.values()].filter(
      (shard) => !ended(shard.shardId) && shard.retryAt <= now && (!shard.parentShardId || !this.shards.has(shard.parentShardId) || ended(shard.parentShardId)),
    );
  }

  private async poll(shard: ShardState): Promise<boolean> {
    try {
      shard.iterator ??= await this.iterator(shard);
      const { Records = [], NextShardIterator } = await this.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: this.options.batchSize }));
      if (Records.length && !(await this.deliver(shard, Records))) {
        return false;
      }
      // DynamoDB Local: an iterator taken on a still empty shard fails with TrimmedDataAccessException once the
      // first record arrives (it points before it), so an unread shard takes a fresh TRIM_HORIZON iterator each time.
      shard.iterator = Records.length || this.position(shard) ? NextShardIterator : undefined;
      shard.failures = 0;
      if (!NextShardIterator) {
        this.checkpoint.shards[shard.shardId] = { ...this.checkpoint.shards[shard.shardId], ended: true };
        this.describedAt = 0;
        await this.save();
      }
      return Records.length === this.options.batchSize;
    } catch (error) {
      shard.iterator = undefined;
      if (!(error instanceof TrimmedDataAccessException && !this.position(shard))) {
        this.pause(shard);
        log(this.options.tableName, `shard ${shard.shardId}: ${describe(error)}`);
      }
      return false;
    }
  }

  /** Where reading resumes, once anything of the shard was handled or failed. */
  private position(shard: ShardState): string | undefined {
    return shard.resumeAt ?? this.checkpoint.shards[shard.shardId]?.sequenceNumber;
  }

  private async iterator(shard: ShardState): Promise<string | undefined> {
    const input = (ShardIteratorType: GetShardIteratorCommandInput['ShardIteratorType'], SequenceNumber?: string) =>
      new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shard.shardId, ShardIteratorType, SequenceNumber });
    const checkpointed = this.checkpoint.shards[shard.shardId]?.sequenceNumber;
    const start = shard.resumeAt ? input('AT_SEQUENCE_NUMBER', shard.resumeAt) : checkpointed ? input('AFTER_SEQUENCE_NUMBER', checkpointed) : input('TRIM_HORIZON');
    try {
      const { ShardIterator } = await this.streams.send(start);
      return ShardIterator;
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException)) {
        throw error;
      }
      log(this.options.tableName, `shard ${shard.shardId}: records after the checkpoint were trimmed, reading from the oldest one kept`);
      shard.resumeAt = undefined;
      return (await this.streams.send(input('TRIM_HORIZON'))).ShardIterator;
    }
  }

  /** Hands the batch to the handler; records before a failure are checkpointed, the rest is read again after a pause. */
  private async deliver(shard: ShardState, records: StreamRecord[]): Promise<boolean> {
    const event: DynamoDBStreamEvent = { Records: records.map((record) => toLambdaRecord(record, this.streamArn)) };
    const failedAt = await this.invoke(event);
    const handled = failedAt ?? records.length;
    if (handled > 0) {
      this.checkpoint.shards[shard.shardId] = { sequenceNumber: records[handled - 1]?.dynamodb?.SequenceNumber };
      await this.save();
    }
    if (failedAt === undefined) {
      shard.resumeAt = undefined;
      return true;
    }
    shard.resumeAt = records[failedAt]?.dynamodb?.SequenceNumber;
    shard.iterator = undefined;
    this.pause(shard);
    return false;
  }

  /** Index of the record to retry from, as Lambda reads batchItemFailures; undefined when all succeeded. */
  private async invoke(event: DynamoDBStreamEvent): Promise<number | undefined> {
    let response: DynamoDBBatchResponse | void;
    try {
      response = await this.options.handler(event);
    } catch (error) {
      log(this.options.tableName, `handler failed (${describe(error)}): retrying the batch`);
      return 0;
    }
    const failures = response?.batchItemFailures ?? [];
    if (!failures.length) {
      return undefined;
    }
    // Lambda retries from the lowest reported record; an identifier it does not know fails the whole batch.
    const indexes = failures.map((failure) => event.Records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier));
    const failedAt = indexes.includes(-1) ? 0 : Math.min(...indexes);
    log(this.options.tableName, `handler reported a failure: retrying from sequence number ${event.Records[failedAt]?.dynamodb?.SequenceNumber}`);
    return failedAt;
  }

  private pause(shard: ShardState): void {
    shard.failures += 1;
    shard.retryAt = Date.now() + Math.min(RETRY_PAUSE_MS * 2 ** (shard.failures - 1), MAX_RETRY_PAUSE_MS);
  }

  /** tmp + rename: a kill mid-write leaves the previous checkpoint, never half a file. */
  private async save(): Promise<void> {
    const file = this.options.checkpointFile;
    const shards = Object.fromEntries(Object.entries(this.checkpoint.shards).filter(([shardId]) => this.shards.has(shardId)));
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify({ streamArn: this.streamArn, shards }, null, 2)}\n`);
      await rename(tmp, file);
    } catch (error) {
      log(this.options.tableName, `checkpoint not saved to ${file}: ${describe(error)}`);
    }
  }
}

function readCheckpoint(file: string): Checkpoint {
  try {
    const parsed = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Checkpoint>) : {};
    return { streamArn: parsed.streamArn, shards: parsed.shards ?? {} };
  } catch (error) {
    log(path.basename(file), `unreadable checkpoint ignored, reading the stream from its oldest record: ${describe(error)}`);
    return { shards: {} };
  }
}

function toLambdaRecord(record: StreamRecord, eventSourceARN: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, Keys, NewImage, OldImage, ...rest } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN,
    dynamodb: {
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) } : {}),
      ...(Keys ? { Keys: toLambdaImage(Keys) } : {}),
      ...(NewImage ? { NewImage: toLambdaImage(NewImage) } : {}),
      ...(OldImage ? { OldImage: toLambdaImage(OldImage) } : {}),
      ...rest,
    },
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

const toLambdaImage = (image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));

/** The SDK decodes binary to bytes; Lambda events carry it as base64. */
function toLambdaValue(value: StreamAttributeValue): AttributeValue {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  if (value.B) {
    return { B: base64(value.B) };
  }
  if (value.BS) {
    return { BS: value.BS.map(base64) };
  }
  if (value.M) {
    return { M: toLambdaImage(value.M) };
  }
  if (value.L) {
    return { L: value.L.map(toLambdaValue) };
  }
  return value as AttributeValue;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function log(source: string, message: string): void {
  process.stderr.write(`[stream-poller] ${source}: ${message}\n`);
}
