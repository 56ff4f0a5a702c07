// DynamoDB adapter of payments, in the applications table.
//
//   PAY#<transactionId>        META   a notified payment (gsi1: PAYMENTS#<agencyId>#<Amman date> / <paidAt>#<transactionId>)
//   RECEIPT#<agencyId>#<year>  META   the agency's receipt counter of the year (`seq`)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ammanDate } from '../shared/amman-time';
import { queryAll } from '../shared/query-all';
import type { PaymentRecord, PaymentStore } from './domain/payments';

export function dynamoPayments(client: DynamoDBDocumentClient, table: string): PaymentStore {
  return {
    async get(transactionId) {
      const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: `PAY#${transactionId}`, sk: 'META' }, ConsistentRead: true }));
      return Item?.summary as PaymentRecord | undefined;
    },
    async putIfAbsent(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: table,
            Item: {
              pk: `PAY#${record.transactionId}`,
              sk: 'META',
              gsi1pk: `PAYMENTS#${record.agencyId}#${ammanDate(new Date(record.paidAt))}`,
              gsi1sk: `${record.paidAt}#${record.transactionId}`,
              // gsi1 projects `summary`: the reconciliation reads the index alone.
              summary: record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          return false;
        }
        throw error;
      }
    },
    async nextReceipt(agencyId, year) {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: `RECEIPT#${agencyId}#${year}`, sk: 'META' },
          UpdateExpression: 'ADD seq :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes!.seq);
    },
    async listByAgencyDate(agencyId, date) {
      const items = await queryAll(client, {
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :day',
        ExpressionAttributeValues: { ':day': `PAYMENTS#${agencyId}#${date}` },
      });
      return items.map((item) => item.summary as PaymentRecord);
    },
  };
}
