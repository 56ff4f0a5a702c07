// DynamoDB adapter of notifications (table `engagement`).
//
//   EVENT#<eventId>        NOTIFIED                 a handled event: the deliveries it queued, redeliveries seen (TTL 90 days)
//   FEED#<feed>            N#<notificationId>       an inbox item; feed = persons:<n> | residents:<n> | agency:<id> | operators
//   READER#<sub>           READ#<notificationId>    when that reader read it (shared inboxes keep each reader's marks)
//   NOTIFICATION#<id>      DELIVERY#<email|sms>     one email or SMS and its log; gsi1 while deferred, retrying or
//                                                   dead-lettered: DELIVERIES#<status> / <sendAfter or updatedAt>#<id>#<channel>
//   PREFS#<feed>           CURRENT                  a citizen's preferences
// Inbox items, marks and deliveries expire (TTL) after 400 days.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryRef, NotificationStore, StoredNotification, StoredPreferences } from './domain/ports';

const DAY_SECONDS = 86_400;
const KEEP_DAYS = 400;
const MARKER_DAYS = 90;
const MAX_TRANSACTION_ITEMS = 100;

const deliveryKey = (ref: DeliveryRef) => ({ pk: `NOTIFICATION#${ref.notificationId}`, sk: `DELIVERY#${ref.channel}` });
const watchedIndex = (status: string, sortFrom: string, ref: DeliveryRef) => ({ gsi1pk: `DELIVERIES#${status}`, gsi1sk: `${sortFrom}#${ref.notificationId}#${ref.channel}` });
const expiry = (at: string, days: number) => Math.floor(Date.parse(at) / 1000) + days * DAY_SECONDS;

const deliveryFields = [
  'notificationId',
  'channel',
  'feed',
  'eventType',
  'urgent',
  'to',
  'language',
  'subject',
  'body',
  'status',
  'attempts',
  'history',
  'reason',
  'sendAfter',
  'applicationId',
  'complaintId',
  'createdAt',
  'updatedAt',
] as const;

function toDelivery(item: Record<string, unknown>): Delivery {
  return Object.fromEntries(deliveryFields.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as Delivery;
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

export function dynamoNotifications(client: DynamoDBDocumentClient, tableName: string): NotificationStore {
  const get = async (key: { pk: string; sk: string }) => (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  const getDelivery = async (ref: DeliveryRef) => {
    const item = await get(deliveryKey(ref));
    return item ? toDelivery(item) : undefined;
  };

  async function queryIndex(status: string, options: { limit: number; after?: string; upTo?: string; ascending: boolean }) {
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

  return {
    async recordEvent(eventId, at, notifications, deliveries) {
      const marker = {
        pk: `EVENT#${eventId}`,
        sk: 'NOTIFIED',
        at,
        deliveries: deliveries.map(({ notificationId, channel }) => ({ notificationId, channel })),
        redeliveries: 0,
        expiresAt: expiry(at, MARKER_DAYS),
      };
      const items = [
        { Put: { TableName: tableName, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...notifications.map((notification) => ({
          Put: {
            TableName: tableName,
            Item: { pk: `FEED#${notification.feed}`, sk: `N#${notification.notificationId}`, notification, expiresAt: expiry(at, KEEP_DAYS) },
          },
        })),
        ...deliveries.map((delivery) => ({
          Put: {
            TableName: tableName,
            Item: {
              ...deliveryKey(delivery),
              ...delivery,
              ...(delivery.status === 'deferred' ? watchedIndex('deferred', delivery.sendAfter!, delivery) : {}),
              expiresAt: expiry(at, KEEP_DAYS),
            },
          },
        })),
      ];
      if (items.length > MAX_TRANSACTION_ITEMS) {
        throw new Error(`an event with ${items.length - 1} notifications and deliveries exceeds one transaction`);
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          return false;
        }
        throw error;
      }
    },

    async redelivered(eventId, at) {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `EVENT#${eventId}`, sk: 'NOTIFIED' },
          UpdateExpression: 'ADD redeliveries :one SET lastRedeliveredAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1, ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const refs = (Attributes?.deliveries ?? []) as DeliveryRef[];
      const deliveries = await Promise.all(refs.map(getDelivery));
      return deliveries.filter((delivery): delivery is Delivery => delivery?.status === 'queued');
    },

    async getPreferences(owner) {
      return (await get({ pk: `PREFS#${owner}`, sk: 'CURRENT' }))?.preferences as StoredPreferences | undefined;
    },

    async putPreferences(owner, preferences) {
      await client.send(new PutCommand({ TableName: tableName, Item: { pk: `PREFS#${owner}`, sk: 'CURRENT', preferences } }));
    },

    async feed(feed, limit, before) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: before ? 'pk = :pk AND sk BETWEEN :from AND :before' : 'pk = :pk AND begins_with(sk, :from)',
          ExpressionAttributeValues: { ':pk': `FEED#${feed}`, ':from': 'N#', ...(before ? { ':before': `N#${before}` } : {}) },
          ScanIndexForward: false,
          Limit: limit + (before ? 1 : 0),
          ConsistentRead: true,
        }),
      );
      const items = Items.map((item) => item.notification as StoredNotification).filter((item) => item.notificationId !== before).slice(0, limit);
      const last = items.at(-1);
      return { items, ...(LastEvaluatedKey && last ? { last: last.notificationId } : {}) };
    },

    async getNotification(feed, notificationId) {
      return (await get({ pk: `FEED#${feed}`, sk: `N#${notificationId}` }))?.notification as StoredNotification | undefined;
    },

    async readMarks(reader, notificationIds) {
      const marks = new Map<string, string>();
      let keys: Record<string, unknown>[] = notificationIds.map((id) => ({ pk: `READER#${reader}`, sk: `READ#${id}` }));
      while (keys.length > 0) {
        const { Responses, UnprocessedKeys } = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys.slice(0, 100) } } }));
        for (const item of Responses?.[tableName] ?? []) {
          marks.set(String(item.sk).slice('READ#'.length), String(item.readAt));
        }
        keys = [...((UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? []), ...keys.slice(100)];
      }
      return marks;
    },

    async markRead(reader, notificationId, at) {
      const key = { pk: `READER#${reader}`, sk: `READ#${notificationId}` };
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: { ...key, readAt: at, expiresAt: expiry(at, KEEP_DAYS) }, ConditionExpression: 'attribute_not_exists(pk)' }));
        return at;
      } catch (error) {
        if (isConditionFailure(error)) {
          return String((await get(key))?.readAt ?? at);
        }
        throw error;
      }
    },

    getDelivery,

    async claim(ref, attempt, now, leaseUntil) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
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
          }),
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

    listDeliveries: (status, limit, after) => queryIndex(status, { limit, after, ascending: status === 'deferred' }),

    dueDeferred: (now, limit, after) => queryIndex('deferred', { limit, after, upTo: `${now}~`, ascending: true }),

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
