// DynamoDB adapter of uploads, in the applications table beside the applications whose answers name them:
//   UPLOAD#<uploadId>  UPLOAD   { upload }   (the submission check reads them with one BatchGetItem)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadStore } from './domain/uploads';
import { type StoredUpload, uploadKey } from './domain/records';

export function dynamoUploads(client: DynamoDBDocumentClient, table: string): UploadStore {
  return {
    async create(upload) {
      await client.send(new PutCommand({ TableName: table, Item: { ...uploadKey(upload.uploadId), upload }, ConditionExpression: 'attribute_not_exists(pk)' }));
    },
    async get(uploadId) {
      const { Item } = await client.send(new GetCommand({ TableName: table, Key: uploadKey(uploadId), ConsistentRead: true }));
      return Item?.upload as StoredUpload | undefined;
    },
    async setStatus(uploadId, status, at) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: table,
            Key: uploadKey(uploadId),
            UpdateExpression: 'SET #upload.#status = :status, #upload.scannedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND #upload.#status = :pending',
            ExpressionAttributeNames: { '#upload': 'upload', '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':at': at, ':pending': 'pending' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes?.upload as StoredUpload | undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          // Already scanned (a redelivered event), or no such upload.
          return undefined;
        }
        throw error;
      }
    },
  };
}
