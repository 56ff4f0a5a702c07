// KPIs on the local cloud: a service of this test's own (so no other test's applications count in it), five
// applications driven through the API to approval, rejection or cancellation on three channels, and every KPI
// checked against figures worked out here by hand from the card's baseline, the stated digital cost and the
// events' own timestamps. Then a redelivered event adds nothing, the rebuild from the event history gives the
// same figures, and the public subset withholds every figure under 10 applications.
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rebuildFromTables } from '../../functions/kpis/rebuild';
import { tableName } from '../../lib/platform/tables';
import { referenceServices } from '../../reference/services';
import { api, cloudState, tables, tokenFor } from '../support/api';
import { cancel, type Citizen, decide, freshCitizen, openTask, waitForStatus } from '../support/engagement';
import { until } from '../support/wait';
import { refreshEnvironment } from '../../functions/shared/environment';

const serviceId = `kpi-test-${randomInt(0, 1_000_000_000)}`;
const STEPS = ['check-birth-record', 'assign-number'] as const;
const answers = { birthCertificateNumber: 'BC-2026-0001', childFullName: 'Lina Omar Khalil Haddad' };

interface LoggedEvent {
  type: string;
  applicationId: string;
  eventId: string;
  at: string;
  taskId?: string;
}

async function createLaunchedService(): Promise<void> {
  const card = structuredClone(referenceServices.find((seed) => seed.serviceId === 'child-national-number')!.card);
  card.baseline = { visits: 3, citizenMinutes: 200, governmentCostJod: 4.5, citizenCostJod: 6, paperPages: 5 };
  card.channels = ['portal', 'mobile', 'service-centre'];
  const token = await tokenFor('operator');
  const created = await api(`/v1/services/${serviceId}`, { method: 'PUT', token, body: { expectedVersion: 0, card } });
  expect(created.status).toBe(201);
  let version = created.body.version as number;
  for (const stage of ['feasibility-study', 'digitization', 'quality-check', 'launched']) {
    const moved = await api(`/v1/services/${serviceId}/stage`, { method: 'POST', token, body: { stage, expectedVersion: version } });
    expect(moved.status).toBe(200);
    version = moved.body.version;
  }
}

async function submit(token: string, channel: string, extra: object = {}): Promise<string> {
  const response = await api('/v1/applications', { method: 'POST', token, body: { serviceId, answers, channel, ...extra }, headers: { 'idempotency-key': randomUUID() } });
  if (response.status !== 201) {
    throw new Error(`submitting: ${response.status} ${response.text}`);
  }
  return response.body.applicationId as string;
}

async function approveAll(citizen: Citizen, applicationId: string): Promise<void> {
  for (const stepId of STEPS) {
    await decide('cspd', await openTask('cspd', applicationId, stepId), 'approve');
  }
  await waitForStatus(citizen.token, applicationId, 'approved');
}

/** The published domain events of these applications, from the local bus's log. */
function eventsOf(applicationIds: readonly string[]): LoggedEvent[] {
  return readFileSync(cloudState().events, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedEvent)
    .filter((event) => applicationIds.includes(event.applicationId));
}

/** Nearest-rank percentile of whole minutes (rounded up, at least one), worked out the plain way: sort and index. */
function nearestRank(durationsMs: number[], p: number): number {
  const minutes = durationsMs.map((ms) => Math.max(1, Math.ceil(ms / 60_000))).sort((a, b) => a - b);
  return minutes[Math.ceil(p * minutes.length) - 1]!;
}

const kpis = async (query: string, path = '/v1/kpis') => {
  const response = await api(`${path}?${query}`, path === '/v1/kpis' ? { token: await tokenFor('operator') } : {});
  expect(response.status).toBe(200);
  return response.body;
};

afterAll(async () => (await import('../../functions/shared/dynamo')).dynamo.destroy());

