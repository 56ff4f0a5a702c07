// KPI counting on a real DynamoDB Local with injected events and times: durations past a day, steps and
// completions late against their SLA, a redelivered event, a rebuild from a history, the complaints counted by
// the complaints store (filed, resolved, hours to resolve), each checked against figures worked out by hand.
import type { DomainEvent } from '../../schemas/applications';
import { fileComplaint, type ComplaintDeps } from '../../functions/complaints/domain/complaints';
import { respondToComplaint } from '../../functions/complaints/domain/handling';
import { dynamoComplaints } from '../../functions/complaints/dynamo-complaints';
import { countEvent, type CountingDeps, kpiReport, rebuildKpis, type ReadingDeps } from '../../functions/kpis/domain/kpis';
import { dynamoKpis } from '../../functions/kpis/dynamo-kpis';
import type { Principal } from '../../functions/shared/identity';
import { referenceCalendar } from '../../reference/calendar';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-kpis-');
const table = local.table('engagement');
const kpiTables = { metrics: local.table('metrics'), engagement: table };

const baseline = { visits: 2, citizenMinutes: 120, governmentCostJod: 3, citizenCostJod: 5, paperPages: 4 };
const by = { role: 'citizen' } as never;
const hours = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
// July 2031 in Amman (UTC+3): every instant below is inside it.
const T0 = '2031-07-06T06:00:00.000Z';

function history(applicationId: string, channel: 'portal' | 'kiosk', decisionHours: number[], approvedAfterHours: number, promised: string): DomainEvent[] {
  const events: DomainEvent[] = [
    { type: 'ApplicationSubmitted', eventId: `${applicationId}-s`, applicationId, at: T0, by, serviceId: 'svc', serviceVersion: 1, channel, payableJod: 0, expectedCompletionDate: promised },
  ];
  decisionHours.forEach((h, index) => {
    const taskId = `${applicationId}.step${index}`;
    events.push({ type: 'TaskAssigned', eventId: `${taskId}-a`, applicationId, at: T0, by, stepId: `step${index}`, agencyId: 'moh', taskId, dueAt: hours(T0, 8) });
    events.push({ type: 'TaskDecided', eventId: `${taskId}-d`, applicationId, at: hours(T0, h), by, stepId: `step${index}`, agencyId: 'moh', taskId, decision: 'approve' });
  });
  events.push({ type: 'ApplicationApproved', eventId: `${applicationId}-ok`, applicationId, at: hours(T0, approvedAfterHours), by, documentId: 'd' });
  return events;
}

