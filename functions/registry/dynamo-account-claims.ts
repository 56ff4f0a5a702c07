// A record's one account (REC#<kind>#<id> / ACCOUNT): claimed by the pre sign-up trigger, confirmed with the identity
// link by the post confirmation trigger; staff and seeded accounts are written confirmed by putLink.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RecordKind } from '../../schemas/registry';
import { AlreadyExists, type RegistryStore } from './domain/ports';
import { identityLinkKey } from '../shared/dynamo-identity-links';

const recordPk = (kind: RecordKind, recordId: string) => `REC#${kind}#${recordId}`;

type AccountClaims = Pick<RegistryStore, 'getAccount' | 'getClaim' | 'claimRecord' | 'confirmClaim'>;

export function dynamoAccountClaims(client: DynamoDBDocumentClient, tables: { registry: string }): AccountClaims {
  return {
  async getAccount(kind, recordId) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tables.registry, Key: { pk: recordPk(kind, recordId), sk: 'ACCOUNT' }, ConsistentRead: true }),
    );
    return Item?.sub as string | undefined;
  },

  async getClaim(kind, recordId) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tables.registry, Key: { pk: recordPk(kind, recordId), sk: 'ACCOUNT' }, ConsistentRead: true }),
    );
    if (!Item) {
      return undefined;
    }
    // Claims written before sign-ups were confirmed by the trigger carry a sub and no flag: those were confirmed.
    const confirmed = typeof Item.confirmed === 'boolean' ? Item.confirmed : Boolean(Item.sub);
    return { createdAt: String(Item.createdAt), confirmed, ...(Item.sub ? { sub: String(Item.sub) } : {}) };
  },

  async claimRecord(kind, recordId, createdAt) {
    try {
      await client.send(
        new PutCommand({
          TableName: tables.registry,
          Item: { pk: recordPk(kind, recordId), sk: 'ACCOUNT', createdAt, confirmed: false },
          ConditionExpression: 'attribute_not_exists(pk) OR confirmed = :false',
          ExpressionAttributeValues: { ':false': false },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new AlreadyExists('the record has a confirmed account');
      }
      throw error;
    }
  },

  async confirmClaim(link) {
    const claimKey = { pk: recordPk(link.subject.kind, link.subject.recordId), sk: 'ACCOUNT' };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tables.registry,
                Key: claimKey,
                UpdateExpression: 'SET #sub = :sub, confirmed = :true, confirmedAt = :at',
                ConditionExpression: 'attribute_exists(pk) AND confirmed = :false',
                ExpressionAttributeNames: { '#sub': 'sub' },
                ExpressionAttributeValues: { ':sub': link.sub, ':true': true, ':false': false, ':at': link.createdAt },
              },
            },
            { Put: { TableName: tables.registry, Item: { ...identityLinkKey(link.sub), link }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) {
        throw error;
      }
    }
    const { Item } = await client.send(new GetCommand({ TableName: tables.registry, Key: claimKey, ConsistentRead: true }));
    if (Item?.confirmed === true && Item.sub === link.sub) {
      return false;
    }
    throw new AlreadyExists('the claim is gone or confirmed for another account');
  },
  };
}
