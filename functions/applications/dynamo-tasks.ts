// DynamoDB adapter of agency tasks (table `applications`).
//
//   TASK#<applicationId>.<stepId>   META   the task (gsi2: INBOX#<agencyId>#<status> / <dueAt>#<taskId>; a decision
//                                          the workflow has not been told yet is under INBOX#<agencyId>#undelivered)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Task, TaskConflict, type TaskStore } from './domain/tasks';

export function dynamoTasks(client: DynamoDBDocumentClient, tableName: string): TaskStore {
  const item = (task: Task) => ({
    pk: `TASK#${task.taskId}`,
    sk: 'META',
    version: task.version,
    gsi2pk: `INBOX#${task.agencyId}#${task.status === 'decided' && task.delivered === false ? 'undelivered' : task.status}`,
    gsi2sk: `${task.dueAt}#${task.taskId}`,
    task,
  });
  const get = async (taskId: string) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `TASK#${taskId}`, sk: 'META' }, ConsistentRead: true }));
    return Item?.task as Task | undefined;
  };
  /** Tasks of one inbox partition (and sort-key condition) that pass `filter`, a page of at most `limit` read. */
  const tasksWhere = async (pk: string, where: { key?: string; filter: string; values: Record<string, unknown> }, limit: number) => {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: `gsi2pk = :pk${where.key ? ` AND ${where.key}` : ''}`,
        FilterExpression: where.filter,
        ExpressionAttributeValues: { ':pk': pk, ...where.values },
        Limit: limit,
      }),
    );
    return Items.map((entry) => entry.task as Task);
  };
  return {
    get,
    async putIfAbsent(task) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: item(task), ConditionExpression: 'attribute_not_exists(pk)' }));
        return { task, created: true };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          return { task: (await get(task.taskId))!, created: false };
        }
        throw error;
      }
    },
    async save(task, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: item(task),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new TaskConflict(`task ${task.taskId} moved past version ${expectedVersion}`);
        }
        throw error;
      }
    },
    async inbox(agencyId, status, limit, after) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: after ? 'gsi2pk = :pk AND gsi2sk > :after' : 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `INBOX#${agencyId}#${status}`, ...(after ? { ':after': after } : {}) },
          Limit: limit,
        }),
      );
      const items = Items.map((entry) => entry.task as Task);
      const last = items.at(-1);
      return { items, ...(LastEvaluatedKey && last ? { last: `${last.dueAt}#${last.taskId}` } : {}) };
    },
    undelivered: (agencyId, decidedBefore, limit) =>
      tasksWhere(`INBOX#${agencyId}#undelivered`, { filter: 'task.decidedAt < :before', values: { ':before': decidedBefore } }, limit),
    overdue: (agencyId, dueBefore, limit) =>
      tasksWhere(`INBOX#${agencyId}#open`, { key: 'gsi2sk < :before', filter: 'attribute_not_exists(task.escalatedAt)', values: { ':before': dueBefore } }, limit),
  };
}
