// DynamoDB document client singleton; DYNAMODB_ENDPOINT points it at DynamoDB Local in the local cloud.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableId } from '../../lib/platform/tables';
import { environment } from './environment';
import { traced } from './tracing';

const { DYNAMODB_ENDPOINT: endpoint, AWS_REGION: region } = environment();

export const dynamo = DynamoDBDocumentClient.from(
  traced(new DynamoDBClient(endpoint ? { endpoint, region: region ?? 'local' } : {})),
  { marshallOptions: { removeUndefinedValues: true } },
);

/** Resolves a table's name from the environment; a missing variable fails at cold start. */
export function requireTable(id: TableId): string {
  const name = environment().tables[id];
  if (!name) {
    // TABLE_<ID>, as lib/platform/tables.ts `tableEnvName` names it (not imported: its table definitions would come along, 1 KB).
    throw new Error(`Environment variable TABLE_${id.toUpperCase()} is not set`);
  }
  return name;
}
