// DynamoDB adapter of life-event bundles, kept in the applications table next to their member applications.
//
//   BUNDLE#<id>   META   the bundle (members, their application ids and outcomes)
//   idempotency: id = <sub>#bundle#<key>   { bodyHash, applicationId: <bundleId>, expiration (TTL) }
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { KeyAlreadyUsed } from './domain/applications';
import { VersionConflict } from '../shared/errors';
import type { BundleStore, StoredBundle } from './domain/bundles';

const bundleKey = (bundleId: string) => ({ pk: `BUNDLE#${bundleId}`, sk: 'META' });

export function dynamoBundles(client: DynamoDBDocumentClient, tables: { applications: string; idempotency: string }): BundleStore {
  return {
    async create(bundle, claim) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tables.idempotency,
                  Item: { id: claim.key, bodyHash: claim.bodyHash, applicationId: bundle.bundleId, expiration: claim.expiresAt },
                  ConditionExpression: 'attribute_not_exists(id)',
                },
              },
              { Put: { TableName: tables.applications, Item: { ...bundleKey(bundle.bundleId), version: bundle.version, bundle }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          const { Item } = await client.send(new GetCommand({ TableName: tables.idempotency, Key: { id: claim.key }, ConsistentRead: true }));
          throw new KeyAlreadyUsed(String(Item?.bodyHash), String(Item?.applicationId));
        }
        throw error;
      }
    },
    async get(bundleId) {
      const { Item } = await client.send(new GetCommand({ TableName: tables.applications, Key: bundleKey(bundleId), ConsistentRead: true }));
      return Item?.bundle as StoredBundle | undefined;
    },
    async save(bundle, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: tables.applications,
            Item: { ...bundleKey(bundle.bundleId), version: bundle.version, bundle },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new VersionConflict(`bundle ${bundle.bundleId} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },
  };
}
