// DynamoDB adapter of issued documents, in the applications table beside the application they came from.
//
//   DOC#<documentId>  META   the document (gsi1: HOLDER#<kind>:<recordId> / <issuedAt>#<documentId>: the wallet)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../shared/query-all';
import { DocumentConflict, type DocumentStore, type StoredDocument } from './domain/documents';

const key = (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'META' });

export function dynamoDocuments(client: DynamoDBDocumentClient, table: string): DocumentStore {
  const item = (document: StoredDocument) => ({
    ...key(document.documentId),
    version: document.version,
    gsi1pk: `HOLDER#${document.holder.kind}:${document.holder.recordId}`,
    gsi1sk: `${document.issuedAt}#${document.documentId}`,
    // gsi1 projects `summary` only: the wallet reads the documents from the index alone.
    summary: document,
  });
  const get = async (documentId: string) =>
    ((await client.send(new GetCommand({ TableName: table, Key: key(documentId), ConsistentRead: true }))).Item?.summary as StoredDocument | undefined);
  return {
    get,
    async putIfAbsent(document) {
      try {
        await client.send(new PutCommand({ TableName: table, Item: item(document), ConditionExpression: 'attribute_not_exists(pk)' }));
        return document;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          return (await get(document.documentId))!;
        }
        throw error;
      }
    },
    async save(document, expectedVersion) {
      try {
        await client.send(
          new PutCommand({ TableName: table, Item: item(document), ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new DocumentConflict(`document ${document.documentId} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },
    async listByHolder(holder) {
      const items = await queryAll(client, {
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :holder',
        ExpressionAttributeValues: { ':holder': `HOLDER#${holder.kind}:${holder.recordId}` },
        ScanIndexForward: false,
      });
      return items.map((entry) => entry.summary as StoredDocument);
    },
  };
}
