// DynamoDB adapter of KPI targets (table `engagement`): KPITARGET#<dimension>#<value> / <kpi>, one per KPI and cell.
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredTarget, TargetStore } from './domain/targets';
import { queryAll } from '../shared/query-all';

const pkOf = (dimension: string, value: string) => `KPITARGET#${dimension}#${value}`;

export function dynamoTargets(client: DynamoDBDocumentClient, tableName: string): TargetStore {
  return {
    async put(target) {
      await client.send(new PutCommand({ TableName: tableName, Item: { pk: pkOf(target.dimension, target.value ?? 'all'), sk: target.kpi, target } }));
    },
    async of(dimension, value) {
      const items = await queryAll(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(dimension, value) } });
      return items.map((item) => item.target as StoredTarget);
    },
  };
}
