// A DynamoDB Local of a test file's own, with the platform's tables (stage `unit`): started before the file's
// tests, stopped and removed after them. Its document client and table names are read inside the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TableId, tableName } from '../../lib/platform/tables';
import { ensureTables, localDynamoDbClient, type RunningDynamoDb, startDynamoDb } from '../../local/dynamodb';

export interface UnitTables {
  /** The document client, removing undefined values as the functions' client does. */
  readonly documents: DynamoDBDocumentClient;
  /** DynamoDB Local's URL, for a client of the test's own. */
  readonly endpoint: string;
  table(id: TableId): string;
}

export function unitTables(prefix: string): UnitTables {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  let dynamoDb: RunningDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  let documents: DynamoDBDocumentClient | undefined;
  beforeAll(async () => {
    dynamoDb = await startDynamoDb({ port: 0, dataDir: path.join(root, 'dynamodb'), reset: true });
    client = localDynamoDbClient(dynamoDb.endpoint);
    documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    await ensureTables(client, 'unit');
  }, 60_000);
  afterAll(async () => {
    client?.destroy();
    await dynamoDb?.stop();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    get documents() {
      if (!documents) {
        throw new Error('the unit tables are ready only inside tests (beforeAll has not run)');
      }
      return documents;
    },
    get endpoint() {
      if (!dynamoDb) {
        throw new Error('the unit tables are ready only inside tests (beforeAll has not run)');
      }
      return dynamoDb.endpoint;
    },
    table: (id) => tableName('unit', id),
  };
}