describe('KPIs counted from the domain events', () => {
  const approved: string[] = [];
  let rejected = '';
  let cancelled = '';
  let range = '';

  beforeAll(async () => {
    await createLaunchedService();
    const [first, second, third] = await Promise.all([freshCitizen(), freshCitizen(), freshCitizen()]);
    // Approved: one on the portal, one on mobile, one at a service centre (frontline staff, with the citizen's consent).
    const portal = await submit(first!.token, 'portal');
    const mobile = await submit(second!.token, 'mobile');
    const consent = await api('/v1/consents', {
      method: 'POST',
      token: third!.token,
      body: { serviceCentreId: 'amman-central', fields: ['fullName', 'familyBookNumber'], purpose: `assisted ${serviceId}`, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
    });
    expect(consent.status).toBe(201);
    const assisted = await submit(await tokenFor('frontline'), 'service-centre', { onBehalfOf: { nationalNumber: third!.nationalNumber } });
    rejected = await submit(first!.token, 'portal');
    cancelled = await submit(second!.token, 'portal');
    await approveAll(first!, portal);
    await approveAll(second!, mobile);
    await approveAll(third!, assisted);
    approved.push(portal, mobile, assisted);
    await decide('cspd', await openTask('cspd', rejected, STEPS[0]), 'reject', 'The birth record does not match the certificate');
    await waitForStatus(first!.token, rejected, 'rejected');
    await openTask('cspd', cancelled, STEPS[0]);
    await cancel(second!.token, cancelled);
    // Satisfaction: two ratings of this service (5 and 4).
    for (const [citizen, applicationId, rating] of [[first!, portal, 5], [second!, mobile, 4]] as const) {
      expect((await api(`/v1/applications/${applicationId}/feedback`, { method: 'POST', token: citizen.token, body: { rating } })).status).toBe(201);
    }
    const months = eventsOf([...approved, rejected, cancelled]).map((event) => event.at);
    const month = (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Amman', year: 'numeric', month: '2-digit' }).format(new Date(at));
    range = `from=${month(months.sort()[0]!)}&to=${month(new Date().toISOString())}`;
    // The last event counted: the cancellation (the counter hears events in order on the local bus).
    await until('the cancellation counted', async () => (await kpis(`service=${serviceId}&${range}`)).total.applications.cancelled === 1);
  }, 240_000);

  it('counts applications, channels, completion and steps against SLA, savings and satisfaction as worked out by hand', async () => {
    const report = await kpis(`service=${serviceId}&${range}`);
    expect(report).toMatchObject({ dimension: 'service', value: serviceId });
    const events = eventsOf([...approved, rejected, cancelled]);
    const at = (applicationId: string, type: string) => Date.parse(events.find((event) => event.applicationId === applicationId && event.type === type)!.at);
    const completions = approved.map((applicationId) => at(applicationId, 'ApplicationApproved') - at(applicationId, 'ApplicationSubmitted'));
    const assigned = new Map(events.filter((event) => event.type === 'TaskAssigned').map((event) => [event.taskId, Date.parse(event.at)]));
    const steps = events.filter((event) => event.type === 'TaskDecided').map((event) => Date.parse(event.at) - assigned.get(event.taskId)!);
    expect(steps).toHaveLength(7); // two steps of each approved application, the first of the rejected one

    expect(report.total).toEqual({
      applications: { submitted: 5, approved: 3, rejected: 1, cancelled: 1 },
      completion: { measured: 3, medianMinutes: nearestRank(completions, 0.5), p90Minutes: nearestRank(completions, 0.9), withinSlaShare: 1 },
      steps: { decided: 7, medianMinutes: nearestRank(steps, 0.5), p90Minutes: nearestRank(steps, 0.9), withinSlaShare: 1 },
      // 4 of 5 applied themselves (3 portal, 1 mobile); 1 was assisted at a service centre.
      uptake: { selfService: 4, assisted: 1, selfServiceShare: 0.8, byChannel: { portal: 3, mobile: 1, kiosk: 0, 'service-centre': 1, 'call-centre': 0 } },
      // Complaints are counted per agency and in all, not per service.
      complaints: { filed: 0, per1000Applications: 0, resolved: 0, meanResolutionHours: null },
      // Baseline 3 visits, 200 min, 4.5 JOD government, 6 JOD citizen, 5 pages; approved on portal and mobile
      // (0 visits, 20 min, 0.25 JOD, 0 JOD, 0 pages) and at a service centre (1 visit, 60 min, 1.75 JOD, 1 JOD, 1 page):
      savings: {
        visitsAvoided: 3 + 3 + 2,
        citizenHoursSaved: Math.round(((180 + 180 + 140) / 60) * 100) / 100,
        governmentCostSavedJod: 4.25 + 4.25 + 2.75,
        citizenCostSavedJod: 6 + 6 + 5,
        paperPagesAvoided: 5 + 5 + 4,
      },
    });
    expect(report.satisfaction.find((quarter: { ratings: number }) => quarter.ratings > 0)).toMatchObject({ ratings: 2, average: 4.5 });
    expect(report.months.reduce((sum: number, month: { applications: { submitted: number } }) => sum + month.applications.submitted, 0)).toBe(5);
  });

  it("shows the service's targets with actual against target, whether met and the gap; refuses a target without its scope", async () => {
    const operator = await tokenFor('operator');
    const set = async (body: object) => api('/v1/kpis/targets', { method: 'PUT', token: operator, body: { dimension: 'service', value: serviceId, by: '2027-12-31', ...body } });
    expect((await set({ kpi: 'selfServiceShare', target: 0.6, comparison: 'at-least', responsible: 'CSPD digital services' })).status).toBe(200);
    expect((await set({ kpi: 'satisfaction', target: 4.6, comparison: 'at-least' })).status).toBe(200);
    expect((await set({ kpi: 'complaintsPer1000', target: 5, comparison: 'at-most' })).status).toBe(200);
    expect((await set({ kpi: 'selfServiceShare', target: 60, comparison: 'at-least' })).body.error.code).toBe('target_range');
    expect((await api('/v1/kpis/targets', { method: 'PUT', token: operator, body: { kpi: 'satisfaction', dimension: 'agency', target: 4, comparison: 'at-least', by: '2027-12-31' } })).body.error.code).toBe('target_scope');
    const { targets } = await kpis(`service=${serviceId}&${range}`);
    const byKpi = Object.fromEntries(targets.map((target: { kpi: string }) => [target.kpi, target]));
    // 4 of 5 self-service against 60%; ratings 5 and 4 (4.5) against 4.6; no complaints against at most 5 per 1,000.
    expect(byKpi.selfServiceShare).toMatchObject({ target: 0.6, actual: 0.8, met: true, gap: -0.2, responsible: 'CSPD digital services' });
    expect(byKpi.satisfaction).toMatchObject({ target: 4.6, actual: 4.5, met: false, gap: 0.1 });
    expect(byKpi.complaintsPer1000).toMatchObject({ actual: 0, met: true, gap: -5 });
    expect((await api(`/v1/public/kpis?service=${serviceId}&${range}`)).body.targets).toBeUndefined();
  });

  it('adds nothing for an event delivered again', async () => {
    const before = await kpis(`service=${serviceId}&${range}`);
    // The handler module wires its production adapters when loaded: point them at the local cloud first.
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: cloudState().dynamoDbEndpoint,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_METRICS: tableName('local', 'metrics'),
      TABLE_CATALOGUE: tableName('local', 'catalogue'),
    });
    refreshEnvironment();
    const { handler } = await import('../../functions/kpis/count-events');
    for (const event of eventsOf([approved[0]!])) {
      await handler({ id: event.eventId, 'detail-type': event.type, detail: event } as never);
    }
    expect(await kpis(`service=${serviceId}&${range}`)).toEqual(before);
  });

  it('rebuilds from the event history to the same figures', async () => {
    const before = await kpis(`service=${serviceId}&${range}`);
    const result = await rebuildFromTables(tables(), { applications: tableName('local', 'applications'), metrics: tableName('local', 'metrics'), catalogue: tableName('local', 'catalogue') });
    expect(result.counted).toBeGreaterThanOrEqual(5 + 3 + 1 + 1 + 7);
    expect(await kpis(`service=${serviceId}&${range}`)).toEqual(before);
  });

  it('publishes the same cell with every figure under 10 applications withheld, and nothing personal', async () => {
    const response = await api(`/v1/public/kpis?service=${serviceId}&${range}`);
    expect(response.status).toBe(200);
    expect(response.body.total.applications).toEqual({ submitted: null, approved: null, rejected: null, cancelled: null });
    expect(response.body.total.completion.medianMinutes).toBeNull();
    expect(response.body.total.savings.visitsAvoided).toBeNull();
    expect(response.body.total.uptake.selfServiceShare).toBeNull();
    expect(response.body.satisfaction.every((quarter: { average: unknown }) => quarter.average === null)).toBe(true);
    for (const applicationId of [...approved, rejected, cancelled]) {
      expect(response.text).not.toContain(applicationId);
    }
  });

  it("gives operators an agency's quarterly report to download, in Arabic and English, with a chart", async () => {
    const operator = await tokenFor('operator');
    const quarter = `${range.slice(-7, -3)}-Q${Math.ceil(Number(range.slice(-2)) / 3)}`;
    const english = await api(`/v1/kpis/reports/cspd?quarter=${quarter}&lang=en`, { token: operator });
    expect(english.status).toBe(200);
    expect(english.headers.get('content-type')).toMatch(/^text\/html/);
    expect(english.headers.get('content-disposition')).toBe(`attachment; filename="khidma-cspd-${quarter}.html"`);
    expect(english.text).toMatch(/<html lang="en" dir="ltr">/);
    expect(english.text).toContain(`Quarterly performance report</h1><h2>Civil Status and Passport Department · ${quarter}`);
    expect(english.text).toMatch(/<svg [^>]*role="img"[\s\S]*<rect /);
    const arabic = await api(`/v1/kpis/reports/cspd?quarter=${quarter}`, { token: operator });
    expect(arabic.text).toMatch(/<html lang="ar" dir="rtl">[\s\S]*تقرير الأداء الربعي/);
    expect((await api('/v1/kpis/reports/nowhere', { token: operator })).body.error.code).toBe('unknown_agency');
    expect((await api('/v1/kpis/reports/cspd', { token: await tokenFor('officer-cspd') })).status).toBe(403);
  });

  it('answers bad filters with a 400 and its code', async () => {
    const operator = await tokenFor('operator');
    expect((await api(`/v1/kpis?service=${serviceId}&agency=cspd`, { token: operator })).body.error.code).toBe('kpi_filters');
    expect((await api('/v1/kpis?from=2026-05&to=2026-01', { token: operator })).body.error.code).toBe('month_range');
    expect((await api('/v1/kpis?from=2020-01&to=2026-01', { token: operator })).body.error.code).toBe('month_range');
    expect((await api('/v1/public/kpis?from=2026-13')).status).toBe(400);
    expect((await api('/v1/kpis?phase=9', { token: operator })).status).toBe(400);
  });
});
