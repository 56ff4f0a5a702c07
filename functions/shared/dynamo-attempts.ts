// DynamoDB adapter of attempt counters, kept in the idempotency table (`id` = LIMIT#<key>, deleted by its TTL).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttemptCounter } from './attempts';

export function dynamoAttemptCounter(client: DynamoDBDocumentClient, table: () => string): AttemptCounter {
  return {
    async count(key, windowSeconds, now) {
      const id = `LIMIT#${key}`;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const { Attributes } = await client.send(
            new UpdateCommand({
              TableName: table(),
              Key: { id },
              UpdateExpression: 'ADD attempts :one',
              ConditionExpression: 'resetsAt > :now',
              ExpressionAttributeValues: { ':one': 1, ':now': now.getTime() },
              ReturnValues: 'ALL_NEW',
            }),
          );
          return { count: Number(Attributes!.attempts), resetsAt: Number(Attributes!.resetsAt) };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) {
            throw error;
          }
        }
        // No window open: open one, unless another attempt just did (then count in it).
        const resetsAt = now.getTime() + windowSeconds * 1000;
        try {
          await client.send(
            new PutCommand({
              TableName: table(),
              Item: { id, attempts: 1, resetsAt, expiration: Math.ceil(resetsAt / 1000) + 3600 },
              ConditionExpression: 'attribute_not_exists(id) OR resetsAt <= :now',
              ExpressionAttributeValues: { ':now': now.getTime() },
            }),
          );
          return { count: 1, resetsAt };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) {
            throw error;
          }
        }
      }
      throw new Error(`attempt counter ${key} kept changing under us`);
    },
  };
}