describe('KPI counting', () => {
  const deps = (): CountingDeps & ReadingDeps => ({
    store: dynamoKpis(local.documents, kpiTables),
    card: async () => ({ ownerAgencyId: 'moh', rolloutPhase: 2, baseline }),
    ratings: async () => ({ services: new Map(), agencies: new Map() }),
    now: () => new Date('2031-07-20T09:00:00.000Z'),
  });
  const histories = [
    // Approved after 30 h (over a day: counted in whole hours, 1,800 minutes) on 2031-07-07, promised 2031-07-06: late.
    // Steps of 2 h and 10 h (late: due in 8 h).
    history('A1', 'portal', [2, 10], 30, '2031-07-06'),
    // Approved after 90 minutes, promised 2031-07-09: in time. One step of 1 h.
    history('A2', 'kiosk', [1], 1.5, '2031-07-09'),
  ];

  it('counts completion past a day and late steps, and savings per channel, as worked out by hand; a redelivery adds nothing', async () => {
    for (const event of histories.flat()) {
      await countEvent(deps(), event);
    }
    expect(await countEvent(deps(), histories[0]![5]!)).toBe(false); // the approval, delivered again
    const report = await kpiReport(deps(), { service: 'svc', from: '2031-07', to: '2031-07' });
    expect(report.total).toMatchObject({
      applications: { submitted: 2, approved: 2, rejected: 0, cancelled: 0 },
      // Nearest rank of [90, 1800] minutes: median the 1st, p90 the 2nd; one of two in time.
      completion: { measured: 2, medianMinutes: 90, p90Minutes: 1800, withinSlaShare: 0.5 },
      // Steps [60, 120, 600] minutes; 600 is past the 8 h due time.
      steps: { decided: 3, medianMinutes: 120, p90Minutes: 600, withinSlaShare: 0.6667 },
      uptake: { selfService: 1, assisted: 1, selfServiceShare: 0.5 },
      // portal: 2 visits, 100 min, 2.75 JOD, 5 JOD, 4 pages; kiosk: 1 visit, 75 min, 2.25 JOD, 4.5 JOD, 3 pages.
      savings: { visitsAvoided: 3, citizenHoursSaved: 2.92, governmentCostSavedJod: 5, citizenCostSavedJod: 9.5, paperPagesAvoided: 7 },
    });
  });

  it('rebuilds the same figures from the history, and a live event waits for a rebuild to end', async () => {
    const before = await kpiReport(deps(), { phase: 2, from: '2031-07', to: '2031-07' });
    async function* replay() {
      yield* histories;
    }
    const result = await rebuildKpis(deps(), replay(), new Date());
    expect(result).toMatchObject({ events: 10, counted: 7 });
    expect(await kpiReport(deps(), { phase: 2, from: '2031-07', to: '2031-07' })).toEqual(before);
    const store = dynamoKpis(local.documents, kpiTables);
    await store.startRebuild(new Date());
    await expect(countEvent(deps(), { ...histories[1]![0]!, eventId: 'during-rebuild' })).rejects.toMatchObject({ name: 'RebuildRunning' });
    await store.endRebuild();
  });

  it('streams the history: each batch of facts and markers is written before the next application is read, the figures the same', async () => {
    const before = await kpiReport(deps(), { service: 'svc', from: '2031-07', to: '2031-07' });
    const store = dynamoKpis(local.documents, kpiTables);
    let read = 0;
    const writes: { applicationsRead: number; facts: number; markers: number; cells: number }[] = [];
    const watched = {
      ...store,
      write: async (snapshot: Parameters<typeof store.write>[0], at: Date) => {
        writes.push({ applicationsRead: read, facts: snapshot.facts.length, markers: snapshot.counted.length, cells: snapshot.cells.size });
        await store.write(snapshot, at);
      },
    };
    async function* replay() {
      for (const events of histories) {
        read++;
        yield events;
      }
    }
    await rebuildKpis({ ...deps(), store: watched }, replay(), new Date(), 1);
    // Batches of one: after the first application (its facts, the submission's marker, and 3 other counted
    // events), after the second (2), an empty remainder, then the cells (service, agency, and one (phase, channel)
    // mix cell per channel: portal and kiosk → 4).
    expect(writes).toEqual([
      { applicationsRead: 1, facts: 1, markers: 3, cells: 0 },
      { applicationsRead: 2, facts: 1, markers: 2, cells: 0 },
      { applicationsRead: 2, facts: 0, markers: 0, cells: 0 },
      { applicationsRead: 2, facts: 0, markers: 0, cells: 4 },
    ]);
    expect(await kpiReport(deps(), { service: 'svc', from: '2031-07', to: '2031-07' })).toEqual(before);
  });

  it('counts complaints filed against an agency and their resolution time, per 1,000 of its applications', async () => {
    let now = new Date('2031-07-10T07:00:00.000Z');
    const complaintDeps: ComplaintDeps = {
      store: dynamoComplaints(local.documents, table),
      applications: { get: async () => undefined },
      agencies: { exists: async () => true, owning: async () => undefined },
      audit: { append: async () => undefined },
      calendar: async () => referenceCalendar(2030),
      now: () => now,
    };
    const citizen: Principal = { sub: 'c', role: 'citizen', subject: { kind: 'persons', recordId: '9000000099' } };
    const first = await fileComplaint(complaintDeps, citizen, { category: 'service-delay', agencyId: 'moh', text: 'Waiting for the inspection.' });
    await fileComplaint(complaintDeps, citizen, { category: 'other', agencyId: 'moh', text: 'Wrong fee shown.' });
    now = new Date('2031-07-10T10:00:00.000Z');
    const officer: Principal = { sub: 'o', role: 'officer', agencyId: 'moh', mfaEnrolled: true };
    await respondToComplaint(complaintDeps, officer, first.complaintId, { message: 'Booked for Sunday.', status: 'resolved' }, {});
    const report = await kpiReport(deps(), { agency: 'moh', from: '2031-07', to: '2031-07' });
    // 2 complaints over the 2 applications above: 1,000 per 1,000; one resolved after 3 hours.
    expect(report.total.complaints).toEqual({ filed: 2, per1000Applications: 1000, resolved: 1, meanResolutionHours: 3 });
  });
});
