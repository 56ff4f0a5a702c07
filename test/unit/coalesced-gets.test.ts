// The submission's coalesced reads: GetItems asked together go as one BatchGetItem, each answered with its own
// item; keys DynamoDB leaves unprocessed are asked again, and a store throttled throughout is a retryable 503.
// (Fault injection: aws-sdk-client-mock stands in for DynamoDB's unprocessed keys, which DynamoDB Local never returns.)
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { coalescedGets } from '../../functions/applications/coalesced-gets';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const store = mockClient(documents);
afterEach(() => store.reset());

const card = { pk: 'SERVICE#a', sk: 'CURRENT', name: 'card' };
const record = { pk: 'REC#persons#1', sk: 'PROFILE', name: 'record' };

test('reads asked together are one BatchGetItem; each caller gets its item, a missing one nothing', async () => {
  store.on(BatchGetCommand).resolves({ Responses: { catalogue: [card], registry: [record] } });
  const client = coalescedGets(documents);
  const [a, b, missing] = await Promise.all([
    client.send(new GetCommand({ TableName: 'catalogue', Key: { pk: card.pk, sk: card.sk } })),
    client.send(new GetCommand({ TableName: 'registry', Key: { pk: record.pk, sk: record.sk }, ConsistentRead: true })),
    client.send(new GetCommand({ TableName: 'registry', Key: { pk: 'REC#persons#2', sk: 'PROFILE' } })),
  ]);
  expect([a.Item, b.Item, missing.Item]).toEqual([card, record, undefined]);
  expect(store.commandCalls(BatchGetCommand)).toHaveLength(1);
  expect(store.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems).toEqual({
    catalogue: { Keys: [{ pk: card.pk, sk: card.sk }], ConsistentRead: false },
    registry: { Keys: [{ pk: record.pk, sk: record.sk }, { pk: 'REC#persons#2', sk: 'PROFILE' }], ConsistentRead: true },
  });
});

test('unprocessed keys are asked again until answered', async () => {
  store
    .on(BatchGetCommand)
    .resolvesOnce({ Responses: { catalogue: [card] }, UnprocessedKeys: { registry: { Keys: [{ pk: record.pk, sk: record.sk }] } } })
    .resolvesOnce({ Responses: { registry: [record] } });
  const client = coalescedGets(documents);
  const [a, b] = await Promise.all([
    client.send(new GetCommand({ TableName: 'catalogue', Key: { pk: card.pk, sk: card.sk } })),
    client.send(new GetCommand({ TableName: 'registry', Key: { pk: record.pk, sk: record.sk } })),
  ]);
  expect([a.Item, b.Item]).toEqual([card, record]);
  expect(store.commandCalls(BatchGetCommand)[1]!.args[0].input.RequestItems).toEqual({ registry: { Keys: [{ pk: record.pk, sk: record.sk }] } });
});

test('a store that leaves keys unprocessed throughout answers a retryable 503, not a 500', async () => {
  store.on(BatchGetCommand).resolves({ UnprocessedKeys: { catalogue: { Keys: [{ pk: card.pk, sk: card.sk }] } } });
  const client = coalescedGets(documents);
  const reads = Promise.all([
    client.send(new GetCommand({ TableName: 'catalogue', Key: { pk: card.pk, sk: card.sk } })),
    client.send(new GetCommand({ TableName: 'registry', Key: { pk: record.pk, sk: record.sk } })),
  ]);
  await expect(reads).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(store.commandCalls(BatchGetCommand)).toHaveLength(8);
}, 15_000);

test('a single read goes as a plain GetItem', async () => {
  store.on(GetCommand).resolves({ Item: card });
  const { Item } = await coalescedGets(documents).send(new GetCommand({ TableName: 'catalogue', Key: { pk: card.pk, sk: card.sk } }));
  expect(Item).toEqual(card);
  expect(store.commandCalls(BatchGetCommand)).toHaveLength(0);
});
