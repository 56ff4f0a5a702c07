// The SLA sweep reads the tasks that came due, not the inbox: an agency's open inbox holding many tasks the sweep
// already escalated (and many not yet due) costs it nothing; a task that came due is still escalated, once.
// Against the local cloud's DynamoDB Local; the items each Query of the inbox index read are counted from its answers (ScannedCount).
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoApplications } from '../../functions/applications/dynamo-applications';
import { dynamoTasks, taskItem } from '../../functions/applications/dynamo-tasks';
import { escalateOverdue, type Task, type TaskDeps } from '../../functions/applications/domain/tasks';
import { localDynamoDbClient } from '../../local/dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, cloudState, tokenFor } from '../support/api';
import { localCalendar } from '../support/calendar';

const applications = tableName('local', 'applications');
const HOUR = 3_600_000;

/** A document client on the local cloud's DynamoDB that tallies the items its Queries of the inbox index read (the sweep's search; not its reads of each escalated task's application). */
function countingClient() {
  const client = DynamoDBDocumentClient.from(localDynamoDbClient(cloudState().dynamoDbEndpoint));
  const tally = { queries: 0, itemsRead: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand' && (args.input as { IndexName?: string }).IndexName === 'gsi2') {
        tally.queries += 1;
        tally.itemsRead += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'countReads' },
  );
  return { client, tally };
}

function depsOn(client: DynamoDBDocumentClient, now: Date): TaskDeps {
  return {
    tasks: dynamoTasks(client, applications),
    applications: dynamoApplications(client, { applications, idempotency: tableName('local', 'idempotency') }),
    workflow: { start: async () => {}, resume: async () => 'running', sendTaskSuccess: async () => {}, sendTaskFailure: async () => {}, stop: async () => {} },
    calendar: localCalendar,
    now: () => now,
  };
}

const task = (agencyId: string, applicationId: string, stepId: string, dueAt: Date, escalated = false): Task => ({
  taskId: `${applicationId}.${stepId}`,
  applicationId,
  stepId,
  agencyId,
  serviceId: 'vehicle-registration-renewal',
  serviceName: { ar: 'تجديد ترخيص مركبة', en: 'Vehicle registration renewal' },
  status: 'open',
  dueAt: dueAt.toISOString(),
  createdAt: new Date(dueAt.getTime() - 48 * HOUR).toISOString(),
  taskToken: `token-${stepId}`,
  ...(escalated ? { escalatedAt: new Date(dueAt.getTime() + 60_000).toISOString() } : {}),
  version: escalated ? 2 : 1,
});

/** Writes the tasks as the task store writes them (its item builder), 25 to a batch. */
async function putTasks(client: DynamoDBDocumentClient, tasks: readonly Task[]) {
  for (let offset = 0; offset < tasks.length; offset += 25) {
    let requests: Record<string, unknown>[] | undefined = tasks.slice(offset, offset + 25).map((entry) => ({ PutRequest: { Item: taskItem(entry) } }));
    while (requests?.length) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [applications]: requests as never } }));
      requests = UnprocessedItems?.[applications] as Record<string, unknown>[] | undefined;
    }
  }
}

describe('the SLA sweep reads only what came due', () => {
  it('escalates the tasks that came due past 150 escalated ones and 50 not yet due, reading only the due ones', async () => {
    const { client, tally } = countingClient();
    // An agency of its own: its inbox partition holds only this test's tasks.
    const agencyId = `vol-${randomUUID().slice(0, 8)}`;
    const now = new Date();
    const backlog = Array.from({ length: 150 }, (_, n) => task(agencyId, `BACKLOG${n}`, 'check', new Date(now.getTime() - (n + 2) * 24 * HOUR), true));
    const notYetDue = Array.from({ length: 50 }, (_, n) => task(agencyId, `LATER${n}`, 'check', new Date(now.getTime() + (n + 1) * HOUR)));
    // The due tasks belong to a real application: escalating one records SlaBreached on it.
    const submitted = await api('/v1/applications', {
      method: 'POST',
      token: await tokenFor('citizen'),
      headers: { 'idempotency-key': randomUUID() },
      body: { serviceId: 'vehicle-registration-renewal', answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' }, channel: 'portal' },
    });
    expect(submitted.status).toBe(201);
    const applicationId: string = submitted.body.applicationId;
    const due = [1, 2, 3].map((n) => task(agencyId, applicationId, `volume-check-${n}`, new Date(now.getTime() - n * 60_000)));
    await putTasks(client, [...backlog, ...notYetDue, ...due]);

    const first = await escalateOverdue(depsOn(client, now), [agencyId]);
    expect(first.escalated.sort()).toEqual(due.map((entry) => entry.taskId).sort());
    // One Query, three items read: not the 150 escalated, not the 50 later ones.
    expect(tally).toEqual({ queries: 1, itemsRead: 3 });

    const again = { ...tally };
    const second = await escalateOverdue(depsOn(client, now), [agencyId]);
    expect(second.escalated).toEqual([]);
    expect({ queries: tally.queries - again.queries, itemsRead: tally.itemsRead - again.itemsRead }).toEqual({ queries: 1, itemsRead: 0 });

    // The inbox still lists every open task, escalated ones first (the oldest due), across pages.
    const inbox = dynamoTasks(client, applications);
    const listed: Task[] = [];
    let after: string | undefined;
    do {
      const page = await inbox.inbox(agencyId, 'open', 37, after);
      listed.push(...page.items);
      after = page.last;
    } while (after);
    expect(listed).toHaveLength(203);
    expect(listed.slice(0, 153).every((entry) => entry.escalatedAt)).toBe(true);
    expect(listed.slice(153).map((entry) => entry.taskId)).toEqual(notYetDue.map((entry) => entry.taskId));
    const escalatedDue = listed.filter((entry) => entry.applicationId === applicationId);
    expect(escalatedDue.map((entry) => entry.escalatedAt)).toEqual([now.toISOString(), now.toISOString(), now.toISOString()]);

    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: applications, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)', ExpressionAttributeValues: { ':pk': `APP#${applicationId}`, ':evt': 'EVT#' } }),
    );
    const breaches = Items.map((item) => item.event as { type: string; stepId?: string }).filter((event) => event.type === 'SlaBreached');
    expect(breaches.map((event) => event.stepId).sort()).toEqual(['volume-check-1', 'volume-check-2', 'volume-check-3']);
  });
});
