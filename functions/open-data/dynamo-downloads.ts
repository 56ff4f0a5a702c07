// DynamoDB adapter of open-data downloads (table `engagement`):
//   OPENDATA#DOWNLOADS   M#<YYYY-MM>#<file>   count (ADD)
//   OPENDATALOG#<source> COUNTED              a CloudFront log file was counted (one transaction with its counts)
// Reading a range is one Query.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../shared/query-all';
import type { DownloadCount, DownloadStore } from './domain/downloads';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PK = 'OPENDATA#DOWNLOADS';
/** A log file names at most the published files in one or two months: far below a transaction's 100 items. */
const MAX_COUNTS = 99;

export function dynamoDownloads(client: DynamoDBDocumentClient, tableName: string): DownloadStore {
  return {
    async add(counts, once) {
      if (counts.length > MAX_COUNTS) {
        throw new Error(`${counts.length} download counts in one source: more than one transaction holds`);
      }
      const items: TransactItem[] = [
        ...(once ? [{ Put: { TableName: tableName, Item: { pk: `OPENDATALOG#${once}`, sk: 'COUNTED' }, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
        ...counts.map((entry) => ({
          Update: {
            TableName: tableName,
            Key: { pk: PK, sk: `M#${entry.month}#${entry.file}` },
            UpdateExpression: 'ADD #count :count',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':count': entry.count },
          },
        })),
      ];
      if (items.length === 0) {
        return true;
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (error) {
        if (once && error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          return false;
        }
        throw error;
      }
    },
    async list(from, to): Promise<DownloadCount[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': PK, ':from': `M#${from}`, ':to': `M#${to}#\uffff` },
      });
      return items.map((item) => ({ month: String(item.sk).slice(2, 9), file: String(item.sk).slice(10), count: Number(item.count) }));
    },
  };
}
