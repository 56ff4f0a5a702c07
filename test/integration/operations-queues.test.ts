// Dead letters operators can act on, end to end on the local cloud: a poisoned email delivery (the local email
// channel refuses this citizen's address) is retried, dead-lettered and seen in GET /v1/operations/queues; the
// cause is fixed (the address accepted again) and POST .../redrive moves it back; it is delivered, and the
// redrive is in the audit trail with its reason.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, cloudState, tables, tokenFor } from '../support/api';
import { deliveriesOf, freshCitizen, inboxAbout, outbox, setPreferences, submitVehicleRenewal } from '../support/engagement';
import { until } from '../support/wait';
import { failureSourceOf } from '../../lib/catalogue/worker-types';
import { workers } from '../../lib/catalogue/workers';

const QUEUE = 'email-deliveries';
const failSwitch = () => path.join(cloudState().outbox, 'email.fail');
/** Other tests switch the channel off for their own addresses in the same file: add and remove only ours. */
const switchLines = () => (existsSync(failSwitch()) ? readFileSync(failSwitch(), 'utf8').split('\n').filter(Boolean) : []);
const refuse = (address: string) => writeFileSync(failSwitch(), `${[...switchLines(), address].join('\n')}\n`);
const accept = (address: string) => {
  const rest = switchLines().filter((line) => line.trim() !== address);
  // An empty switch file switches the channel off for everyone: remove it when no address is left.
  if (rest.length) {
    writeFileSync(failSwitch(), `${rest.join('\n')}\n`);
  } else {
    rmSync(failSwitch(), { force: true });
  }
};

interface QueueStatus {
  queue: string;
  kind: string;
  depth: { name: string; visible: number; inFlight: number; oldestAgeSeconds: number | null };
  deadLetters: { name: string; visible: number; inFlight: number; oldestAgeSeconds: number | null };
}

async function queues(token: string): Promise<QueueStatus[]> {
  const response = await api('/v1/operations/queues', { token });
  expect(response.status).toBe(200);
  return response.body.items;
}

describe('dead letters', () => {
  let address = '';
  afterAll(() => address && accept(address));

  it('are listed with every queue, redriven once the cause is fixed, delivered, and the redrive audited', async () => {
    const operator = await tokenFor('operator');
    const listed = await queues(operator);
    // Every agency's task queue and every platform queue, each with its DLQ.
    expect(listed.map((entry) => entry.queue)).toEqual(expect.arrayContaining(['tasks-dls', 'email-deliveries', 'sms-deliveries']));
    for (const entry of listed) {
      expect(entry.deadLetters.name).toBe(`${entry.depth.name}-dlq`);
    }

    const citizen = await freshCitizen();
    address = citizen.email;
    await setPreferences(citizen.token, { language: 'en', quietHours: null });
    refuse(address);
    const since = new Date().toISOString();
    const applicationId = await submitVehicleRenewal(citizen.token);
    const [submitted] = await until('the submission in the inbox', async () => {
      const items = await inboxAbout(citizen.token, { applicationId }, since);
      return items.length > 0 && items;
    });
    const emailOf = async () => (await deliveriesOf(submitted!.notificationId)).find((delivery) => delivery.channel === 'email');
    await until('the email dead-lettered', async () => (await emailOf())?.status === 'dead-lettered');
    // The queue moves a message to its DLQ on the receive after its last attempt.
    const poisoned = await until('the dead letter in the operators’ list', async () => {
      const entry = (await queues(operator)).find((item) => item.queue === QUEUE)!;
      return entry.deadLetters.visible >= 1 && entry;
    });
    expect(poisoned.deadLetters.oldestAgeSeconds).toEqual(expect.any(Number));

    // Bad input is refused before anything moves.
    const unknown = await api('/v1/operations/queues/tasks-nowhere/redrive', { method: 'POST', token: operator, body: { reason: 'fixed' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('queue_not_found');
    const noReason = await api(`/v1/operations/queues/${QUEUE}/redrive`, { method: 'POST', token: operator, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('validation_failed');
    const citizenTries = await api(`/v1/operations/queues/${QUEUE}/redrive`, { method: 'POST', token: citizen.token, body: { reason: 'please' } });
    expect(citizenTries.status).toBe(403);

    // The cause fixed: the channel takes the address again. Then the redrive.
    accept(address);
    const reason = `email channel back for ${applicationId}`;
    const redriven = await api(`/v1/operations/queues/${QUEUE}/redrive`, { method: 'POST', token: operator, body: { reason } });
    expect(redriven.status).toBe(202);
    expect(redriven.body).toMatchObject({ queue: QUEUE, from: 'khidma-local-email-deliveries-dlq', to: 'khidma-local-email-deliveries' });
    expect(redriven.body.moved).toBeGreaterThanOrEqual(1);

    const sent = await until('the redriven email sent', async () => {
      const delivery = await emailOf();
      return delivery?.status === 'sent' && delivery;
    });
    expect(sent.history.at(-1)).toMatchObject({ status: 'sent', attempt: 1 });
    expect(outbox('email', [submitted!.notificationId])).toEqual([expect.objectContaining({ to: citizen.email })]);

    const { Items = [] } = await tables().send(
      new QueryCommand({
        TableName: tableName('local', 'audit'),
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'contains(#record.purpose, :reason)',
        ExpressionAttributeNames: { '#record': 'record' },
        ExpressionAttributeValues: { ':pk': `SUBJECT#queue:${QUEUE}`, ':reason': reason },
      }),
    );
    expect(Items.map((item) => item.record)).toEqual([
      expect.objectContaining({ action: 'queue.redrive', actor: { id: 'operator', role: 'operator' }, fields: ['khidma-local-email-deliveries-dlq'], at: redriven.body.at }),
    ]);
  });
});

describe("workers' failure queues", () => {
  it('are listed (every event rule and stream consumer) with what to do, and refused by the redrive with 409', async () => {
    const operator = await tokenFor('operator');
    const response = await api('/v1/operations/queues', { token: operator });
    const failures: Array<{ queue: string; kind: string; worker: string; deadLetters: { name: string; visible: number }; remedy: string }> = response.body.failures;
    const expected = workers.flatMap((worker) => {
      const source = failureSourceOf(worker);
      return source ? [{ queue: `${worker.id}-${source}-failures`, kind: `${source}-failures`, worker: worker.id }] : [];
    });
    expect(failures.map(({ queue, kind, worker }) => ({ queue, kind, worker }))).toEqual(expected);
    expect(failures.find((entry) => entry.worker === 'count-kpis')).toMatchObject({
      kind: 'event-failures',
      deadLetters: { name: 'khidma-local-count-kpis-event-failures', visible: 0, inFlight: 0 },
      remedy: expect.stringContaining('invoke the worker with each body'),
    });
    const refused = await api('/v1/operations/queues/count-kpis-event-failures/redrive', { method: 'POST', token: operator, body: { reason: 'try' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'queue_not_redrivable', details: { queue: 'count-kpis-event-failures', kind: 'event-failures' } });
    const stream = await api('/v1/operations/queues/publish-outbox-stream-failures/redrive', { method: 'POST', token: operator, body: { reason: 'try' } });
    expect(stream.status).toBe(409);
  });
});
