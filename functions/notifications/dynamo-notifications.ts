// DynamoDB adapter of notifications (table `engagement`): handling an event here; inbox reads and read marks in
// dynamo-inbox.ts, deliveries in dynamo-deliveries.ts, the items they share in dynamo-notification-table.ts.
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
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryRef, EventRecord, NotificationStore } from './domain/ports';
import { dynamoDeliveries } from './dynamo-deliveries';
import { dynamoInbox } from './dynamo-inbox';
import { deliveryKey, expiry, isConditionFailure, KEEP_DAYS, MARKER_DAYS, notificationTable, toDelivery, watchedIndex } from './dynamo-notification-table';

export function dynamoNotifications(client: DynamoDBDocumentClient, tableName: string): NotificationStore {
  const table = notificationTable(client, tableName);
  const { batchGet } = table;
  return {
    ...dynamoInbox(table),
    ...dynamoDeliveries(table),

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
  };
}
