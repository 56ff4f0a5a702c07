// The rollout schedule in the catalogue table (the item the reference loader writes and submissions read), with
// a version for optimistic concurrency: a schedule written before versions existed is version 1.
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflict } from '../shared/errors';
import type { RolloutStore } from './domain/rollout';

const KEY = { pk: 'ROLLOUT', sk: 'SCHEDULE' };

export function dynamoRollout(client: DynamoDBDocumentClient, tableName: () => string): RolloutStore {
  return {
    async get() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName(), Key: KEY, ConsistentRead: true }));
      return { version: Item?.version ?? 1, phases: Item?.phases ?? {}, updatedAt: Item?.updatedAt, updatedBy: Item?.updatedBy };
    },
    async save(next, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName(),
            Item: { ...KEY, ...next },
            ConditionExpression: expectedVersion === 1 ? 'attribute_not_exists(version) OR version = :expected' : 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
          throw new VersionConflict(`The rollout schedule moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },
  };
}
