// DynamoDB adapter of "rate your experience" (table `engagement`).
//
//   FEEDBACK#<applicationId>  RATING                      the applicant's one rating of that application
//   RATINGS#<quarter>          SERVICE#<id> | AGENCY#<id>  counters of the quarter: ratings, scoreSum, r1..r5
// A rating and its two counter updates are one transaction: the counters never drift from the ratings.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyRated, type FeedbackStore, type RatingCounters, type Score } from './domain/feedback';
import { queryAll } from '../shared/query-all';

const scores: readonly Score[] = [1, 2, 3, 4, 5];

function counters(item: Record<string, unknown>): RatingCounters {
  const count = (name: string) => Number(item[name] ?? 0);
  return { count: count('ratings'), sum: count('scoreSum'), distribution: Object.fromEntries(scores.map((score) => [score, count(`r${score}`)])) as Record<Score, number> };
}

export function dynamoFeedback(client: DynamoDBDocumentClient, tableName: string): FeedbackStore {
  const addTo = (quarter: string, sk: string, rating: Score) => ({
    Update: {
      TableName: tableName,
      Key: { pk: `RATINGS#${quarter}`, sk },
      UpdateExpression: `ADD #ratings :one, #scores :rating, #score :one`,
      ExpressionAttributeNames: { '#ratings': 'ratings', '#scores': 'scoreSum', '#score': `r${rating}` },
      ExpressionAttributeValues: { ':one': 1, ':rating': rating },
    },
  });
  return {
    async rate(feedback) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: `FEEDBACK#${feedback.applicationId}`, sk: 'RATING', feedback },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              addTo(feedback.quarter, `SERVICE#${feedback.serviceId}`, feedback.rating),
              addTo(feedback.quarter, `AGENCY#${feedback.agencyId}`, feedback.rating),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          throw new AlreadyRated();
        }
        throw error;
      }
    },

    async quarter(quarter) {
      const services = new Map<string, RatingCounters>();
      const agencies = new Map<string, RatingCounters>();
      for (const item of await queryAll(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RATINGS#${quarter}` } })) {
        const [kind, id] = String(item.sk).split('#') as [string, string];
        (kind === 'SERVICE' ? services : agencies).set(id, counters(item));
      }
      return { services, agencies };
    },
  };
}
