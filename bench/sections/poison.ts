// Fault figure: a poison message. An agency task message names an application whose record cannot be read
// yet (as when a message outruns a restore or a replica): the consumer fails it, the queue retries it, it lands
// in the DLQ while the other applications' messages keep flowing; the record comes back, the DLQ is redriven,
// the task opens once and every application completes. In-process local cloud, its real queue and consumer.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { AGENCY_QUEUE_MAX_RECEIVES, agencyQueueName } from '../../lib/platform/workflow';
import { tableName } from '../../lib/platform/tables';
import { type CloudClient, until, vehicleStages } from '../client';
import { type BenchCloud, STAGE } from '../harness/local-cloud';
import { type FaultFigure, settle } from './faults';

export async function poisonMessage(cloud: BenchCloud, client: CloudClient, options: { applications: number }): Promise<FaultFigure> {
  const ids: string[] = [];
  for (let index = 0; index < options.applications; index++) {
    ids.push((await client.submit()).body.applicationId);
  }
  const [first, second] = vehicleStages as [typeof vehicleStages[number], typeof vehicleStages[number]];
  await Promise.all(ids.flatMap((id) => first.map((step) => until(`task ${step.stepId}`, async () => ((await client.taskStatus(`${id}.${step.stepId}`)) === 'open' ? true : undefined)))));
  const [victim, ...others] = ids as [string, ...string[]];
  const step = second[0]!;
  const queue = agencyQueueName(STAGE, step.agencyId);
  const key = { pk: `APP#${victim}`, sk: 'META' };
  const TableName = tableName(STAGE, 'applications');
  const { Item: record } = await client.tables.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
  await client.tables.send(new DeleteCommand({ TableName, Key: key }));
  await cloud.workers.queues.send(queue, JSON.stringify({ applicationId: victim, stepId: step.stepId, agencyId: step.agencyId, slaHours: 24, taskToken: `poison:${randomUUID()}` }));

  // While it fails, the other applications' first stage is approved and their next tasks come through the same queue.
  for (const id of others) {
    await Promise.all(first.map((firstStep) => client.decide(firstStep.agencyId, `${id}.${firstStep.stepId}`)));
  }
  const dead = await until('the poison message in the DLQ', async () => cloud.workers.queues.peekDeadLetters(`${queue}-dlq`).find((message) => message.body.includes(victim)), 30_000);
  const othersMovedOn = await Promise.all(others.map((id) => until(`${id}'s next task`, async () => ((await client.taskStatus(`${id}.${step.stepId}`)) === 'open' ? true : undefined)).then(() => true, () => false)));

  await client.tables.send(new PutCommand({ TableName, Item: record }));
  const { moved } = await cloud.workers.queues.redrive(`${queue}-dlq`);
  const opened = await until('the redriven task', async () => ((await client.taskStatus(`${victim}.${step.stepId}`)) ? true : undefined), 15_000).then(() => true, () => false);
  const outcome = await settle(client, ids, 60_000);
  return {
    scenario: `poison message to the DLQ, then redriven (${options.applications} applications)`,
    how: "in-process local cloud: its agency queue with SQS semantics and the real task consumer; the named application's record deleted, then put back",
    submitted: options.applications,
    completed: outcome.completed,
    lost: outcome.unfinished.length + outcome.incomplete.length + (opened ? 0 : 1),
    duplicated: outcome.repeated.length,
    details: {
      ...(outcome.unfinished.length ? { unfinished: outcome.unfinished } : {}),
      ...(outcome.incomplete.length ? { 'approved with a side effect never recorded': outcome.incomplete.length } : {}),
      ...(outcome.mismatches.length ? { 'timelines not as expected': outcome.mismatches } : {}),
      'dead-lettered after receives': `${dead.receiveCount} (maxReceiveCount ${AGENCY_QUEUE_MAX_RECEIVES})`,
      redriven: moved,
      'task opened after redrive': opened,
      'other applications moved on meanwhile': othersMovedOn.every(Boolean),
    },
  };
}
