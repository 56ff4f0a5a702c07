// The local stream event source mapping against a real DynamoDB Local: delivery, checkpoints, retries, and the outbox chain.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, type AttributeValue as SdkAttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { installEventBus } from '../../functions/events/bus-adapter';
import { handler as publishOutbox } from '../../functions/events/publish-outbox';
import { tableName } from '../../lib/platform/tables';
import { ensureTables, localDynamoDbClient, type RunningDynamoDb, startDynamoDb } from '../../local/dynamodb';
import { LocalEventBus } from '../../local/event-bus';
import { type StreamPoller, startStreamPoller } from '../../local/stream-poller';
import type { DomainEvent } from '../../schemas/applications';

const root = mkdtempSync(path.join(os.tmpdir(), 'khidma-stream-'));
let dynamoDb: RunningDynamoDb;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
const pollers: StreamPoller[] = [];

// Longer than DynamoDB Local's own 30 s start bound, so that a slow start fails with its message, not Jest's.
beforeAll(async () => {
  dynamoDb = await startDynamoDb({ port: 0, dataDir: path.join(root, 'dynamodb'), reset: true });
  client = localDynamoDbClient(dynamoDb.endpoint);
  documents = DynamoDBDocumentClient.from(client);
}, 60_000);
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});
afterAll(async () => {
  client?.destroy();
  await dynamoDb?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Each test has its own stage, so its stream holds only its own writes. */
async function applicationsTable(stage: string): Promise<string> {
  await ensureTables(client, stage);
  return tableName(stage, 'applications');
}

async function poll(TableName: string, handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>): Promise<StreamPoller> {
  const poller = await startStreamPoller({ endpoint: dynamoDb.endpoint, tableName: TableName, handler, checkpointFile: path.join(root, `${TableName}.json`) });
  pollers.push(poller);
  return poller;
}

/** A handler that records every batch it is given and succeeds. */
function recorder(): { batches: DynamoDBRecord[][]; handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> } {
  const batches: DynamoDBRecord[][] = [];
  return { batches, handler: async (event) => (batches.push(event.Records), { batchItemFailures: [] }) };
}

async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await sleep(50)) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
  }
}

const sortKeys = (records: DynamoDBRecord[]): Array<string | undefined> => records.map((record) => record.dynamodb?.Keys?.sk?.S);

const draftSaved = (eventId: string): DomainEvent => ({
  type: 'DraftSaved',
  eventId,
  applicationId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  at: '2025-03-01T10:00:00.000Z',
  by: { role: 'citizen' },
  serviceId: 'civil-birth-certificate',
});
const eventItem = (n: number, event: DomainEvent = draftSaved(`01JEVENT${String(n).padStart(18, '0')}`)) => ({
  pk: 'APP#01JABCDEFGHJKMNPQRSTVWXYZ0',
  sk: `EVT#000001#${n}`,
  event,
});

test('delivers inserts as a DynamoDB stream event, and a new poller on the same checkpoint resumes after them', async () => {
  const TableName = await applicationsTable('poller');
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  const first = recorder();
  const poller = await poll(TableName, first.handler);

  await documents.send(new PutCommand({ TableName, Item: eventItem(0) }));
  await documents.send(new PutCommand({ TableName, Item: { pk: 'APP#01JABCDEFGHJKMNPQRSTVWXYZ0', sk: 'META', version: 1 } }));
  await eventually(() => first.batches.flat().length >= 2);

  const records = first.batches.flat();
  expect(sortKeys(records)).toEqual(['EVT#000001#0', 'META']);
  expect(records[0]).toEqual({
    eventID: expect.any(String),
    eventName: 'INSERT',
    eventVersion: expect.any(String),
    eventSource: 'aws:dynamodb',
    awsRegion: expect.any(String),
    eventSourceARN: Table?.LatestStreamArn,
    dynamodb: {
      ApproximateCreationDateTime: expect.any(Number),
      Keys: { pk: { S: 'APP#01JABCDEFGHJKMNPQRSTVWXYZ0' }, sk: { S: 'EVT#000001#0' } },
      NewImage: expect.any(Object),
      SequenceNumber: expect.stringMatching(/^\d+$/),
      SizeBytes: expect.any(Number),
      StreamViewType: 'NEW_IMAGE',
    },
  });
  expect(unmarshall(records[0]!.dynamodb!.NewImage as Record<string, SdkAttributeValue>)).toEqual(eventItem(0));

  await poller.stop();
  await documents.send(new PutCommand({ TableName, Item: eventItem(1) }));
  const second = recorder();
  await poll(TableName, second.handler);
  // The stream is read in order: once the record written last has arrived, every record is delivered that will be.
  await documents.send(new PutCommand({ TableName, Item: eventItem(2) }));
  await eventually(() => sortKeys(second.batches.flat()).includes('EVT#000001#2'));

  expect(sortKeys(second.batches.flat())).toEqual(['EVT#000001#1', 'EVT#000001#2']);
  expect(first.batches.flat()).toHaveLength(2);
});

