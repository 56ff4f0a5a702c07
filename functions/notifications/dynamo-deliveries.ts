// DynamoDB adapter of deliveries (table `engagement`): one item per email or SMS with its log, claimed by the
// delivery worker before sending, and indexed (gsi1) while deferred, retrying or dead-lettered.
import { QueryCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DeliveryRef, NotificationStore } from './domain/ports';
import { deliveryKey, isConditionFailure, type NotificationTable, toDelivery, watchedIndex } from './dynamo-notification-table';

type DeliveryStore = Pick<NotificationStore, 'getDelivery' | 'claim' | 'logAttempt' | 'listDeliveries' | 'dueDeferred' | 'released'>;

export function dynamoDeliveries(table: NotificationTable): DeliveryStore {
  const { client, tableName, get } = table;
  const getDelivery = async (ref: DeliveryRef) => {
    const item = await get(deliveryKey(ref));
    return item ? toDelivery(item) : undefined;
  };

  return {
    getDelivery,

    async claim(ref, attempt, now, leaseUntil) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand(claimUpdate(tableName, ref, { attempt, now, leaseUntil })),
        );
        return Attributes ? toDelivery(Attributes) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) {
          return undefined;
        }
        throw error;
      }
    },

    async logAttempt(ref, step) {
      const sent = step.status === 'sent';
      const watched = watchedIndex(step.status, step.at, ref);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: deliveryKey(ref),
            UpdateExpression: sent
              ? 'SET #status = :status, updatedAt = :at, history = list_append(history, :step) REMOVE leaseUntil, reason'
              : 'SET #status = :status, updatedAt = :at, history = list_append(history, :step), reason = :reason, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk REMOVE leaseUntil',
            ConditionExpression: '#status = :sending AND attempts = :attempt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': step.status,
              ':at': step.at,
              ':step': [step],
              ':sending': 'sending',
              ':attempt': step.attempt,
              ...(sent ? {} : { ':reason': step.reason ?? 'unknown', ':gsi1pk': watched.gsi1pk, ':gsi1sk': watched.gsi1sk }),
            },
          }),
        );
      } catch (error) {
        // A later attempt took the delivery over (this one outlived its lease): its log wins.
        if (!isConditionFailure(error)) {
          throw error;
        }
      }
    },

    listDeliveries: (status, limit, after) => queryIndex(table, status, { limit, after, ascending: status === 'deferred' }),

    dueDeferred: (now, limit, after) => queryIndex(table, 'deferred', { limit, after, upTo: `${now}~`, ascending: true }),

    async released(ref, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: deliveryKey(ref),
            UpdateExpression: 'SET #status = :queued, updatedAt = :at, history = list_append(history, :step) REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#status = :deferred',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':queued': 'queued', ':deferred': 'deferred', ':at': at, ':step': [{ at, status: 'queued' }] },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) {
          throw error;
        }
      }
    },
  };
}

/** Deliveries of one watched status, in gsi1 order, after a position (the cursor) or up to one. */
async function queryIndex({ client, tableName }: NotificationTable, status: string, options: { limit: number; after?: string; upTo?: string; ascending: boolean }) {
  const pk = `DELIVERIES#${status}`;
  const range = options.ascending
    ? { condition: 'gsi1sk BETWEEN :from AND :to', values: { ':from': options.after ?? ' ', ':to': options.upTo ?? '~' } }
    : options.after
      ? { condition: 'gsi1sk < :after', values: { ':after': options.after } }
      : undefined;
  const { Items = [], LastEvaluatedKey } = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: `gsi1pk = :pk${range ? ` AND ${range.condition}` : ''}`,
      ExpressionAttributeValues: { ':pk': pk, ...range?.values },
      ScanIndexForward: options.ascending,
      Limit: options.limit,
    }),
  );
  const items = Items.filter((item) => item.gsi1sk !== options.after);
  const last = items.at(-1);
  return { items: items.map(toDelivery), ...(LastEvaluatedKey && last ? { last: String(last.gsi1sk) } : {}) };
}

/** Takes a delivery to `sending` for one attempt, when it is waiting for one or its last attempt's lease ran out. */
function claimUpdate(tableName: string, ref: DeliveryRef, { attempt, now, leaseUntil }: { attempt: number; now: string; leaseUntil: string }): UpdateCommandInput {
  return {
    TableName: tableName,
    Key: deliveryKey(ref),
    UpdateExpression: 'SET #status = :sending, attempts = :attempt, leaseUntil = :lease, updatedAt = :now REMOVE gsi1pk, gsi1sk',
    ConditionExpression:
      '#status IN (:queued, :retrying, :dead) OR (#status = :deferred AND sendAfter <= :now) OR (#status = :sending AND leaseUntil < :now)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':sending': 'sending',
      ':queued': 'queued',
      ':retrying': 'retrying',
      ':dead': 'dead-lettered',
      ':deferred': 'deferred',
      ':attempt': attempt,
      ':lease': leaseUntil,
      ':now': now,
    },
    ReturnValues: 'ALL_NEW',
  };
}
