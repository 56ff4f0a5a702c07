// Exactly once without a transaction, on the local cloud's DynamoDB: an event's handling killed after some of its
// writes (a failure injected in the table client's puts, or in the queue), then the event redelivered: each
// inbox item and each email or SMS is written once, under the ids of the first run, and each is sent once, even
// though a delivery may be put on its queue twice.
import { randomInt } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { deliver } from '../../functions/notifications/domain/deliver';
import { putPreferences } from '../../functions/notifications/domain/inbox';
import { type Message, notify, type NotifyDeps } from '../../functions/notifications/domain/notify';
import type { DeliveryRef, EmailSender, SmsSender } from '../../functions/notifications/domain/ports';
import { dynamoNotifications } from '../../functions/notifications/dynamo-notifications';
import type { Principal } from '../../functions/shared/identity';
import { tables } from '../support/api';
import { deliveriesOf, engagementTable, eventMarker } from '../support/engagement';
import { submittedVariables } from '../support/notification-variables';

class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

/** The table client, dying at the put of an inbox item or delivery after the first `allowed` of them. */
function crashingAfter(allowed: number, what: RegExp = /^(N|DELIVERY)#/): DynamoDBDocumentClient {
  const client = tables();
  let puts = 0;
  return {
    send(command: unknown) {
      if (command instanceof PutCommand && what.test(String(command.input.Item?.sk)) && ++puts > allowed) {
        return Promise.reject(new InjectedCrash(`killed before put ${puts}`));
      }
      return client.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
}

const citizen = (recordId: string): Principal => ({ sub: `sub-${recordId}`, role: 'citizen', subject: { kind: 'persons', recordId } });
const freshRecordId = () => `97${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

interface Scenario {
  readonly eventId: string;
  readonly messages: Message[];
  readonly feeds: string[];
}

/** One event telling two citizens (each an inbox item, an email and an SMS) and an agency (an inbox item). */
async function scenario(): Promise<Scenario> {
  const people = [freshRecordId(), freshRecordId()];
  const agencyId = `recovery-${randomInt(0, 1_000_000_000)}`;
  const store = dynamoNotifications(tables(), engagementTable());
  for (const person of people) {
    // No quiet hours: every SMS is queued at once, whatever the time of the test.
    await putPreferences({ store, now: () => new Date() }, citizen(person), { language: 'en', quietHours: null });
  }
  const applicationId = ulid();
  const variables = submittedVariables(applicationId);
  const messages: Message[] = [
    ...people.map((person): Message => ({ template: 'ApplicationSubmitted', recipient: { audience: 'citizen', subject: { kind: 'persons', recordId: person } }, applicationId, variables })),
    { template: 'TaskAssigned.agency', recipient: { audience: 'agency', agencyId }, applicationId, variables: { ...variables, stepName: 'Fines', deadline: '2026-05-01 13:00' } },
  ];
  return { eventId: ulid(), messages, feeds: [...people.map((person) => `persons:${person}`), `agency:${agencyId}`] };
}

function deps(client: DynamoDBDocumentClient, queued: DeliveryRef[], queue?: (ref: DeliveryRef) => Promise<void>): NotifyDeps {
  return {
    store: dynamoNotifications(client, engagementTable()),
    queue: { enqueue: queue ?? (async (ref) => void queued.push(ref)) },
    contacts: { of: async (subject) => ({ email: `c${subject.recordId}@citizens.example`, phone: `+96279${subject.recordId.slice(-7)}` }) },
    now: () => new Date(),
  };
}

/** What the event left in the table: its inbox items per feed, and their deliveries. */
async function written(given: Scenario) {
  const store = dynamoNotifications(tables(), engagementTable());
  const inbox = (await Promise.all(given.feeds.map(async (feed) => (await store.feed(feed, 20)).items))).flat();
  const deliveries = (await Promise.all(inbox.map((item) => deliveriesOf(item.notificationId)))).flat();
  return { inbox, deliveries };
}

/** Exactly one inbox item per feed, and an email and an SMS for each citizen's; returns the notification ids. */
async function expectWrittenOnce(given: Scenario): Promise<string[]> {
  const { inbox, deliveries } = await written(given);
  expect(inbox.map((item) => [item.feed, item.eventId])).toEqual(given.feeds.map((feed) => [feed, given.eventId]));
  const citizens = inbox.filter((item) => item.feed.startsWith('persons:')).map((item) => item.notificationId);
  expect(deliveries.map((delivery) => `${delivery.notificationId} ${delivery.channel}`).sort()).toEqual(citizens.flatMap((id) => [`${id} email`, `${id} sms`]).sort());
  return inbox.map((item) => item.notificationId);
}

/** Runs the delivery worker's use case on every message queued (duplicates included); counts the sends. */
async function sendAll(queued: readonly DeliveryRef[]) {
  const sent = new Map<string, number>();
  const count = (reference: string) => {
    sent.set(reference, (sent.get(reference) ?? 0) + 1);
    return { messageId: `m-${reference}` };
  };
  const email: EmailSender = { send: async (message) => count(message.reference) };
  const sms: SmsSender = { send: async (message) => count(message.reference) };
  const store = dynamoNotifications(tables(), engagementTable());
  const outcomes = [];
  for (const ref of queued) {
    outcomes.push((await deliver({ store, email, sms, now: () => new Date(), retryBaseMs: 200 }, ref, 1, 5)).kind);
  }
  return { sent, outcomes };
}

describe('an event whose handling dies midway', () => {
  // 2 citizens × (inbox item, email, SMS) + the agency's inbox item: 7 puts after the event's marker.
  it.each([0, 1, 3, 6])('is finished exactly once when redelivered (killed after %i of its 7 puts)', async (allowed) => {
    const given = await scenario();
    const queued: DeliveryRef[] = [];
    await expect(notify(deps(crashingAfter(allowed), queued), given.eventId, given.messages)).rejects.toThrow(InjectedCrash);
    expect(queued).toEqual([]);
    const marker = await eventMarker(given.eventId);
    expect(marker?.deliveries).toHaveLength(4);

    const again = await notify(deps(tables(), queued), given.eventId, given.messages);
    expect(again).toMatchObject({ duplicate: true, queued: 4 });
    // The puts go out in order, inbox items first: those the first run did not write are written now.
    expect(again.notifications).toBe(Math.max(0, 3 - allowed));
    const ids = await expectWrittenOnce(given);
    // The ids of the first run, as its marker recorded them.
    expect([...ids].sort()).toEqual(((marker as unknown as { notifications: Array<{ notificationId: string }> }).notifications ?? []).map((item) => item.notificationId).sort());

    // Once more: nothing is written, the deliveries still queued are queued again (each now twice or more).
    expect(await notify(deps(tables(), queued), given.eventId, given.messages)).toMatchObject({ duplicate: true, notifications: 0, queued: 4 });
    await expectWrittenOnce(given);
    expect(queued).toHaveLength(8);

    const { sent, outcomes } = await sendAll(queued);
    expect([...sent.values()]).toEqual([1, 1, 1, 1]);
    expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'skipped')).toHaveLength(4);
    const { deliveries } = await written(given);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // A redelivery after they were sent queues nothing; a late duplicate message sends nothing.
    expect(await notify(deps(tables(), []), given.eventId, given.messages)).toMatchObject({ duplicate: true, notifications: 0, queued: 0 });
    expect((await sendAll(queued)).sent.size).toBe(0);
    expect((await eventMarker(given.eventId))?.redeliveries).toBe(3);
  });

  it('writes nothing when killed before its marker, and is handled as new when redelivered', async () => {
    const given = await scenario();
    const queued: DeliveryRef[] = [];
    await expect(notify(deps(crashingAfter(0, /^NOTIFIED$/), queued), given.eventId, given.messages)).rejects.toThrow(InjectedCrash);
    expect(await eventMarker(given.eventId)).toBeUndefined();
    expect((await written(given)).inbox).toEqual([]);
    expect(await notify(deps(tables(), queued), given.eventId, given.messages)).toMatchObject({ duplicate: false, notifications: 3, queued: 4 });
    await expectWrittenOnce(given);
    expect([...(await sendAll(queued)).sent.values()]).toEqual([1, 1, 1, 1]);
  });

  it('queues the rest when killed while queueing, and sends each once', async () => {
    const given = await scenario();
    const queued: DeliveryRef[] = [];
    const dyingQueue = async (ref: DeliveryRef) => {
      if (queued.length >= 1) {
        throw new InjectedCrash('killed while queueing');
      }
      queued.push(ref);
    };
    await expect(notify(deps(tables(), queued, dyingQueue), given.eventId, given.messages)).rejects.toThrow(InjectedCrash);
    expect(queued).toHaveLength(1);
    expect(await notify(deps(tables(), queued), given.eventId, given.messages)).toMatchObject({ duplicate: true, notifications: 0, queued: 4 });
    await expectWrittenOnce(given);
    const { sent, outcomes } = await sendAll(queued);
    expect([...sent.values()]).toEqual([1, 1, 1, 1]);
    expect(outcomes.sort()).toEqual(['sent', 'sent', 'sent', 'sent', 'skipped']);
  });

  it('is written once when delivered twice at the same time', async () => {
    const given = await scenario();
    const queued: DeliveryRef[] = [];
    const results = await Promise.all([notify(deps(tables(), queued), given.eventId, given.messages), notify(deps(tables(), queued), given.eventId, given.messages)]);
    expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
    await expectWrittenOnce(given);
    expect([...(await sendAll(queued)).sent.values()]).toEqual([1, 1, 1, 1]);
  });
});
