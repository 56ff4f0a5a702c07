// The mirror's identity links, in the registry table beside the originals (same key shape: IDENTITY#<sub> LINK).
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { identityLinkKey } from '../shared/dynamo-identity-links';
import type { IdentityLink } from '../shared/identity';
import type { MirrorLinkStore } from './domain/mirror';

export function dynamoMirrorLinks(client: DynamoDBDocumentClient, registryTable: () => string): MirrorLinkStore {
  return {
    async getLink(sub) {
      const { Item } = await client.send(new GetCommand({ TableName: registryTable(), Key: identityLinkKey(sub), ConsistentRead: true }));
      return Item?.link as IdentityLink | undefined;
    },
    async putLink(link) {
      await client.send(new PutCommand({ TableName: registryTable(), Item: { ...identityLinkKey(link.sub), link } }));
    },
  };
}
