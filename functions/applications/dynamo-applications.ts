// DynamoDB adapter of applications (table `applications`) and idempotency claims (table `idempotency`).
//
//   APP#<id>   META                 the application (gsi1: APPLICANT#<kind>:<id> / <createdAt>#<id>;
//                                   gsi2 while submitted and not decided: ACTIVE / <updatedAt>#<id>, for the reconciler)
//   APP#<id>   EVT#<version>#<n>    its domain events: the timeline and the outbox the stream publishes
//   idempotency: id = <sub>#<key>   { bodyHash, applicationId, expiration (TTL) }
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type ApplicationStore, applicantKey, isActive, KeyAlreadyUsed, type StoredApplication, type TimelineEvent, VersionConflict } from './domain/applications';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const appPk = (applicationId: string) => `APP#${applicationId}`;

export function dynamoApplications(client: DynamoDBDocumentClient, tables: { applications: string; idempotency: string }): ApplicationStore {
  const metaItem = (application: StoredApplication) => ({
    pk: appPk(application.applicationId),
    sk: 'META',
    version: application.version,
    status: application.status,
    gsi1pk: `APPLICANT#${applicantKey(application.applicant)}`,
    gsi1sk: `${application.createdAt}#${application.applicationId}`,
    // Sparse: only applications whose workflow should be running are in the reconciler's index.
    ...(isActive(application) ? { gsi2pk: 'ACTIVE', gsi2sk: `${application.updatedAt}#${application.applicationId}` } : {}),
    application,
  });
  const eventItems = (application: StoredApplication, events: readonly TimelineEvent[]): TransactItem[] =>
    events.map((event, index) => ({
      Put: {
        TableName: tables.applications,
        Item: { pk: appPk(application.applicationId), sk: `EVT#${String(application.version).padStart(6, '0')}#${index}`, event },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));

  return {
    async create(application, events, claim) {
      const items: TransactItem[] = [
        { Put: { TableName: tables.applications, Item: metaItem(application), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...eventItems(application, events),
      ];
      if (claim) {
        items.unshift({
          Put: {
            TableName: tables.idempotency,
            Item: { id: claim.key, bodyHash: claim.bodyHash, applicationId: application.applicationId, expiration: claim.expiresAt },
            ConditionExpression: 'attribute_not_exists(id)',
          },
        });
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (claim && error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          const { Item } = await client.send(new GetCommand({ TableName: tables.idempotency, Key: { id: claim.key }, ConsistentRead: true }));
          throw new KeyAlreadyUsed(String(Item?.bodyHash), String(Item?.applicationId));
        }
        throw error;
      }
    },

    async get(applicationId) {
      const { Item } = await client.send(new GetCommand({ TableName: tables.applications, Key: { pk: appPk(applicationId), sk: 'META' }, ConsistentRead: true }));
      return Item?.application as StoredApplication | undefined;
    },

    async save(application, expectedVersion, events) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tables.applications,
                  Item: metaItem(application),
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                },
              },
              ...eventItems(application, events),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new VersionConflict(`application ${application.applicationId} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },

    async events(applicationId) {
      const events: TimelineEvent[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.applications,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
            ExpressionAttributeValues: { ':pk': appPk(applicationId), ':evt': 'EVT#' },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        events.push(...(page.Items ?? []).map((item) => item.event as TimelineEvent));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return events;
    },

    async listActive(updatedBefore, limit, after) {
      const { Items, LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tables.applications,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :active AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':active': 'ACTIVE', ':from': after ?? ' ', ':to': `${updatedBefore}~` },
          Limit: limit,
          ExclusiveStartKey: undefined,
        }),
      );
      const items = (Items ?? []).map((item) => item.application as StoredApplication).filter((application) => !after || `${application.updatedAt}#${application.applicationId}` > after);
      const last = items.at(-1);
      return { items, ...(LastEvaluatedKey && last ? { last: `${last.updatedAt}#${last.applicationId}` } : {}) };
    },
    async listByApplicant(applicant, limit, after, status) {
      const items: StoredApplication[] = [];
      let startKey: Record<string, unknown> | undefined;
      // The status filter is applied after the key condition: read pages until the page is full.
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.applications,
            IndexName: 'gsi1',
            KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :after' : 'gsi1pk = :pk',
            ...(status ? { FilterExpression: '#status = :status' } : {}),
            ExpressionAttributeNames: status ? { '#status': 'status' } : undefined,
            ExpressionAttributeValues: { ':pk': `APPLICANT#${applicant}`, ...(after ? { ':after': after } : {}), ...(status ? { ':status': status } : {}) },
            ScanIndexForward: false,
            Limit: limit + 1,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []).map((item) => item.application as StoredApplication));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length <= limit);
      const pageItems = items.slice(0, limit);
      const last = pageItems.at(-1);
      return { items: pageItems, ...(items.length > limit && last ? { last: `${last.createdAt}#${last.applicationId}` } : {}) };
    },
  };
}
