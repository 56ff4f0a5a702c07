// DynamoDB adapter of notifications (table `engagement`).
//
//   EVENT#<eventId>        NOTIFIED                 a handled event: the ids of its inbox items and deliveries,
//                                                   redeliveries seen (TTL 90 days)
//   FEED#<feed>            N#<notificationId>       an inbox item; feed = persons:<n> | residents:<n> | agency:<id> | operators
//   READER#<sub>           READ#<notificationId>    when that reader read it (shared inboxes keep each reader's marks)
//   NOTIFICATION#<id>      DELIVERY#<email|sms>     one email or SMS and its log; gsi1 while deferred, retrying or
//                                                   dead-lettered: DELIVERIES#<status> / <sendAfter or updatedAt>#<id>#<channel>
//   PREFS#<feed>           CURRENT                  a citizen's preferences
// Inbox items, marks and deliveries expire (TTL) after 400 days.
//
// Handling an event, exactly once without a transaction: DynamoDB bills each item of a TransactWriteItems twice
// (2 WCU per KB), so one plain conditional put per item halves the write units of an event.
// 1. recordEvent: the event marker first, a conditional put (attribute_not_exists), naming the ids the run gave
//    its inbox items ({ feed, notificationId }, in message order) and deliveries ({ notificationId, channel }).
//    Refused: a redelivery; its redelivery is counted and the marker of the first run returned.
// 2. saveNotifications: each inbox item and delivery a conditional put of its own, in parallel; refused means
//    written before. Only then are the queued deliveries put on their channel's queue.
// A run that dies between 1 and 2, or midway through 2, leaves the marker with the ids: the redelivered event
// reads what the marker names (recorded: one consistent BatchGet), writes what is missing under those same
// ids (conditional puts again, so a concurrent run cannot duplicate either), and queues again each delivery
// still `queued`. A run that died before 1 wrote nothing. A queue message twice is harmless: the delivery worker
// claims a delivery (`claim`: status queued, retrying... -> sending) before sending, and a sent one is never
// claimed again. Ids stay the ULIDs of the first run (monotonic, so a feed keeps the order events were handled
// in, which ids derived from the event could not: events written together share their ULID's millisecond).
// Markers written before this scheme have no `notifications`: their items were written with them, all or nothing.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryRef, EventRecord, NotificationStore, StoredNotification, StoredPreferences } from './domain/ports';

const DAY_SECONDS = 86_400;
const KEEP_DAYS = 400;
const MARKER_DAYS = 90;

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

  /** The items of these keys that exist (100 keys a call, unprocessed keys retried). */
  async function batchGet(keys: ReadonlyArray<{ pk: string; sk: string }>, consistent: boolean): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = [...keys];
    while (pending.length > 0) {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending.slice(0, 100), ...(consistent ? { ConsistentRead: true } : {}) } } }),
      );
      found.push(...(Responses?.[tableName] ?? []));
      pending = [...((UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? []), ...pending.slice(100)];
    }
    return found;
  }

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
    async recordEvent(eventId, record) {
      const key = { pk: `EVENT#${eventId}`, sk: 'NOTIFIED' };
      const marker = {
        ...key,
        at: record.at,
        notifications: record.notifications ?? [],
        deliveries: record.deliveries.map(({ notificationId, channel }) => ({ notificationId, channel })),
        redeliveries: 0,
        expiresAt: expiry(record.at, MARKER_DAYS),
      };
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' }));
        return undefined;
      } catch (error) {
        if (!isConditionFailure(error)) {
          throw error;
        }
      }
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'ADD redeliveries :one SET lastRedeliveredAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1, ':at': record.at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return {
        at: String(Attributes?.at),
        ...(Attributes?.notifications ? { notifications: Attributes.notifications as EventRecord['notifications'] } : {}),
        deliveries: (Attributes?.deliveries ?? []) as DeliveryRef[],
      };
    },

    async saveNotifications(at, notifications, deliveries) {
      const items = [
        ...notifications.map((notification) => ({ pk: `FEED#${notification.feed}`, sk: `N#${notification.notificationId}`, notification, expiresAt: expiry(at, KEEP_DAYS) })),
        ...deliveries.map((delivery) => ({
          ...deliveryKey(delivery),
          ...delivery,
          ...(delivery.status === 'deferred' ? watchedIndex('deferred', delivery.sendAfter!, delivery) : {}),
          expiresAt: expiry(at, KEEP_DAYS),
        })),
      ];
      // One plain conditional put each, in parallel: a refused one is there already (written by an earlier run).
      // All settle before a failure is thrown: no put of this run lands after it has failed.
      const settled = await Promise.allSettled(
        items.map((item) => client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }))),
      );
      const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected' && !isConditionFailure(result.reason));
      if (failure) {
        throw failure.reason;
      }
    },

    async recorded(record) {
      const inboxKey = (feed: string, notificationId: string) => ({ pk: `FEED#${feed}`, sk: `N#${notificationId}` });
      const items = await batchGet([
        ...(record.notifications ?? []).map(({ feed, notificationId }) => inboxKey(feed, notificationId)),
        ...record.deliveries.map(deliveryKey),
      ], true);
      return {
        notificationIds: new Set(items.filter((item) => String(item.sk).startsWith('N#')).map((item) => String(item.sk).slice('N#'.length))),
        deliveries: items.filter((item) => String(item.sk).startsWith('DELIVERY#')).map(toDelivery),
      };
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
      const items = await batchGet(notificationIds.map((id) => ({ pk: `READER#${reader}`, sk: `READ#${id}` })), false);
      return new Map(items.map((item) => [String(item.sk).slice('READ#'.length), String(item.readAt)]));
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
