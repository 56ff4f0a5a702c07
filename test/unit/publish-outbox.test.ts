// The outbox publisher against a mocked EventBridge: which records go out, in what order, and what the stream retries.
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/events/publish-outbox';
import { logger } from '../../functions/shared/logger';
import type { DomainEvent } from '../../schemas/applications';
import { refreshEnvironment } from '../../functions/shared/environment';

process.env.EVENT_BUS_NAME = 'khidma-test-bus';
refreshEnvironment();
const eventBridge = mockClient(EventBridgeClient);

const APPLICATION_ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

const draftSaved = (n: number): DomainEvent => ({
  type: 'DraftSaved',
  eventId: `01JEVENT${String(n).padStart(18, '0')}`,
  applicationId: APPLICATION_ID,
  at: '2025-03-01T10:00:00.000Z',
  by: { role: 'citizen' },
  serviceId: 'civil-birth-certificate',
});

const image = (item: Record<string, unknown>): Record<string, AttributeValue> =>
  marshall(item, { removeUndefinedValues: true }) as Record<string, SdkAttributeValue> as Record<string, AttributeValue>;

function record(sequence: number, item: Record<string, unknown>, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord {
  return {
    eventID: `id-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/khidma-test-applications/stream/2025-01-01T00:00:00.000',
    dynamodb: {
      Keys: image({ pk: item.pk, sk: item.sk }),
      NewImage: image(item),
      SequenceNumber: String(sequence).padStart(21, '0'),
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

const eventRecord = (sequence: number, event: unknown): DynamoDBRecord =>
  record(sequence, { pk: `APP#${APPLICATION_ID}`, sk: `EVT#000001#${sequence}`, event });

/** Answers every PutEvents call, failing the entries `fails` picks (by their event's eventId). */
function answer(fails: (eventId: string, call: number) => boolean): void {
  let call = 0;
  eventBridge.on(PutEventsCommand).callsFake(({ Entries = [] }: { Entries?: PutEventsRequestEntry[] }) => {
    call += 1;
    const results: PutEventsResultEntry[] = Entries.map((entry) => {
      const { eventId } = JSON.parse(entry.Detail ?? '{}') as { eventId: string };
      return fails(eventId, call) ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' } : { EventId: `eb-${eventId}` };
    });
    return { FailedEntryCount: results.filter((result) => result.ErrorCode).length, Entries: results };
  });
}

const sentEventIds = (): string[][] =>
  eventBridge.commandCalls(PutEventsCommand).map((call) => (call.args[0].input.Entries ?? []).map((entry) => (JSON.parse(entry.Detail!) as DomainEvent).eventId));

beforeEach(() => eventBridge.reset());
afterEach(() => jest.restoreAllMocks());

test('publishes only inserted EVT# items, in stream order, as khidma.applications events on the configured bus', async () => {
  answer(() => false);
  const events = [draftSaved(1), draftSaved(2)];
  const meta = { pk: `APP#${APPLICATION_ID}`, sk: 'META', version: 1 };

  const response = await handler({
    Records: [record(1, meta), eventRecord(2, events[0]), record(3, { ...meta, version: 2 }, 'MODIFY'), eventRecord(4, events[1]), record(5, meta, 'REMOVE')],
  });

  expect(response).toEqual({ batchItemFailures: [] });
  expect(sentEventIds()).toEqual([[events[0]!.eventId, events[1]!.eventId]]);
  const [entry] = eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries!;
  expect({ ...entry, Detail: JSON.parse(entry!.Detail!) }).toEqual({
    EventBusName: 'khidma-test-bus',
    Source: 'khidma.applications',
    DetailType: 'DraftSaved',
    Detail: events[0],
    Time: new Date(events[0]!.at),
  });
});

test('sends 10 entries a call, in order', async () => {
  answer(() => false);
  const events = Array.from({ length: 23 }, (_, i) => draftSaved(i + 1));

  const response = await handler({ Records: events.map((event, i) => eventRecord(i + 1, event)) });

  expect(response.batchItemFailures).toEqual([]);
  expect(sentEventIds().map((ids) => ids.length)).toEqual([10, 10, 3]);
  expect(sentEventIds().flat()).toEqual(events.map((event) => event.eventId));
});

test('retries only the failed entries', async () => {
  const events = Array.from({ length: 5 }, (_, i) => draftSaved(i + 1));
  const flaky = new Set([events[1]!.eventId, events[3]!.eventId]);
  answer((eventId, call) => call === 1 && flaky.has(eventId));

  const response = await handler({ Records: events.map((event, i) => eventRecord(i + 1, event)) });

  expect(response.batchItemFailures).toEqual([]);
  expect(sentEventIds()).toEqual([events.map((event) => event.eventId), [...flaky]]);
});

test('after 3 retries reports the first failed record, so the stream retries from it, and publishes nothing after it', async () => {
  const events = Array.from({ length: 25 }, (_, i) => draftSaved(i + 1));
  const stuck = events[13]!.eventId;
  answer((eventId) => eventId === stuck || eventId === events[16]!.eventId);
  const error = jest.spyOn(logger, 'error');

  const response = await handler({ Records: events.map((event, i) => eventRecord(100 + i, event)) });

  expect(response.batchItemFailures).toEqual([{ itemIdentifier: '000000000000000000113' }]);
  const calls = sentEventIds();
  expect(calls).toHaveLength(1 + 4);
  expect(calls.slice(2)).toEqual([
    [stuck, events[16]!.eventId],
    [stuck, events[16]!.eventId],
    [stuck, events[16]!.eventId],
  ]);
  expect(error).toHaveBeenCalledWith(
    expect.any(String),
    expect.objectContaining({
      sequenceNumber: '000000000000000000113',
      errorName: 'PublishFailed',
      errorMessage: '2 of 25 events not published to khidma-test-bus: InternalFailure after 4 attempts',
    }),
  );
});

test('a call that fails reports the first record of its chunk', async () => {
  const events = Array.from({ length: 12 }, (_, i) => draftSaved(i + 1));
  eventBridge.on(PutEventsCommand).resolvesOnce({ FailedEntryCount: 0, Entries: events.slice(0, 10).map((event) => ({ EventId: event.eventId })) }).rejects(new Error('socket hang up'));

  const response = await handler({ Records: events.map((event, i) => eventRecord(i + 1, event)) });

  expect(response.batchItemFailures).toEqual([{ itemIdentifier: '000000000000000000011' }]);
});

test('skips an invalid event with an error naming only its id and type, and publishes the rest', async () => {
  answer(() => false);
  const error = jest.spyOn(logger, 'error');
  const valid = draftSaved(2);
  const invalid = { ...draftSaved(1), serviceId: undefined, nationalNumber: '9901234567' };

  const response = await handler({ Records: [eventRecord(1, invalid), eventRecord(2, valid)] });

  expect(response.batchItemFailures).toEqual([]);
  expect(sentEventIds()).toEqual([[valid.eventId]]);
  expect(error).toHaveBeenCalledTimes(1);
  const [, attributes] = error.mock.calls[0] as [string, Record<string, unknown>];
  expect(attributes).toMatchObject({ eventId: invalid.eventId, type: 'DraftSaved', sequenceNumber: '000000000000000000001' });
  expect(JSON.stringify(attributes)).not.toContain('9901234567');
});

test('a batch with nothing to publish makes no call', async () => {
  const response = await handler({ Records: [record(1, { pk: `APP#${APPLICATION_ID}`, sk: 'META' })] });

  expect(response.batchItemFailures).toEqual([]);
  expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
});
