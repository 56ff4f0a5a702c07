// DynamoDB adapter of payments, in the applications table.
//
//   PAY#<transactionId>        META   a notified payment (gsi1: PAYMENTS#<agencyId>#<Amman date> / <paidAt>#<transactionId>)
//   RECEIPT#<agencyId>#<year>  META   the agency's receipt counter of the year (`seq`)
//   REFUND#<refundId>          META   a refund paid out (gsi1: REFUNDS#<agencyId>#<Amman date> / <refundedAt>#<refundId>)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ammanDate } from '../shared/amman-time';
import { queryAll } from '../shared/query-all';
import type { PaymentRecord, PaymentStore, RefundRecord } from './domain/payments';

export function dynamoPayments(client: DynamoDBDocumentClient, table: string): PaymentStore {
  // gsi1 projects `summary`: a day's reconciliation reads the index alone.
  const day = async (key: string) =>
    (await queryAll(client, { TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :day', ExpressionAttributeValues: { ':day': key } })).map((item) => item.summary as unknown);
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
      return (await day(`PAYMENTS#${agencyId}#${date}`)) as PaymentRecord[];
    },
    async putRefund(record) {
      const item = {
        pk: `REFUND#${record.refundId}`,
        sk: 'META',
        gsi1pk: `REFUNDS#${record.agencyId}#${ammanDate(new Date(record.refundedAt))}`,
        gsi1sk: `${record.refundedAt}#${record.refundId}`,
        summary: record,
      };
      try {
        await client.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
        return record;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) {
          throw error;
        }
        const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: item.pk, sk: 'META' }, ConsistentRead: true }));
        return Item!.summary as RefundRecord;
      }
    },
    async listRefundsByAgencyDate(agencyId, date) {
      return (await day(`REFUNDS#${agencyId}#${date}`)) as RefundRecord[];
    },
  };
}
