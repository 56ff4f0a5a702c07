// DynamoDB adapter of agency tasks (table `applications`).
//
//   TASK#<applicationId>.<stepId>   META   the task (gsi2: INBOX#<agencyId>#<status> / <dueAt>#<taskId>; a decision
//                                          the workflow has not been told yet is under INBOX#<agencyId>#undelivered)
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflict } from '../shared/errors';
import type { StoredApplication } from './domain/applications';
import { type Task, TaskConflict, type TaskStore } from './domain/tasks';
import { FORM_SK, type FixedPart, joinApplication } from './application-items';
import { applicationSaveItems, sendSave } from './dynamo-applications';

const item = (task: Task) => ({
  pk: `TASK#${task.taskId}`,
  sk: 'META',
  version: task.version,
  gsi2pk: `INBOX#${task.agencyId}#${task.status === 'decided' && task.delivered === false ? 'undelivered' : task.status}`,
  gsi2sk: `${task.dueAt}#${task.taskId}`,
  task,
});

/** A put of the task, refused unless the stored one is at `expectedVersion`. */
const versioned = (tableName: string, task: Task, expectedVersion: number) => ({
  TableName: tableName,
  Item: item(task),
  ConditionExpression: 'version = :expected',
  ExpressionAttributeValues: { ':expected': expectedVersion },
});

export function dynamoTasks(client: DynamoDBDocumentClient, tableName: string): TaskStore {
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
    getWithApplication: (taskId) => taskWithApplication(client, tableName, taskId),
    saveWithApplication: (task, expectedVersion, change) => saveWithApplication(client, tableName, task, expectedVersion, change),
    markDelivered: (task) => markDelivered(client, tableName, task),
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

/** One consistent batch read of a task and its application (META and FORM; the task id is <applicationId>.<stepId>). */
async function taskWithApplication(client: DynamoDBDocumentClient, tableName: string, taskId: string): Promise<{ task?: Task; application?: StoredApplication }> {
  const applicationKey = { pk: `APP#${taskId.slice(0, Math.max(0, taskId.lastIndexOf('.')))}`, sk: 'META' };
  let keys: Record<string, unknown>[] | undefined = [{ pk: `TASK#${taskId}`, sk: 'META' }, applicationKey, { ...applicationKey, sk: FORM_SK }];
  const found: Record<string, unknown>[] = [];
  for (let attempt = 0; keys?.length; attempt++) {
    if (attempt > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    }
    const page: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
    found.push(...(page.Responses?.[tableName] ?? []));
    keys = page.UnprocessedKeys?.[tableName]?.Keys;
  }
  const of = (pk: string, sk = 'META') => found.find((entry) => entry.pk === pk && entry.sk === sk);
  const meta = of(applicationKey.pk);
  const application = meta ? joinApplication(meta, of(applicationKey.pk, FORM_SK)?.fixed as FixedPart | undefined) : undefined;
  return { task: of(`TASK#${taskId}`)?.task as Task | undefined, application };
}

/** The task and the application (with its events) in one transaction: a decision is on both or on neither. */
async function saveWithApplication(client: DynamoDBDocumentClient, tableName: string, task: Task, expectedVersion: number, change: Parameters<TaskStore['saveWithApplication']>[2]): Promise<void> {
  try {
    const items = (withForm: boolean) => [{ Put: versioned(tableName, task, expectedVersion) }, ...applicationSaveItems(tableName, change.next, change.expectedVersion, change.events, withForm)];
    await sendSave(client, items, 1, change.expectedVersion);
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new TaskConflict(`task ${task.taskId} moved past version ${expectedVersion}`);
      }
      throw new VersionConflict(`application ${change.next.applicationId} moved past version ${change.expectedVersion}`);
    }
    throw error;
  }
}

/** The decided task as told to the workflow, written over the task as it was read: false if it moved since. */
async function markDelivered(client: DynamoDBDocumentClient, tableName: string, task: Task): Promise<boolean> {
  try {
    await client.send(new PutCommand(versioned(tableName, { ...task, delivered: true, version: task.version + 1 }, task.version)));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      return false;
    }
    throw error;
  }
}
