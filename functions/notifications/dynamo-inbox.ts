// DynamoDB adapter of the inboxes (table `engagement`): inbox items by feed, each reader's read marks, and a
// citizen's notification preferences. Keys are described in dynamo-notifications.ts.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationStore, StoredNotification, StoredPreferences } from './domain/ports';
import { expiry, isConditionFailure, KEEP_DAYS, type NotificationTable } from './dynamo-notification-table';

type InboxStore = Pick<NotificationStore, 'getPreferences' | 'putPreferences' | 'feed' | 'getNotification' | 'readMarks' | 'markRead'>;

export function dynamoInbox({ client, tableName, get, batchGet }: NotificationTable): InboxStore {
  return {
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
  };
}
