// The items of the notifications adapter (table `engagement`) and the reads every part of it shares: keys,
// expiry, the delivery record's fields, a consistent get and a batched get.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryRef } from './domain/ports';

const DAY_SECONDS = 86_400;
export const KEEP_DAYS = 400;
export const MARKER_DAYS = 90;

export const deliveryKey = (ref: DeliveryRef) => ({ pk: `NOTIFICATION#${ref.notificationId}`, sk: `DELIVERY#${ref.channel}` });
export const watchedIndex = (status: string, sortFrom: string, ref: DeliveryRef) => ({ gsi1pk: `DELIVERIES#${status}`, gsi1sk: `${sortFrom}#${ref.notificationId}#${ref.channel}` });
export const expiry = (at: string, days: number) => Math.floor(Date.parse(at) / 1000) + days * DAY_SECONDS;

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

export function toDelivery(item: Record<string, unknown>): Delivery {
  return Object.fromEntries(deliveryFields.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as Delivery;
}

export const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

export interface NotificationTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined>;
  batchGet(keys: ReadonlyArray<{ pk: string; sk: string }>, consistent: boolean): Promise<Record<string, unknown>[]>;
}

export function notificationTable(client: DynamoDBDocumentClient, tableName: string): NotificationTable {
  const get = async (key: { pk: string; sk: string }) => (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

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

  return { client, tableName, get, batchGet };
}
