// The targets' trend on a real DynamoDB Local: applications counted into months before an injected clock, targets
// stored and read back by the targets adapter, each trend checked against the months worked out by hand. Moving the
// clock moves the default range, and the trend with it.
import type { DomainEvent } from '../../schemas/applications';
import type { TargetBody } from '../../schemas/kpis';
import { countEvent, type CountingDeps, kpiReport, type ReadingDeps } from '../../functions/kpis/domain/kpis';
import { targetStatus } from '../../functions/kpis/domain/targets';
import { dynamoKpis } from '../../functions/kpis/dynamo-kpis';
import { dynamoTargets } from '../../functions/kpis/dynamo-targets';
import { ammanDateAfter, ammanMonth } from '../../functions/shared/amman-time';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-kpi-trend-');

const DAY_MS = 86_400_000;
// The injected clock: today, whatever today is (and two years on under test:future).
const now = new Date();
/** Noon UTC (15:00 in Amman) on the 15th of the Amman month `monthsBack` months before the clock's. */
function midMonth(monthsBack: number): Date {
  const month = ammanMonth(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 15, 12)));
  return new Date(`${month}-15T12:00:00.000Z`);
}

const by = { role: 'citizen' } as never;
const baseline = { visits: 2, citizenMinutes: 120, governmentCostJod: 3, citizenCostJod: 5, paperPages: 4 };
let sequence = 0;

/** One application submitted in a month through a channel, approved `minutes` later, promised a week on. */
function application(serviceId: string, at: Date, channel: 'portal' | 'kiosk', minutes: number): DomainEvent[] {
  const applicationId = `T${++sequence}`;
  return [
    {
      type: 'ApplicationSubmitted',
      eventId: `${applicationId}-s`,
      applicationId,
      at: at.toISOString(),
      by,
      serviceId,
      serviceVersion: 1,
      channel,
      payableJod: 0,
      expectedCompletionDate: ammanDateAfter(at, 7),
    },
    { type: 'ApplicationApproved', eventId: `${applicationId}-ok`, applicationId, at: new Date(at.getTime() + minutes * 60_000).toISOString(), by, documentId: 'd' },
  ];
}

describe('KPI targets: the trend month on month', () => {
  const serviceId = 'trend-service';
  const deps = (clock: Date): CountingDeps & ReadingDeps => ({
    store: dynamoKpis(local.documents, { metrics: local.table('metrics'), engagement: local.table('engagement') }),
    card: async () => ({ ownerAgencyId: 'trend-agency', rolloutPhase: 3, baseline }),
    ratings: async () => ({ services: new Map(), agencies: new Map() }),
    now: () => clock,
  });
  const target = (kpi: TargetBody['kpi'], comparison: TargetBody['comparison'], value: number) => ({
    kpi,
    dimension: 'service' as const,
    value: serviceId,
    target: value,
    comparison,
    by: ammanDateAfter(now, 180),
    setAt: now.toISOString(),
    setBy: 'operator',
  });

  beforeAll(async () => {
    // Three months back: 1 of 4 through the portal (share 0.25), each approved after 30 minutes.
    // Two months back: nothing. Last month: 3 of 4 through the portal (share 0.75), each approved after 120 minutes.
    const events = [
      ...application(serviceId, midMonth(3), 'portal', 30),
      ...[1, 2, 3].flatMap(() => application(serviceId, midMonth(3), 'kiosk', 30)),
      ...[1, 2, 3].flatMap(() => application(serviceId, midMonth(1), 'portal', 120)),
      ...application(serviceId, midMonth(1), 'kiosk', 120),
    ];
    for (const event of events) {
      await countEvent(deps(now), event);
    }
    const targets = dynamoTargets(local.documents, local.table('engagement'));
    await targets.put(target('selfServiceShare', 'at-least', 0.6));
    await targets.put(target('completionMedianMinutes', 'at-most', 60));
    await targets.put(target('completionWithinSlaShare', 'at-least', 0.9));
    await targets.put(target('complaintsPer1000', 'at-most', 5));
  });

  async function statuses(clock: Date) {
    const report = await kpiReport(deps(clock), { service: serviceId });
    const stored = await dynamoTargets(local.documents, local.table('engagement')).of('service', serviceId);
    return Object.fromEntries(stored.map((one) => [one.kpi, targetStatus(one, report)]));
  }

  it('reads the last month with a value against the one before it, skipping empty months, as worked out by hand', async () => {
    const status = await statuses(now);
    // Share 0.25 → 0.75 against at-least: improving; over the range 4 of 8 = 0.5, 0.1 short of 0.6.
    expect(status.selfServiceShare).toMatchObject({ actual: 0.5, met: false, gap: 0.1, trend: 'improving' });
    // Median 30 → 120 minutes against at-most: worsening; over the range the nearest-rank median of 4×30, 4×120 is 30.
    expect(status.completionMedianMinutes).toMatchObject({ actual: 30, met: true, gap: -30, trend: 'worsening' });
    // All approved within their promised week both months: 1 → 1, steady.
    expect(status.completionWithinSlaShare).toMatchObject({ actual: 1, met: true, trend: 'steady' });
    // No complaints over 4 applications each month: 0 per 1,000 both months, steady, 5 under the ceiling.
    expect(status.complaintsPer1000).toMatchObject({ actual: 0, met: true, gap: -5, trend: 'steady' });
  });

  it('follows the injected clock: a year on, only last month is in range and there is nothing to compare it with', async () => {
    const later = new Date(now.getTime() + 300 * DAY_MS);
    const status = await statuses(later);
    expect(status.selfServiceShare).toMatchObject({ actual: 0.75, trend: null });
    expect(status.completionMedianMinutes).toMatchObject({ actual: 120, trend: null });
  });
});
