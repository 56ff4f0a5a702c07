// DynamoDB adapter of consultations and e-surveys (table `engagement`).
//
//   CONSULT#<id>   META               the consultation; gsi1: CONSULTATIONS / <createdAt>#<id> (newest first)
//   CONSULT#<id>   COUNTS             comments written, and a survey's result counters (respondents, <question>#<value>...)
//   CONSULT#<id>   C#<author>         one person's comment (author: persons:<n> | residents:<n>); gsi2: CONSULT#<id>#C / <commentId>
//   CONSULT#<id>   A#<author>         that a person answered the survey (their answers are only in the counters)
// One comment and one answer per person by key; a new comment or an answer and its counters are one transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsultationStore, StoredComment, StoredConsultation } from './domain/consultations';

const pkOf = (consultationId: string) => `CONSULT#${consultationId}`;
const LIST = 'CONSULTATIONS';

function conditionFailed(error: unknown, index = 0): boolean {
  return error instanceof TransactionCanceledException ? error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed' : (error as Error).name === 'ConditionalCheckFailedException';
}

function countsUpdate(tableName: string, consultationId: string, counters: Record<string, number>) {
  const names = Object.keys(counters);
  return {
    TableName: tableName,
    Key: { pk: pkOf(consultationId), sk: 'COUNTS' },
    UpdateExpression: `ADD ${names.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#c${index}`, name])),
    ExpressionAttributeValues: Object.fromEntries(names.map((name, index) => [`:c${index}`, counters[name]])),
  };
}

const commentItem = (consultationId: string, comment: StoredComment) => ({
  pk: pkOf(consultationId),
  sk: `C#${comment.author}`,
  gsi2pk: `${pkOf(consultationId)}#C`,
  gsi2sk: comment.commentId,
  comment,
});

type CommentMethods = Pick<ConsultationStore, 'comment' | 'putComment' | 'comments' | 'commentById' | 'hide'>;

function commentStore(client: DynamoDBDocumentClient, tableName: string): CommentMethods {
  return {
  async comment(consultationId, author) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: pkOf(consultationId), sk: `C#${author}` }, ConsistentRead: true }));
    return Item?.comment as StoredComment | undefined;
  },
  async putComment(consultationId, comment, isNew) {
    try {
      if (isNew) {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: commentItem(consultationId, comment), ConditionExpression: 'attribute_not_exists(pk)' } },
              { Update: countsUpdate(tableName, consultationId, { comments: 1 }) },
            ],
          }),
        );
      } else {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: commentItem(consultationId, comment),
            ConditionExpression: 'attribute_exists(pk) AND #comment.revisions = :previous AND attribute_not_exists(#comment.#hidden)',
            ExpressionAttributeNames: { '#comment': 'comment', '#hidden': 'hidden' },
            ExpressionAttributeValues: { ':previous': comment.revisions - 1 },
          }),
        );
      }
      return true;
    } catch (error) {
      if (conditionFailed(error)) {
        return false;
      }
      throw error;
    }
  },
  async comments(consultationId, limit, after) {
    const { Items = [], LastEvaluatedKey } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: after ? 'gsi2pk = :pk AND gsi2sk > :after' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `${pkOf(consultationId)}#C`, ...(after ? { ':after': after } : {}) },
        Limit: limit,
      }),
    );
    const items = Items.map((item) => item.comment as StoredComment);
    return { items, ...(LastEvaluatedKey && items.length ? { last: items.at(-1)!.commentId } : {}) };
  },
  async commentById(consultationId, commentId) {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :id', ExpressionAttributeValues: { ':pk': `${pkOf(consultationId)}#C`, ':id': commentId } }),
    );
    return Items[0]?.comment as StoredComment | undefined;
  },
  async hide(consultationId, author, hidden) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: pkOf(consultationId), sk: `C#${author}` },
        UpdateExpression: 'SET #comment.#hidden = :hidden',
        ExpressionAttributeNames: { '#comment': 'comment', '#hidden': 'hidden' },
        ExpressionAttributeValues: { ':hidden': hidden },
      }),
    );
  },
  };
}

export function dynamoConsultations(client: DynamoDBDocumentClient, tableName: string): ConsultationStore {
  return {
    async create(consultation) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: pkOf(consultation.consultationId), sk: 'META', gsi1pk: LIST, gsi1sk: `${consultation.createdAt}#${consultation.consultationId}`, consultation },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async get(consultationId) {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :counts AND :meta', ExpressionAttributeValues: { ':pk': pkOf(consultationId), ':counts': 'COUNTS', ':meta': 'META' } }),
      );
      const meta = Items.find((item) => item.sk === 'META');
      if (!meta) {
        return undefined;
      }
      const { pk: _pk, sk: _sk, comments = 0, ...results } = Items.find((item) => item.sk === 'COUNTS') ?? {};
      return { consultation: meta.consultation as StoredConsultation, comments: Number(comments), results: results as Record<string, number> };
    },
    async list(limit, after) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :after' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': LIST, ...(after ? { ':after': after } : {}) },
          ScanIndexForward: false,
          Limit: limit + 1,
        }),
      );
      const items = Items.slice(0, limit).map((item) => item.consultation as StoredConsultation);
      const last = items.at(-1);
      return { items, ...(Items.length > limit && last ? { last: `${last.createdAt}#${last.consultationId}` } : {}) };
    },
    ...commentStore(client, tableName),
    async respond(consultationId, response) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: pkOf(consultationId), sk: 'META' },
            UpdateExpression: 'SET #consultation.#response = :response',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#consultation.#response)',
            ExpressionAttributeNames: { '#consultation': 'consultation', '#response': 'response' },
            ExpressionAttributeValues: { ':response': response },
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) {
          return false;
        }
        throw error;
      }
    },
    async answer(consultationId, author, counters, at) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { pk: pkOf(consultationId), sk: `A#${author}`, at }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Update: countsUpdate(tableName, consultationId, counters) },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) {
          return false;
        }
        throw error;
      }
    },
  };
}
