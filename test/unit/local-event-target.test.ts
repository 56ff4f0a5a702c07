// A local event rule target behaves as EventBridge's: retried, then the event the worker still fails on lands in the
// worker's failure queue (which GET /v1/operations/queues lists), where it waits; a delivery that recovers leaves
// nothing there, and events of other types never reach the worker.
import { eventTarget } from '../../local/event-target';
import { LocalQueues } from '../../local/queue';
import type { DomainEvent } from '../../schemas/applications';

const event = (type: string, eventId: string) => ({ type, eventId, applicationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', at: new Date().toISOString() }) as unknown as DomainEvent;

function target(deliver: (event: DomainEvent) => Promise<unknown>) {
  const queues = new LocalQueues({ log: () => undefined });
  queues.createQueue('khidma-local-count-kpis-event-failures');
  const lines: string[] = [];
  const subscriber = eventTarget({
    workerId: 'count-kpis',
    detailTypes: ['ApplicationSubmitted'],
    deliver,
    failureQueue: 'khidma-local-count-kpis-event-failures',
    queues,
    asDelivered: (domainEvent) => ({ 'detail-type': domainEvent.type, detail: domainEvent }),
    backoffMs: 1,
    log: (line) => lines.push(line),
  });
  return { queues, lines, subscriber };
}

test('an event the worker keeps failing on is tried three times, then kept in its failure queue as delivered', async () => {
  const tries: string[] = [];
  const { queues, lines, subscriber } = target(async (delivered) => {
    tries.push(delivered.eventId);
    throw new Error('table unavailable');
  });
  await subscriber(event('ApplicationSubmitted', 'E1'));
  expect(tries).toEqual(['E1', 'E1', 'E1']);
  expect(await queues.depth('khidma-local-count-kpis-event-failures')).toEqual({ visible: 1, inFlight: 0 });
  const [kept] = queues.receive('khidma-local-count-kpis-event-failures');
  expect(JSON.parse(kept!.body)).toMatchObject({ 'detail-type': 'ApplicationSubmitted', detail: { eventId: 'E1' } });
  expect(lines).toEqual(['count-kpis failed on event E1 (Error) after 3 attempts: sent to khidma-local-count-kpis-event-failures']);
});

test('a delivery that succeeds on a retry leaves nothing behind; other event types never reach the worker', async () => {
  const tries: string[] = [];
  const { queues, subscriber } = target(async (delivered) => {
    tries.push(delivered.eventId);
    if (tries.length === 1) {
      throw new Error('throttled once');
    }
  });
  await subscriber(event('ApplicationSubmitted', 'E2'));
  await subscriber(event('ApplicationApproved', 'E3'));
  expect(tries).toEqual(['E2', 'E2']);
  expect(await queues.depth('khidma-local-count-kpis-event-failures')).toEqual({ visible: 0, inFlight: 0 });
});
