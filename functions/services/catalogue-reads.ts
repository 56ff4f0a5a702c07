// The catalogue reads an application needs (a card, the rollout schedule, the working calendar), apart from the
// catalogue's writes: the submission path bundles these alone (its Lambda bundle is within 1 KB of the budget).
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { WorkingCalendar } from '../../schemas/calendar';
import type { ServiceCard } from '../../schemas/services';

export const servicePk = (serviceId: string) => `SERVICE#${serviceId}`;
export const versionSk = (version: number) => `V#${String(version).padStart(10, '0')}`;

/** An item's attribute: the CURRENT copy, or one version, of a versioned document or card. */
export async function getVersioned<T>(client: DynamoDBDocumentClient, tableName: string, pk: string, attribute: string, version?: number): Promise<T | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk: version ? versionSk(version) : 'CURRENT' } }));
  return Item?.[attribute] as T | undefined;
}

export function catalogueReads(client: DynamoDBDocumentClient, tableName: string) {
  return {
    getCurrent: (serviceId: string) => getVersioned<ServiceCard>(client, tableName, servicePk(serviceId), 'card'),
    async getRollout(): Promise<Record<number, string>> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: 'ROLLOUT', sk: 'SCHEDULE' } }));
      return (Item?.phases ?? {}) as Record<number, string>;
    },
    getCalendar: (version?: number) => getVersioned<WorkingCalendar>(client, tableName, 'CALENDAR', 'calendar', version),
  };
}
