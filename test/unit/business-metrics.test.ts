// The business metrics as the outbox publisher emits them: embedded metric format, namespace Khidma, each metric
// under `service` alone and with its own dimensions; and operators' sums of those lines.
import { countPublished } from '../../functions/events/event-metrics';
import { sumEmf } from '../../functions/operations/domain/metrics';
import { installMetricSink } from '../../functions/shared/metrics';
import type { DomainEvent } from '../../schemas/applications';

const lines: string[] = [];
beforeAll(() => installMetricSink((line) => lines.push(line)));
beforeEach(() => lines.splice(0));

const base = { applicationId: '01JAPP', at: '2026-01-01T10:00:00.000Z', by: { role: 'citizen' } };
const events = [
  { ...base, eventId: 'e1', type: 'ApplicationSubmitted', serviceId: 'vehicle-renewal', channel: 'portal', payableJod: 10, expectedCompletionDate: '2026-01-05' },
  { ...base, eventId: 'e2', type: 'ApplicationSubmitted', serviceId: 'vehicle-renewal', channel: 'portal', payableJod: 10, expectedCompletionDate: '2026-01-05' },
  { ...base, eventId: 'e3', type: 'TaskAssigned', stepId: 's', agencyId: 'dvld', taskId: 't', dueAt: '2026-01-02T10:00:00.000Z' },
  { ...base, eventId: 'e4', type: 'TaskDecided', stepId: 's', agencyId: 'dvld', taskId: 't', decision: 'approve' },
  { ...base, eventId: 'e5', type: 'SlaBreached', stepId: 's', agencyId: 'gam', taskId: 't2', dueAt: '2026-01-01T09:00:00.000Z' },
  { ...base, eventId: 'e6', type: 'ApplicationApproved', documentId: 'd' },
] as unknown as DomainEvent[];
// As the outbox items carry them: the application's service and channel beside each event.
const published = events.map((event) => ({ event, serviceId: 'vehicle-renewal', channel: 'portal' }));

test('each published event is one EMF line: namespace Khidma, counted under service alone and by its dimensions', () => {
  countPublished(published);
  const records = lines.map((line) => JSON.parse(line));
  expect(records).toHaveLength(6);
  expect(records[0]).toMatchObject({
    _aws: { CloudWatchMetrics: [{ Namespace: 'Khidma', Dimensions: [['service'], ['service', 'serviceId', 'channel']], Metrics: [{ Name: 'ApplicationSubmitted', Unit: 'Count' }] }] },
    service: 'khidma',
    serviceId: 'vehicle-renewal',
    channel: 'portal',
    ApplicationSubmitted: 1,
  });
  expect(records[0]._aws.Timestamp).toEqual(expect.any(Number));
  expect(records.map((record) => record._aws.CloudWatchMetrics[0].Metrics[0].Name)).toEqual([
    'ApplicationSubmitted',
    'ApplicationSubmitted',
    'TaskOpened',
    'TaskDecided',
    'SlaBreached',
    'ApplicationApproved',
  ]);
  expect(records[3]).toMatchObject({ agencyId: 'dvld', decision: 'approve', TaskDecided: 1 });
  // Outcomes by the application's service and channel, from the outbox item.
  expect(records[5]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service'], ['service', 'serviceId', 'channel']]);
  expect(records[5]).toMatchObject({ serviceId: 'vehicle-renewal', channel: 'portal', ApplicationApproved: 1 });
});

test("operators' sums: one count per metric and dimension values", () => {
  countPublished(published);
  const sums = sumEmf(lines.map((line) => JSON.parse(line)), 'Khidma');
  expect(sums).toEqual([
    { metric: 'ApplicationApproved', dimensions: { channel: 'portal', serviceId: 'vehicle-renewal' }, count: 1 },
    { metric: 'ApplicationSubmitted', dimensions: { channel: 'portal', serviceId: 'vehicle-renewal' }, count: 2 },
    { metric: 'SlaBreached', dimensions: { agencyId: 'gam' }, count: 1 },
    { metric: 'TaskDecided', dimensions: { agencyId: 'dvld', decision: 'approve' }, count: 1 },
    { metric: 'TaskOpened', dimensions: { agencyId: 'dvld' }, count: 1 },
  ]);
  expect(sumEmf(lines.map((line) => JSON.parse(line)), 'Other')).toEqual([]);
});
