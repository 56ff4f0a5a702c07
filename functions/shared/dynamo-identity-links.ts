// Identity links in the registry table: one item per Cognito account (the registry adapter writes them).
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { IdentityLink, LinkReader } from './identity';

export const identityLinkKey = (sub: string) => ({ pk: `IDENTITY#${sub}`, sk: 'LINK' });

export function dynamoIdentityLinks(client: DynamoDBDocumentClient, registryTable: () => string): LinkReader {
  return {
    async getLink(sub) {
      const { Item } = await client.send(new GetCommand({ TableName: registryTable(), Key: identityLinkKey(sub) }));
      return Item?.link as IdentityLink | undefined;
    },
  };
}