test('reads again from the record the handler reports as failed, after a pause', async () => {
  const TableName = await applicationsTable('poller-retry');
  await documents.send(new TransactWriteCommand({ TransactItems: [0, 1, 2].map((n) => ({ Put: { TableName, Item: eventItem(n) } })) }));
  const batches: DynamoDBRecord[][] = [];
  const written: unknown[][] = [];
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((...args: unknown[]) => (written.push(args), true));
  try {
    await poll(TableName, async ({ Records }) => {
      batches.push(Records);
      return { batchItemFailures: batches.length === 1 ? [{ itemIdentifier: Records[1]!.dynamodb!.SequenceNumber! }] : [] };
    });
    await eventually(() => batches.length >= 2);
  } finally {
    stderr.mockRestore();
  }

  expect(batches.map(sortKeys)).toEqual([
    ['EVT#000001#0', 'EVT#000001#1', 'EVT#000001#2'],
    ['EVT#000001#1', 'EVT#000001#2'],
  ]);
  expect(written).toEqual([
    [`[stream-poller] ${TableName}: handler reported a failure: retrying from sequence number ${batches[1]![0]!.dynamodb!.SequenceNumber}\n`],
  ]);
});

test('stop waits for the batch in flight and checkpoints it', async () => {
  const TableName = await applicationsTable('poller-stop');
  let release: (() => void) | undefined;
  const handled: DynamoDBRecord[] = [];
  const poller = await poll(TableName, async ({ Records }) => {
    await new Promise<void>((resolve) => (release = resolve));
    handled.push(...Records);
    return { batchItemFailures: [] };
  });
  await documents.send(new PutCommand({ TableName, Item: eventItem(0) }));
  await eventually(() => release !== undefined);

  let stopped = false;
  const stopping = poller.stop().then(() => (stopped = true));
  // A stop that did not wait for the batch would have resolved by the next turn of the event loop.
  await new Promise(setImmediate);
  expect(stopped).toBe(false);
  release?.();
  await stopping;

  expect(sortKeys(handled)).toEqual(['EVT#000001#0']);
  const checkpoint = JSON.parse(readFileSync(path.join(root, `${TableName}.json`), 'utf8')) as { shards: Record<string, { sequenceNumber: string }> };
  expect(Object.values(checkpoint.shards)).toEqual([{ sequenceNumber: handled[0]!.dynamodb!.SequenceNumber }]);
});

test('carries the outbox through the publisher to the local event bus and its events file', async () => {
  const TableName = await applicationsTable('poller-bus');
  const bus = new LocalEventBus(path.join(root, 'events', 'events.jsonl'));
  const received: DomainEvent[] = [];
  bus.subscribe((event) => {
    received.push(event);
  });
  installEventBus(bus);
  const event = draftSaved('01JEVENTBUS000000000000001');

  await poll(TableName, publishOutbox);
  await documents.send(new PutCommand({ TableName, Item: { pk: 'APP#01JABCDEFGHJKMNPQRSTVWXYZ0', sk: 'META', version: 1 } }));
  await documents.send(new PutCommand({ TableName, Item: eventItem(0, event) }));
  await eventually(() => received.length > 0);

  expect(received).toEqual([event]);
  expect(existsSync(bus.file)).toBe(true);
  expect(readFileSync(bus.file, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual([event]);
});
